import { EngineError } from './errors.js';
import { findMemberByEmail, member as getMember, normalizeEmail, program as getProgram } from './members.js';
import { availableAfterReturnWindow, pointsFor } from './points.js';
import { matches, type ProgramConfig, type Promotion } from './program.js';
import { nextId, type EngineState, type OrderLine, type OrderRecord } from './state.js';
import { rewardReferrerFor } from './referrals.js';
import { normalizeCode } from './coupons.js';
import { splitProportionally } from '../core/money.js';

export interface OrderInput {
  orderId: string;
  memberId?: string | null;
  email?: string | null;
  currency: string;
  lines: OrderLine[];
  shipping?: number;
  tax?: number;
  /** Order-level discounts (coupons, redeemed points) in minor units. */
  discounts?: number;
  placedAt: number;
  couponCodes?: string[];
}

export interface ReturnInput {
  returnId: string;
  /** Returned units per line, or a merchandise amount (minor units). */
  lines?: { id: string; quantity: number }[];
  amount?: number;
}

/** Each line's merchandise after its share of the order-level discount. */
export function lineNets(lines: OrderLine[], discounts: number): number[] {
  const gross = lines.map((l) => l.unitPrice * l.quantity);
  const share = splitProportionally(Math.min(discounts, gross.reduce((a, b) => a + b, 0)), gross);
  return gross.map((g, i) => g - share[i]!);
}

/** The multiplier promotions give a line at `at`: the best one, or the bonuses added (never compounded). */
export function lineMultiplier(promotions: Promotion[], stacking: ProgramConfig['promotionStacking'], line: OrderLine, at: number): number {
  const active = promotions.filter((p) => p.startsAt <= at && at < p.endsAt && matches(p.appliesTo, line)).map((p) => p.multiplier);
  if (!active.length) return 1;
  return stacking === 'add' ? 1 + active.reduce((sum, m) => sum + (m - 1), 0) : Math.max(...active);
}

export interface EarnBreakdown {
  base: number;
  basePoints: number;
  bonusPoints: number;
  points: number;
}

/**
 * Points an order earns: `earn` points per `perMinor` of merchandise after discounts (shipping and
 * tax only if the program includes them), rounded down, plus promotion bonuses, times any extra
 * `multiplier` (tiers, memberships).
 */
export function earnFor(rules: ProgramConfig, order: Pick<OrderInput, 'lines' | 'shipping' | 'tax' | 'discounts' | 'placedAt'>, multiplier = 1): EarnBreakdown {
  const nets = lineNets(order.lines, order.discounts ?? 0);
  const merchandise = nets.reduce((a, b) => a + b, 0);
  const base = merchandise + (rules.earnBase.shipping ? (order.shipping ?? 0) : 0) + (rules.earnBase.tax ? (order.tax ?? 0) : 0);
  const basePoints = pointsFor(Math.floor(base * multiplier), rules.earn);
  const bonusBase = order.lines.reduce((sum, line, i) => sum + Math.floor(nets[i]! * (lineMultiplier(rules.promotions, rules.promotionStacking, line, order.placedAt) - 1)), 0);
  const bonusPoints = pointsFor(Math.floor(bonusBase * multiplier), rules.earn);
  return { base, basePoints, bonusPoints, points: basePoints + bonusPoints };
}

function validateOrder(input: OrderInput, rules: ProgramConfig): void {
  const bad = (field: string, message: string) => new EngineError('validation', 422, message, { field });
  if (typeof input.orderId !== 'string' || !input.orderId.trim()) throw bad('orderId', 'orderId is required');
  if (input.currency !== rules.currency) throw bad('currency', `orders must be in ${rules.currency}`);
  if (!Array.isArray(input.lines) || !input.lines.length) throw bad('lines', 'an order needs lines');
  input.lines.forEach((l, i) => {
    if (!Number.isSafeInteger(l.unitPrice) || l.unitPrice < 0) throw bad(`lines[${i}].unitPrice`, 'unitPrice must be integer minor units ≥ 0');
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1) throw bad(`lines[${i}].quantity`, 'quantity must be an integer ≥ 1');
  });
  for (const key of ['shipping', 'tax', 'discounts'] as const) {
    const v = input[key];
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) throw bad(key, `${key} must be integer minor units ≥ 0`);
  }
}

export interface OrderResult {
  orderId: string;
  status: 'recorded' | 'duplicate' | 'not_member';
  points: number;
  pendingUntil: number | null;
}

/**
 * Records an order the merchant's server posts. Points are pending through the return window.
 * Posting the same order id again changes nothing and answers with the first result.
 */
export function postOrder(state: EngineState, programId: string, input: OrderInput, multiplier = 1): OrderResult {
  const rules = getProgram(state, programId);
  validateOrder(input, rules);
  const key = `${programId}:${input.orderId}`;
  const existing = state.orders[key];
  if (existing) {
    return { orderId: existing.orderId, status: 'duplicate', points: existing.points, pendingUntil: existing.memberId ? availableAfterReturnWindow(existing.placedAt, rules) : null };
  }
  const buyer = input.memberId ? getMember(state, programId, input.memberId) : input.email ? findMemberByEmail(state, programId, input.email) : undefined;
  const email = buyer?.email ?? normalizeEmail(input.email ?? '');
  const earn = earnFor(rules, input, multiplier);
  const nets = lineNets(input.lines, input.discounts ?? 0);
  const record: OrderRecord = {
    programId,
    orderId: input.orderId,
    memberId: buyer?.id ?? null,
    email,
    currency: input.currency,
    lines: input.lines.map((l) => ({ ...l })),
    shipping: input.shipping ?? 0,
    tax: input.tax ?? 0,
    discounts: input.discounts ?? 0,
    placedAt: input.placedAt,
    earnBase: earn.base,
    points: buyer ? earn.points : 0,
    returned: 0,
    returnIds: [],
    pointsReversed: 0,
    couponCodes: (input.couponCodes ?? []).map(normalizeCode),
  };
  // Remember what each unit was worth after discounts, for proportional returns.
  record.lines.forEach((l, i) => ((l as OrderLine & { net?: number }).net = nets[i]!));
  state.orders[key] = record;
  for (const code of record.couponCodes) state.couponUses.push({ programId, code, memberId: record.memberId, orderId: record.orderId, at: input.placedAt });
  if (!buyer) {
    if (email) (state.customers[programId] ??= []).includes(email) || state.customers[programId]!.push(email);
    return { orderId: record.orderId, status: 'not_member', points: 0, pendingUntil: null };
  }
  const availableAt = availableAfterReturnWindow(input.placedAt, rules);
  if (record.points > 0) {
    state.ledger.push({ id: nextId(state, 'e'), kind: 'earn', memberId: buyer.id, points: record.points, at: input.placedAt, source: 'order', orderId: record.orderId, availableAt });
  }
  for (const redemption of Object.values(state.redemptions)) {
    if (redemption.memberId === buyer.id && redemption.status === 'issued' && record.couponCodes.includes(redemption.couponCode)) redemption.status = 'used';
  }
  rewardReferrerFor(state, rules, record);
  return { orderId: record.orderId, status: 'recorded', points: record.points, pendingUntil: availableAt };
}

export interface ReturnResult {
  orderId: string;
  returnId: string;
  pointsReversed: number;
  duplicate: boolean;
}

/**
 * Reverses an order's points in proportion to the merchandise returned. The cumulative reversal is
 * floor(points × returned / merchandise), and exactly all points once everything is returned, so
 * "order then full return" leaves every balance as it was.
 */
export function postReturn(state: EngineState, programId: string, orderId: string, input: ReturnInput, at: number): ReturnResult {
  getProgram(state, programId);
  const order = state.orders[`${programId}:${orderId}`];
  if (!order) throw new EngineError('not_found', 404, 'unknown order', { orderId });
  if (typeof input.returnId !== 'string' || !input.returnId) throw new EngineError('validation', 422, 'returnId is required', { field: 'returnId' });
  if (order.returnIds.includes(input.returnId)) return { orderId, returnId: input.returnId, pointsReversed: 0, duplicate: true };
  const lines = order.lines as (OrderLine & { net: number })[];
  const merchandise = lines.reduce((sum, l) => sum + l.net, 0);
  let amount: number;
  if (input.lines) {
    amount = 0;
    for (const r of input.lines) {
      const line = lines.find((l) => l.id === r.id);
      if (!line || !Number.isSafeInteger(r.quantity) || r.quantity < 1 || r.quantity > line.quantity) {
        throw new EngineError('validation', 422, `cannot return ${r.quantity} of line ${r.id}`, { field: 'lines' });
      }
      const already = order.returnedUnits?.[r.id] ?? 0;
      if (already + r.quantity > line.quantity) throw new EngineError('validation', 422, `only ${line.quantity - already} of line ${r.id} can still be returned`, { field: 'lines' });
      // The units' share of the line's net, so returning every unit returns the whole line.
      amount += Math.round((line.net * r.quantity) / line.quantity);
    }
  } else if (Number.isSafeInteger(input.amount) && (input.amount as number) > 0) {
    amount = input.amount as number;
  } else throw new EngineError('validation', 422, 'a return needs lines or a positive amount', { field: 'amount' });
  const returned = Math.min(merchandise, order.returned + amount);
  const cumulative = returned >= merchandise ? order.points : Math.floor((order.points * returned) / merchandise);
  const reverse = cumulative - order.pointsReversed;
  order.returned = returned;
  order.returnIds.push(input.returnId);
  for (const r of input.lines ?? []) (order.returnedUnits ??= {})[r.id] = (order.returnedUnits?.[r.id] ?? 0) + r.quantity;
  order.pointsReversed = cumulative;
  if (order.memberId && reverse > 0) {
    state.ledger.push({ id: nextId(state, 'x'), kind: 'reverse', memberId: order.memberId, orderId, points: reverse, at, ref: input.returnId });
  }
  if (returned >= merchandise) {
    // Returned inside the window: the referral rewards no one (the ledger voids the pending reward).
    const rules = getProgram(state, programId);
    for (const referral of state.referrals) {
      if (referral.orderId !== orderId || referral.programId !== programId || referral.status !== 'ordered' || referral.rewardAt === null || at >= referral.rewardAt) continue;
      referral.status = 'returned';
      const points = rules.referral?.referrerPoints ?? 0;
      if (points > 0) state.ledger.push({ id: nextId(state, 'x'), kind: 'reverse', memberId: referral.referrerId, orderId, points, at, ref: input.returnId });
    }
  }
  return { orderId, returnId: input.returnId, pointsReversed: reverse, duplicate: false };
}
