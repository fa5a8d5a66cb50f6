import { MONTH_DAYS } from '../core/clock.js';
import { isTimeZone } from './calendar.js';
import { selectorProblems } from './selectors.js';
import type { Money } from '../core/money.js';
import { validateCouponDefinitions, type CouponDefinition } from './coupons.js';
import { validateTierConfig, type TierConfig } from './tiers.js';
import { validateCashbackConfig, type CashbackConfig } from './cashback.js';
import { validatePunchCardConfig, type PunchCardConfig } from './punch.js';
import { validateGiftCardConfig, type GiftCardConfig } from './giftcards.js';
import { validateMembershipConfig, type MembershipConfig } from './membership.js';
import { validateBuyAheadConfig, type BuyAheadConfig } from './buyahead.js';
import { validateBirthdayConfig, type BirthdayConfig } from './birthday.js';

import type { Selector } from './selectors.js';

export type { Selector } from './selectors.js';

export type CapPeriod = 'ever' | 'year' | 'month' | 'day';

/** Points for something other than buying, capped so it cannot be farmed. */
export interface ActionRule {
  type: 'signup' | 'newsletter' | 'share' | 'birthday' | 'review' | 'social_follow';
  points: number;
  /** At most `count` awards per `per` (calendar period in UTC). */
  cap: { count: number; per: CapPeriod };
}

/** Extra points on some items for a date range (e.g. double points on pots in May). */
export interface Promotion {
  id: string;
  name: string;
  multiplier: number;
  appliesTo: Selector;
  startsAt: number;
  endsAt: number;
}

export type Reward =
  | { id: string; name: string; kind: 'fixed'; points: number; value: number; validDays: number; minSpend?: number }
  | { id: string; name: string; kind: 'free_shipping'; points: number; validDays: number }
  | { id: string; name: string; kind: 'product'; points: number; productId: string; value: number; validDays: number }
  /** "Pay with points": each `stepPoints` buys `stepValue` off, up to `maxShare` (0–1) of the order. */
  | { id: string; name: string; kind: 'pay_with_points'; stepPoints: number; stepValue: number; maxShare: number; validDays: number; points?: undefined };

export interface ReferralOffer {
  /** Points for the referrer once the friend's first order passes the return window. */
  referrerPoints: number;
  /** The friend's welcome discount on a first order of at least `friendMinSpend`. */
  friendDiscount: number;
  friendMinSpend: number;
  /** Rewarded referrals per referrer per calendar month. */
  monthlyCap: number;
  /** Days a referral link is remembered by the visitor's browser. */
  attributionDays: number;
}

/**
 * The program document a merchant configures (JSON-serialisable; times are epoch ms). Every number
 * has a default from PRODUCT.md and can be changed per program.
 */
export interface ProgramConfig {
  id: string;
  name: string;
  currency: string;
  /**
   * The store's time zone (IANA, such as America/New_York; UTC when unset): where its calendar
   * years, months and days begin — tier and spend years, rebates, action caps, punch-card days,
   * birthday months, referral months.
   */
  timeZone?: string;
  /** `points` per `perMinor` minor units of the earn base, rounded down. */
  earn: { points: number; perMinor: number };
  /** What the earn base includes besides merchandise after discounts. */
  earnBase: { shipping: boolean; tax: boolean };
  /** The return window: order points stay pending this many days. */
  pendingDays: number;
  /**
   * fixed: a batch expires `months` after it becomes available; rolling: all expire `months` after
   * the last activity; calendar: a batch lasts until the end of the first `on` date (the store's
   * calendar) at least `months` after it becomes available (`months` 12, `on` 31 December: the
   * points of a year last until the end of the next). Every mode counts its months on the store's
   * calendar (`timeZone`).
   */
  expiry: { mode: 'fixed' | 'rolling' | 'none' | 'calendar'; months: number; on?: { month: number; day: number } };
  /** What one point is worth when redeemed. */
  pointValue: Money;
  joinIncentive: { points: number; description?: string } | null;
  actions: ActionRule[];
  promotions: Promotion[];
  /** `max`: the best multiplier wins; `add`: bonuses add up (2× and 3× make 4×). Never compounded. */
  promotionStacking: 'max' | 'add';
  rewards: Reward[];
  coupons: CouponDefinition[];
  /** Coupons a single order may carry (1 unless configured). */
  couponsPerOrder: number;
  referral: ReferralOffer | null;
  /** VIP levels by spend or points over a period; their earn multiplier feeds every order. */
  tiers?: TierConfig;
  /** Store credit as a share of spend, year-end rebates and spend-level rewards. */
  cashback?: CashbackConfig;
  punchCards?: PunchCardConfig[];
  giftCards?: GiftCardConfig;
  /** Paid membership plans (fee, trial, benefits). */
  membership?: MembershipConfig;
  buyAhead?: BuyAheadConfig[];
  birthday?: BirthdayConfig;
  /**
   * The merchant's own words in other languages: per language tag, a name as written here (a
   * reward, tier, punch card, plan, promotion or the program's own) mapped to its translation.
   */
  translations?: Record<string, Record<string, string>>;
}

export const DEFAULT_PROGRAM: Omit<ProgramConfig, 'id' | 'name'> = {
  currency: 'USD',
  earn: { points: 1, perMinor: 1000 },
  earnBase: { shipping: false, tax: false },
  pendingDays: 30,
  expiry: { mode: 'fixed', months: 12 },
  pointValue: { amount: 100, currency: 'USD' },
  joinIncentive: { points: 100 },
  actions: [],
  promotions: [],
  promotionStacking: 'max',
  // PRODUCT's default: a point redeems for $1 (pointValue), paid off an order in whole points
  rewards: [{ id: 'pay-with-points', name: 'Pay with points', kind: 'pay_with_points', stepPoints: 1, stepValue: 100, maxShare: 1, validDays: 7 }],
  coupons: [],
  couponsPerOrder: 1,
  referral: null,
};

const isInt = (v: unknown, min = 0): v is number => Number.isSafeInteger(v) && (v as number) >= min;

/** Checks a program document; each problem names the field (`earn.perMinor must be an integer ≥ 1`). */
export function validateProgram(doc: unknown): string[] {
  const problems: string[] = [];
  if (!doc || typeof doc !== 'object') return ['program must be an object'];
  const p = doc as Partial<ProgramConfig>;
  const need = (ok: boolean, message: string) => void (ok || problems.push(message));
  need(typeof p.id === 'string' && /^[\w-]{1,64}$/.test(p.id), 'id must be 1–64 letters, digits, "_" or "-"');
  need(typeof p.name === 'string' && p.name.trim().length > 0, 'name is required');
  need(typeof p.currency === 'string' && /^[A-Z]{3}$/.test(p.currency), 'currency must be an ISO 4217 code such as USD');
  need(isInt(p.earn?.points, 0), 'earn.points must be an integer ≥ 0');
  need(isInt(p.earn?.perMinor, 1), 'earn.perMinor must be an integer ≥ 1');
  need(isInt(p.pendingDays, 0), 'pendingDays must be an integer ≥ 0');
  need(p.timeZone === undefined || isTimeZone(p.timeZone), 'timeZone must be an IANA time zone such as America/New_York');
  need(['fixed', 'rolling', 'none', 'calendar'].includes(p.expiry?.mode as string), 'expiry.mode must be fixed, rolling, calendar or none');
  need(isInt(p.expiry?.months, 0), 'expiry.months must be an integer ≥ 0');
  if (p.expiry?.mode === 'calendar') {
    // (a date every year has: no 29 February)
    const on = p.expiry.on;
    const last = on && isInt(on.month, 1) && on.month <= 12 ? MONTH_DAYS[on.month - 1]! : 0;
    need(!!on && last > 0 && isInt(on.day, 1) && on.day <= last, 'expiry.on must be a date every year has: { month 1–12, day }');
  }
  need(isInt(p.pointValue?.amount, 0) && p.pointValue?.currency === p.currency, 'pointValue must be money in the program currency');
  need(p.joinIncentive === null || isInt(p.joinIncentive?.points, 0), 'joinIncentive.points must be an integer ≥ 0 (or joinIncentive null)');
  need(['max', 'add'].includes(p.promotionStacking as string), 'promotionStacking must be max or add');
  need(isInt(p.couponsPerOrder, 1), 'couponsPerOrder must be an integer ≥ 1');
  (p.actions ?? []).forEach((a, i) => {
    need(isInt(a.points, 0), `actions[${i}].points must be an integer ≥ 0`);
    need(isInt(a.cap?.count, 1) && ['ever', 'year', 'month', 'day'].includes(a.cap?.per), `actions[${i}].cap must be { count ≥ 1, per: ever|year|month|day }`);
  });
  (p.promotions ?? []).forEach((promo, i) => {
    need(typeof promo.multiplier === 'number' && promo.multiplier >= 1 && promo.multiplier <= 10, `promotions[${i}].multiplier must be between 1 and 10`);
    need(isInt(promo.startsAt) && isInt(promo.endsAt) && promo.endsAt > promo.startsAt, `promotions[${i}] must end after it starts`);
    // (a promotion without items to apply to would be announced and give nothing)
    problems.push(...selectorProblems(promo.appliesTo, `promotions[${i}].appliesTo`, 'must select at least one product, brand or category'));
  });
  const rewardIds = new Set<string>();
  (p.rewards ?? []).forEach((r, i) => {
    // (a redemption is found by id: a second reward under the same id could never be had)
    need(typeof r.id === 'string' && r.id.length > 0 && !rewardIds.has(r.id), `rewards[${i}].id must be a unique non-empty string`);
    rewardIds.add(r.id);
    need(['fixed', 'free_shipping', 'product', 'pay_with_points'].includes(r.kind), `rewards[${i}].kind must be fixed, free_shipping, product or pay_with_points`);
    if (r.kind === 'pay_with_points') {
      need(isInt(r.stepPoints, 1) && isInt(r.stepValue, 1), `rewards[${i}].stepPoints and stepValue must be integers ≥ 1`);
      need(r.maxShare > 0 && r.maxShare <= 1, `rewards[${i}].maxShare must be in (0, 1]`);
    } else need(isInt(r.points, 1), `rewards[${i}].points must be an integer ≥ 1`);
    // What the member's points buy: a reward worth nothing (or an undefined amount) would take them for $0 off.
    if (r.kind === 'fixed' || r.kind === 'product') need(isInt(r.value, 1), `rewards[${i}].value must be integer minor units ≥ 1`);
    if (r.kind === 'fixed') need(r.minSpend === undefined || isInt(r.minSpend, 0), `rewards[${i}].minSpend must be integer minor units ≥ 0`);
    if (r.kind === 'product') need(typeof r.productId === 'string' && r.productId.trim().length > 0, `rewards[${i}].productId is required`);
    need(isInt(r.validDays, 1), `rewards[${i}].validDays must be an integer ≥ 1`);
  });
  problems.push(...validateCouponDefinitions(p.coupons ?? []));
  // (every cart and order is in the program's currency: a coupon in another could never apply)
  (Array.isArray(p.coupons) ? p.coupons : []).forEach((c, i) => need(!c || typeof c.currency !== 'string' || c.currency === p.currency, `coupons[${i}].currency must be the program currency`));
  if (p.tiers) problems.push(...validateTierConfig(p.tiers));
  if (p.cashback) problems.push(...validateCashbackConfig(p.cashback));
  (p.punchCards ?? []).forEach((card, i) => problems.push(...validatePunchCardConfig(card, `punchCards[${i}]`)));
  if (p.giftCards) problems.push(...validateGiftCardConfig(p.giftCards));
  if (p.membership) problems.push(...validateMembershipConfig(p.membership));
  (p.buyAhead ?? []).forEach((card, i) => problems.push(...validateBuyAheadConfig(card, `buyAhead[${i}]`)));
  if (p.birthday) problems.push(...validateBirthdayConfig(p.birthday));
  if (p.referral) {
    for (const key of ['referrerPoints', 'friendDiscount', 'friendMinSpend', 'attributionDays'] as const) {
      need(isInt(p.referral[key], 0), `referral.${key} must be an integer ≥ 0`);
    }
    // (a cap of 0 would refuse every friend while the offer is shown; no referrals is `referral: null`)
    need(isInt(p.referral.monthlyCap, 1), 'referral.monthlyCap must be an integer ≥ 1 (referral null turns referrals off)');
  }
  return problems;
}

/** Does a cart line match a selector? (Labels ignore case, as for coupons and punch cards.) */
export { selects as matches } from './selectors.js';
