/**
 * The program engine: pure rules over a JSON state, no DOM, no fetch, time passed in. The reference
 * backend calls these functions; so do the tests and the benchmark.
 */
import { EngineError } from './errors.js';
import { once } from './idempotency.js';
import { enroll, member as getMember, program as getProgram, type EnrollInput } from './members.js';
import { earnFor } from './orders.js';
import { replay, summarize } from './points.js';
import { attachReferral, checkReferral, type ReferralRejection } from './referrals.js';
import { findCoupon, normalizeCode, validateCoupon, type CouponCart, type CouponResult } from './coupons.js';
import { validateProgram, type ProgramConfig } from './program.js';
import { nextId, type EngineState, type MemberRecord } from './state.js';

export * from './errors.js';
export * from './state.js';
export * from './program.js';
export * from './points.js';
export { enroll, recordAction, normalizeEmail, findMemberByEmail, validBirthday, type EnrollInput } from './members.js';
export { postOrder, postReturn, earnFor, lineMultiplier, type OrderInput, type ReturnInput, type OrderResult, type ReturnResult, type EarnBreakdown } from './orders.js';
export { redeem, cancelRedemption, balance, quote, type RedeemInput } from './redemption.js';
export { checkReferral, referralStats, findReferrer, type ReferralStats, type ReferralRejection } from './referrals.js';
export { once } from './idempotency.js';
export * from './coupons.js';

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
  const result = replay(state.ledger.filter((e) => e.memberId === memberId), rules, now);
  return { ...result, summary: summarize(result) };
}

/** "You'll earn N points" for a cart, before it is an order. */
export function previewCart(state: EngineState, programId: string, cart: CouponCart & { discounts?: number }, at: number, multiplier = 1) {
  const rules = getProgram(state, programId);
  const earn = earnFor(rules, { lines: cart.lines, shipping: cart.shipping ?? 0, tax: 0, discounts: cart.discounts ?? 0, placedAt: at }, multiplier);
  return { points: earn.points, bonusPoints: earn.bonusPoints, pendingDays: rules.pendingDays };
}

/** Validates a code against a cart with the program's coupons and this member's issued ones. */
export function checkCoupon(state: EngineState, programId: string, input: string, cart: CouponCart, memberId: string | null, at: number, appliedCodes: string[] = []): CouponResult {
  const rules = getProgram(state, programId);
  const code = normalizeCode(input);
  const issued = state.issuedCoupons[code];
  const def = findCoupon(rules.coupons, input) ?? (issued && issued.programId === programId ? issued : undefined);
  const uses = state.couponUses.filter((u) => u.programId === programId && u.code === code);
  const applied = appliedCodes.map(normalizeCode);
  // Combining needs room under the program's per-order limit and every coupon involved to allow it.
  const room = applied.length < rules.couponsPerOrder;
  const combinable = room ? applied.filter((c) => (findCoupon(rules.coupons, c) ?? state.issuedCoupons[c])?.combinable) : [];
  return validateCoupon(def, cart, {
    now: at,
    memberId,
    usesTotal: uses.length,
    usesByMember: memberId ? uses.filter((u) => u.memberId === memberId).length : 0,
    appliedCodes: applied,
    combinableCodes: combinable,
  });
}
