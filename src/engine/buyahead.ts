import { DAY_MS } from '../core/clock.js';
import { member as getMember, program as getProgram } from './members.js';
import { keptUnits, memberOrders, type OrderWithReturns } from './punch.js';
import { memberLedger, nextId, type EngineState } from './state.js';

/**
 * Buy-ahead cards (PRODUCT §3): a product that, when bought, gives an immediate points bonus plus a
 * percentage off the member's next `uses` orders. Nothing is stored besides the ledger: the bonus
 * and the discounts are derived from the orders the merchant posted, so returning the card takes
 * its bonus back and its unused discounts away.
 */
export interface BuyAheadConfig {
  id: string;
  name: string;
  /** The product id that is the card (matched exactly against order line ids). */
  productId: string;
  /** Points per card bought, available at once. */
  bonusPoints: number;
  /** Percent off each of the next `uses` orders (0 < p ≤ 100). */
  discountPercent: number;
  /** Discounted orders per card bought (K). */
  uses: number;
  /** Days the discounts stay usable after the purchase; absent = no limit. */
  validDays?: number;
}

const isInt = (v: unknown, min: number): v is number => Number.isSafeInteger(v) && (v as number) >= min;

export function validateBuyAheadConfig(cfg: unknown, path = 'buyAhead'): string[] {
  if (typeof cfg !== 'object' || cfg === null || Array.isArray(cfg)) return [`${path} must be an object`];
  const c = cfg as Partial<BuyAheadConfig>;
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => void (ok || problems.push(`${path}.${message}`));
  need(typeof c.id === 'string' && /^[\w-]{1,64}$/.test(c.id), 'id must be 1–64 letters, digits, "_" or "-"');
  need(typeof c.name === 'string' && c.name.trim().length > 0, 'name is required');
  need(typeof c.productId === 'string' && c.productId.trim().length > 0, 'productId is required');
  need(isInt(c.bonusPoints, 0), 'bonusPoints must be an integer ≥ 0');
  need(typeof c.discountPercent === 'number' && Number.isFinite(c.discountPercent) && c.discountPercent > 0 && c.discountPercent <= 100, 'discountPercent must be in (0, 100]');
  need(isInt(c.uses, 1), 'uses must be an integer ≥ 1');
  if (c.validDays !== undefined) need(isInt(c.validDays, 1), 'validDays must be an integer ≥ 1');
  return problems;
}

export interface BuyAheadPurchase {
  orderId: string;
  placedAt: number;
  /** Cards bought in the order and not returned. */
  units: number;
}

/** Orders of the member containing the card, with the units kept (bought minus returned). */
export function buyAheadPurchases(state: EngineState, programId: string, memberId: string, card: BuyAheadConfig, at: number): BuyAheadPurchase[] {
  const out: BuyAheadPurchase[] = [];
  for (const order of memberOrders(state, programId, memberId, at)) {
    const lines = keptUnits(order, (l) => l.id === card.productId);
    if (!lines.length) continue;
    out.push({ orderId: order.orderId, placedAt: order.placedAt, units: lines.reduce((s, k) => s + k.kept, 0) });
  }
  return out;
}

/** The key a card's bonus batch is known by in the ledger (its `refOrderId`, and its reversals' `orderId`). */
export const bonusKey = (card: BuyAheadConfig, orderId: string) => `buyahead:${card.id}:${orderId}`;

export interface BuyAheadBonusSync {
  /** Points added (earn entries, source 'promotion', available at once). */
  granted: number;
  /** Points taken back for cards returned. */
  reversed: number;
}

/**
 * Brings the ledger in line with the cards bought: for each purchase order, bonus = units kept ×
 * `bonusPoints`. What is missing is earned now (source 'promotion', availableAt = at); what a
 * return took away is reversed from that bonus batch (what was already spent becomes a debt, as
 * for any return). Idempotent: a second call adds nothing. Call it after posting an order or a
 * return.
 */
export function syncBuyAheadBonus(state: EngineState, programId: string, memberId: string, card: BuyAheadConfig, at: number): BuyAheadBonusSync {
  getProgram(state, programId);
  getMember(state, programId, memberId);
  const result = { granted: 0, reversed: 0 };
  const orderIds = new Set<string>();
  const purchases = buyAheadPurchases(state, programId, memberId, card, at);
  for (const p of purchases) orderIds.add(p.orderId);
  // Orders with an earlier bonus that no longer have a kept card (fully returned) still need a look.
  for (const e of memberLedger(state, memberId)) {
    if (e.kind === 'earn' && e.refOrderId?.startsWith(`buyahead:${card.id}:`) && e.orderId) orderIds.add(e.orderId);
  }
  for (const orderId of orderIds) {
    const order = state.orders[`${programId}:${orderId}`] as OrderWithReturns | undefined;
    if (!order || order.memberId !== memberId) continue;
    const units = purchases.find((p) => p.orderId === orderId)?.units ?? 0;
    const target = units * card.bonusPoints;
    const key = bonusKey(card, orderId);
    let current = 0;
    for (const e of memberLedger(state, memberId)) {
      if (e.kind === 'earn' && e.refOrderId === key) current += e.points;
      if (e.kind === 'reverse' && e.orderId === key) current -= e.points;
    }
    if (target > current) {
      state.ledger.push({ id: nextId(state, 'e'), kind: 'earn', memberId, points: target - current, at, source: 'promotion', availableAt: at, orderId, refOrderId: key, note: `buyahead:${card.id}` });
      result.granted += target - current;
    } else if (target < current) {
      state.ledger.push({ id: nextId(state, 'x'), kind: 'reverse', memberId, orderId: key, points: current - target, at, ref: `buyahead-return:${orderId}` });
      result.reversed += current - target;
    }
  }
  return result;
}

export interface BuyAheadDiscount {
  /** The member's next order gets the discount. */
  eligible: boolean;
  percent: number;
  /** Discounted orders left (the next one included). */
  usesRemaining: number;
  usesTotal: number;
  usesUsed: number;
  /** When the first remaining use lapses (null: no limit, or none left). */
  expiresAt: number | null;
}

/**
 * Whether the member's next order (placed after `at`) gets the card's discount, derived from
 * orders: each card bought and kept gives `uses` discounted orders; every later order of the
 * member, in time order, uses one (the soonest to lapse first), unless it was fully returned (a
 * refunded order gives its use back). The order that buys a card does not use that card's uses.
 * The backend applies the discount to every next order while `eligible`, so use and derivation
 * agree.
 */
export function buyAheadDiscountFor(state: EngineState, programId: string, memberId: string, card: BuyAheadConfig, at: number): BuyAheadDiscount {
  const pool: { left: number; expiresAt: number }[] = [];
  let usesTotal = 0;
  let usesUsed = 0;
  for (const order of memberOrders(state, programId, memberId, at)) {
    const lines = order.lines as { net?: number; unitPrice: number; quantity: number }[];
    const merchandise = lines.reduce((s, l) => s + (l.net ?? l.unitPrice * l.quantity), 0);
    const refunded = order.returned > 0 && order.returned >= merchandise;
    const live = pool.filter((u) => u.left > 0 && order.placedAt < u.expiresAt).sort((a, b) => a.expiresAt - b.expiresAt);
    if (!refunded && live.length) {
      live[0]!.left -= 1;
      usesUsed += 1;
    }
    const units = keptUnits(order, (l) => l.id === card.productId).reduce((s, k) => s + k.kept, 0);
    if (units > 0) {
      const expiresAt = card.validDays === undefined ? Infinity : order.placedAt + card.validDays * DAY_MS;
      pool.push({ left: units * card.uses, expiresAt });
      usesTotal += units * card.uses;
    }
  }
  const live = pool.filter((u) => u.left > 0 && at < u.expiresAt);
  const usesRemaining = live.reduce((s, u) => s + u.left, 0);
  const soonest = live.length ? Math.min(...live.map((u) => u.expiresAt)) : Infinity;
  return {
    eligible: usesRemaining > 0,
    percent: card.discountPercent,
    usesRemaining,
    usesTotal,
    usesUsed,
    expiresAt: Number.isFinite(soonest) ? soonest : null,
  };
}
