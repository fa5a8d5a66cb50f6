import { EngineError } from './errors.js';
import { findMemberByEmail, mailboxOf, member as getMember, normalizeEmail, program as getProgram } from './members.js';
import { availableAfterReturnWindow, pointsFor } from './points.js';
import { matches, type ProgramConfig, type Promotion } from './program.js';
import { nextId, unitsPerLine, type CouponFlag, type EngineState, type OrderLine, type OrderRecord, type RecordedLine } from './state.js';
import { rewardReferrerFor } from './referrals.js';
import { findCoupon, normalizeCode, validateCoupon, type CouponResult } from './coupons.js';
import { customerUses, redemptionOf, usesOf } from './lookups.js';
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
export function earnFor(rules: ProgramConfig, order: EarnedOrder, multiplier = 1): EarnBreakdown {
  const { nets, promos, extras } = earnInputs(rules, order);
  return earnOn(rules.earn, nets, promos, extras, multiplier);
}

type EarnedOrder = Pick<OrderInput, 'lines' | 'shipping' | 'tax' | 'discounts' | 'placedAt'>;

/**
 * What an order earns on: each line's worth after the order's discounts, the promotion multiplier
 * each earns at when the order is placed, and the shipping and tax the program earns on.
 */
function earnInputs(rules: ProgramConfig, order: EarnedOrder): { nets: number[]; promos: number[]; extras: number } {
  return {
    nets: lineNets(order.lines, order.discounts ?? 0),
    promos: order.lines.map((line) => lineMultiplier(rules.promotions, rules.promotionStacking, line, order.placedAt)),
    extras: (rules.earnBase.shipping ? (order.shipping ?? 0) : 0) + (rules.earnBase.tax ? (order.tax ?? 0) : 0),
  };
}

/** Points on lines worth `nets` after discounts, each at its promotion multiplier `promos[i]`. */
function earnOn(rate: ProgramConfig['earn'], nets: readonly number[], promos: readonly number[], extras: number, multiplier: number): EarnBreakdown {
  const base = nets.reduce((a, b) => a + b, 0) + extras;
  const basePoints = pointsFor(Math.floor(base * multiplier), rate);
  const bonusBase = nets.reduce((sum, net, i) => sum + Math.floor(net * (promos[i]! - 1)), 0);
  const bonusPoints = pointsFor(Math.floor(bonusBase * multiplier), rate);
  return { base, basePoints, bonusPoints, points: basePoints + bonusPoints };
}

function validateOrder(input: OrderInput, rules: ProgramConfig): void {
  const bad = (field: string, message: string) => new EngineError('validation', 422, message, { field });
  if (typeof input.orderId !== 'string' || !input.orderId.trim()) throw bad('orderId', 'orderId is required');
  if (input.currency !== rules.currency) throw bad('currency', `orders must be in ${rules.currency}`);
  if (!Number.isSafeInteger(input.placedAt)) throw bad('placedAt', 'placedAt must be a time (milliseconds since 1970)');
  if (!Array.isArray(input.lines) || !input.lines.length) throw bad('lines', 'an order needs lines');
  input.lines.forEach((l, i) => {
    if (typeof l.id !== 'string') throw bad(`lines[${i}].id`, 'id must be a string');
    for (const key of ['name', 'brand', 'category'] as const) if (l[key] !== undefined && typeof l[key] !== 'string') throw bad(`lines[${i}].${key}`, `${key} must be a string when given`);
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
  /** Codes on the order that were not valid for it (absent when all were). */
  couponFlags?: CouponFlag[];
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
    return {
      orderId: existing.orderId,
      status: 'duplicate',
      points: existing.points,
      pendingUntil: existing.memberId ? availableAfterReturnWindow(existing.placedAt, rules) : null,
      ...(existing.couponFlags ? { couponFlags: existing.couponFlags } : {}),
    };
  }
  const buyer = input.memberId ? getMember(state, programId, input.memberId) : input.email ? findMemberByEmail(state, programId, input.email) : undefined;
  const email = buyer?.email ?? normalizeEmail(input.email ?? '');
  // (as earnFor counts, keeping the parts: returns recount from them)
  const { nets, promos, extras } = earnInputs(rules, input);
  const earn = earnOn(rules.earn, nets, promos, extras, multiplier);
  const record: OrderRecord = {
    programId,
    orderId: input.orderId,
    memberId: buyer?.id ?? null,
    email,
    currency: input.currency,
    // what each line was worth after discounts and the promotion it earned at, for returns
    lines: input.lines.map((l, i) => ({ ...l, net: nets[i]!, promo: promos[i]! })),
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
    multiplier,
    earnRate: { ...rules.earn },
    earnExtras: extras,
  };
  // (checked before anything is written: a refused order leaves the state as it was)
  const { flags, apply } = auditCoupons(state, rules, record);
  if (flags.length) record.couponFlags = flags;
  state.orders[key] = record;
  apply();
  // one use per code (a code listed twice is one discount)
  for (const code of new Set(record.couponCodes)) state.couponUses.push({ programId, code, memberId: record.memberId, email: record.email || undefined, orderId: record.orderId, at: input.placedAt });
  if (!buyer) {
    if (email) (state.customers[programId] ??= []).includes(email) || state.customers[programId]!.push(email);
    return { orderId: record.orderId, status: 'not_member', points: 0, pendingUntil: null, ...(flags.length ? { couponFlags: flags } : {}) };
  }
  const availableAt = availableAfterReturnWindow(input.placedAt, rules);
  if (record.points > 0) {
    state.ledger.push({ id: nextId(state, 'e'), kind: 'earn', memberId: buyer.id, points: record.points, at: input.placedAt, source: 'order', orderId: record.orderId, availableAt });
  }
  rewardReferrerFor(state, rules, record);
  return { orderId: record.orderId, status: 'recorded', points: record.points, pendingUntil: availableAt, ...(flags.length ? { couponFlags: flags } : {}) };
}

/**
 * Checks the codes on an order again, as it was placed: the store's checkout validated each code
 * earlier, and meanwhile the code may have been used on another order (two checkouts at once), its
 * reward cancelled (the points given back), or a guest may have used a code once per customer again.
 * The order happened, so it is recorded either way; what was not valid is flagged for the merchant,
 * and a reward code had again is paid again with the reward's points (a shortfall is owed, as after
 * a return). A reward code used by its member for the first time marks the reward used.
 */
function auditCoupons(state: EngineState, rules: ProgramConfig, record: OrderRecord): { flags: CouponFlag[]; apply: () => void } {
  const flags: CouponFlag[] = [];
  const effects: (() => void)[] = [];
  const done = { flags, apply: () => effects.forEach((effect) => effect()) };
  if (!record.couponCodes.length) return done;
  const { programId } = record;
  const lines = record.lines.map((l) => ({ ...l, name: l.name ?? l.id }));
  const cart = { currency: record.currency, lines, shipping: record.shipping, subtotal: lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0) };
  const flag = (code: string, result: CouponResult) => {
    if (!result.ok) flags.push({ code, reason: result.code, ...(result.params && Object.keys(result.params).length ? { params: result.params } : {}) });
  };
  const seen = new Set<string>();
  record.couponCodes.forEach((code, k) => {
    // (a code listed twice is one discount: flagged, never charged twice)
    if (seen.has(code)) return void flags.push({ code, reason: 'coupon_already_applied' });
    seen.add(code);
    const redemption = redemptionOf(state, programId, code);
    if (redemption) {
      const own = redemption.memberId === record.memberId;
      if (redemption.status === 'issued') {
        effects.push(() => (redemption.status = 'used'));
        // another shopper's reward code: the reward is used up (its member paid for it)
        if (!own) return void flags.push({ code, reason: 'coupon_members_only' });
        // its own terms as the order was placed: its expiry, its minimum spend (pay with points)
        return flag(code, validateCoupon(state.issuedCoupons[code], cart, { now: record.placedAt, memberId: record.memberId, usesTotal: 0, usesByMember: 0, appliedCodes: [] }));
      }
      // had again: used on an earlier order, or its reward cancelled (its points given back). Its
      // member is charged again when the member had it; another shopper's use is only flagged.
      const reason = redemption.status === 'cancelled' ? 'redemption_cancelled' : 'coupon_usage_limit';
      if (!own) return void flags.push({ code, reason });
      const points = redemption.points;
      effects.push(() => {
        if (points > 0) state.ledger.push({ id: nextId(state, 'd'), kind: 'redeem', memberId: redemption.memberId, points, at: record.placedAt, ref: `${redemption.id}:${record.orderId}` });
        redemption.status = 'used';
      });
      return void flags.push({ code, reason, pointsCharged: points });
    }
    const issued = state.issuedCoupons[code];
    const def = findCoupon(rules.coupons, code) ?? (issued?.programId === programId ? issued : undefined);
    const uses = usesOf(state, programId, code);
    flag(
      code,
      validateCoupon(def, cart, {
        now: record.placedAt,
        memberId: record.memberId,
        usesTotal: uses.length,
        // (the buyer's uses: as the member, or by their address's mailbox, aliases included)
        usesByMember: customerUses(state, programId, code, record.memberId, record.email ? mailboxOf(record.email) : null),
        // the codes before it on the order, as the checkout applied them
        appliedCodes: record.couponCodes.slice(0, k),
        combinableCodes: record.couponCodes.slice(0, k).filter((c) => (findCoupon(rules.coupons, c) ?? state.issuedCoupons[c])?.combinable),
      }),
    );
  });
  return done;
}

export interface ReturnResult {
  orderId: string;
  returnId: string;
  pointsReversed: number;
  duplicate: boolean;
}

/** The part of a line's net that `units` returned units take: all of it once every unit is back. */
const returnedShare = (line: RecordedLine, units: number) => (units >= line.quantity ? line.net : Math.round((line.net * units) / line.quantity));

/**
 * The points an order keeps after its returns: what its kept lines earn, counted as the order was
 * (its earn rate, promotions and multiplier, whatever the program's are now), so returning the item
 * on double points takes its bonus back, and the points kept are never more than the kept goods
 * earn. Amounts returned without lines reduce what the lines keep in proportion, rounded down.
 */
function pointsKept(order: OrderRecord, units: Readonly<Record<string, number>>, byAmount: number): number {
  const back = unitsPerLine(order.lines, units);
  const nets = order.lines.map((l, i) => l.net - returnedShare(l, back[i]!));
  const kept = nets.reduce((a, b) => a + b, 0);
  if (kept - byAmount <= 0) return 0;
  const fromLines = Math.min(order.points, earnOn(order.earnRate, nets, order.lines.map((l) => l.promo), order.earnExtras, order.multiplier).points);
  return byAmount > 0 ? Math.floor((fromLines * (kept - byAmount)) / kept) : fromLines;
}

/**
 * Takes back the points of what was returned: the order keeps what its kept goods earn (see
 * pointsKept), and a full return takes every point, so "order then full return" leaves every
 * balance as it was. Each line counts its units returned so far, so returning them one at a time
 * returns the whole line, as one return of them all does.
 */
export function postReturn(state: EngineState, programId: string, orderId: string, input: ReturnInput, at: number): ReturnResult {
  const rules = getProgram(state, programId);
  const order = state.orders[`${programId}:${orderId}`];
  if (!order) throw new EngineError('not_found', 404, 'unknown order', { orderId });
  if (typeof input.returnId !== 'string' || !input.returnId) throw new EngineError('validation', 422, 'returnId is required', { field: 'returnId' });
  if (order.returnIds.includes(input.returnId)) return { orderId, returnId: input.returnId, pointsReversed: 0, duplicate: true };
  const { lines } = order;
  const merchandise = lines.reduce((sum, l) => sum + l.net, 0);
  const units = { ...order.returnedUnits };
  let byAmount = order.returnedAmount ?? 0;
  if (input.lines) {
    for (const r of input.lines) {
      const bought = lines.reduce((sum, l) => sum + (l.id === r.id ? l.quantity : 0), 0);
      if (!bought || !Number.isSafeInteger(r.quantity) || r.quantity < 1 || r.quantity > bought) {
        throw new EngineError('validation', 422, `cannot return ${r.quantity} of line ${r.id}`, { field: 'lines' });
      }
      const already = units[r.id] ?? 0;
      if (already + r.quantity > bought) throw new EngineError('validation', 422, `only ${bought - already} of line ${r.id} can still be returned`, { field: 'lines' });
      units[r.id] = already + r.quantity;
    }
  } else if (Number.isSafeInteger(input.amount) && (input.amount as number) > 0) {
    byAmount += input.amount as number;
  } else throw new EngineError('validation', 422, 'a return needs lines or a positive amount', { field: 'amount' });
  const back = unitsPerLine(lines, units);
  const byLines = lines.reduce((sum, l, i) => sum + returnedShare(l, back[i]!), 0);
  const returned = Math.min(merchandise, byLines + byAmount);
  // (never less than already taken: a later return cannot give points back)
  const cumulative = Math.max(order.pointsReversed, returned >= merchandise ? order.points : order.points - pointsKept(order, units, byAmount));
  const reverse = cumulative - order.pointsReversed;
  order.returned = returned;
  order.returnIds.push(input.returnId);
  if (input.lines) order.returnedUnits = units;
  else order.returnedAmount = byAmount;
  order.pointsReversed = cumulative;
  if (order.memberId && reverse > 0) {
    state.ledger.push({ id: nextId(state, 'x'), kind: 'reverse', memberId: order.memberId, orderId, points: reverse, at, ref: input.returnId });
  }
  if (returned >= merchandise) {
    // Returned inside the window: the referral rewards no one (the ledger voids the pending reward).
    for (const referral of state.referrals) {
      if (referral.orderId !== orderId || referral.programId !== programId || referral.status !== 'ordered' || referral.rewardAt === null || at >= referral.rewardAt) continue;
      referral.status = 'returned';
      const points = rules.referral?.referrerPoints ?? 0;
      if (points > 0) state.ledger.push({ id: nextId(state, 'x'), kind: 'reverse', memberId: referral.referrerId, orderId, points, at, ref: input.returnId });
    }
  }
  return { orderId, returnId: input.returnId, pointsReversed: reverse, duplicate: false };
}
