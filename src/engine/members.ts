import { localDate, localStart } from './calendar.js';
import { EngineError } from './errors.js';
import { newId } from '../core/ids.js';
import { matchLocale } from '../core/locale.js';
import { isValidBirthday, isValidEmail, isValidName } from '../core/person.js';
import { memberLedger, nextId, type Birthday, type EngineState, type MemberRecord } from './state.js';
import type { ActionRule, CapPeriod, ProgramConfig } from './program.js';
import type { LedgerEntry } from './points.js';

export interface EnrollInput {
  email: string;
  name?: string | null;
  birthday?: Birthday | null;
  newsletter?: boolean;
  referralCode?: string | null;
  deviceId?: string | null;
  /** The shopper's language (any BCP 47 tag): their emails are written in it; unsupported → English. */
  locale?: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function program(state: EngineState, programId: string): ProgramConfig {
  const found = state.programs[programId];
  if (!found) throw new EngineError('not_found', 404, `unknown program ${programId}`, { programId });
  return found;
}

export function member(state: EngineState, programId: string, memberId: string): MemberRecord {
  const found = state.members[memberId];
  if (!found || found.programId !== programId) throw new EngineError('not_found', 404, 'unknown member', {});
  return found;
}

/**
 * The mailbox an address delivers to, for telling people apart: `ana+2@example.com` reaches
 * ana@example.com (plus addressing, which most providers offer), and Gmail ignores dots too. One
 * person's aliases are one person to the join bonus, trials and referrals (they farmed all three).
 */
export function mailboxOf(email: string): string {
  const address = normalizeEmail(email);
  const at = address.lastIndexOf('@');
  if (at < 1) return address;
  let local = address.slice(0, at).replace(/\+.*$/, '');
  let domain = address.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replaceAll('.', '');
  return `${local || address.slice(0, at)}@${domain}`;
}

// (enrolling compares the new address with every member's: each record's mailbox is worked out once)
const mailboxes = new WeakMap<{ email: string }, { email: string; mailbox: string }>();

/** The mailbox of a member's or an order's address, remembered with the record. */
export function mailboxOfRecord(record: { email: string }): string {
  const known = mailboxes.get(record);
  if (known?.email === record.email) return known.mailbox;
  const mailbox = mailboxOf(record.email);
  mailboxes.set(record, { email: record.email, mailbox });
  return mailbox;
}

export function findMemberByEmail(state: EngineState, programId: string, email: string): MemberRecord | undefined {
  const wanted = normalizeEmail(email);
  const members = Object.values(state.members).filter((m) => m.programId === programId);
  // the address as given, else the member whose mailbox it reaches (an order under ana+shop@ is Ana's)
  const exact = members.find((m) => m.email === wanted);
  if (exact) return exact;
  const mailbox = mailboxOf(wanted);
  return members.find((m) => mailboxOfRecord(m) === mailbox);
}

function referralCodeFor(state: EngineState, name: string): string {
  const stem = (name.normalize('NFKD').replace(/[^A-Za-z]/g, '').toUpperCase() || 'FRIEND').slice(0, 6);
  let code: string;
  do code = `${stem}${(state.seq * 7919 + 1000 + Object.keys(state.members).length).toString(36).toUpperCase().slice(-4)}`;
  while (Object.values(state.members).some((m) => m.referralCode === code) && ++state.seq);
  return code;
}

/** Start of the calendar period (in the store's time zone) that `at` falls in. */
function periodStart(at: number, per: CapPeriod, zone: string | undefined): number {
  if (per === 'ever') return -Infinity;
  const d = localDate(at, zone);
  if (per === 'year') return localStart(d.year, 0, 1, zone);
  if (per === 'month') return localStart(d.year, d.month, 1, zone);
  return localStart(d.year, d.month, d.day, zone);
}

/**
 * Awards an action's points unless its cap for the period is reached. Returns the points awarded
 * (0 when capped or when the program has no such action).
 */
export function recordAction(state: EngineState, programId: string, memberId: string, type: ActionRule['type'], at: number): { pointsAwarded: number; capped: boolean } {
  const rules = program(state, programId);
  member(state, programId, memberId);
  const rule = rules.actions.find((a) => a.type === type);
  if (!rule || rule.points === 0) return { pointsAwarded: 0, capped: false };
  const from = periodStart(at, rule.cap.per, rules.timeZone);
  const used = memberLedger(state, memberId).filter((e) => e.kind === 'earn' && e.note === `action:${type}` && e.at >= from && e.at <= at).length;
  if (used >= rule.cap.count) return { pointsAwarded: 0, capped: true };
  const source = type === 'birthday' ? 'birthday' : 'action';
  state.ledger.push({ id: nextId(state, 'e'), kind: 'earn', memberId, points: rule.points, at, source, availableAt: at, note: `action:${type}` } satisfies LedgerEntry);
  return { pointsAwarded: rule.points, capped: false };
}

/**
 * Creates a member. Email is required and unique per program (a duplicate is a conflict, never a
 * second member); name and birthday are optional; newsletter consent is off unless given.
 */
export function enroll(state: EngineState, programId: string, input: EnrollInput, at: number): { member: MemberRecord; pointsAwarded: number } {
  const rules = program(state, programId);
  const email = typeof input.email === 'string' ? normalizeEmail(input.email) : '';
  if (!isValidEmail(email)) throw new EngineError('invalid_email', 422, 'a valid email is required', { field: 'email' });
  if (input.birthday && !isValidBirthday(input.birthday)) throw new EngineError('invalid_birthday', 422, 'birthday is not a date', { field: 'birthday' });
  // (an alias of a member's address finds that member: one person joins once)
  if (findMemberByEmail(state, programId, email)) throw new EngineError('already_member', 409, 'this email is already a member', {});
  const name = typeof input.name === 'string' && input.name.trim() ? input.name.trim() : null;
  if (name !== null && !isValidName(name)) throw new EngineError('validation', 422, 'name must be under 80 characters, without < or >', { field: 'name' });
  const id = nextId(state, 'm');
  const locale = matchLocale(input.locale);
  const record: MemberRecord = {
    id,
    programId,
    email,
    name,
    birthday: input.birthday ?? null,
    newsletter: input.newsletter === true,
    statement: true,
    joinedAt: at,
    referralCode: referralCodeFor(state, name ?? email.split('@')[0]!),
    referredBy: null,
    deviceId: input.deviceId ?? null,
    // (random: a link that works without signing in must not be guessable from the member's id and join time)
    unsubscribeToken: `u_${newId().replace(/-/g, '')}`,
    shares: 0,
    ...(locale ? { locale } : {}),
  };
  state.members[id] = record;
  let pointsAwarded = 0;
  if (rules.joinIncentive && rules.joinIncentive.points > 0) {
    state.ledger.push({ id: nextId(state, 'e'), kind: 'earn', memberId: id, points: rules.joinIncentive.points, at, source: 'join', availableAt: at });
    pointsAwarded += rules.joinIncentive.points;
  }
  if (record.newsletter) pointsAwarded += recordAction(state, programId, id, 'newsletter', at).pointsAwarded;
  return { member: record, pointsAwarded };
}
