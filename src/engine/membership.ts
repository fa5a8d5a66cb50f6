import { DAY_MS } from '../core/clock.js';
import { MonthsAfter, zoneOf } from './calendar.js';
import { EngineError } from './errors.js';
import { member as getMember, program as getProgram } from './members.js';
import type { EngineState } from './state.js';

/**
 * Paid membership (PRODUCT §3): a monthly or annual fee for benefits, with a free trial.
 *
 * The engine charges nothing: the merchant's payment provider does, and reports each outcome
 * (`chargeSucceeded`, `chargeFailed`). A member's membership is an append-only list of events;
 * `membershipAt` replays it, so the status at any time — past or future — is derived, and a trial
 * or an unpaid renewal lapses by itself without anyone calling anything.
 *
 * Statuses: `none` (never), `trial`, `active` (paid, or cancelled but still inside the paid
 * period), `past_due` (renewal date passed without a successful charge; benefits kept through
 * the grace period), `cancelled` (ended by the member), `expired` (trial ended without a
 * subscription, or grace ended without payment).
 */
export interface MembershipBenefits {
  /** Multiplies earned points (≥ 1). */
  earnMultiplier: number;
  freeShipping: boolean;
  memberPrices: boolean;
}

export interface MembershipPlan {
  id: string;
  name: string;
  /** Minor units per period, in the program currency. */
  fee: number;
  period: 'month' | 'year';
  /** Free trial days (30 unless configured). */
  trialDays: number;
  benefits: MembershipBenefits;
}

export interface MembershipConfig {
  plans: MembershipPlan[];
  /** Days after a missed renewal that benefits continue while the payment is retried (7 unless configured). */
  graceDays: number;
}

export const DEFAULT_TRIAL_DAYS = 30;
export const DEFAULT_GRACE_DAYS = 7;
export const NO_BENEFITS: MembershipBenefits = Object.freeze({ earnMultiplier: 1, freeShipping: false, memberPrices: false });

export type MembershipStatus = 'none' | 'trial' | 'active' | 'past_due' | 'cancelled' | 'expired';

/** Plans are copied into the events, so a later change to the program does not rewrite history. */
export type MembershipEvent =
  | { type: 'trial'; at: number; plan: MembershipPlan; graceDays: number }
  | { type: 'subscribe'; at: number; plan: MembershipPlan; graceDays: number }
  | { type: 'charge_succeeded'; at: number; chargeId: string }
  | { type: 'charge_failed'; at: number; chargeId: string }
  | { type: 'cancel'; at: number };

export interface MembershipRecord {
  programId: string;
  memberId: string;
  events: MembershipEvent[];
}

/** The slice the lead adds to EngineState (as `memberships`), by member id. */
export interface MembershipState {
  members: Record<string, MembershipRecord>;
}

export function emptyMembershipState(): MembershipState {
  return { members: {} };
}

const isInt = (v: unknown, min: number): v is number => Number.isSafeInteger(v) && (v as number) >= min;

export function validateMembershipConfig(cfg: unknown, path = 'membership'): string[] {
  if (typeof cfg !== 'object' || cfg === null || Array.isArray(cfg)) return [`${path} must be an object`];
  const c = cfg as Partial<MembershipConfig>;
  const problems: string[] = [];
  if (!isInt(c.graceDays, 0)) problems.push(`${path}.graceDays must be an integer ≥ 0`);
  if (!Array.isArray(c.plans) || c.plans.length === 0) return [...problems, `${path}.plans must list at least one plan`];
  const ids = new Set<string>();
  c.plans.forEach((p, i) => {
    const at = `${path}.plans[${i}]`;
    if (typeof p !== 'object' || p === null) return void problems.push(`${at} must be an object`);
    if (typeof p.id !== 'string' || !/^[\w-]{1,64}$/.test(p.id)) problems.push(`${at}.id must be 1–64 letters, digits, "_" or "-"`);
    else if (ids.has(p.id)) problems.push(`${at}.id ${p.id} is used by another plan`);
    else ids.add(p.id);
    if (typeof p.name !== 'string' || !p.name.trim()) problems.push(`${at}.name is required`);
    if (!isInt(p.fee, 1)) problems.push(`${at}.fee must be a positive integer of minor units`);
    if (p.period !== 'month' && p.period !== 'year') problems.push(`${at}.period must be 'month' or 'year'`);
    if (!isInt(p.trialDays, 0) || p.trialDays > 365) problems.push(`${at}.trialDays must be an integer between 0 and 365`);
    const b = p.benefits;
    if (typeof b !== 'object' || b === null) problems.push(`${at}.benefits must be an object`);
    else {
      if (!(typeof b.earnMultiplier === 'number' && b.earnMultiplier >= 1 && b.earnMultiplier <= 10)) problems.push(`${at}.benefits.earnMultiplier must be between 1 and 10`);
      if (typeof b.freeShipping !== 'boolean') problems.push(`${at}.benefits.freeShipping must be true or false`);
      if (typeof b.memberPrices !== 'boolean') problems.push(`${at}.benefits.memberPrices must be true or false`);
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// replay

interface Fold {
  plan: MembershipPlan | null;
  graceDays: number;
  trialStart: number | null;
  trialEnd: number | null;
  /** The member will be charged at each renewal. */
  subscribed: boolean;
  /** Paid coverage is [anchor, anchor + paidPeriods periods). */
  anchor: number | null;
  paidPeriods: number;
  cancelledAt: number | null;
  cancelEndsOn: number | null;
  succeeded: Set<string>;
  failed: Set<string>;
  lastFailedAt: number | null;
  /** The store's calendar (the program's time zone; UTC when unset): periods end on its dates. */
  zone: string | undefined;
}

const periodMonths = (plan: MembershipPlan) => (plan.period === 'year' ? 12 : 1);
/**
 * From the anchor each time (no drift: 31 Jan → 28 Feb → 31 Mar), on the store's calendar: a
 * monthly plan bought on 31 Jan at 23:30 in Los Angeles renews on 28 Feb there, at the same time.
 */
const periodEnd = (f: Fold, plan: MembershipPlan, anchor: number, n: number) => new MonthsAfter(n * periodMonths(plan), f.zone).at(anchor);

function paidThrough(f: Fold): number | null {
  return f.plan && f.anchor !== null && f.paidPeriods > 0 ? periodEnd(f, f.plan, f.anchor, f.paidPeriods) : null;
}

/** When the next charge is due: the end of what is paid, or the trial's end, or now for a lapsed cycle. */
function dueOn(f: Fold): number | null {
  if (!f.subscribed || f.anchor === null) return null;
  return paidThrough(f) ?? f.anchor;
}

function statusOf(f: Fold, t: number): MembershipStatus {
  if (!f.plan) return 'none';
  const paid = paidThrough(f);
  const inTrial = f.trialStart !== null && f.trialEnd !== null && f.trialStart <= t && t < f.trialEnd;
  if (f.cancelledAt !== null) {
    if (t < f.cancelEndsOn!) return inTrial ? 'trial' : 'active';
    return 'cancelled';
  }
  if (paid !== null && f.anchor! <= t && t < paid) return 'active';
  if (inTrial) return 'trial';
  if (!f.subscribed) return 'expired';
  const due = dueOn(f)!;
  if (t < due) return 'active'; // unreachable in practice: due is the end of trial or paid coverage
  return t < due + f.graceDays * DAY_MS ? 'past_due' : 'expired';
}

function apply(f: Fold, e: MembershipEvent): void {
  const before = statusOf(f, e.at);
  switch (e.type) {
    case 'trial':
      Object.assign(f, { plan: e.plan, graceDays: e.graceDays, trialStart: e.at, trialEnd: e.at + e.plan.trialDays * DAY_MS, subscribed: false, anchor: null, paidPeriods: 0, cancelledAt: null, cancelEndsOn: null });
      break;
    case 'subscribe':
      if (before === 'trial' || (before === 'active' && f.cancelledAt !== null)) {
        // Converting a trial (first charge at its end) or resuming before a cancellation takes effect.
        if (before === 'trial' && paidThrough(f) === null) Object.assign(f, { anchor: f.trialEnd, paidPeriods: 0 });
        Object.assign(f, { plan: e.plan, graceDays: e.graceDays, subscribed: true, cancelledAt: null, cancelEndsOn: null });
      } else {
        // A new paid cycle: the checkout took the first fee.
        Object.assign(f, { plan: e.plan, graceDays: e.graceDays, subscribed: true, anchor: e.at, paidPeriods: 1, cancelledAt: null, cancelEndsOn: null, lastFailedAt: null });
      }
      break;
    case 'charge_succeeded':
      f.succeeded.add(e.chargeId);
      f.paidPeriods += 1;
      f.lastFailedAt = null;
      break;
    case 'charge_failed':
      f.failed.add(e.chargeId);
      f.lastFailedAt = e.at;
      break;
    case 'cancel': {
      const paid = paidThrough(f);
      const covered = Math.max(paid ?? -Infinity, f.trialEnd ?? -Infinity);
      f.cancelledAt = e.at;
      f.cancelEndsOn = before === 'past_due' || !(covered > e.at) ? e.at : covered;
      f.subscribed = false;
      break;
    }
  }
}

function fold(record: MembershipRecord | undefined, at: number, zone: string | undefined): Fold {
  const f: Fold = { plan: null, graceDays: 0, trialStart: null, trialEnd: null, subscribed: false, anchor: null, paidPeriods: 0, cancelledAt: null, cancelEndsOn: null, succeeded: new Set(), failed: new Set(), lastFailedAt: null, zone };
  for (const e of record?.events ?? []) if (e.at <= at) apply(f, e);
  return f;
}

export interface MembershipView {
  status: MembershipStatus;
  planId: string | null;
  /** End of the trial (exclusive), when the member had one in this membership. */
  trialEndsOn: number | null;
  /** The next charge date, while the membership renews. */
  renewsOn: number | null;
  cancelledAt: number | null;
  /** When it ends or ended: the cancellation's effective date, a lapsed trial's end, a grace period's end. */
  endsOn: number | null;
  /** While past due: when benefits stop unless a charge succeeds. */
  graceEndsOn: number | null;
  /** The member used their one trial. */
  trialUsed: boolean;
  /** The last failed charge since the last successful one (null when none). */
  lastFailedAt: number | null;
  benefits: MembershipBenefits;
}

/** The membership at `at`, derived from its events; `zone` is the store's calendar (zoneOf; UTC when unset). */
export function membershipAt(slice: MembershipState, memberId: string, at: number, zone?: string): MembershipView {
  const record = slice.members[memberId];
  const f = fold(record, at, zone);
  const status = statusOf(f, at);
  const due = dueOn(f);
  const renewing = f.subscribed && f.cancelledAt === null && (status === 'trial' || status === 'active' || status === 'past_due');
  let endsOn: number | null = null;
  if (f.cancelledAt !== null) endsOn = f.cancelEndsOn;
  else if (status === 'trial' && !f.subscribed) endsOn = f.trialEnd;
  else if (status === 'expired') endsOn = f.subscribed && due !== null ? due + f.graceDays * DAY_MS : (paidThrough(f) ?? f.trialEnd);
  return {
    status,
    planId: f.plan?.id ?? null,
    trialEndsOn: f.trialEnd,
    renewsOn: renewing ? due : null,
    cancelledAt: f.cancelledAt,
    endsOn,
    graceEndsOn: status === 'past_due' && due !== null ? due + f.graceDays * DAY_MS : null,
    trialUsed: (record?.events ?? []).some((e) => e.type === 'trial' && e.at <= at),
    lastFailedAt: f.lastFailedAt,
    benefits: f.plan && (status === 'trial' || status === 'active' || status === 'past_due') ? { ...f.plan.benefits } : { ...NO_BENEFITS },
  };
}

/** The benefits at `at`: the plan's while trial, active or past due within grace; none otherwise. */
export function benefitsAt(slice: MembershipState, memberId: string, at: number, zone?: string): MembershipBenefits {
  return membershipAt(slice, memberId, at, zone).benefits;
}

// ---------------------------------------------------------------------------------------------
// transitions

const refuse = (reason: string, message: string, params: Record<string, unknown> = {}) => new EngineError('conflict', 409, message, { reason, ...params });

function recordFor(state: EngineState, slice: MembershipState, programId: string, memberId: string, at: number): MembershipRecord {
  getProgram(state, programId);
  getMember(state, programId, memberId);
  if (!Number.isSafeInteger(at)) throw new EngineError('validation', 422, 'at must be a time in epoch ms', { field: 'at' });
  const record = (slice.members[memberId] ??= { programId, memberId, events: [] });
  const last = record.events.at(-1);
  // Events are replayed in order, so they must arrive in order.
  if (last && at < last.at) throw new EngineError('validation', 422, 'membership events must be recorded in time order', { field: 'at', after: new Date(last.at).toISOString() });
  return record;
}

function planOf(config: MembershipConfig, planId: string): MembershipPlan {
  const plan = config.plans.find((p) => p.id === planId);
  if (!plan) throw new EngineError('not_found', 404, 'unknown membership plan', { planId });
  return structuredClone(plan);
}

/** Starts the free trial: one per member, ever; not while a membership runs. */
export function startTrial(state: EngineState, slice: MembershipState, programId: string, memberId: string, config: MembershipConfig, planId: string, at: number): MembershipView {
  const record = recordFor(state, slice, programId, memberId, at);
  const plan = planOf(config, planId);
  const now = membershipAt(slice, memberId, at, zoneOf(state, programId));
  if (now.trialUsed) throw refuse('trial_used', 'the free trial was already used');
  if (now.status === 'trial' || now.status === 'active' || now.status === 'past_due') throw refuse('already_member', 'the membership is already running');
  if (plan.trialDays < 1) throw new EngineError('validation', 422, 'this plan has no free trial', { field: 'trialDays' });
  record.events.push({ type: 'trial', at, plan, graceDays: config.graceDays });
  return membershipAt(slice, memberId, at, zoneOf(state, programId));
}

/**
 * Subscribes to a plan. During a trial: the membership continues and the first charge is due when
 * the trial ends. Inside a cancelled but still running period: resumes it (same plan). Otherwise
 * (none, expired, cancelled): starts a paid period now — the checkout took the first fee.
 */
export function subscribe(state: EngineState, slice: MembershipState, programId: string, memberId: string, config: MembershipConfig, planId: string, at: number): MembershipView {
  const record = recordFor(state, slice, programId, memberId, at);
  const plan = planOf(config, planId);
  const now = membershipAt(slice, memberId, at, zoneOf(state, programId));
  const pendingCancel = now.cancelledAt !== null && (now.status === 'active' || now.status === 'trial');
  if (pendingCancel && now.status === 'active' && now.planId !== plan.id) throw refuse('other_plan', 'resume the same plan, or wait until the period ends', { planId: now.planId });
  if (!pendingCancel && (now.status === 'active' || now.status === 'past_due')) throw refuse('already_member', 'the membership is already running');
  if (now.status === 'trial' && now.renewsOn !== null) throw refuse('already_member', 'already subscribed');
  record.events.push({ type: 'subscribe', at, plan, graceDays: config.graceDays });
  return membershipAt(slice, memberId, at, zoneOf(state, programId));
}

function assertRenewing(now: MembershipView): void {
  if (now.status === 'expired') throw refuse('expired', 'the membership lapsed; subscribe again');
  if (now.renewsOn === null) throw refuse('not_subscribed', 'the membership does not renew');
}

/**
 * A renewal was paid: one more period, from the renewal date (the billing anchor never moves, even
 * when paid late inside the grace period). The same `chargeId` twice counts once.
 */
export function chargeSucceeded(state: EngineState, slice: MembershipState, programId: string, memberId: string, chargeId: string, at: number): MembershipView {
  const record = recordFor(state, slice, programId, memberId, at);
  if (typeof chargeId !== 'string' || !chargeId) throw new EngineError('validation', 422, 'chargeId is required', { field: 'chargeId' });
  if (record.events.some((e) => e.type === 'charge_succeeded' && e.chargeId === chargeId)) return membershipAt(slice, memberId, at, zoneOf(state, programId));
  assertRenewing(membershipAt(slice, memberId, at, zoneOf(state, programId)));
  record.events.push({ type: 'charge_succeeded', at, chargeId });
  return membershipAt(slice, memberId, at, zoneOf(state, programId));
}

/**
 * A renewal charge failed. The member is past due from the renewal date, keeps benefits through
 * the grace period while the payment is retried, and the membership expires after it.
 */
export function chargeFailed(state: EngineState, slice: MembershipState, programId: string, memberId: string, chargeId: string, at: number): MembershipView {
  const record = recordFor(state, slice, programId, memberId, at);
  if (typeof chargeId !== 'string' || !chargeId) throw new EngineError('validation', 422, 'chargeId is required', { field: 'chargeId' });
  if (record.events.some((e) => e.type === 'charge_failed' && e.chargeId === chargeId)) return membershipAt(slice, memberId, at, zoneOf(state, programId));
  assertRenewing(membershipAt(slice, memberId, at, zoneOf(state, programId)));
  record.events.push({ type: 'charge_failed', at, chargeId });
  return membershipAt(slice, memberId, at, zoneOf(state, programId));
}

/**
 * Cancels: effective at the end of the paid period or trial (benefits until then); a past-due
 * membership ends at once. Cancelling twice answers with the first cancellation.
 */
export function cancelMembership(state: EngineState, slice: MembershipState, programId: string, memberId: string, at: number): MembershipView {
  const record = recordFor(state, slice, programId, memberId, at);
  const now = membershipAt(slice, memberId, at, zoneOf(state, programId));
  if (now.cancelledAt !== null && (now.status === 'trial' || now.status === 'active')) return now;
  if (now.status !== 'trial' && now.status !== 'active' && now.status !== 'past_due') throw refuse('not_member', 'there is no running membership to cancel');
  record.events.push({ type: 'cancel', at });
  return membershipAt(slice, memberId, at, zoneOf(state, programId));
}
