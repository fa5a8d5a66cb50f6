import { DAY_MS } from '../core/clock.js';
import { shareOf, wholeFor } from '../core/money.js';
import { EngineError } from './errors.js';
import { once } from './idempotency.js';
import { noteRedemption } from './lookups.js';
import { member as getMember, program as getProgram } from './members.js';
import { replay, summarize, type PointsSummary } from './points.js';
import type { Reward } from './program.js';
import { memberLedger, nextId, type EngineState, type RedemptionRecord } from './state.js';

export function balance(state: EngineState, programId: string, memberId: string, now: number): PointsSummary {
  const rules = getProgram(state, programId);
  return summarize(replay(memberLedger(state, memberId), rules, now, false));
}

/** What a reward costs and is worth for this cart: pay-with-points buys whole steps up to the order share. */
export function quote(reward: Reward, available: number, cartSubtotal: number, steps?: number): { points: number; discount: number } {
  if (reward.kind !== 'pay_with_points') return { points: reward.points, discount: reward.kind === 'free_shipping' ? 0 : reward.value };
  const maxByOrder = Math.floor(shareOf(cartSubtotal, reward.maxShare) / reward.stepValue);
  const maxByPoints = Math.floor(available / reward.stepPoints);
  const wanted = steps === undefined ? Math.min(maxByOrder, maxByPoints) : Math.min(steps, maxByOrder);
  return { points: wanted * reward.stepPoints, discount: wanted * reward.stepValue };
}

export interface RedeemInput {
  rewardId: string;
  /** Merchandise subtotal of the cart (pay-with-points needs it). */
  cartSubtotal?: number;
  steps?: number;
}

/**
 * Turns points into a single-use member coupon. The same idempotency key gives the same coupon and
 * debits once; a member cannot spend pending points or more than is available.
 */
export function redeem(state: EngineState, programId: string, memberId: string, input: RedeemInput, at: number, idempotencyKey?: string): RedemptionRecord {
  return once(state, idempotencyKey && `${programId}:${memberId}:redeem:${idempotencyKey}`, input, () => {
    const rules = getProgram(state, programId);
    getMember(state, programId, memberId);
    if (input.cartSubtotal !== undefined && !(Number.isSafeInteger(input.cartSubtotal) && input.cartSubtotal >= 0)) {
      throw new EngineError('validation', 422, 'cartSubtotal must be integer minor units ≥ 0', { field: 'cartSubtotal' });
    }
    if (input.steps !== undefined && !(Number.isSafeInteger(input.steps) && input.steps >= 1)) {
      throw new EngineError('validation', 422, 'steps must be a whole number ≥ 1', { field: 'steps' });
    }
    const reward = rules.rewards.find((r) => r.id === input.rewardId);
    if (!reward) throw new EngineError('not_found', 404, 'unknown reward', { rewardId: input.rewardId });
    const { available } = balance(state, programId, memberId, at);
    const { points, discount } = quote(reward, available, input.cartSubtotal ?? 0, input.steps);
    if (points <= 0) {
      const required = reward.kind === 'pay_with_points' ? reward.stepPoints : reward.points;
      throw new EngineError(available < required ? 'insufficient_points' : 'validation', 422, 'nothing to redeem for this cart', { required, available });
    }
    if (points > available) throw new EngineError('insufficient_points', 422, 'not enough points', { required: points, available });
    const id = nextId(state, 'red');
    // (letters and digits only: `red_nt` reads R-REDNT, not R-RED_NT)
    const code = `R-${id.replace(/[\W_]/g, '').toUpperCase()}`;
    const expiresAt = at + reward.validDays * DAY_MS;
    const record: RedemptionRecord = { id, programId, memberId, rewardId: reward.id, points, couponCode: code, discount, kind: reward.kind, createdAt: at, expiresAt, status: 'issued', ...(idempotencyKey ? { idempotencyKey } : {}) };
    state.redemptions[id] = record;
    noteRedemption(state, record);
    state.issuedCoupons[code] = {
      programId,
      code,
      ...(reward.kind === 'free_shipping' ? { kind: 'free_shipping' as const } : { kind: 'fixed' as const, amount: discount }),
      currency: rules.currency,
      endsAt: expiresAt,
      memberId,
      usageLimit: 1,
      perCustomerLimit: 1,
      ...(reward.kind === 'fixed' && reward.minSpend ? { minSpend: reward.minSpend } : {}),
      // points pay at most maxShare of an order: on a smaller cart than the one it was sized for,
      // the code would pay more (the cart's subtotal is the client's word)
      ...(reward.kind === 'pay_with_points' ? { minSpend: wholeFor(discount, reward.maxShare) } : {}),
      // a free product is one of it, whatever else of it the cart holds
      ...(reward.kind === 'product' ? { includeOnly: { products: [reward.productId] }, maxUnits: 1 } : {}),
      description: reward.kind,
    };
    state.ledger.push({ id: nextId(state, 'd'), kind: 'redeem', memberId, points, at, ref: id });
    return record;
  });
}

/** Cancels an unused redemption: the coupon stops working and its points come back. */
export function cancelRedemption(state: EngineState, programId: string, memberId: string, redemptionId: string, at: number): RedemptionRecord {
  const record = state.redemptions[redemptionId];
  if (!record || record.programId !== programId || record.memberId !== memberId) throw new EngineError('not_found', 404, 'unknown redemption', {});
  if (record.status === 'cancelled') return record;
  if (record.status === 'used') throw new EngineError('conflict', 409, 'this reward was already used', {});
  record.status = 'cancelled';
  delete state.issuedCoupons[record.couponCode];
  state.ledger.push({ id: nextId(state, 'c'), kind: 'cancel', memberId, at, ref: redemptionId });
  return record;
}
