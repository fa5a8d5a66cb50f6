import { dayStart, zoneOf } from './calendar.js';
import { usesOf } from './lookups.js';
import { DAY_MS } from '../core/clock.js';
import { normalizeCode, type CouponDefinition, type CouponSelector } from './coupons.js';
import { selectorProblems, selects } from './selectors.js';
import { member as getMember, program as getProgram } from './members.js';
import { unitsPerLine, type EngineState, type OrderLine, type OrderRecord } from './state.js';

/**
 * Punch cards (PRODUCT §3): one punch per qualifying purchase; after `required` punches the next
 * item is free, up to the value of the cheapest punched item ("equal or lesser value").
 *
 * Nothing is stored: punches are derived from the orders the merchant's server posted (never from
 * anything the browser says), so a return removes its punches by itself. A known fraud target, so
 * every punch is capped per order and per day (the store's, in its time zone), and never exceeds the qualifying units bought
 * and kept.
 */
export interface PunchCardConfig {
  id: string;
  name: string;
  /** Which products punch (product ids exactly; brands and categories trimmed, case-insensitively). */
  appliesTo: CouponSelector;
  /** Punches that complete a card (5: buy 5, the 6th is free). */
  required: number;
  /** `unit`: each qualifying unit punches; `order`: an order with any qualifying unit punches once. */
  per: 'unit' | 'order';
  /** At most this many punches from one order. */
  maxPerOrder: number;
  /** At most this many punches per calendar day of the store's (all orders of that day together). */
  maxPerDay: number;
  /** Days a reward coupon stays valid after it is issued; absent = it does not expire. */
  rewardValidDays?: number;
}

export const DEFAULT_PUNCH_CARD: Pick<PunchCardConfig, 'required' | 'per' | 'maxPerOrder' | 'maxPerDay'> = {
  required: 5,
  per: 'order',
  maxPerOrder: 1,
  maxPerDay: 1,
};

const isInt = (v: unknown, min: number): v is number => Number.isSafeInteger(v) && (v as number) >= min;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks one card; each message names the field (`punchCards[0].required must be an integer ≥ 1`). */
export function validatePunchCardConfig(cfg: unknown, path = 'punchCard'): string[] {
  if (!isObject(cfg)) return [`${path} must be an object`];
  const c = cfg as Partial<PunchCardConfig>;
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => void (ok || problems.push(`${path}.${message}`));
  need(typeof c.id === 'string' && /^[\w-]{1,64}$/.test(c.id), 'id must be 1–64 letters, digits, "_" or "-"');
  need(typeof c.name === 'string' && c.name.trim().length > 0, 'name is required');
  problems.push(...selectorProblems(c.appliesTo, `${path}.appliesTo`, 'must select at least one product, brand or category'));
  need(isInt(c.required, 1) && c.required <= 1000, 'required must be an integer between 1 and 1000');
  need(c.per === 'unit' || c.per === 'order', "per must be 'unit' or 'order'");
  need(isInt(c.maxPerOrder, 1), 'maxPerOrder must be an integer ≥ 1');
  need(isInt(c.maxPerDay, 1), 'maxPerDay must be an integer ≥ 1');
  if (c.rewardValidDays !== undefined) need(isInt(c.rewardValidDays, 1), 'rewardValidDays must be an integer ≥ 1');
  return problems;
}

// ---------------------------------------------------------------------------------------------
// selection and returned units (shared with buyahead.ts)

// Punch cards select lines with `selects`, the rule of a coupon's `includeOnly`, so every punched
// item is eligible for the reward coupon.

/**
 * An order as stored, optionally with the units returned per line id. `postReturn` records only the
 * returned amount today; if it also records `returnedUnits`, those units are removed exactly.
 */
export type OrderWithReturns = OrderRecord & { returnedUnits?: Record<string, number> };

export interface KeptLine {
  index: number;
  line: OrderLine;
  /** Units bought and not returned. */
  kept: number;
  /** The line's merchandise after order discounts, per unit. */
  unitNet: number;
}

/**
 * The units of each selected line the customer still has. Units named in `returnedUnits` are
 * removed exactly. Any returned amount those units do not explain (a return by amount, or
 * `returnedUnits` not recorded) is taken conservatively from the selected units, cheapest first, so
 * a return can never leave more selected units than were kept: for every k selected units returned
 * for an amount C, the k cheapest units cost at most C and are removed. (A return of unselected
 * items may therefore remove selected units too; recording `returnedUnits` avoids that.)
 */
export function keptUnits(order: OrderWithReturns, selected: (line: OrderLine) => boolean): KeptLine[] {
  const lines = order.lines as (OrderLine & { net?: number })[];
  const nets = lines.map((l) => l.net ?? l.unitPrice * l.quantity);
  const merchandise = nets.reduce((a, b) => a + b, 0);
  const fullyReturned = order.returned > 0 && order.returned >= merchandise;
  const back = unitsPerLine(lines, order.returnedUnits ?? {});
  let explained = 0;
  const all = lines.map((line, index): KeptLine => {
    const unitNet = line.quantity > 0 ? nets[index]! / line.quantity : 0;
    const named = back[index]!;
    explained += named * unitNet;
    return { index, line, kept: fullyReturned ? 0 : line.quantity - named, unitNet };
  });
  const result = all.filter((k) => selected(k.line));
  if (fullyReturned) return result;
  // Rounding: each line of each return is rounded to a whole minor unit.
  const tolerance = Math.max(1, (order.returnIds.length * lines.length) / 2);
  let unexplained = order.returned - explained;
  if (unexplained > 0) {
    const cheapestFirst = [...result].sort((a, b) => a.unitNet - b.unitNet || a.index - b.index);
    for (const k of cheapestFirst) {
      while (k.kept > 0 && unexplained + tolerance >= k.unitNet && unexplained > 0) {
        k.kept -= 1;
        unexplained -= k.unitNet;
      }
    }
  }
  return result;
}

/** A member's orders in a program placed at or before `at`, oldest first (ties by order id). */
export function memberOrders(state: EngineState, programId: string, memberId: string, at: number): OrderWithReturns[] {
  return Object.values(state.orders)
    .filter((o) => o.programId === programId && o.memberId === memberId && o.placedAt <= at)
    .sort((a, b) => a.placedAt - b.placedAt || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// punches

export interface Punch {
  orderId: string;
  at: number;
  /** The unit price of the punched item (for `per: 'order'`, the cheapest qualifying unit of the order). */
  value: number;
}

export interface PunchStatus {
  cardId: string;
  required: number;
  /** Valid punches in total (after returns and caps). */
  punches: number;
  /** Punches on the current card: punches % required. */
  onCard: number;
  /** Completed cards: floor(punches / required). */
  rewardsEarned: number;
  /** Reward coupons issued to the member for this card (used or not). */
  rewardsIssued: number;
  /** Per completed card, the cheapest punched unit price: the reward is free up to this value. */
  cheapestPunchedValue: number[];
  /** Punches still needed for the next reward not yet issued. */
  toNextReward: number;
  list: Punch[];
}


/**
 * The member's punches at `at`, derived from the orders the merchant posted. Per order, the
 * qualifying units kept (bought minus returned, price > 0) punch — each unit, or once per order —
 * capped at `maxPerOrder`, then at what is left of `maxPerDay` for that day (the store's) (earlier orders
 * first). With `per: 'unit'` and a cap, the cheapest units are the ones punched. Returns are taken
 * as they stand now (an order record does not date its returns).
 */
export function punchesAt(state: EngineState, programId: string, memberId: string, card: PunchCardConfig, at: number): PunchStatus {
  const perDay = new Map<number, number>();
  const list: Punch[] = [];
  const zone = zoneOf(state, programId);
  for (const order of memberOrders(state, programId, memberId, at)) {
    const units: number[] = [];
    for (const k of keptUnits(order, (l) => selects(card.appliesTo, l))) {
      if (k.line.unitPrice <= 0 || k.unitNet <= 0) continue; // a free item (e.g. the reward itself) does not punch
      for (let i = 0; i < k.kept; i++) units.push(k.line.unitPrice);
    }
    if (!units.length) continue;
    units.sort((a, b) => a - b);
    // (the store's day: two evening orders in New York are one day's, though UTC has two)
    const day = dayStart(order.placedAt, zone);
    const used = perDay.get(day) ?? 0;
    const raw = card.per === 'unit' ? units.length : 1;
    const n = Math.max(0, Math.min(raw, card.maxPerOrder, card.maxPerDay - used));
    perDay.set(day, used + n);
    for (let i = 0; i < n; i++) list.push({ orderId: order.orderId, at: order.placedAt, value: units[card.per === 'unit' ? i : 0]! });
  }
  const punches = list.length;
  const rewardsEarned = Math.floor(punches / card.required);
  const cheapestPunchedValue: number[] = [];
  for (let r = 0; r < rewardsEarned; r++) {
    cheapestPunchedValue.push(Math.min(...list.slice(r * card.required, (r + 1) * card.required).map((p) => p.value)));
  }
  const rewardsIssued = issuedRewards(state, programId, memberId, card).length;
  return {
    cardId: card.id,
    required: card.required,
    punches,
    onCard: punches % card.required,
    rewardsEarned,
    rewardsIssued,
    cheapestPunchedValue,
    toNextReward: (Math.max(rewardsEarned, rewardsIssued) + 1) * card.required - punches,
    list,
  };
}

// ---------------------------------------------------------------------------------------------
// rewards

/** The reward coupon code of the member's n-th completed card (1-based); canonical (upper case). */
export function punchRewardCode(cardId: string, memberId: string, n: number): string {
  return normalizeCode(`PUNCH-${cardId}-${memberId}-${n}`);
}

/** The member's reward coupons of this card still in `issuedCoupons`, by reward number. */
function issuedRewards(state: EngineState, programId: string, memberId: string, card: PunchCardConfig): { n: number; code: string }[] {
  const prefix = normalizeCode(`PUNCH-${card.id}-${memberId}-`);
  const out: { n: number; code: string }[] = [];
  for (const [code, def] of Object.entries(state.issuedCoupons)) {
    if (!code.startsWith(prefix) || def.programId !== programId || def.memberId !== memberId) continue;
    const rest = code.slice(prefix.length);
    if (/^[1-9]\d*$/.test(rest)) out.push({ n: Number(rest), code });
  }
  return out.sort((a, b) => a.n - b.n);
}

export interface PunchRewardSync {
  /** Codes issued by this call. */
  issued: string[];
  /** Unused reward coupons withdrawn because returns took their punches away. */
  revoked: string[];
  status: PunchStatus;
}

/**
 * Issues each earned reward once, as a single-use coupon for this member: a fixed amount equal to
 * the cheapest punched unit price of that card, valid only on the card's items. Idempotent: a
 * second call issues nothing. When returns leave fewer completed cards than rewards issued, the
 * unused surplus coupons are withdrawn (a used one stays used; later punches first make up for it).
 */
export function issueDueRewards(state: EngineState, programId: string, memberId: string, card: PunchCardConfig, at: number): PunchRewardSync {
  const rules = getProgram(state, programId);
  getMember(state, programId, memberId);
  let status = punchesAt(state, programId, memberId, card, at);
  const issued: string[] = [];
  const revoked: string[] = [];
  for (let n = 1; n <= status.rewardsEarned; n++) {
    const code = punchRewardCode(card.id, memberId, n);
    if (state.issuedCoupons[code]) continue;
    const amount = status.cheapestPunchedValue[n - 1]!;
    const def: CouponDefinition & { programId: string } = {
      programId,
      code,
      kind: 'fixed',
      amount,
      currency: rules.currency,
      includeOnly: structuredClone(card.appliesTo),
      // the next one free: one item, whatever else of the card's is in the cart
      maxUnits: 1,
      usageLimit: 1,
      memberId,
      startsAt: at,
      description: `${card.name}: one item free, up to the value of the cheapest punched item`,
    };
    if (card.rewardValidDays !== undefined) def.endsAt = at + card.rewardValidDays * DAY_MS;
    state.issuedCoupons[code] = def;
    issued.push(code);
  }
  for (const { n, code } of issuedRewards(state, programId, memberId, card)) {
    if (n <= status.rewardsEarned) continue;
    const used = usesOf(state, programId, code).length > 0;
    if (used) continue;
    delete state.issuedCoupons[code];
    revoked.push(code);
  }
  if (issued.length || revoked.length) status = punchesAt(state, programId, memberId, card, at);
  return { issued, revoked, status };
}
