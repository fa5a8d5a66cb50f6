import { localDate } from './calendar.js';
import { mailboxOf, mailboxOfRecord } from './members.js';
import { availableAfterReturnWindow } from './points.js';
import type { ProgramConfig } from './program.js';
import { nextId, type EngineState, type MemberRecord, type OrderRecord } from './state.js';

export type ReferralRejection = 'referral_unknown_code' | 'self_referral' | 'referral_existing_customer' | 'referral_cap_reached';

/** The month of `at` on the store's calendar, as a key. */
const monthOf = (at: number, zone: string | undefined) => {
  const d = localDate(at, zone);
  return `${d.year}-${d.month}`;
};

/** Referrals of this referrer whose reward falls in the month of `at` (rewarded or waiting). */
function rewardedInMonth(state: EngineState, referrerId: string, at: number, zone: string | undefined): number {
  const month = monthOf(at, zone);
  return state.referrals.filter((r) => r.referrerId === referrerId && r.status === 'ordered' && r.rewardAt !== null && monthOf(r.rewardAt, zone) === month).length;
}

/**
 * Friends who joined through this referrer in the month of `at`: the cap a new friend is checked
 * against. (Checked against rewards landing this month, a friend was refused for rewards other
 * friends would get this month, though their own would land in a later one.)
 */
function joinedInMonth(state: EngineState, referrerId: string, at: number, zone: string | undefined): number {
  const month = monthOf(at, zone);
  return state.referrals.filter((r) => r.referrerId === referrerId && monthOf(r.joinedAt, zone) === month).length;
}

export function findReferrer(state: EngineState, programId: string, code: string): MemberRecord | undefined {
  const wanted = code.trim().toUpperCase();
  return Object.values(state.members).find((m) => m.programId === programId && m.referralCode === wanted);
}

/**
 * Checks whether `friend` may be credited to the code's owner: not the same person (member, email
 * or device), not someone who already bought before, and the referrer under the monthly cap.
 */
export function checkReferral(state: EngineState, rules: ProgramConfig, friend: { id?: string; email: string; deviceId?: string | null }, code: string, at: number): { ok: true; referrer: MemberRecord } | { ok: false; code: ReferralRejection; params: Record<string, unknown> } {
  const referrer = rules.referral ? findReferrer(state, rules.id, code) : undefined;
  if (!referrer || !rules.referral) return { ok: false, code: 'referral_unknown_code', params: {} };
  // (by mailbox: an alias of the referrer's address is the referrer, an alias of a buyer's a buyer)
  const mailbox = mailboxOf(friend.email);
  if (referrer.id === friend.id || mailboxOfRecord(referrer) === mailbox || (friend.deviceId && referrer.deviceId === friend.deviceId)) {
    return { ok: false, code: 'self_referral', params: {} };
  }
  const bought = (state.customers[rules.id] ?? []).some((e) => mailboxOf(e) === mailbox) || Object.values(state.orders).some((o) => o.programId === rules.id && o.email !== '' && mailboxOfRecord(o) === mailbox);
  if (bought) return { ok: false, code: 'referral_existing_customer', params: {} };
  if (joinedInMonth(state, referrer.id, at, rules.timeZone) >= rules.referral.monthlyCap) return { ok: false, code: 'referral_cap_reached', params: { limit: rules.referral.monthlyCap } };
  return { ok: true, referrer };
}

/** Credits a new member to a referrer and gives the friend their welcome coupon. */
export function attachReferral(state: EngineState, rules: ProgramConfig, friend: MemberRecord, referrer: MemberRecord, at: number): string | null {
  friend.referredBy = referrer.id;
  state.referrals.push({ id: nextId(state, 'ref'), programId: rules.id, referrerId: referrer.id, friendId: friend.id, friendEmail: friend.email, joinedAt: at, status: 'joined', orderId: null, rewardAt: null });
  const offer = rules.referral;
  if (!offer || offer.friendDiscount <= 0) return null;
  const code = `WELCOME-${friend.id.replace(/\W/g, '').toUpperCase()}`;
  state.issuedCoupons[code] = {
    programId: rules.id,
    code,
    kind: 'fixed',
    amount: offer.friendDiscount,
    currency: rules.currency,
    minSpend: offer.friendMinSpend,
    memberId: friend.id,
    usageLimit: 1,
    perCustomerLimit: 1,
    description: 'referral welcome',
  };
  return code;
}

/**
 * On a referred friend's first order of at least the minimum: the referrer earns points that
 * become available when the order leaves its return window (a full return inside it voids them).
 */
export function rewardReferrerFor(state: EngineState, rules: ProgramConfig, order: OrderRecord): void {
  const offer = rules.referral;
  if (!offer || !order.memberId) return;
  const referral = state.referrals.find((r) => r.friendId === order.memberId && r.programId === rules.id && r.status === 'joined');
  if (!referral) return;
  const earlier = Object.values(state.orders).some((o) => o.memberId === order.memberId && o.orderId !== order.orderId && o.programId === rules.id);
  // the friend's spend before discounts, as the welcome coupon's own minimum counts it: the first
  // order that just meets the coupon's minimum must not fall below the referral's once it applies
  const spend = order.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  if (earlier || spend < offer.friendMinSpend) return;
  const rewardAt = availableAfterReturnWindow(order.placedAt, rules);
  if (rewardedInMonth(state, referral.referrerId, rewardAt, rules.timeZone) >= offer.monthlyCap) {
    referral.status = 'capped';
    return;
  }
  referral.status = 'ordered';
  referral.orderId = order.orderId;
  referral.rewardAt = rewardAt;
  if (offer.referrerPoints > 0) {
    state.ledger.push({ id: nextId(state, 'e'), kind: 'earn', memberId: referral.referrerId, points: offer.referrerPoints, at: order.placedAt, source: 'referral', availableAt: rewardAt, refOrderId: order.orderId });
  }
}

export interface ReferralStats {
  invited: number;
  joined: number;
  ordered: number;
  rewarded: number;
  pending: number;
  nextRewardAt: number | null;
}

export function referralStats(state: EngineState, memberId: string, now: number): ReferralStats {
  const mine = state.referrals.filter((r) => r.referrerId === memberId);
  const ordered = mine.filter((r) => r.status === 'ordered');
  const waiting = ordered.filter((r) => r.rewardAt! > now);
  return {
    invited: state.members[memberId]?.shares ?? 0,
    joined: mine.length,
    ordered: ordered.length + mine.filter((r) => r.status === 'returned').length,
    rewarded: ordered.length - waiting.length,
    pending: waiting.length,
    nextRewardAt: waiting.length ? Math.min(...waiting.map((r) => r.rewardAt!)) : null,
  };
}
