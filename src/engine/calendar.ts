/**
 * The program's calendar: its years, months and days begin at midnight on the store's own clock
 * (`ProgramConfig.timeZone`, an IANA zone; UTC when unset). A New York store's 8 pm order on
 * 31 December belongs to that year, and a Tokyo member's birthday month starts on their 1st, not
 * nine hours later. Instants stay UTC milliseconds everywhere else; only the calendar bends.
 */
import { addMonths, DAY_MS } from '../core/clock.js';
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

const WEEK_MS = 7 * DAY_MS;

/** A week of a zone's offsets: the one at its start, and where (Infinity: nowhere) it changes to `after`. */
interface Week {
  offset: number;
  changesAt: number;
  after: number;
}

const weeks = new Map<string, Map<number, Week>>();
/** The week read last (instants come in runs from one zone and week). */
let last: { zone: string; k: number; week: Week | undefined } = { zone: '', k: NaN, week: undefined };

/**
 * `offsetAt` from a cache of weeks: the offset at each week's start and end, and the second the
 * clocks change between them, found by halving (offsets change on whole seconds). A replay asks for
 * offsets per batch, and a week costs 2 reads of Intl (~5 µs each), plus ~20 where the clocks
 * change, against one read per call. (It takes a zone to change its clocks at most once a week:
 * tzdata's closest changes, a summer time suspended for Ramadan, are a month apart.)
 */
function weekOffset(at: number, zone: string): number {
  const k = Math.floor(at / WEEK_MS);
  let week = last.zone === zone && last.k === k ? last.week : undefined;
  if (!week) {
    let cache = weeks.get(zone);
    if (!cache) weeks.set(zone, (cache = new Map()));
    week = cache.get(k);
    if (!week) cache.set(k, (week = readWeek(k, zone)));
    last = { zone, k, week };
  }
  return at < week.changesAt ? week.offset : week.after;
}

function readWeek(k: number, zone: string): Week {
  const start = k * WEEK_MS;
  const offset = offsetAt(start, zone);
  const after = offsetAt(start + WEEK_MS, zone);
  let changesAt = Infinity;
  if (after !== offset) {
    let lo = start / 1000;
    let hi = (start + WEEK_MS) / 1000;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid * 1000, zone) === offset) lo = mid;
      else hi = mid;
    }
    changesAt = hi * 1000;
  }
  return { offset, changesAt, after };
}

/**
 * The instant `zone`'s clock reads `wall` (an instant whose UTC fields are the wall clock's). Where
 * the clocks are turned back and it reads twice, the first; where they jump forward over it, the
 * instant as far past the jump as `wall` is past the jump's start (as `localStart` does).
 */
function fromWall(wall: number, zone: string): number {
  const before = weekOffset(wall - DAY_MS, zone);
  const after = weekOffset(wall + DAY_MS, zone);
  if (before === after) return wall - before;
  const reads = [wall - before, wall - after].filter((at) => at + weekOffset(at, zone) === wall);
  return reads.length ? Math.min(...reads) : wall - Math.min(before, after);
}

/**
 * `months` calendar months after an instant on `zone`'s calendar (UTC's when unset), at the same
 * time of day on its clock, the day clamped to the month's last (31 Jan + 1 month = 28/29 Feb):
 * `addMonths` on the store's wall clock, and `addMonths` itself, to the millisecond, in UTC. Asked
 * for many instants (a replay's batches and activity, a tier's orders), it does the calendar sum
 * once per local day and reads offsets from a cache of weeks.
 */
export class MonthsAfter {
  /** Per local day (days since the epoch on the wall clock): the wall-clock start of the day `months` on, and its offset if one all day. */
  private readonly days = new Map<number, { wall: number; offset: number }>();
  /** The wall clock is UTC's: no offsets to read. */
  private readonly utc: boolean;
  constructor(
    private readonly months: number,
    private readonly zone: string | undefined,
  ) {
    this.utc = !zone || zone === 'UTC';
  }
  at(time: number): number {
    const zone = this.zone!;
    const wall = this.utc ? time : time + weekOffset(time, zone);
    const day = Math.floor(wall / DAY_MS);
    let to = this.days.get(day);
    if (!to) {
      const start = addMonths(day * DAY_MS, this.months);
      // (the day's instants lie within 14 hours of its wall-clock times)
      const offset = this.utc ? 0 : weekOffset(start - DAY_MS, zone);
      to = { wall: start, offset: this.utc || offset === weekOffset(start + 2 * DAY_MS, zone) ? offset : NaN };
      this.days.set(day, to);
    }
    const at = to.wall + (wall - day * DAY_MS);
    return Number.isNaN(to.offset) ? fromWall(at, zone) : at - to.offset;
  }
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
