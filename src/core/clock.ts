/** Time comes from a clock so that return windows and expiry can be tested without waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  constructor(private time: number) {}
  now(): number {
    return this.time;
  }
  set(time: number | string | Date): void {
    this.time = new Date(time).getTime();
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export const DAY_MS = 86_400_000;

/** Days of each month (0–11) in a common year. */
export const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Adds calendar months in UTC, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(time: number, months: number): number {
  // Arithmetic on the UTC calendar, one Date read: replays call this once per ledger batch.
  const d = new Date(time);
  const year = d.getUTCFullYear();
  const day = d.getUTCDate();
  const timeOfDay = time - Date.UTC(year, d.getUTCMonth(), day);
  const total = d.getUTCMonth() + months;
  const y = year + Math.floor(total / 12);
  const m = total - Math.floor(total / 12) * 12;
  const last = m === 1 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : MONTH_DAYS[m]!;
  return Date.UTC(y, m, Math.min(day, last)) + timeOfDay;
}
