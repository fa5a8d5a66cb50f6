import { DAY_MS, addMonths } from '../core/clock.js';
import {
  DEFAULT_PROGRAM,
  addProgram,
  chargeSucceeded,
  enrollMember,
  issueGiftCard,
  debitGiftCard,
  postOrder,
  recordOrder,
  recordReturn,
  redeem,
  startTrial,
  subscribe,
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
 * Casa Verde Rewards: PRODUCT.md's earning defaults (1 point per $10, a 30-day return window, points
 * expiring 12 months after they become available, 100 points for joining) and one example of every
 * rule the engine knows, with dates computed from `now` so the demo is never stale. Its catalog is
 * its own: a point buys 10 cents of reward (1 % back), not PRODUCT.md's example of $1 a point (10 %
 * back, DEFAULT_PROGRAM's value); `pointValue` says so, and the panel's "worth" line follows it.
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
    // What the catalog below pays per point: $10 off for 100 points, $1 of an order for 10.
    pointValue: { amount: 10, currency: 'USD' },
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
      { id: 'pay-with-points', name: 'Pay with points', kind: 'pay_with_points', stepPoints: 10, stepValue: 100, maxShare: 0.5, validDays: 1 },
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
    // VIP levels by net spend in the calendar year; the earn multiplier feeds every later order.
    tiers: {
      basis: 'spend',
      period: 'calendar_year',
      graceDays: 0,
      levels: [
        { id: 'member', name: 'Member', threshold: 0, benefits: { earnMultiplier: 1, freeShipping: false, earlyAccess: false, exclusiveAccess: false } },
        { id: 'silver', name: 'Silver', threshold: 50_000, benefits: { earnMultiplier: 1.25, freeShipping: false, earlyAccess: false, exclusiveAccess: false } },
        { id: 'gold', name: 'Gold', threshold: 100_000, benefits: { earnMultiplier: 1.5, freeShipping: true, earlyAccess: true, exclusiveAccess: false } },
      ],
    },
    // 2% store credit on net spend, a year-end rebate by the year's spend, a gift at $500 a year.
    cashback: {
      percent: 2,
      yearEndRebate: [
        { minSpend: 50_000, percent: 1 },
        { minSpend: 100_000, percent: 2 },
        { minSpend: 250_000, percent: 3 },
      ],
      spendLevelRewards: [{ id: 'spend-500', name: '$20 off when you pass $500 this year', threshold: 50_000, reward: { kind: 'coupon', value: 2_000 } }],
    },
    // The coffee-shop card for potting mix: buy 5, the 6th is free; one punch per order and day.
    punchCards: [{ id: 'soil-card', name: 'Potting mix card', appliesTo: { categories: ['soil'] }, required: 5, per: 'order', maxPerOrder: 1, maxPerDay: 1, rewardValidDays: 90 }],
    giftCards: { maxValue: 50_000, expiryDays: 730 },
    membership: {
      plans: [{ id: 'plus', name: 'Casa Verde Plus', fee: 500, period: 'month', trialDays: 30, benefits: { earnMultiplier: 1.5, freeShipping: true, memberPrices: false } }],
      graceDays: 7,
    },
    // A plant-care pass bought ahead: 50 points at once and 10% off the next three orders.
    buyAhead: [{ id: 'care-pass', name: 'Plant care pass', productId: 'p-care-pass', bonusPoints: 50, discountPercent: 10, uses: 3, validDays: 180 }],
    // the demo merchant's own names in the shop's other languages (the plan's name is a brand: kept)
    translations: {
      es: {
        'Casa Verde Rewards': 'Recompensas Casa Verde',
        'Double points on pots': 'Puntos dobles en macetas',
        '$10 off your order': '10 $ de descuento en tu pedido',
        'Free shipping': 'Envío gratis',
        'Pay with points': 'Pago con puntos',
        Member: 'Socio',
        Silver: 'Plata',
        Gold: 'Oro',
        '$20 off when you pass $500 this year': '20 $ de descuento al superar 500 $ este año',
        'Potting mix card': 'Tarjeta de sustrato',
        'Plant care pass': 'Pase de cuidado de plantas',
      },
      ro: {
        'Casa Verde Rewards': 'Recompense Casa Verde',
        'Double points on pots': 'Puncte duble la ghivece',
        '$10 off your order': '10 $ reducere la comandă',
        'Free shipping': 'Livrare gratuită',
        'Pay with points': 'Plată cu puncte',
        Member: 'Membru',
        Silver: 'Argint',
        Gold: 'Aur',
        '$20 off when you pass $500 this year': '20 $ reducere când treci de 500 $ anul acesta',
        'Potting mix card': 'Cardul pentru pământ de flori',
        'Plant care pass': 'Abonamentul de îngrijire a plantelor',
      },
      'zh-CN': {
        'Casa Verde Rewards': 'Casa Verde 会员奖励',
        'Double points on pots': '花盆双倍积分',
        '$10 off your order': '订单立减 $10',
        'Free shipping': '免运费',
        'Pay with points': '积分抵扣',
        Member: '会员',
        Silver: '白银',
        Gold: '黄金',
        '$20 off when you pass $500 this year': '本年消费满 $500 立减 $20',
        'Potting mix card': '营养土集点卡',
        'Plant care pass': '植物养护卡',
      },
    },
    birthday: { changeCooldownDays: 365 },
  };
}

const line = (id: string, name: string, brand: string, category: string, unitPrice: number, quantity: number): OrderLine => ({ id, name, brand, category, unitPrice, quantity });

/**
 * Seeds the demo program and its people, written through the engine so every record is one the
 * engine could have made:
 * - Ana (`m_demo_ana`, referral code ANA2026), whose history shows every state of a point: joined
 *   420 days ago (100 points, half spent on free shipping 60 days ago, the rest expired), an order
 *   whose 152 points expire in 9 days, an order worth 245 points (placed in the previous calendar
 *   year), and 86 points still pending from $430 of pots at double points 5 days ago → 397
 *   available, 86 pending. Her spend this calendar year is $430, so she is at the base tier
 *   (Member, 1×, $70 short of Silver) and a new order earns exactly what it earned before tiers;
 *   her seeded orders are posted without a multiplier (`postOrder`), as before;
 * - Ben, a friend Ana referred 10 days ago who has not ordered yet;
 * - three guest customers (one lapsed, two who used up the FLASH5 coupon) for the KPIs;
 * - two gift cards (GIFT-ANA-2026: $50, $12.50 used; GIFT-SPENT-0001: $25, used up);
 * - with `history: true` (the demo page, never the tests, whose KPI figures are exact): a few
 *   hundred generated customers, see `seedHistory`.
 */
export function seedDemo(state: { clock: Clock; engine: EngineState }, options: SeedOptions = {}): void {
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
  // In the previous calendar year (so it does not lift her tier this year), still inside the last
  // 12 months for the KPIs, its points available and not yet expiring.
  const lastYear = Date.UTC(new Date(now).getUTCFullYear() - 1, 11, 31, 12);
  order('o_1002', Math.min(now - 340 * DAY_MS, lastYear), { memberId: ana.id }, [line('p-fig', 'Fiddle-leaf fig', 'Verde', 'plants', 49_000, 5)]);
  const shipping = redeem(engine, DEMO_PROGRAM_ID, ana.id, { rewardId: 'free-shipping' }, now - 60 * DAY_MS);
  order('o_1101', now - 40 * DAY_MS, { email: 'bea@example.com' }, [line('p-cactus', 'Desert cactus trio', 'Sol', 'plants', 3_000, 1)], 500, ['FLASH5']);
  order('o_1102', now - 20 * DAY_MS, { email: 'carl@example.com' }, [line('p-pot', 'Terracotta pot 20 cm', 'Barro', 'pots', 1_800, 2)], 500, ['FLASH5']);
  enrollMember(engine, DEMO_PROGRAM_ID, { email: 'ben@example.com', name: 'Ben', newsletter: false, referralCode: DEMO_REFERRAL_CODE }, now - 10 * DAY_MS);
  // $430 of pots during the double-points promotion: 43 + 43 = 86 pending points.
  order('o_1003', now - 5 * DAY_MS, { memberId: ana.id }, [line('p-planter', 'Glazed planter 40 cm', 'Barro', 'pots', 21_500, 2)], 0, [shipping.couponCode]);

  issueGiftCard(engine, engine.giftCards, DEMO_PROGRAM_ID, { code: 'GIFT-ANA-2026', currency: 'USD', value: 5_000 }, now - 30 * DAY_MS, program.giftCards);
  debitGiftCard(engine, engine.giftCards, DEMO_PROGRAM_ID, 'GIFT-ANA-2026', { amount: { amount: 1_250, currency: 'USD' }, idempotencyKey: 'seed-gift-1', orderId: 'o_1101' }, now - 20 * DAY_MS);
  issueGiftCard(engine, engine.giftCards, DEMO_PROGRAM_ID, { code: 'GIFT-SPENT-0001', currency: 'USD', value: 2_500 }, now - 90 * DAY_MS, program.giftCards);
  debitGiftCard(engine, engine.giftCards, DEMO_PROGRAM_ID, 'GIFT-SPENT-0001', { amount: { amount: 2_500, currency: 'USD' }, idempotencyKey: 'seed-gift-2' }, now - 80 * DAY_MS);

  if (options.history) seedHistory(engine, program, now, options.historySeed ?? 2026);
  // Enrollment gives a random unsubscribe token; the demo's are made from its seed, so one seed
  // gives one state (the demo is public: its tokens need not be secret).
  const random = mulberry32((options.historySeed ?? 2026) + 1);
  for (const member of Object.values(engine.members)) {
    if (member.id !== DEMO_MEMBER_ID) member.unsubscribeToken = `u_${Math.floor(random() * 2 ** 32).toString(16)}${Math.floor(random() * 2 ** 32).toString(16)}`;
  }
}

export interface SeedOptions {
  /** Add generated customers, orders, returns, redemptions and memberships (the demo's KPIs). */
  history?: boolean;
  /** The pseudo-random generator's seed (the same seed gives the same history). */
  historySeed?: number;
}

/** mulberry32: a tiny deterministic 32-bit generator, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CATALOG: OrderLine[] = [
  line('p-monstera', 'Monstera deliciosa', 'Verde', 'plants', 4_500, 1),
  line('p-fern', 'Boston fern', 'Verde', 'plants', 2_200, 1),
  line('p-snake', 'Snake plant', 'Sol', 'plants', 3_400, 1),
  line('p-olive-s', 'Olive tree, small', 'Verde', 'plants', 12_000, 1),
  line('p-pot', 'Terracotta pot 20 cm', 'Barro', 'pots', 1_800, 1),
  line('p-planter', 'Glazed planter 40 cm', 'Barro', 'pots', 21_500, 1),
  line('p-soil', 'Organic potting mix 10 L', 'Sol', 'soil', 1_200, 1),
  line('p-cactus-mix', 'Cactus soil 5 L', 'Sol', 'soil', 900, 1),
  line('p-can', 'Watering can', 'Acme Garden', 'tools', 5_600, 1),
  line('p-shears', 'Pruning shears', 'Acme Garden', 'tools', 3_900, 1),
  line('p-care-pass', 'Plant care pass', 'Casa Verde', 'services', 4_000, 1),
];
/** Generated customers (members and guests) of the demo history. */
const CUSTOMERS = 250;
const FIRST = ['Alex', 'Bruno', 'Chloe', 'Diego', 'Elena', 'Farah', 'Gus', 'Hana', 'Ivan', 'Julia', 'Kofi', 'Lena', 'Mateo', 'Nora', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Uma', 'Victor', 'Wen', 'Yara'];

/**
 * A reproducible two-year history for the KPIs, written through the engine (`enrollMember`,
 * `recordOrder`, `recordReturn`, `redeem`, `startTrial`/`subscribe`/`chargeSucceeded`) in time
 * order: 250 customers, about 60% of them members (some joined after buying as guests), 1–9
 * orders each (some loyal, many one-off, some lapsed), about 6% of orders (partly) returned,
 * members with enough points redeeming $10 off, a few on Casa Verde Plus. Nobody is referred by
 * Ana and nothing touches her, so her figures stay as seeded.
 */
export function seedHistory(engine: EngineState, program: ProgramConfig, now: number, seed: number): void {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const span = 730 * DAY_MS;
  type Event = { at: number; run: () => void };
  const events: Event[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const name = pick(FIRST);
    const email = `${name.toLowerCase()}.${i}@customers.example`;
    const member = random() < 0.6;
    const firstAt = now - Math.floor(random() * span);
    // Loyal customers order often; a third stop after their first order.
    const loyal = random() < 0.3;
    const count = random() < 0.33 ? 1 : 1 + Math.floor(random() * (loyal ? 9 : 4));
    // Some members join at their first order, some later (after buying as guests).
    const joinAt = member ? (random() < 0.7 ? firstAt - 60_000 : firstAt + Math.floor(random() * 120) * DAY_MS) : Infinity;
    let memberId: string | null = null;
    if (joinAt < now) {
      events.push({
        at: joinAt,
        run: () => {
          const newsletter = random() < 0.5;
          const birthday = random() < 0.4 ? { day: 1 + Math.floor(random() * 28), month: 1 + Math.floor(random() * 12) } : null;
          memberId = enrollMember(engine, program.id, { email, name, newsletter, birthday }, joinAt).member.id;
        },
      });
      if (random() < 0.08 && joinAt + 5 * DAY_MS < now) {
        const trialAt = joinAt + 5 * DAY_MS;
        events.push({ at: trialAt, run: () => memberId && startTrial(engine, engine.memberships, program.id, memberId, program.membership!, 'plus', trialAt) });
        if (random() < 0.6 && trialAt + 10 * DAY_MS < now) {
          const subAt = trialAt + 10 * DAY_MS;
          events.push({ at: subAt, run: () => memberId && subscribe(engine, engine.memberships, program.id, memberId, program.membership!, 'plus', subAt) });
          // Renewals paid monthly from the end of the trial.
          for (let n = 0, due = trialAt + 30 * DAY_MS; due < now && n < 24; n++, due = addMonths(trialAt + 30 * DAY_MS, n)) {
            const at = due;
            events.push({ at, run: () => memberId && chargeSucceeded(engine, engine.memberships, program.id, memberId, `ch_${i}_${n}`, at) });
          }
        }
      }
    }
    let at = firstAt;
    for (let n = 0; n < count && at < now; n++) {
      const placedAt = at;
      const lines: OrderLine[] = [];
      const kinds = 1 + Math.floor(random() * 3);
      for (let k = 0; k < kinds; k++) {
        const item = pick(CATALOG);
        if (!lines.some((l) => l.id === item.id)) lines.push({ ...item, quantity: 1 + Math.floor(random() * (item.unitPrice < 3_000 ? 3 : 2)) });
      }
      const orderId = `h_${i}_${n}`;
      const returns = random() < 0.06;
      const returnAt = placedAt + (3 + Math.floor(random() * 40)) * DAY_MS;
      const redeems = random() < 0.25;
      events.push({
        at: placedAt,
        run: () => {
          const joined = memberId !== null && joinAt <= placedAt;
          recordOrder(engine, program.id, { orderId, ...(joined ? { memberId } : { email }), currency: 'USD', lines, shipping: 500, tax: 0, discounts: 0, placedAt });
        },
      });
      if (returns && returnAt < now) {
        const first = lines[0]!;
        events.push({ at: returnAt, run: () => void recordReturn(engine, program.id, orderId, { returnId: `hr_${orderId}`, lines: [{ id: first.id, quantity: 1 }] }, returnAt) });
      }
      if (redeems && placedAt + 31 * DAY_MS < now) {
        const redeemAt = placedAt + 31 * DAY_MS;
        events.push({
          at: redeemAt,
          run: () => {
            if (!memberId) return;
            try {
              redeem(engine, program.id, memberId, { rewardId: pick(['ten-off', 'ten-off', 'free-shipping']) }, redeemAt);
            } catch {
              // not enough points yet: nothing redeemed
            }
          },
        });
      }
      at += (loyal ? 20 : 60 + Math.floor(random() * 200)) * DAY_MS + Math.floor(random() * 40) * DAY_MS;
    }
  }
  events.sort((a, b) => a.at - b.at);
  for (const e of events) e.run();
}
