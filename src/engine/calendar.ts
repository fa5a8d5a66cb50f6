/**
 * The program's calendar: its years, months and days begin at midnight on the store's own clock
 * (`ProgramConfig.timeZone`, an IANA zone; UTC when unset). A New York store's 8 pm order on
 * 31 December belongs to that year, and a Tokyo member's birthday month starts on their 1st, not
 * nine hours later. Instants stay UTC milliseconds everywhere else; only the calendar bends.
 */
import { DAY_MS } from '../core/clock.js';
import type { EngineState } from './state.js';

export interface LocalDate {
  year: number;
  /** 0–11 */
  month: number;
  day: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** What to add to an instant to read the zone's wall clock as UTC fields. */
function offsetAt(at: number, zone: string): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(zone, format);
  }
  const f: Record<string, number> = {};
  for (const part of format.formatToParts(at)) if (part.type !== 'literal') f[part.type] = Number(part.value);
  return Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!) - Math.floor(at / 1000) * 1000;
}

/** The time zone of a program's calendar (undefined: UTC). */
export const zoneOf = (state: EngineState, programId: string): string | undefined => state.programs[programId]?.timeZone;

/** The calendar date of `at` in `zone`. */
export function localDate(at: number, zone = 'UTC'): LocalDate {
  const d = new Date(zone === 'UTC' ? at : at + offsetAt(at, zone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

/** The instant a calendar date begins in `zone` (its local midnight); months and days may overflow as in Date.UTC. */
export function localStart(year: number, month: number, day: number, zone = 'UTC'): number {
  const wall = Date.UTC(year, month, day);
  if (zone === 'UTC') return wall;
  // Read with the offset before and the offset after a change of clocks near midnight: the day
  // begins at the earliest of the two that falls on the date. Where the clocks jump forward at
  // midnight (Havana, Asunción) midnight does not exist, neither falls on it, and the day begins
  // at the jump, the later one.
  const first = wall - offsetAt(wall, zone);
  const second = wall - offsetAt(first, zone);
  const target = new Date(wall);
  const onDate = (at: number) => {
    const d = localDate(at, zone);
    return d.year === target.getUTCFullYear() && d.month === target.getUTCMonth() && d.day === target.getUTCDate();
  };
  const on = [first, second].filter(onDate);
  return on.length ? Math.min(...on) : Math.max(first, second);
}

/** The calendar year of `at` in `zone`. */
export const yearOf = (at: number, zone?: string): number => localDate(at, zone).year;

/** The instant the calendar year `year` begins in `zone`. */
export const yearStart = (year: number, zone?: string): number => localStart(year, 0, 1, zone);

/** The instant the day of `at` begins in `zone`. */
export function dayStart(at: number, zone = 'UTC'): number {
  if (zone === 'UTC') return Math.floor(at / DAY_MS) * DAY_MS;
  const { year, month, day } = localDate(at, zone);
  return localStart(year, month, day, zone);
}

/** Whether `zone` names a time zone this runtime knows. */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
