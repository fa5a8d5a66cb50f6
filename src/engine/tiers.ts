import { dayStart, localStart, MonthsAfter, yearOf, yearStart, zoneOf } from './calendar.js';
import { lineNets } from './orders.js';
import type { EngineState, OrderLine, OrderRecord } from './state.js';

/**
 * Tiers (VIP levels): a member's level is derived from their orders every time it is asked for —
 * nothing is stored — so a return that lowers qualifying spend can lower the level by itself.
 *
 * Requalification rule:
 * - `calendar_year`: what counts is the member's qualifying amount in the calendar year (the store's, in its time zone) that
 *   contains `at`. The highest level reached in the previous calendar year is kept until `graceDays`
 *   days after that year ended (default 0: until 31 Dec, i.e. not at all in the new year); then the
 *   member drops to what the current year qualifies for. "Highest reached" is the level of the whole
 *   previous year's amount (amounts only grow within a year; returns are applied to the year the
 *   order was placed in, wherever they happen).
 * - `rolling_months`: the level is whatever the last `periodMonths` months (1–36) qualify for; no
 *   grace. An order placed at `p` counts from `p` until (not including) `periodMonths` later on the
 *   store's calendar (`MonthsAfter`: 30 January 23:30 in Los Angeles + 1 month is 28 February 23:30 there).
 * - `rolling_12_months`: `rolling_months` with 12 (the name programs had before the length was theirs).
 */

export interface TierBenefits {
  /** Multiplies the earn of an order placed at this level (pass `multiplierAt` to `earnFor`). */
  earnMultiplier: number;
  freeShipping: boolean;
  earlyAccess: boolean;
  exclusiveAccess: boolean;
  /** Given once per period when the level is reached (see `tierGiftsDue`). */
  gift?: { description: string; couponValue?: number };
}

export interface TierLevel {
  id: string;
  name: string;
  /** Minor units of net spend (`basis: 'spend'`) or points earned (`basis: 'points'`) in the period. */
  threshold: number;
  benefits: TierBenefits;
}

export interface TierConfig {
  basis: 'spend' | 'points';
  period: 'calendar_year' | 'rolling_months' | 'rolling_12_months';
  /** rolling_months only: the window's length in months, 1–36. */
  periodMonths?: number;
  /** Lowest first; the first one is the base level with threshold 0; thresholds strictly increase. */
  levels: TierLevel[];
  /** calendar_year only: days after 31 Dec that last year's level is still kept. */
  graceDays: number;
}

export interface TierProgress {
  /** The qualifying amount of the current period. */
  current: number;
  /** The level above the member's level, or null at the top. */
  next: { id: string; name: string; threshold: number } | null;
  /** What is still missing to reach `next` (0 at the top): "spend $80 more to reach Gold". */
  missing: number;
  /** current / next.threshold in percent, floored, 0–100 (100 at the top). */
  percent: number;
  /**
   * The last day of the period (the instant it begins on the store's calendar): 31 Dec for a calendar year; for a rolling
   * window, the last day the oldest counted order still counts (null when nothing counts).
   */
  periodEndsOn: number | null;
}

export interface TierStatus {
  level: TierLevel;
  progress: TierProgress;
  /**
   * The last day (the instant it begins on the store's calendar) the member keeps `level` unless they requalify: the end of the grace
   * after the year (calendar_year), or the day before the spend holding it starts leaving the window
   * (rolling). Null for the base level.
   */
  requalifyBy: number | null;
  /** True when `level` is last year's level, held only by the grace days. */
  keptByGrace: boolean;
}

export interface TierGiftDue {
  level: TierLevel;
  gift: NonNullable<TierBenefits['gift']>;
  /** The period the gift belongs to (the calendar year, "2026"): issue once per level and period. */
  periodKey: string;
  /** When the level was first reached in the period (the placing of the order that crossed it). */
  reachedAt: number;
}

const isInt = (v: unknown, min = 0): v is number => Number.isSafeInteger(v) && (v as number) >= min;

/** The longest rolling window a program may set: three years of orders is already a long memory. */
const MAX_PERIOD_MONTHS = 36;

/** The months a level's qualifying amount is counted over: the calendar year's 12, or the rolling window's. */
export const periodMonthsOf = (cfg: Pick<TierConfig, 'period' | 'periodMonths'>): number => (cfg.period === 'rolling_months' ? cfg.periodMonths! : 12);

/** Checks a tier configuration; each problem names the field. */
export function validateTierConfig(cfg: unknown): string[] {
  if (!cfg || typeof cfg !== 'object') return ['tiers must be an object'];
  const c = cfg as Partial<TierConfig>;
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => void (ok || problems.push(message));
  need(c.basis === 'spend' || c.basis === 'points', 'tiers.basis must be spend or points');
  need(c.period === 'calendar_year' || c.period === 'rolling_months' || c.period === 'rolling_12_months', 'tiers.period must be calendar_year, rolling_months or rolling_12_months');
  if (c.period === 'rolling_months') need(isInt(c.periodMonths, 1) && c.periodMonths <= MAX_PERIOD_MONTHS, `tiers.periodMonths must be a whole number of months from 1 to ${MAX_PERIOD_MONTHS} (the rolling window)`);
  // (a length the program would not use: a calendar year is 1 January to 31 December, rolling_12_months is 12)
  else need(c.periodMonths === undefined, 'tiers.periodMonths goes with period rolling_months only');
  need(isInt(c.graceDays, 0) && c.graceDays <= 366, 'tiers.graceDays must be an integer between 0 and 366');
  if (!Array.isArray(c.levels) || c.levels.length === 0) {
    problems.push('tiers.levels must list at least the base level');
    return problems;
  }
  const ids = new Set<string>();
  c.levels.forEach((l, i) => {
    const at = `tiers.levels[${i}]`;
    if (!l || typeof l !== 'object') return void problems.push(`${at} must be an object`);
    need(typeof l.id === 'string' && /^[\w-]{1,64}$/.test(l.id), `${at}.id must be 1–64 letters, digits, "_" or "-"`);
    need(!ids.has(l.id), `${at}.id must be unique`);
    ids.add(l.id);
    need(typeof l.name === 'string' && l.name.trim().length > 0, `${at}.name is required`);
    if (i === 0) need(l.threshold === 0, `${at}.threshold must be 0 (the base level)`);
    else need(isInt(l.threshold, 1) && l.threshold > (c.levels![i - 1]?.threshold ?? Infinity), `${at}.threshold must be an integer above the previous level's`);
    const b = l.benefits;
    if (!b || typeof b !== 'object') return void problems.push(`${at}.benefits must be an object`);
    need(typeof b.earnMultiplier === 'number' && b.earnMultiplier >= 1 && b.earnMultiplier <= 10, `${at}.benefits.earnMultiplier must be between 1 and 10`);
    for (const key of ['freeShipping', 'earlyAccess', 'exclusiveAccess'] as const) need(typeof b[key] === 'boolean', `${at}.benefits.${key} must be true or false`);
    if (b.gift !== undefined) {
      need(typeof b.gift?.description === 'string' && b.gift.description.trim().length > 0, `${at}.benefits.gift.description is required`);
      need(b.gift?.couponValue === undefined || isInt(b.gift.couponValue, 1), `${at}.benefits.gift.couponValue must be integer minor units ≥ 1`);
    }
  });
  return problems;
}

/**
 * An order's net spend after returns: its earn base minus what was returned; nothing once all its
 * merchandise is back (shipping and tax in the earn base go with a full return).
 */
export function orderNet(order: OrderRecord): number {
  const lines = order.lines as (OrderLine & { net?: number })[];
  const merchandise = lines.every((l) => typeof l.net === 'number') ? lines.reduce((s, l) => s + l.net!, 0) : lineNets(order.lines, order.discounts).reduce((a, b) => a + b, 0);
  if (order.returned > 0 && order.returned >= merchandise) return 0;
  return Math.max(0, order.earnBase - order.returned);
}

/** An order's points that still stand (earned minus reversed). */
export function orderPointsNet(order: OrderRecord): number {
  return Math.max(0, order.points - order.pointsReversed);
}

/** The member's orders in this program placed in [from, to] (inclusive). */
export function memberOrdersBetween(state: EngineState, programId: string, memberId: string, from: number, to: number): OrderRecord[] {
  const out: OrderRecord[] = [];
  for (const o of Object.values(state.orders)) {
    if (o.programId === programId && o.memberId === memberId && o.placedAt >= from && o.placedAt <= to) out.push(o);
  }
  return out;
}

/** Net spend (minor units, after returns) of the member's orders placed in [from, to]. */
export function netSpendBetween(state: EngineState, programId: string, memberId: string, from: number, to: number): number {
  return memberOrdersBetween(state, programId, memberId, from, to).reduce((s, o) => s + orderNet(o), 0);
}

const amountOf = (orders: OrderRecord[], basis: TierConfig['basis']) => orders.reduce((s, o) => s + (basis === 'spend' ? orderNet(o) : orderPointsNet(o)), 0);

/** When an order placed at an instant leaves a rolling window: its months later, on the store's calendar. */
const windowEnds = (state: EngineState, programId: string, cfg: TierConfig) => new MonthsAfter(periodMonthsOf(cfg), zoneOf(state, programId));

/** The orders counting at `at`: the calendar year so far, or the rolling window's months up to `at`. */
function periodOrders(state: EngineState, programId: string, memberId: string, at: number, cfg: TierConfig, leaves = windowEnds(state, programId, cfg)): OrderRecord[] {
  const zone = zoneOf(state, programId);
  if (cfg.period === 'calendar_year') return memberOrdersBetween(state, programId, memberId, yearStart(yearOf(at, zone), zone), at);
  return memberOrdersBetween(state, programId, memberId, -Infinity, at).filter((o) => at < leaves.at(o.placedAt));
}

/** The qualifying amount at `at`: net spend or points earned in the period containing `at` (orders placed ≤ at). */
export function qualifyingAmount(state: EngineState, programId: string, memberId: string, at: number, cfg: TierConfig): number {
  return amountOf(periodOrders(state, programId, memberId, at, cfg), cfg.basis);
}

/** Index of the highest level whose threshold the amount reaches. */
function levelIndex(cfg: TierConfig, amount: number): number {
  let index = 0;
  cfg.levels.forEach((l, i) => {
    if (l.threshold <= amount) index = i;
  });
  return index;
}

/** The member's level at `at`, their progress to the next one, and how long the level holds. */
export function tierAt(state: EngineState, programId: string, memberId: string, at: number, cfg: TierConfig): TierStatus {
  const leaves = windowEnds(state, programId, cfg);
  const orders = periodOrders(state, programId, memberId, at, cfg, leaves);
  const current = amountOf(orders, cfg.basis);
  let index = levelIndex(cfg, current);
  let keptByGrace = false;
  let requalifyBy: number | null = null;
  let periodEndsOn: number | null;

  const zone = zoneOf(state, programId);
  const dayOf = (time: number) => dayStart(time, zone);
  if (cfg.period === 'calendar_year') {
    const year = yearOf(at, zone);
    periodEndsOn = localStart(year, 11, 31, zone);
    // (grace counted in the store's calendar days: a change of clocks does not move its end by an hour)
    const graceEnd = localStart(year, 0, 1 + cfg.graceDays, zone);
    if (at < graceEnd) {
      const last = memberOrdersBetween(state, programId, memberId, yearStart(year - 1, zone), yearStart(year, zone) - 1);
      const lastIndex = levelIndex(cfg, amountOf(last, cfg.basis));
      if (lastIndex > index) {
        index = lastIndex;
        keptByGrace = true;
        requalifyBy = dayOf(graceEnd - 1);
      }
    }
    if (!keptByGrace && index > 0) requalifyBy = dayOf(localStart(year + 1, 0, 1 + cfg.graceDays, zone) - 1);
  } else {
    const byAge = [...orders].sort((a, b) => a.placedAt - b.placedAt);
    periodEndsOn = byAge.length ? dayOf(leaves.at(byAge[0]!.placedAt) - 1) : null;
    if (index > 0) {
      // Walk the orders out of the window oldest first: the level goes when the rest falls short.
      let left = current;
      for (const o of byAge) {
        left -= cfg.basis === 'spend' ? orderNet(o) : orderPointsNet(o);
        if (left < cfg.levels[index]!.threshold) {
          requalifyBy = dayOf(leaves.at(o.placedAt) - 1);
          break;
        }
      }
    }
  }

  const level = cfg.levels[index]!;
  const above = cfg.levels[index + 1];
  const next = above ? { id: above.id, name: above.name, threshold: above.threshold } : null;
  const missing = next ? Math.max(0, next.threshold - current) : 0;
  const percent = next ? Math.min(100, Math.floor((current * 100) / next.threshold)) : 100;
  return { level, progress: { current, next, missing, percent, periodEndsOn }, requalifyBy, keptByGrace };
}

/** The earn multiplier of the member's level at `at` (1 without tiers); pass it to `earnFor` / `postOrder`. */
export function multiplierAt(state: EngineState, programId: string, memberId: string, at: number, cfg: TierConfig | null | undefined): number {
  if (!cfg || !cfg.levels.length) return 1;
  return tierAt(state, programId, memberId, at, cfg).level.benefits.earnMultiplier;
}

/**
 * The levels with a gift the member reached in the current period (the calendar year containing
 * `at`, for both period kinds), with when each was first reached, derived from the order history.
 * The backend issues each once per `periodKey` (e.g. idempotency key `member:level:periodKey`).
 * For a rolling window a level counts as reached this year when the rolling amount at one of this
 * year's orders reached its threshold. Grace (keeping last year's level) is not reaching it.
 */
export function tierGiftsDue(state: EngineState, programId: string, memberId: string, at: number, cfg: TierConfig): TierGiftDue[] {
  const zone = zoneOf(state, programId);
  const year = yearOf(at, zone);
  const thisYear = memberOrdersBetween(state, programId, memberId, yearStart(year, zone), at).sort((a, b) => a.placedAt - b.placedAt);
  const withGift = cfg.levels.filter((l) => l.threshold > 0 && l.benefits.gift);
  const reached = new Map<string, number>();
  const leaves = windowEnds(state, programId, cfg);
  let running = 0;
  for (const o of thisYear) {
    running += cfg.basis === 'spend' ? orderNet(o) : orderPointsNet(o);
    const amount = cfg.period === 'calendar_year' ? running : amountOf(periodOrders(state, programId, memberId, o.placedAt, cfg, leaves), cfg.basis);
    for (const l of withGift) if (!reached.has(l.id) && l.threshold <= amount) reached.set(l.id, o.placedAt);
  }
  return withGift.filter((l) => reached.has(l.id)).map((l) => ({ level: l, gift: l.benefits.gift!, periodKey: String(year), reachedAt: reached.get(l.id)! }));
}
