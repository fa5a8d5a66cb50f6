import { yearOf, yearStart, zoneOf } from './calendar.js';
import { DAY_MS } from '../core/clock.js';
import { EngineError } from './errors.js';
import { once } from './idempotency.js';
import { member as getMember, program as getProgram } from './members.js';
import { availableAfterReturnWindow } from './points.js';
import { nextId, type EngineState } from './state.js';
import { memberOrdersBetween, netSpendBetween, orderNet } from './tiers.js';

/**
 * Spend / cashback: store credit proportional to what a member spent, a year-end rebate by spend
 * level, and a reward once a year's spend passes a level. Credit is derived from the orders (net of
 * returns) every time; only what the member or merchant did with it (spending credit, rebates paid,
 * rewards issued) is recorded, in the `CashbackState` slice.
 */

export interface SpendLevelReward {
  id: string;
  name: string;
  /** Net spend in the calendar year (minor units) that unlocks the reward. */
  threshold: number;
  reward: { kind: 'coupon'; value: number } | { kind: 'gift'; description: string };
}

export interface CashbackConfig {
  /** Store credit as a percent of each order's net spend (2 = 2%; up to two decimals). */
  percent: number;
  /** Year-end rebate table: the row with the highest `minSpend` the year's net spend reaches wins. */
  yearEndRebate: { minSpend: number; percent: number }[];
  /** Rewards given once per calendar year when the year's net spend passes `threshold`. */
  spendLevelRewards: SpendLevelReward[];
}

export interface CreditDebit {
  id: string;
  programId: string;
  memberId: string;
  amount: number;
  at: number;
  /** What the credit paid for (an order or checkout id). */
  ref: string;
}

/** Credit put back from a debit (its order cancelled or refunded); never more than the debit. */
export interface CreditRefund {
  id: string;
  programId: string;
  memberId: string;
  debitId: string;
  amount: number;
  at: number;
}

export interface RebatePayment {
  programId: string;
  memberId: string;
  year: number;
  amount: number;
  at: number;
}

export interface SpendRewardIssue {
  programId: string;
  memberId: string;
  year: number;
  rewardId: string;
  at: number;
}

/** The cashback part of the engine state (to live in `EngineState.cashback`). */
export interface CashbackState {
  creditDebits: CreditDebit[];
  creditRefunds: CreditRefund[];
  rebatesPaid: RebatePayment[];
  spendRewardsIssued: SpendRewardIssue[];
  /** `${programId}:${memberId}:${year}` of each year-end rebate settled (paid or nothing due), so it is worked out once. */
  rebatesSettled?: Record<string, true>;
}

export function emptyCashbackState(): CashbackState {
  return { creditDebits: [], creditRefunds: [], rebatesPaid: [], spendRewardsIssued: [] };
}

export interface StoreCredit {
  /** Spendable now: credit of orders past their return window + rebates paid − credit spent (never negative). */
  available: number;
  /** Credit of orders still inside their return window. */
  pending: number;
  /** Credit spent that later returns took away (offset against future credit); usually 0. */
  owed: number;
  /** When the next pending credit becomes available, and how much. */
  nextAvailable: { amount: number; at: number } | null;
}

const isInt = (v: unknown, min = 0): v is number => Number.isSafeInteger(v) && (v as number) >= min;
/** A percent with at most two decimals, 0–100. */
const isPercent = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 100 && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;
/** percent of amount, floored, in exact integer arithmetic (basis points). */
export const percentOf = (amount: number, percent: number) => Math.floor((amount * Math.round(percent * 100)) / 10_000);

/** Checks a cashback configuration; each problem names the field. */
export function validateCashbackConfig(cfg: unknown): string[] {
  if (!cfg || typeof cfg !== 'object') return ['cashback must be an object'];
  const c = cfg as Partial<CashbackConfig>;
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => void (ok || problems.push(message));
  need(isPercent(c.percent), 'cashback.percent must be between 0 and 100 with at most two decimals');
  if (!Array.isArray(c.yearEndRebate)) problems.push('cashback.yearEndRebate must be a list (may be empty)');
  else {
    const seen = new Set<number>();
    c.yearEndRebate.forEach((row, i) => {
      need(isInt(row?.minSpend, 0), `cashback.yearEndRebate[${i}].minSpend must be integer minor units ≥ 0`);
      need(!seen.has(row?.minSpend), `cashback.yearEndRebate[${i}].minSpend must be unique`);
      seen.add(row?.minSpend);
      need(isPercent(row?.percent), `cashback.yearEndRebate[${i}].percent must be between 0 and 100 with at most two decimals`);
    });
  }
  if (!Array.isArray(c.spendLevelRewards)) problems.push('cashback.spendLevelRewards must be a list (may be empty)');
  else {
    const ids = new Set<string>();
    c.spendLevelRewards.forEach((r, i) => {
      const at = `cashback.spendLevelRewards[${i}]`;
      need(typeof r?.id === 'string' && /^[\w-]{1,64}$/.test(r.id), `${at}.id must be 1–64 letters, digits, "_" or "-"`);
      need(!ids.has(r?.id), `${at}.id must be unique`);
      ids.add(r?.id);
      need(typeof r?.name === 'string' && r.name.trim().length > 0, `${at}.name is required`);
      need(isInt(r?.threshold, 1), `${at}.threshold must be integer minor units ≥ 1`);
      const reward = r?.reward;
      if (reward?.kind === 'coupon') need(isInt(reward.value, 1), `${at}.reward.value must be integer minor units ≥ 1`);
      else if (reward?.kind === 'gift') need(typeof reward.description === 'string' && reward.description.trim().length > 0, `${at}.reward.description is required`);
      else problems.push(`${at}.reward.kind must be coupon or gift`);
    });
  }
  return problems;
}

// (the store's calendar year: it begins at midnight on the store's clock)
const yearBounds = (year: number, zone: string | undefined) => [yearStart(year, zone), yearStart(year + 1, zone) - 1] as const;

/**
 * The member's store credit at `at`: `percent` of each order's net (after returns), floored per
 * order, pending until the order's return window ends; plus year-end rebates paid; minus credit spent
 * and not refunded.
 */
export function storeCredit(state: EngineState, slice: CashbackState, programId: string, memberId: string, at: number, cfg: CashbackConfig): StoreCredit {
  const rules = getProgram(state, programId);
  getMember(state, programId, memberId);
  let earned = 0;
  let pending = 0;
  const upcoming = new Map<number, number>();
  for (const o of memberOrdersBetween(state, programId, memberId, -Infinity, at)) {
    const credit = percentOf(orderNet(o), cfg.percent);
    if (credit <= 0) continue;
    const availableAt = availableAfterReturnWindow(o.placedAt, rules);
    if (availableAt <= at) earned += credit;
    else {
      pending += credit;
      upcoming.set(availableAt, (upcoming.get(availableAt) ?? 0) + credit);
    }
  }
  for (const r of slice.rebatesPaid) if (r.programId === programId && r.memberId === memberId && r.at <= at) earned += r.amount;
  let spent = 0;
  for (const d of slice.creditDebits) if (d.programId === programId && d.memberId === memberId && d.at <= at) spent += d.amount;
  for (const r of slice.creditRefunds) if (r.programId === programId && r.memberId === memberId && r.at <= at) spent -= r.amount;
  const first = upcoming.size ? Math.min(...upcoming.keys()) : null;
  return {
    available: Math.max(0, earned - spent),
    pending,
    owed: Math.max(0, spent - earned),
    nextAvailable: first === null ? null : { amount: upcoming.get(first)!, at: first },
  };
}

/**
 * Spends store credit (e.g. at checkout). Refuses more than is available; the same idempotency key
 * with the same body answers the first result and debits once.
 */
export function spendCredit(
  state: EngineState,
  slice: CashbackState,
  programId: string,
  memberId: string,
  amount: number,
  ref: string,
  at: number,
  cfg: CashbackConfig,
  idempotencyKey?: string,
): { debit: CreditDebit; available: number } {
  return once(state, idempotencyKey && `${programId}:${memberId}:credit:${idempotencyKey}`, { amount, ref }, () => {
    getMember(state, programId, memberId);
    if (!isInt(amount, 1)) throw new EngineError('validation', 422, 'amount must be integer minor units ≥ 1', { field: 'amount' });
    if (typeof ref !== 'string' || !ref.trim()) throw new EngineError('validation', 422, 'ref is required', { field: 'ref' });
    const { available } = storeCredit(state, slice, programId, memberId, at, cfg);
    // (minor units, as ProblemParams' required/available are for points: integers)
    if (amount > available) throw new EngineError('insufficient_credit', 422, 'not enough store credit', { required: amount, available });
    const debit: CreditDebit = { id: nextId(state, 'cd'), programId, memberId, amount, at, ref: ref.slice(0, 200) };
    slice.creditDebits.push(debit);
    return { debit: { ...debit }, available: available - amount };
  });
}

/**
 * Puts (part of) a store-credit debit back (its order was cancelled or refunded): `amount` omitted
 * puts back whatever of the debit is not refunded yet. Never more than that (`validation`, field
 * `amount`, `refundable` in minor units); a debit of another member or program is `not_found`. The
 * same idempotency key with the same body answers the first result and refunds once.
 */
export function refundCredit(
  state: EngineState,
  slice: CashbackState,
  programId: string,
  memberId: string,
  debitId: string,
  amount: number | undefined,
  at: number,
  cfg: CashbackConfig,
  idempotencyKey?: string,
): { refund: CreditRefund; available: number } {
  return once(state, idempotencyKey && `${programId}:${memberId}:credit-refund:${idempotencyKey}`, { debitId, amount: amount ?? null }, () => {
    getMember(state, programId, memberId);
    const debit = slice.creditDebits.find((d) => d.id === debitId && d.programId === programId && d.memberId === memberId);
    if (!debit) throw new EngineError('not_found', 404, 'unknown store-credit debit', { debitId });
    const refundable = debit.amount - refundedOf(slice, debit.id);
    const take = amount ?? refundable;
    if (!isInt(take, 1) || take > refundable) {
      throw new EngineError('validation', 422, 'a refund is a positive amount, at most what is left of the debit', { field: 'amount', refundable });
    }
    const refund: CreditRefund = { id: nextId(state, 'cr'), programId, memberId, debitId, amount: take, at };
    slice.creditRefunds.push(refund);
    return { refund: { ...refund }, available: storeCredit(state, slice, programId, memberId, at, cfg).available };
  });
}

/** What has been put back of a store-credit debit so far (minor units). */
export function refundedOf(slice: CashbackState, debitId: string): number {
  let sum = 0;
  for (const r of slice.creditRefunds) if (r.debitId === debitId) sum += r.amount;
  return sum;
}

/** The row of the rebate table that a year's spend reaches (the highest `minSpend` ≤ spend), if any. */
export function rebateRow(spend: number, cfg: CashbackConfig): { minSpend: number; percent: number } | null {
  let best: { minSpend: number; percent: number } | null = null;
  for (const row of cfg.yearEndRebate) if (row.minSpend <= spend && (!best || row.minSpend > best.minSpend)) best = row;
  return best;
}

/** The year-end rebate for a calendar year's net spend (minor units, floored): the table row's percent of it. */
export function yearEndRebate(state: EngineState, programId: string, memberId: string, year: number, cfg: CashbackConfig): number {
  const spend = netSpendBetween(state, programId, memberId, ...yearBounds(year, zoneOf(state, programId)));
  const row = rebateRow(spend, cfg);
  return row ? percentOf(spend, row.percent) : 0;
}

/**
 * Pays a completed year's rebate into store credit, once per member and year. It can be paid only
 * once the year's last orders are past their return window (31 Dec + the program's `pendingDays`),
 * so a late return cannot take back a paid rebate. A zero rebate records nothing.
 */
export function payYearEndRebate(
  state: EngineState,
  slice: CashbackState,
  programId: string,
  memberId: string,
  year: number,
  at: number,
  cfg: CashbackConfig,
): { status: 'paid' | 'duplicate' | 'nothing_due'; payment: RebatePayment | null } {
  const rules = getProgram(state, programId);
  getMember(state, programId, memberId);
  if (!Number.isSafeInteger(year)) throw new EngineError('validation', 422, 'year must be an integer', { field: 'year' });
  const paid = slice.rebatesPaid.find((r) => r.programId === programId && r.memberId === memberId && r.year === year);
  if (paid) return { status: 'duplicate', payment: { ...paid } };
  const payableFrom = yearStart(year + 1, rules.timeZone) + rules.pendingDays * DAY_MS;
  if (at < payableFrom) throw new EngineError('too_early', 409, `the ${year} rebate can be paid from ${new Date(payableFrom).toISOString()}`, { payableFrom });
  const amount = yearEndRebate(state, programId, memberId, year, cfg);
  if (amount <= 0) return { status: 'nothing_due', payment: null };
  const payment: RebatePayment = { programId, memberId, year, amount, at };
  slice.rebatesPaid.push(payment);
  return { status: 'paid', payment: { ...payment } };
}

/**
 * Pays every year-end rebate that is due by `at` and unpaid: each past year whose return window has
 * closed (from 1 January + pendingDays of the next year). Run on the member's orders and returns and
 * when their balance is read, so a rebate does not wait for a next order (nor is lost when a year
 * has none). Returns the payments made.
 */
export function settleRebates(state: EngineState, slice: CashbackState, programId: string, memberId: string, at: number, cfg: CashbackConfig): RebatePayment[] {
  if (!cfg.yearEndRebate.length) return [];
  const rules = getProgram(state, programId);
  const member = getMember(state, programId, memberId);
  const settled = (slice.rebatesSettled ??= {});
  const payments: RebatePayment[] = [];
  // from the year the member joined, each year once (it runs on every order and every balance read)
  for (let year = yearOf(member.joinedAt, rules.timeZone); yearStart(year + 1, rules.timeZone) + rules.pendingDays * DAY_MS <= at; year++) {
    const key = `${programId}:${memberId}:${year}`;
    if (settled[key]) continue;
    const { status, payment } = payYearEndRebate(state, slice, programId, memberId, year, at, cfg);
    if (status === 'paid') payments.push(payment!);
    settled[key] = true;
  }
  return payments;
}

/** Net spend of the calendar year containing `at`, up to `at`. */
export function yearToDateSpend(state: EngineState, programId: string, memberId: string, at: number): number {
  const zone = zoneOf(state, programId);
  return netSpendBetween(state, programId, memberId, yearBounds(yearOf(at, zone), zone)[0], at);
}

/**
 * The spend-level rewards whose threshold this calendar year's net spend (up to `at`, after returns)
 * has passed and that were not issued to the member this year. Each is due once per year.
 */
export function spendLevelRewardsDue(state: EngineState, slice: CashbackState, programId: string, memberId: string, at: number, cfg: CashbackConfig): SpendLevelReward[] {
  const year = yearOf(at, zoneOf(state, programId));
  const spend = yearToDateSpend(state, programId, memberId, at);
  const issued = new Set(slice.spendRewardsIssued.filter((i) => i.programId === programId && i.memberId === memberId && i.year === year).map((i) => i.rewardId));
  return cfg.spendLevelRewards.filter((r) => r.threshold <= spend && !issued.has(r.id));
}

/**
 * Marks a spend-level reward issued for the year containing `at` (the backend then makes the coupon
 * or sends the gift). Issuing it again the same year is a `duplicate` and changes nothing.
 */
export function issueSpendLevelReward(
  state: EngineState,
  slice: CashbackState,
  programId: string,
  memberId: string,
  rewardId: string,
  at: number,
  cfg: CashbackConfig,
): { status: 'issued' | 'duplicate'; issue: SpendRewardIssue; reward: SpendLevelReward } {
  getProgram(state, programId);
  getMember(state, programId, memberId);
  const reward = cfg.spendLevelRewards.find((r) => r.id === rewardId);
  if (!reward) throw new EngineError('not_found', 404, 'unknown spend-level reward', { rewardId });
  const year = yearOf(at, zoneOf(state, programId));
  const existing = slice.spendRewardsIssued.find((i) => i.programId === programId && i.memberId === memberId && i.year === year && i.rewardId === rewardId);
  if (existing) return { status: 'duplicate', issue: { ...existing }, reward };
  const spend = yearToDateSpend(state, programId, memberId, at);
  if (spend < reward.threshold) throw new EngineError('not_eligible', 409, 'this year’s spend has not reached the reward', { threshold: reward.threshold, spend });
  const issue: SpendRewardIssue = { programId, memberId, year, rewardId, at };
  slice.spendRewardsIssued.push(issue);
  return { status: 'issued', issue: { ...issue }, reward };
}
