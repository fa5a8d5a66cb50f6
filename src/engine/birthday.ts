import { localDate, yearOf, yearStart } from './calendar.js';
import { DAY_MS } from '../core/clock.js';
import { EngineError } from './errors.js';
import { member as getMember, program as getProgram, recordAction } from './members.js';
import { isValidBirthday } from '../core/person.js';
import { memberLedger, type Birthday, type EngineState } from './state.js';

/**
 * The birthday reward (PRODUCT §3, "surprise & upgrades"): the program's `birthday` action points,
 * once per calendar year, claimable only during the member's birthday month (on the store's calendar). So that the
 * date cannot be moved around to collect more, a member may change it at most once per
 * `changeCooldownDays` (365).
 */
export interface BirthdayConfig {
  /** Days between two changes of a member's birthday. */
  changeCooldownDays: number;
}

export const DEFAULT_BIRTHDAY: BirthdayConfig = { changeCooldownDays: 365 };

/** The slice the lead adds to EngineState (as `birthdays`): when each member changed their birthday. */
export interface BirthdayState {
  changes: Record<string, number[]>;
}

export function emptyBirthdayState(): BirthdayState {
  return { changes: {} };
}

export function validateBirthdayConfig(cfg: unknown, path = 'birthday'): string[] {
  if (typeof cfg !== 'object' || cfg === null || Array.isArray(cfg)) return [`${path} must be an object`];
  const days = (cfg as Partial<BirthdayConfig>).changeCooldownDays;
  return Number.isSafeInteger(days) && (days as number) >= 0 && (days as number) <= 3660 ? [] : [`${path}.changeCooldownDays must be an integer between 0 and 3660`];
}

/** The month (1–12) of `at` on the store's calendar. A 29 February birthday is in February every year. */
const monthOf = (at: number, zone: string | undefined) => localDate(at, zone).month + 1;

export type BirthdayRefusal = 'no_birthday' | 'not_birthday_month' | 'already_claimed' | 'no_reward';

export type BirthdayClaim = { ok: true; pointsAwarded: number } | { ok: false; reason: BirthdayRefusal; params: Record<string, unknown> };

function claimedThisYear(state: EngineState, memberId: string, at: number, zone: string | undefined): boolean {
  const from = yearStart(yearOf(at, zone), zone);
  return memberLedger(state, memberId).some((e) => e.kind === 'earn' && e.note === 'action:birthday' && e.at >= from && e.at <= at);
}

/**
 * Awards the birthday points through `recordAction(…, 'birthday', at)`, or says why not:
 * `no_birthday` (none given), `not_birthday_month` { month } (the member's month, 1–12),
 * `already_claimed` { year } (once per calendar year, whatever the action's cap says), `no_reward`
 * (the program has no birthday points).
 */
export function claimBirthdayReward(state: EngineState, programId: string, memberId: string, at: number): BirthdayClaim {
  const rules = getProgram(state, programId);
  const m = getMember(state, programId, memberId);
  const rule = rules.actions.find((a) => a.type === 'birthday');
  if (!rule || rule.points <= 0) return { ok: false, reason: 'no_reward', params: {} };
  if (!m.birthday) return { ok: false, reason: 'no_birthday', params: {} };
  if (monthOf(at, rules.timeZone) !== m.birthday.month) return { ok: false, reason: 'not_birthday_month', params: { month: m.birthday.month } };
  const year = yearOf(at, rules.timeZone);
  if (claimedThisYear(state, memberId, at, rules.timeZone)) return { ok: false, reason: 'already_claimed', params: { year } };
  const { pointsAwarded, capped } = recordAction(state, programId, memberId, 'birthday', at);
  if (capped || pointsAwarded === 0) return { ok: false, reason: 'already_claimed', params: { year } };
  return { ok: true, pointsAwarded };
}

export interface BirthdayStatus {
  birthday: Birthday | null;
  inBirthdayMonth: boolean;
  claimedThisYear: boolean;
  /** The reward can be claimed now. */
  claimable: boolean;
  /** The earliest time the birthday may be changed (≤ at: now). */
  nextChangeAt: number;
}

function nextChange(slice: BirthdayState, memberId: string, config: BirthdayConfig): number {
  const last = slice.changes[memberId]?.at(-1);
  return last === undefined ? -Infinity : last + config.changeCooldownDays * DAY_MS;
}

export function birthdayStatus(state: EngineState, slice: BirthdayState, programId: string, memberId: string, at: number, config: BirthdayConfig = DEFAULT_BIRTHDAY): BirthdayStatus {
  const rules = getProgram(state, programId);
  const m = getMember(state, programId, memberId);
  const inMonth = m.birthday !== null && monthOf(at, rules.timeZone) === m.birthday.month;
  const claimed = claimedThisYear(state, memberId, at, rules.timeZone);
  const hasReward = rules.actions.some((a) => a.type === 'birthday' && a.points > 0);
  const next = nextChange(slice, memberId, config);
  return { birthday: m.birthday, inBirthdayMonth: inMonth, claimedThisYear: claimed, claimable: hasReward && inMonth && !claimed, nextChangeAt: Math.max(next, m.joinedAt) };
}

/**
 * Sets or changes the member's birthday, at most once per `changeCooldownDays` (the date given at
 * enrolment does not count, so a typo can be fixed once). Too soon → `validation`
 * { field: 'birthday', nextChangeOn } (ISO date-time); not a date → `invalid_birthday`. Setting the
 * same date again changes nothing and is not counted.
 */
export function changeBirthday(state: EngineState, slice: BirthdayState, programId: string, memberId: string, birthday: Birthday, at: number, config: BirthdayConfig = DEFAULT_BIRTHDAY) {
  getProgram(state, programId);
  const m = getMember(state, programId, memberId);
  if (!birthday || typeof birthday !== 'object' || !isValidBirthday(birthday)) throw new EngineError('invalid_birthday', 422, 'birthday is not a date', { field: 'birthday' });
  const next: Birthday = birthday.year === undefined ? { day: birthday.day, month: birthday.month } : { day: birthday.day, month: birthday.month, year: birthday.year };
  const same = m.birthday !== null && m.birthday.day === next.day && m.birthday.month === next.month && m.birthday.year === next.year;
  if (same) return { birthday: m.birthday, changed: false, nextChangeAt: Math.max(nextChange(slice, memberId, config), at) };
  const allowedFrom = nextChange(slice, memberId, config);
  if (at < allowedFrom) {
    throw new EngineError('validation', 422, 'the birthday can be changed once a year', { field: 'birthday', nextChangeOn: new Date(allowedFrom).toISOString() });
  }
  m.birthday = next;
  (slice.changes[memberId] ??= []).push(at);
  return { birthday: m.birthday, changed: true, nextChangeAt: at + config.changeCooldownDays * DAY_MS };
}
