import { DAY_MS, addMonths } from '../core/clock.js';
import {
  DEFAULT_PROGRAM,
  addProgram,
  enrollMember,
  postOrder,
  redeem,
  validateCouponDefinitions,
  type EngineState,
  type LedgerEntry,
  type MemberRecord,
  type OrderLine,
  type ProgramConfig,
} from '../engine/index.js';
import type { Clock } from '../core/clock.js';

export const DEMO_PROGRAM_ID = 'demo-store';
export const DEMO_MEMBER_ID = 'm_demo_ana';
export const DEMO_SECRET = 'fidelio-demo-secret-not-for-production';
export const DEMO_MERCHANT_KEY = 'fidelio-demo-merchant-key-not-for-production';
/** The demo shopper's referral code: stable, so the demo page and tests can print it. */
export const DEMO_REFERRAL_CODE = 'ANA2026';

/** First day (UTC) of the month `delta` months from the one `at` falls in. */
const monthStart = (at: number, delta: number): number => {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1);
};

/**
 * Casa Verde Rewards: the defaults of PRODUCT.md (1 point per $10, a 30-day return window, points
 * expiring 12 months after they become available, 100 points for joining) and one example of every
 * rule the engine knows, with dates computed from `now` so the demo is never stale.
 */
export function demoProgram(now: number): ProgramConfig {
  return {
    ...DEFAULT_PROGRAM,
    id: DEMO_PROGRAM_ID,
    name: 'Casa Verde Rewards',
    currency: 'USD',
    earn: { points: 1, perMinor: 1000 },
    pendingDays: 30,
    expiry: { mode: 'fixed', months: 12 },
    pointValue: { amount: 100, currency: 'USD' },
    joinIncentive: { points: 100, description: '100 points for joining' },
    actions: [
      // The joining bonus itself (the engine grants `joinIncentive` on enrollment; listed so the
      // rules read complete).
      { type: 'signup', points: 100, cap: { count: 1, per: 'ever' } },
      { type: 'newsletter', points: 50, cap: { count: 1, per: 'ever' } },
      { type: 'share', points: 10, cap: { count: 3, per: 'month' } },
      { type: 'birthday', points: 50, cap: { count: 1, per: 'year' } },
      { type: 'review', points: 20, cap: { count: 5, per: 'month' } },
    ],
    promotions: [
      {
        id: 'double-pots',
        name: 'Double points on pots',
        multiplier: 2,
        appliesTo: { categories: ['pots'] },
        // This month, give or take one: whatever day the demo is opened, the promotion is on.
        startsAt: monthStart(now, -1),
        endsAt: monthStart(now, 2),
      },
    ],
    promotionStacking: 'max',
    rewards: [
      { id: 'ten-off', name: '$10 off your order', kind: 'fixed', points: 100, value: 1000, validDays: 90 },
      { id: 'free-shipping', name: 'Free shipping', kind: 'free_shipping', points: 50, validDays: 90 },
      { id: 'pay-with-points', name: 'Pay with points', kind: 'pay_with_points', stepPoints: 100, stepValue: 100, maxShare: 0.5, validDays: 1 },
    ],
    coupons: [
      { code: 'WELCOME10', kind: 'fixed', amount: 1000, currency: 'USD', minSpend: 5000, description: '$10 off orders of $50 or more' },
      { code: 'SPRING15', kind: 'percent', percent: 15, currency: 'USD', exclude: { brands: ['Acme Garden'] }, description: '15% off everything except Acme Garden' },
      { code: 'SUMMER20', kind: 'percent', percent: 20, currency: 'USD', startsAt: monthStart(now, -5), endsAt: monthStart(now, -2), description: 'expired' },
      { code: 'EARLYBIRD', kind: 'fixed', amount: 1500, currency: 'USD', startsAt: monthStart(now, 1), endsAt: monthStart(now, 2), description: 'starts next month' },
      { code: 'MEMBERS20', kind: 'percent', percent: 20, maxDiscount: 5000, currency: 'USD', memberOnly: true, description: '20% off for members' },
      { code: 'FLASH5', kind: 'fixed', amount: 500, currency: 'USD', usageLimit: 2, description: 'first two orders only (used up)' },
    ],
    couponsPerOrder: 1,
    referral: { referrerPoints: 500, friendDiscount: 1000, friendMinSpend: 5000, monthlyCap: 5, attributionDays: 30 },
  };
}

const line = (id: string, name: string, brand: string, category: string, unitPrice: number, quantity: number): OrderLine => ({ id, name, brand, category, unitPrice, quantity });

/**
 * Seeds the demo program and its people, written through the engine so every record is one the
 * engine could have made:
 * - Ana (`m_demo_ana`, referral code ANA2026), whose history shows every state of a point: joined
 *   420 days ago (100 points, half spent on free shipping 60 days ago, the rest expired), an order
 *   whose 152 points expire in 9 days, an order worth 245 points, and 86 points still pending from
 *   an order 5 days ago → 397 available, 86 pending;
 * - Ben, a friend Ana referred 10 days ago who has not ordered yet;
 * - three guest customers (one lapsed, two who used up the FLASH5 coupon) for the KPIs.
 */
export function seedDemo(state: { clock: Clock; engine: EngineState }): void {
  const engine = state.engine;
  const now = state.clock.now();
  const program = demoProgram(now);
  const problems = validateCouponDefinitions(program.coupons);
  if (problems.length) throw new Error(`demo coupons: ${problems.join('; ')}`);
  addProgram(engine, program);

  const joinedAt = now - 420 * DAY_MS;
  const ana: MemberRecord = {
    id: DEMO_MEMBER_ID,
    programId: DEMO_PROGRAM_ID,
    email: 'ana@example.com',
    name: 'Ana',
    birthday: { day: 12, month: 4 },
    newsletter: true,
    statement: true,
    joinedAt,
    referralCode: DEMO_REFERRAL_CODE,
    referredBy: null,
    deviceId: null,
    unsubscribeToken: 'u_m_demo_ana_seed',
    shares: 3,
  };
  engine.members[ana.id] = ana;
  engine.ledger.push({ id: 'e_join', kind: 'earn', memberId: ana.id, points: 100, at: joinedAt, source: 'join', availableAt: joinedAt } satisfies LedgerEntry);

  const order = (orderId: string, at: number, who: { memberId?: string; email?: string }, lines: OrderLine[], discounts = 0, couponCodes: string[] = []) =>
    postOrder(engine, DEMO_PROGRAM_ID, { orderId, ...who, currency: 'USD', lines, shipping: 0, tax: 0, discounts, placedAt: at, couponCodes });

  // Its points became available just under 12 months ago: they expire in 9 days.
  const soonAvailable = addMonths(now + 9 * DAY_MS, -program.expiry.months);
  order('o_1001', soonAvailable - program.pendingDays * DAY_MS, { memberId: ana.id }, [line('p-olive', 'Olive tree, large', 'Verde', 'plants', 76_000, 2)]);
  order('o_0907', now - 400 * DAY_MS, { email: 'dan@example.com' }, [line('p-soil', 'Organic potting mix 10 L', 'Sol', 'soil', 1_200, 3)]);
  order('o_1002', now - 200 * DAY_MS, { memberId: ana.id }, [line('p-fig', 'Fiddle-leaf fig', 'Verde', 'plants', 49_000, 5)]);
  const shipping = redeem(engine, DEMO_PROGRAM_ID, ana.id, { rewardId: 'free-shipping' }, now - 60 * DAY_MS);
  order('o_1101', now - 40 * DAY_MS, { email: 'bea@example.com' }, [line('p-cactus', 'Desert cactus trio', 'Sol', 'plants', 3_000, 1)], 500, ['FLASH5']);
  order('o_1102', now - 20 * DAY_MS, { email: 'carl@example.com' }, [line('p-pot', 'Terracotta pot 20 cm', 'Barro', 'pots', 1_800, 2)], 500, ['FLASH5']);
  enrollMember(engine, DEMO_PROGRAM_ID, { email: 'ben@example.com', name: 'Ben', newsletter: false, referralCode: DEMO_REFERRAL_CODE }, now - 10 * DAY_MS);
  order('o_1003', now - 5 * DAY_MS, { memberId: ana.id }, [line('p-kentia', 'Kentia palm', 'Verde', 'plants', 43_000, 2)], 0, [shipping.couponCode]);
}
