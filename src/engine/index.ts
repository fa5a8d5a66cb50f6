/**
 * The program engine: pure rules over a JSON state, no DOM, no fetch, time passed in. The reference
 * backend calls these functions; so do the tests and the benchmark.
 */
import { EngineError } from './errors.js';
import { once } from './idempotency.js';
import { enroll, findMemberByEmail, mailboxOfRecord, member as getMember, program as getProgram, type EnrollInput } from './members.js';
import { earnFor, postOrder, postReturn, type OrderInput, type OrderResult, type ReturnInput, type ReturnResult } from './orders.js';
import { multiplierAt, tierAt, tierGiftsDue } from './tiers.js';
import { selects } from './selectors.js';
import { yearOf, yearStart, zoneOf } from './calendar.js';
import { customerUses, usesOf } from './lookups.js';
import { issueSpendLevelReward, settleRebates, spendLevelRewardsDue, yearToDateSpend } from './cashback.js';
import { DAY_MS } from '../core/clock.js';
import { benefitsAt } from './membership.js';
import { issueDueRewards } from './punch.js';
import { syncBuyAheadBonus } from './buyahead.js';
import { replay, summarize, type Batch, type PointsSummary } from './points.js';
import { attachReferral, checkReferral, type ReferralRejection } from './referrals.js';
import { findCoupon, normalizeCode, validateCoupon, type CouponCart, type CouponResult } from './coupons.js';
import { validateProgram, type ProgramConfig } from './program.js';
import { memberLedger, nextId, type EngineState, type MemberRecord } from './state.js';

export * from './errors.js';
export * from './state.js';
export * from './program.js';
export * from './points.js';
export { enroll, recordAction, normalizeEmail, findMemberByEmail, type EnrollInput } from './members.js';
export { postOrder, postReturn, earnFor, lineMultiplier, type OrderInput, type ReturnInput, type OrderResult, type ReturnResult, type EarnBreakdown } from './orders.js';
export { redeem, cancelRedemption, balance, quote, type RedeemInput } from './redemption.js';
export { checkReferral, referralStats, findReferrer, type ReferralStats, type ReferralRejection } from './referrals.js';
export { once } from './idempotency.js';
export * from './coupons.js';
export * from './tiers.js';
export * from './cashback.js';
export * from './kpis.js';
export * from './emails.js';
export * from './email-templates.js';
export { punchesAt, issueDueRewards, punchRewardCode, DEFAULT_PUNCH_CARD, validatePunchCardConfig, type PunchCardConfig, type PunchStatus } from './punch.js';
export {
  issueGiftCard, giftCardBalance, debitGiftCard, refundGiftCard, giftCardHistory, normalizeGiftCardCode, DEFAULT_GIFT_CARDS, validateGiftCardConfig,
  type GiftCardConfig, type GiftCardState, type GiftCardView,
} from './giftcards.js';
export {
  startTrial, subscribe, chargeSucceeded, chargeFailed, cancelMembership, membershipAt, benefitsAt, NO_BENEFITS, validateMembershipConfig,
  type MembershipConfig, type MembershipPlan, type MembershipView, type MembershipState, type MembershipStatus,
} from './membership.js';
export { syncBuyAheadBonus, buyAheadDiscountFor, buyAheadPurchases, validateBuyAheadConfig, type BuyAheadConfig } from './buyahead.js';
export { claimBirthdayReward, changeBirthday, birthdayStatus, validateBirthdayConfig, type BirthdayConfig, type BirthdayState } from './birthday.js';

/** Adds a program after checking it; a bad document is rejected with every problem named. */
export function addProgram(state: EngineState, doc: ProgramConfig): void {
  const problems = validateProgram(doc);
  if (problems.length) throw new EngineError('validation', 422, `invalid program: ${problems.join('; ')}`, { errors: problems });
  state.programs[doc.id] = structuredClone(doc);
}

export interface Enrollment {
  member: MemberRecord;
  pointsAwarded: number;
  referral: { status: 'applied'; welcomeCoupon: string | null } | { status: 'rejected'; code: ReferralRejection } | null;
}

/**
 * Joins a shopper (idempotent per key). A referral code is checked first; a refused code never
 * blocks joining — the shopper joins and the reason is reported for the right person to see.
 */
export function enrollMember(state: EngineState, programId: string, input: EnrollInput, at: number, idempotencyKey?: string): Enrollment {
  return once(state, idempotencyKey && `${programId}:enroll:${idempotencyKey}`, input, () => {
    const rules = getProgram(state, programId);
    const code = typeof input.referralCode === 'string' && input.referralCode.trim() ? input.referralCode : null;
    const verdict = code ? checkReferral(state, rules, { email: String(input.email ?? ''), deviceId: input.deviceId }, code, at) : null;
    const { member, pointsAwarded } = enroll(state, programId, input, at);
    if (!verdict) return { member, pointsAwarded, referral: null };
    if (!verdict.ok) return { member, pointsAwarded, referral: { status: 'rejected', code: verdict.code } };
    return { member, pointsAwarded, referral: { status: 'applied', welcomeCoupon: attachReferral(state, rules, member, verdict.referrer, at) } };
  });
}

/**
 * The earn multiplier a member has at `at`: their tier's or their paid membership's, whichever is
 * higher (benefits do not compound).
 */
export function earnMultiplier(state: EngineState, programId: string, memberId: string, at: number): number {
  const rules = getProgram(state, programId);
  return Math.max(multiplierAt(state, programId, memberId, at, rules.tiers), benefitsAt(state.memberships, memberId, at, zoneOf(state, programId)).earnMultiplier);
}

/** A single-use coupon issued to one member (tier gifts, spend-level rewards), once per code. */
function issueMemberCoupon(state: EngineState, programId: string, memberId: string, code: string, amount: number, at: number, description: string): void {
  if (state.issuedCoupons[code]) return;
  const rules = getProgram(state, programId);
  state.issuedCoupons[code] = { programId, code, kind: 'fixed', amount, currency: rules.currency, memberId, usageLimit: 1, perCustomerLimit: 1, endsAt: at + MEMBER_COUPON_DAYS * DAY_MS, description };
}

const MEMBER_COUPON_DAYS = 90;

/** Takes back an issued code nobody has used; false when it was used (or never issued). */
function withdrawUnused(state: EngineState, programId: string, code: string): boolean {
  if (!state.issuedCoupons[code] || usesOf(state, programId, code).length) return false;
  delete state.issuedCoupons[code];
  return true;
}

/**
 * Everything derived from a member's orders that issues something: punch-card rewards, buy-ahead
 * bonuses, the gift of a tier reached for the first time this period, spend-level rewards (once a
 * year) and the rebates of past years once they can no longer be returned away.
 */
function syncOrderRewards(state: EngineState, programId: string, memberId: string, at: number): void {
  const rules = getProgram(state, programId);
  for (const card of rules.punchCards ?? []) issueDueRewards(state, programId, memberId, card, at);
  for (const card of rules.buyAhead ?? []) syncBuyAheadBonus(state, programId, memberId, card, at);
  const year = yearOf(at, rules.timeZone);
  if (rules.tiers) {
    for (const { level, gift } of tierGiftsDue(state, programId, memberId, at, rules.tiers)) {
      if (gift.couponValue) issueMemberCoupon(state, programId, memberId, tierCode(memberId, level.id, year), gift.couponValue, at, `tier gift: ${gift.description}`);
    }
  }
  const cashback = rules.cashback;
  if (cashback) {
    for (const reward of spendLevelRewardsDue(state, state.cashback, programId, memberId, at, cashback)) {
      issueSpendLevelReward(state, state.cashback, programId, memberId, reward.id, at, cashback);
      if (reward.reward.kind === 'coupon') issueMemberCoupon(state, programId, memberId, spendCode(memberId, reward.id, year), reward.reward.value, at, reward.name);
    }
    settleRebates(state, state.cashback, programId, memberId, at, cashback);
  }
}

const tierCode = (memberId: string, levelId: string, year: number) => `TIER-${levelId}-${memberId}-${year}`.toUpperCase();
const spendCode = (memberId: string, rewardId: string, year: number) => `SPEND-${rewardId}-${memberId}-${year}`.toUpperCase();

/**
 * After a return: the tier gift and spend-level coupon of the returned order's calendar year that
 * the year's orders, as they now stand, no longer reach are taken back, unless used (the discount
 * was had); a spend-level reward taken back can come again with new spend, a gift sent stays sent.
 * Judged at the year's end (or now, within the year), so a January return of a December order
 * counts against December's year, and a late-posted earlier order never takes anything back.
 */
function withdrawUnearned(state: EngineState, programId: string, memberId: string, placedAt: number, at: number): void {
  const rules = getProgram(state, programId);
  const year = yearOf(placedAt, rules.timeZone);
  const judgedAt = Math.min(at, yearStart(year + 1, rules.timeZone) - 1);
  if (rules.tiers) {
    const due = tierGiftsDue(state, programId, memberId, judgedAt, rules.tiers);
    for (const level of rules.tiers.levels) if (!due.some((d) => d.level.id === level.id)) withdrawUnused(state, programId, tierCode(memberId, level.id, year));
  }
  const cashback = rules.cashback;
  if (cashback?.spendLevelRewards.length) {
    const spend = yearToDateSpend(state, programId, memberId, judgedAt);
    const issued = state.cashback.spendRewardsIssued;
    for (const reward of cashback.spendLevelRewards) {
      if (reward.reward.kind !== 'coupon' || spend >= reward.threshold) continue;
      const k = issued.findIndex((i) => i.programId === programId && i.memberId === memberId && i.year === year && i.rewardId === reward.id);
      if (k >= 0 && withdrawUnused(state, programId, spendCode(memberId, reward.id, year))) issued.splice(k, 1);
    }
  }
}

/** An order from the merchant's server, with the member's tier or membership multiplier applied. */
export function recordOrder(state: EngineState, programId: string, input: OrderInput): OrderResult {
  const buyer = input.memberId ?? (input.email ? findMemberByEmail(state, programId, input.email)?.id : undefined);
  const multiplier = buyer && state.members[buyer] ? earnMultiplier(state, programId, buyer, input.placedAt) : 1;
  const result = postOrder(state, programId, input, multiplier);
  if (result.status === 'recorded' && buyer) syncOrderRewards(state, programId, buyer, input.placedAt);
  return result;
}

/** A return from the merchant's server; punches and buy-ahead bonuses it undoes are taken back. */
export function recordReturn(state: EngineState, programId: string, orderId: string, input: ReturnInput, at: number): ReturnResult {
  const result = postReturn(state, programId, orderId, input, at);
  const order = state.orders[`${programId}:${orderId}`];
  if (!result.duplicate && order?.memberId) {
    withdrawUnearned(state, programId, order.memberId, order.placedAt, at);
    syncOrderRewards(state, programId, order.memberId, at);
  }
  return result;
}

/** A merchant's manual correction (positive or negative); a debit beyond the balance becomes a debt. */
export function adjustPoints(state: EngineState, programId: string, memberId: string, points: number, note: string, at: number): void {
  getProgram(state, programId);
  getMember(state, programId, memberId);
  if (!Number.isSafeInteger(points) || points === 0) throw new EngineError('validation', 422, 'points must be a non-zero integer', { field: 'points' });
  state.ledger.push({ id: nextId(state, 'a'), kind: 'adjust', memberId, points, at, note: String(note).slice(0, 200) });
}

/** The member's derived balances, batches and history at `now`. */
export function memberPoints(state: EngineState, programId: string, memberId: string, now: number) {
  const rules = getProgram(state, programId);
  getMember(state, programId, memberId);
  const result = replay(memberLedger(state, memberId), rules, now);
  // the batch objects only when read (a history page reads the activity alone)
  return {
    get batches() {
      return result.batches;
    },
    activity: result.activity,
    owed: result.owed,
    summary: summarize(result),
  };
}

/**
 * Balances (expiry included) without the history lines: what a balance answer needs. The batch
 * objects are built when `batches` is first read; a balance is summed from the replay's columns.
 */
export function memberBalance(state: EngineState, programId: string, memberId: string, now: number): { readonly batches: Batch[]; owed: number; summary: PointsSummary } {
  const rules = getProgram(state, programId);
  getMember(state, programId, memberId);
  const result = replay(memberLedger(state, memberId), rules, now, false);
  return {
    get batches() {
      return result.batches;
    },
    owed: result.owed,
    summary: summarize(result),
  };
}

/**
 * "You'll earn N points" for a cart, before it is an order: the promotions behind the bonus (with how
 * many units qualify) and, for a member, where the order would take their tier progress.
 */
export function previewCart(state: EngineState, programId: string, cart: CouponCart & { discounts?: number }, at: number, memberId: string | null = null) {
  const rules = getProgram(state, programId);
  const member = memberId && state.members[memberId] ? memberId : null;
  const multiplier = member ? earnMultiplier(state, programId, member, at) : 1;
  const order = { lines: cart.lines, shipping: cart.shipping ?? 0, tax: 0, discounts: cart.discounts ?? 0, placedAt: at };
  const earn = earnFor(rules, order, multiplier);
  const promotions = rules.promotions
    .filter((p) => p.startsAt <= at && at < p.endsAt && p.multiplier > 1)
    .map((p) => ({ id: p.id, name: p.name, multiplier: p.multiplier, quantity: cart.lines.filter((l) => selects(p.appliesTo, l)).reduce((n, l) => n + l.quantity, 0) }))
    .filter((p) => p.quantity > 0);
  let tier: { basis: 'spend' | 'points'; current: number; after: number; next: { id: string; name: string; threshold: number }; reaches: boolean } | undefined;
  if (member && rules.tiers) {
    const { progress } = tierAt(state, programId, member, at, rules.tiers);
    if (progress.next) {
      // (what the order will count for: its earn base, shipping included where the program earns on it)
      const added = rules.tiers.basis === 'spend' ? earn.base : earn.points;
      const after = progress.current + added;
      tier = { basis: rules.tiers.basis, current: progress.current, after, next: progress.next, reaches: after >= progress.next.threshold };
    }
  }
  return { points: earn.points, bonusPoints: earn.bonusPoints, pendingDays: rules.pendingDays, multiplier, promotions, tier, asMember: member !== null, joinPoints: rules.joinIncentive?.points ?? 0 };
}

/** Validates a code against a cart with the program's coupons and this member's issued ones. */
export function checkCoupon(state: EngineState, programId: string, input: string, cart: CouponCart, memberId: string | null, at: number, appliedCodes: string[] = []): CouponResult {
  const rules = getProgram(state, programId);
  const code = normalizeCode(input);
  const issued = state.issuedCoupons[code];
  const def = findCoupon(rules.coupons, input) ?? (issued && issued.programId === programId ? issued : undefined);
  const uses = usesOf(state, programId, code);
  const applied = appliedCodes.map(normalizeCode);
  // Combining needs room under the program's per-order limit and every coupon involved to allow it.
  const room = applied.length < rules.couponsPerOrder;
  const combinable = room ? applied.filter((c) => (findCoupon(rules.coupons, c) ?? state.issuedCoupons[c])?.combinable) : [];
  return validateCoupon(def, cart, {
    now: at,
    memberId,
    usesTotal: uses.length,
    // (a member's uses as a guest, before joining or under an alias of their address, count too)
    usesByMember: memberId ? customerUses(state, programId, code, memberId, state.members[memberId] ? mailboxOfRecord(state.members[memberId]!) : null) : 0,
    appliedCodes: applied,
    combinableCodes: combinable,
  });
}
