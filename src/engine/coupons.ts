import { splitProportionally, type Money } from '../core/money.js';
import { selectorMatch, selectorProblems, type Selector } from './selectors.js';
import { normalizeCode } from '../core/coupon-code.js';

/**
 * Coupons: a fixed amount or a percentage off the eligible merchandise of a cart (PRODUCT §4).
 *
 * Pure functions only: amounts are integer minor units, time is epoch ms passed in by the caller,
 * and a rejection is a `coupon_*` code with structured params (never English), so the UI can
 * translate it. Shipping is discounted only by a free-shipping coupon (a reward's), which waives
 * the whole charge and takes nothing off the items.
 */

/** Selects cart items by brand, category or product id; empty lists select nothing. */
export type CouponSelector = Selector;

export interface CouponDefinition {
  code: string; // canonical, matched case-insensitively after trimming
  /** free_shipping: nothing off the items; the cart's shipping charge is waived (a reward's coupon). */
  kind: 'fixed' | 'percent' | 'free_shipping';
  amount?: number; // fixed: minor units off
  percent?: number; // percent: 0 < p <= 100 (may be fractional, e.g. 12.5)
  maxDiscount?: number; // percent: cap in minor units
  currency: string;
  startsAt?: number;
  endsAt?: number; // epoch ms; endsAt exclusive
  minSpend?: number; // on the eligible merchandise subtotal (minor units)
  exclude?: CouponSelector;
  includeOnly?: CouponSelector; // if set, only matching lines are eligible
  usageLimit?: number; // total redemptions across all customers
  perCustomerLimit?: number;
  memberOnly?: boolean; // needs a signed-in member
  memberId?: string; // issued to one member (single-use reward coupon): only that member
  combinable?: boolean; // default false: one coupon per order
  /** At most this many units are discounted, the dearest eligible ones (a punch card's one free item). */
  maxUnits?: number;
  description?: string;
}

export interface CouponCartLine {
  id: string;
  name: string;
  brand?: string;
  category?: string;
  unitPrice: number;
  quantity: number;
}

export interface CouponCart {
  currency: string;
  lines: CouponCartLine[];
  shipping?: number;
  subtotal: number;
}

export interface CouponContext {
  now: number;
  memberId: string | null;
  usesTotal: number; // times this code was already used (all customers)
  usesByMember: number; // times this member already used it
  appliedCodes: string[]; // codes already applied to this cart (canonical)
  /**
   * Of `appliedCodes`, the ones whose coupons are combinable. The engine only sees this coupon's
   * definition, so the caller says which of the others may stack; omitted = none may (the safe
   * default: one coupon per order).
   */
  combinableCodes?: string[];
}

export type CouponRejectionCode =
  | 'coupon_not_found'
  | 'coupon_expired'
  | 'coupon_not_active'
  | 'coupon_min_spend'
  | 'coupon_excluded_items'
  | 'coupon_usage_limit'
  | 'coupon_members_only'
  | 'coupon_already_applied';

/** Lists of a selector, always present (possibly empty) so the UI need not guard each one. */
export interface SelectorLists {
  brands: string[];
  categories: string[];
  products: string[];
}

/**
 * What a coupon covers, as data for the UI to phrase and translate:
 * - `all`: every item;
 * - `except`: every item but the listed ones;
 * - `only`: only the listed items, minus the `except` ones when the coupon also excludes some.
 */
export type AppliesTo =
  | { scope: 'all' }
  | ({ scope: 'except' } & SelectorLists)
  | ({ scope: 'only' } & SelectorLists & { except?: SelectorLists });

export interface ExcludedLine {
  id: string;
  reason: 'brand' | 'category' | 'product';
  value: string;
}

export type CouponResult =
  | {
      ok: true;
      code: string;
      kind: 'fixed' | 'percent' | 'free_shipping';
      percent?: number;
      discount: number;
      /** free_shipping: the cart's shipping charge, waived (minor units). */
      shippingDiscount?: number;
      currency: string;
      lines: { id: string; discount: number }[];
      appliesTo: AppliesTo;
      expiresAt?: number;
    }
  | { ok: false; code: CouponRejectionCode; params: Record<string, unknown> };

// ---------------------------------------------------------------------------------------------
// codes

export { normalizeCode } from '../core/coupon-code.js';

/** The definition whose code matches the typed input (first one wins), or undefined. */
export function findCoupon(defs: CouponDefinition[], input: string): CouponDefinition | undefined {
  const code = normalizeCode(input);
  if (code === '') return undefined;
  return defs.find((def) => normalizeCode(def.code) === code);
}

// ---------------------------------------------------------------------------------------------
// item selection

/** Brands and categories are labels typed by people: compared trimmed and case-insensitively. */
function lists(selector: CouponSelector | undefined): SelectorLists {
  return { brands: selector?.brands ?? [], categories: selector?.categories ?? [], products: selector?.products ?? [] };
}

function isEmpty(l: SelectorLists): boolean {
  return l.brands.length === 0 && l.categories.length === 0 && l.products.length === 0;
}

/**
 * Why `selector` selects `line`, checked product, then brand, then category; null if it does not.
 * Product ids are compared exactly.
 */
function selects(selector: SelectorLists, line: CouponCartLine): ExcludedLine | null {
  const match = selectorMatch(selector, line);
  return match && { id: line.id, ...match };
}

/**
 * Why a line is not eligible, or null if it is. An explicit exclusion wins over failing
 * `includeOnly`. A line outside `includeOnly` is reported by the list it fails, with the line's own
 * value (brand, then category); when neither applies, 'product' with the line id.
 */
function ineligibility(line: CouponCartLine, include: SelectorLists | null, exclude: SelectorLists): ExcludedLine | null {
  const excluded = selects(exclude, line);
  if (excluded) return excluded;
  if (include === null || selects(include, line)) return null;
  if (include.brands.length > 0 && line.brand !== undefined) return { id: line.id, reason: 'brand', value: line.brand };
  if (include.categories.length > 0 && line.category !== undefined) return { id: line.id, reason: 'category', value: line.category };
  return { id: line.id, reason: 'product', value: line.id };
}

/** What a coupon covers, as structured data (see `AppliesTo`). */
export function appliesTo(def: CouponDefinition): AppliesTo {
  const exclude = lists(def.exclude);
  if (def.includeOnly !== undefined) {
    return isEmpty(exclude) ? { scope: 'only', ...lists(def.includeOnly) } : { scope: 'only', ...lists(def.includeOnly), except: exclude };
  }
  return isEmpty(exclude) ? { scope: 'all' } : { scope: 'except', ...exclude };
}

function lineTotal(line: CouponCartLine): number {
  return Math.max(0, line.unitPrice * line.quantity);
}

/** Per line, the worth of its units among the `count` dearest units of `lines` (ties by line order). */
function dearestUnits(lines: CouponCartLine[], count: number): number[] {
  const out = lines.map(() => 0);
  let left = count;
  const dearestFirst = lines.map((_, i) => i).sort((a, b) => lines[b]!.unitPrice - lines[a]!.unitPrice || a - b);
  for (const i of dearestFirst) {
    const units = Math.min(left, Math.max(0, lines[i]!.quantity));
    out[i] = Math.max(0, units * lines[i]!.unitPrice);
    left -= units;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// arithmetic

/** Percentages are taken to 6 decimal places so 12.5 % is exact and float noise never rounds. */
const PERCENT_SCALE = 1_000_000;

/** floor(base × percent / 100), exactly (BigInt: large carts × scaled percent exceed 2^53). */
function percentOf(base: number, percent: number): number {
  const scaled = BigInt(Math.round(percent * PERCENT_SCALE));
  if (base <= 0 || scaled <= 0n) return 0;
  return Number((BigInt(base) * scaled) / BigInt(100 * PERCENT_SCALE));
}

// ---------------------------------------------------------------------------------------------
// validation against a cart

function reject(code: CouponRejectionCode, params: Record<string, unknown> = {}): CouponResult {
  return { ok: false, code, params };
}

const iso = (time: number): string => new Date(time).toISOString();
const moneyOf = (amount: number, currency: string): Money => ({ amount, currency });

/**
 * Checks a coupon against a cart and computes its discount. The checks run in this order and the
 * first that fails is the answer:
 *
 * 1. not found: no definition → `coupon_not_found` `{}`.
 *    1b. the cart is in another currency than the coupon → `coupon_not_found` `{ reason: 'currency' }`:
 *    no other code fits, and for this cart the coupon does not exist (a USD code is not a EUR code).
 * 2. already applied: this code is in `appliedCodes` → `coupon_already_applied` `{}`; another code is
 *    applied and either coupon is not combinable → `coupon_already_applied` `{ other }`.
 * 3. members: issued to another member (or to a member while signed out), or `memberOnly` while
 *    signed out → `coupon_members_only` `{}`. A coupon of another member gets the same answer as a
 *    member-only one, so nobody learns that a code exists for someone else.
 * 4. dates: now < startsAt → `coupon_not_active` `{ startsOn }`; now ≥ endsAt → `coupon_expired`
 *    `{ expiredOn }` (ISO date-times). Expired coupons are always rejected.
 * 5. usage: usesTotal ≥ usageLimit → `coupon_usage_limit` `{ limit, scope: 'total' }`; usesByMember ≥
 *    perCustomerLimit → `{ limit, scope: 'customer' }`.
 * 6. eligibility: a line is eligible if it matches `includeOnly` (when set) and no `exclude`
 *    selector. If the cart has lines and none is eligible → `coupon_excluded_items` `{ excluded }`,
 *    one entry per line. If some are, the coupon applies to those only (the others are simply absent
 *    from `lines`). An empty cart is not "excluded": it goes on to the min spend / a zero discount.
 * 7. minimum spend, on the eligible subtotal → `coupon_min_spend` `{ minSpend, missing }` (Money).
 * 8. discount: fixed = min(amount, eligible subtotal); percent = floor(eligible × percent / 100),
 *    capped at maxDiscount; never more than the eligible subtotal nor negative. With `maxUnits`, the
 *    eligible subtotal is that of the `maxUnits` dearest eligible units. It is split over the
 *    eligible lines in proportion to their totals (of those units; largest remainder, ties by line
 *    order), so the per-line amounts sum exactly to the discount.
 */
export function validateCoupon(def: CouponDefinition | undefined, cart: CouponCart, ctx: CouponContext): CouponResult {
  // 1. not found
  if (def === undefined) return reject('coupon_not_found');
  // 1b. currency: see above — reported as not found, with the reason for logs and support.
  if (def.currency.toUpperCase() !== cart.currency.toUpperCase()) return reject('coupon_not_found', { reason: 'currency' });

  // 2. already applied / not combinable
  const code = normalizeCode(def.code);
  const applied = ctx.appliedCodes.map(normalizeCode);
  if (applied.includes(code)) return reject('coupon_already_applied');
  const combinable = new Set((ctx.combinableCodes ?? []).map(normalizeCode));
  const other = applied.find((c) => !def.combinable || !combinable.has(c));
  if (other !== undefined) return reject('coupon_already_applied', { other });

  // 3. members (the same answer for "someone else's" as for "members only")
  if (def.memberId !== undefined && def.memberId !== ctx.memberId) return reject('coupon_members_only');
  if (def.memberOnly && ctx.memberId === null) return reject('coupon_members_only');

  // 4. dates (endsAt exclusive)
  if (def.startsAt !== undefined && ctx.now < def.startsAt) return reject('coupon_not_active', { startsOn: iso(def.startsAt) });
  if (def.endsAt !== undefined && ctx.now >= def.endsAt) return reject('coupon_expired', { expiredOn: iso(def.endsAt) });

  // 5. usage limits
  if (def.usageLimit !== undefined && ctx.usesTotal >= def.usageLimit) return reject('coupon_usage_limit', { limit: def.usageLimit, scope: 'total' });
  if (def.perCustomerLimit !== undefined && ctx.usesByMember >= def.perCustomerLimit) {
    return reject('coupon_usage_limit', { limit: def.perCustomerLimit, scope: 'customer' });
  }

  // 6. eligibility
  const include = def.includeOnly === undefined ? null : lists(def.includeOnly);
  const exclude = lists(def.exclude);
  const excluded: ExcludedLine[] = [];
  const eligible: CouponCartLine[] = [];
  for (const line of cart.lines) {
    const why = ineligibility(line, include, exclude);
    if (why) excluded.push(why);
    else eligible.push(line);
  }
  if (cart.lines.length > 0 && eligible.length === 0) return reject('coupon_excluded_items', { excluded });

  // 7. minimum spend on the eligible subtotal
  const totals = eligible.map(lineTotal);
  const eligibleSubtotal = totals.reduce((s, t) => s + t, 0);
  if (def.minSpend !== undefined && eligibleSubtotal < def.minSpend) {
    return reject('coupon_min_spend', {
      minSpend: moneyOf(def.minSpend, def.currency),
      missing: moneyOf(def.minSpend - eligibleSubtotal, def.currency),
    });
  }

  // 8. discount and its split
  // (a coupon for `maxUnits` items covers the dearest eligible units only: the free 6th of a punch
  // card is one item, not $4 spread over two $3 ones)
  const covered = def.maxUnits === undefined ? totals : dearestUnits(eligible, def.maxUnits);
  const base = covered.reduce((s, t) => s + t, 0);
  let discount: number;
  if (def.kind === 'fixed') {
    discount = def.amount ?? 0;
  } else if (def.kind === 'free_shipping') {
    discount = 0;
  } else {
    discount = percentOf(base, def.percent ?? 0);
    if (def.maxDiscount !== undefined) discount = Math.min(discount, def.maxDiscount);
  }
  discount = Math.max(0, Math.min(discount, base));
  const shares = splitProportionally(discount, covered);

  const result: CouponResult = {
    ok: true,
    code,
    kind: def.kind,
    discount,
    currency: def.currency,
    lines: eligible.map((line, i) => ({ id: line.id, discount: shares[i]! })),
    appliesTo: appliesTo(def),
  };
  if (def.kind === 'percent' && def.percent !== undefined) result.percent = def.percent;
  if (def.kind === 'free_shipping') result.shippingDiscount = Math.max(0, cart.shipping ?? 0);
  if (def.endsAt !== undefined) result.expiresAt = def.endsAt;
  return result;
}

// ---------------------------------------------------------------------------------------------
// validation of the definitions a merchant configures

const KNOWN_FIELDS = new Set([
  'code', 'kind', 'amount', 'percent', 'maxDiscount', 'currency', 'startsAt', 'endsAt', 'minSpend', 'exclude', 'includeOnly',
  'usageLimit', 'perCustomerLimit', 'memberOnly', 'memberId', 'combinable', 'description', 'maxUnits',
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

/**
 * The problems of one coupon definition, each naming its field under `path`
 * (e.g. 'coupons[0].percent must be in (0, 100]'); empty when the definition is sound.
 */
export function validateCouponDefinition(def: unknown, path = 'coupon'): string[] {
  if (!isObject(def)) return [`${path} must be an object`];
  const problems: string[] = [];
  const at = (field: string) => `${path}.${field}`;
  const optionalInt = (field: string, min: number, what: string) => {
    const v = def[field];
    if (v !== undefined && !(isInt(v) && v >= min)) problems.push(`${at(field)} must be ${what}`);
  };

  for (const key of Object.keys(def)) if (!KNOWN_FIELDS.has(key)) problems.push(`${at(key)} is not a known field`);

  if (typeof def.code !== 'string' || def.code.trim() === '') problems.push(`${at('code')} must be a non-empty string`);
  else if (/\s/.test(def.code.trim())) problems.push(`${at('code')} must not contain spaces`);

  if (typeof def.currency !== 'string' || !/^[A-Z]{3}$/.test(def.currency)) problems.push(`${at('currency')} must be an ISO 4217 code such as USD`);

  if (def.kind === 'fixed') {
    if (!(isInt(def.amount) && def.amount > 0)) problems.push(`${at('amount')} must be a positive integer of minor units`);
    if (def.percent !== undefined) problems.push(`${at('percent')} is only for percent coupons`);
    if (def.maxDiscount !== undefined) problems.push(`${at('maxDiscount')} is only for percent coupons`);
  } else if (def.kind === 'percent') {
    const p = def.percent;
    if (!(typeof p === 'number' && Number.isFinite(p) && p > 0 && p <= 100)) problems.push(`${at('percent')} must be in (0, 100]`);
    if (def.amount !== undefined) problems.push(`${at('amount')} is only for fixed coupons`);
    optionalInt('maxDiscount', 1, 'a positive integer of minor units');
  } else if (def.kind === 'free_shipping') {
    for (const field of ['amount', 'percent', 'maxDiscount'] as const) if (def[field] !== undefined) problems.push(`${at(field)} is not for free-shipping coupons`);
  } else {
    problems.push(`${at('kind')} must be 'fixed', 'percent' or 'free_shipping'`);
  }

  optionalInt('startsAt', 0, 'a time in epoch milliseconds');
  optionalInt('endsAt', 0, 'a time in epoch milliseconds');
  if (isInt(def.startsAt) && isInt(def.endsAt) && def.endsAt <= def.startsAt) problems.push(`${at('endsAt')} must be after startsAt`);
  optionalInt('minSpend', 0, 'an integer of minor units ≥ 0');
  optionalInt('usageLimit', 1, 'an integer ≥ 1');
  optionalInt('perCustomerLimit', 1, 'an integer ≥ 1');
  optionalInt('maxUnits', 1, 'an integer ≥ 1');

  if (def.exclude !== undefined) problems.push(...selectorProblems(def.exclude, at('exclude')));
  if (def.includeOnly !== undefined) problems.push(...selectorProblems(def.includeOnly, at('includeOnly'), 'selects nothing: list brands, categories or products, or remove it'));


  for (const field of ['memberOnly', 'combinable']) {
    if (def[field] !== undefined && typeof def[field] !== 'boolean') problems.push(`${at(field)} must be true or false`);
  }
  if (def.memberId !== undefined && (typeof def.memberId !== 'string' || def.memberId === '')) problems.push(`${at('memberId')} must be a non-empty string`);
  if (def.description !== undefined && typeof def.description !== 'string') problems.push(`${at('description')} must be a string`);
  return problems;
}

/**
 * The problems of a list of definitions (paths `coupons[i].…`), plus codes that appear twice:
 * `findCoupon` would always pick the first, so the second could never be used.
 */
export function validateCouponDefinitions(defs: unknown, path = 'coupons'): string[] {
  if (!Array.isArray(defs)) return [`${path} must be a list`];
  const problems = defs.flatMap((def, i) => validateCouponDefinition(def, `${path}[${i}]`));
  const seen = new Map<string, number>();
  defs.forEach((def, i) => {
    if (!isObject(def) || typeof def.code !== 'string') return;
    const code = normalizeCode(def.code);
    const first = seen.get(code);
    if (first === undefined) seen.set(code, i);
    else problems.push(`${path}[${i}].code duplicates ${path}[${first}].code (${code})`);
  });
  return problems;
}
