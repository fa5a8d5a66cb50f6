/**
 * The program owner's audit of PRODUCT.md §2–6: each test states a rule with its numbers and checks
 * the engine's answer, where the other suites leave it unshown (a boundary, a zero or foreign
 * configuration value, a year boundary, edge data for the KPIs).
 */
import { expect } from '@open-wc/testing';
import {
  DEFAULT_PROGRAM, addProgram, checkCoupon, emptyState, enrollMember, payYearEndRebate, postOrder, previewCart, programKpis, yearEndRebate, punchRewardCode, recordOrder, redeem, tierAt, validateProgram, type PunchCardConfig, type Reward, type TierConfig,
} from '../../src/engine/index.js';
import { T0, days, line, program, rejects, world } from './fixtures.js';
import { DEMO_MEMBER_ID, DEMO_MERCHANT_KEY, DEMO_PROGRAM_ID, type MockBackend } from '../../src/mock/index.js';
import { API, useBackend } from '../helpers/backend.js';

/** A request to the reference backend (MSW in the page), as the storefront or the merchant's server sends it. */
async function rest(method: string, path: string, options: { body?: unknown; token?: string; key?: string; merchant?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.key) headers['Idempotency-Key'] = options.key;
  if (options.merchant) headers['X-Fidelio-Merchant-Key'] = options.merchant;
  const response = await fetch(`${API}/v1/programs/${DEMO_PROGRAM_ID}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: text ? JSON.parse(text) : null } as { status: number; body: any };
}

/** Ana's token signed at the backend's time (valid after its clock moved). */
const session = async (): Promise<string> => (await rest('POST', '/demo/session', { body: {} })).body.token;

const cartOf = (...lines: ReturnType<typeof line>[]) => ({ currency: 'USD', lines, subtotal: lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0) });

describe('spec audit: the program owner’s rules', () => {
  describe('configuration: every number the owner sets is one the engine can honour', () => {
    it('refuses a reward worth $0, a negative or missing amount, a free product without a product, and two rewards under one id', () => {
      const withRewards = (rewards: unknown[]) => validateProgram(program({ rewards: rewards as Reward[] }));
      expect(withRewards([{ id: 'x', name: '$0 off', kind: 'fixed', points: 100, value: 0, validDays: 30 }])).to.deep.equal(['rewards[0].value must be integer minor units ≥ 1']);
      expect(withRewards([{ id: 'x', name: 'minus $5', kind: 'fixed', points: 100, value: -500, validDays: 30 }])).to.deep.equal(['rewards[0].value must be integer minor units ≥ 1']);
      expect(withRewards([{ id: 'x', name: 'no value', kind: 'fixed', points: 100, validDays: 30 }])).to.deep.equal(['rewards[0].value must be integer minor units ≥ 1']);
      expect(withRewards([{ id: 'x', name: 'a pot', kind: 'product', points: 300, value: 1_800, validDays: 30 }])).to.deep.equal(['rewards[0].productId is required']);
      expect(withRewards([{ id: 'x', name: 'mystery', kind: 'cash', points: 100, value: 100, validDays: 30 }])).to.deep.equal(['rewards[0].kind must be fixed, free_shipping, product or pay_with_points']);
      expect(
        withRewards([
          { id: 'r10', name: '$10 off', kind: 'fixed', points: 100, value: 1_000, validDays: 90 },
          { id: 'r10', name: '$20 off', kind: 'fixed', points: 200, value: 2_000, validDays: 90 },
        ]),
      ).to.deep.equal(['rewards[1].id must be a unique non-empty string']);
      // PRODUCT's default: 1 point redeems for $1, so 10 points for $10 off.
      expect(withRewards([{ id: 'r10', name: '$10 off', kind: 'fixed', points: 10, value: 1_000, validDays: 90 }])).to.deep.equal([]);
    });

    it('a program on the defaults can spend its points: 1 point redeems for $1 off an order', () => {
      const state = emptyState();
      addProgram(state, { ...DEFAULT_PROGRAM, id: 'plain', name: 'Plain Rewards' });
      // the joining bonus (100 points) pays $10 of a $50 order, 10 points
      const { member } = enrollMember(state, 'plain', { email: 'lee@example.com' }, T0);
      expect(redeem(state, 'plain', member.id, { rewardId: 'pay-with-points', cartSubtotal: 5_000, steps: 10 }, T0 + 1)).to.include({ points: 10, discount: 1_000 });
      // all of it, at most the order: 100 points, $50 order → 50 points for $50
      expect(redeem(state, 'plain', member.id, { rewardId: 'pay-with-points', cartSubtotal: 5_000 }, T0 + 2)).to.include({ points: 50, discount: 5_000 });
    });

    it('never takes a member’s 100 points for a $0 coupon: such a program is not accepted', () => {
      expect(() => addProgram(emptyState(), program({ rewards: [{ id: 'zero', name: 'Nothing', kind: 'fixed', points: 100, value: 0, validDays: 30 }] }))).to.throw(/rewards\[0\]\.value/);
      // (the fixtures' $10 reward still redeems 100 points for 1,000 minor units)
      const { state, member } = world();
      expect(redeem(state, 'shop', member, { rewardId: 'r10' }, T0 + days(1))).to.include({ points: 100, discount: 1_000 });
    });

    it('refuses a coupon in another currency than the program’s (a USD code in a EUR shop could never apply)', () => {
      const eur = { currency: 'EUR', pointValue: { amount: 100, currency: 'EUR' } };
      expect(validateProgram(program({ ...eur, coupons: [{ code: 'TEN', kind: 'fixed', amount: 1_000, currency: 'USD' }] }))).to.deep.equal(['coupons[0].currency must be the program currency']);
      expect(validateProgram(program({ ...eur, coupons: [{ code: 'TEN', kind: 'fixed', amount: 1_000, currency: 'EUR' }] }))).to.deep.equal([]);
    });

    it('refuses a referral cap of 0 friends a month, which turned every friend away while the offer was shown', () => {
      const offer = { referrerPoints: 500, friendDiscount: 1_000, friendMinSpend: 5_000, monthlyCap: 0, attributionDays: 30 };
      expect(validateProgram(program({ referral: offer }))).to.deep.equal(['referral.monthlyCap must be an integer ≥ 1 (referral null turns referrals off)']);
      expect(validateProgram(program({ referral: { ...offer, monthlyCap: 1 } }))).to.deep.equal([]);
      expect(validateProgram(program({ referral: null }))).to.deep.equal([]);
    });
  });

  describe('a freebie: a free-product reward is one item', () => {
    it('takes off one pot, not $18 spread over two cheaper ones', () => {
      const pot: Reward = { id: 'pot', name: 'A free pot', kind: 'product', productId: 'p-pot', points: 300, value: 1_800, validDays: 30 };
      const { state, member } = world({ rewards: [pot] });
      postOrder(state, 'shop', { orderId: 'earn', memberId: member, currency: 'USD', lines: [line('x', 400_000)], placedAt: T0 });
      const { couponCode } = redeem(state, 'shop', member, { rewardId: 'pot' }, T0 + days(31));
      // two pots at $12.00: one of them is free ($12.00), not $18.00 of the two
      const two = checkCoupon(state, 'shop', couponCode, cartOf(line('p-pot', 1_200, 2), line('p-soil', 900)), member, T0 + days(32));
      expect(two).to.deep.include({ ok: true, discount: 1_200 });
      // a dearer pot than the reward's worth: up to the reward's $18.00
      const dear = checkCoupon(state, 'shop', couponCode, cartOf(line('p-pot', 2_500, 1)), member, T0 + days(32));
      expect(dear).to.deep.include({ ok: true, discount: 1_800 });
    });
  });

  describe('points expire on a date the merchant sets', () => {
    it('accepts a calendar expiry on a date every year has, and refuses others', () => {
      const on = (month: number, day: number) => validateProgram(program({ expiry: { mode: 'calendar', months: 12, on: { month, day } } }));
      expect(on(12, 31)).to.deep.equal([]);
      expect(on(2, 28)).to.deep.equal([]);
      for (const [month, day] of [[2, 29], [13, 1], [4, 31], [0, 10], [6, 0]] as const) expect(on(month, day), `${month}/${day}`).to.deep.equal(['expiry.on must be a date every year has: { month 1–12, day }']);
      expect(validateProgram(program({ expiry: { mode: 'calendar', months: 12 } }))).to.deep.equal(['expiry.on must be a date every year has: { month 1–12, day }']);
    });
  });

  describe('promotions: double points on certain items for a period', () => {
    it('refuses a promotion that names no items (it would be announced and give nothing)', () => {
      const promo = { id: 'x2', name: 'Double points', multiplier: 2, startsAt: T0, endsAt: T0 + days(7) };
      expect(validateProgram(program({ promotions: [{ ...promo, appliesTo: {} }] }))).to.deep.equal(['promotions[0].appliesTo must select at least one product, brand or category']);
      expect(validateProgram(program({ promotions: [promo as never] }))).to.deep.equal(['promotions[0].appliesTo must be an object with brands, categories or products']);
      expect(validateProgram(program({ promotions: [{ ...promo, appliesTo: { categories: ['pots'] } }] }))).to.deep.equal([]);
    });
  });

  describe('punch card: buy 5, the 6th free, of equal or lesser value', () => {
    const card: PunchCardConfig = { id: 'coffee', name: 'Coffee card', appliesTo: { categories: ['coffee'] }, required: 5, per: 'order', maxPerOrder: 1, maxPerDay: 1 };
    const coffee = (id: string, price: number, quantity = 1) => line(id, price, quantity, { category: 'coffee' });

    /** Five coffees at $4.00–$5.00 on five days: the reward is one coffee up to $4.00. */
    function fivePunches() {
      const { state, member } = world({ punchCards: [card] });
      [400, 450, 500, 420, 480].forEach((price, i) => recordOrder(state, 'shop', { orderId: `c${i}`, memberId: member, currency: 'USD', lines: [coffee('latte', price)], placedAt: T0 + days(i) }));
      return { state, member, code: punchRewardCode('coffee', member, 1) };
    }

    it('gives one $3.00 espresso free when the cart has two, not $4.00 spread over both', () => {
      const { state, member, code } = fivePunches();
      const result = checkCoupon(state, 'shop', code, cartOf(coffee('espresso', 300, 2)), member, T0 + days(6));
      expect(result).to.deep.include({ ok: true, discount: 300, lines: [{ id: 'espresso', discount: 300 }] });
    });

    it('takes the dearest coffee of the cart up to $4.00, the cheaper one stays paid', () => {
      const { state, member, code } = fivePunches();
      const result = checkCoupon(state, 'shop', code, cartOf(coffee('espresso', 300), coffee('mocha', 380)), member, T0 + days(6));
      expect(result).to.deep.include({ ok: true, discount: 380, lines: [{ id: 'espresso', discount: 0 }, { id: 'mocha', discount: 380 }] });
      // a $6.00 one: $4.00 off it (equal or lesser value), never more
      const dear = checkCoupon(state, 'shop', code, cartOf(coffee('espresso', 300), coffee('flat-white', 600)), member, T0 + days(6));
      expect(dear).to.deep.include({ ok: true, discount: 400, lines: [{ id: 'espresso', discount: 0 }, { id: 'flat-white', discount: 400 }] });
    });
  });

  describe('tiers by spend in a year, with progress shown', () => {
    const level = (id: string, threshold: number, earnMultiplier = 1) => ({ id, name: id, threshold, benefits: { earnMultiplier, freeShipping: false, earlyAccess: false, exclusiveAccess: false } });
    /** Silver from $500 of the calendar year's spend. */
    const tiers: TierConfig = { basis: 'spend', period: 'calendar_year', graceDays: 0, levels: [level('Member', 0), level('Silver', 50_000, 1.25)] };

    it('previews the order that brings the year to exactly $500 as reaching Silver, counting its shipping as the tier does', () => {
      // the program earns on shipping, so the tier counts it: $450 + $10 shipping = $460 so far
      const { state, member } = world({ tiers, earnBase: { shipping: true, tax: false } });
      recordOrder(state, 'shop', { orderId: 'a', memberId: member, currency: 'USD', lines: [line('a', 45_000)], shipping: 1_000, placedAt: T0 });
      expect(tierAt(state, 'shop', member, T0 + 1, tiers).progress).to.include({ current: 46_000, missing: 4_000, percent: 92 });
      // $35 + $5 shipping: $500.00 exactly
      const cart = { currency: 'USD', lines: [line('b', 3_500)], shipping: 500, subtotal: 3_500 };
      expect(previewCart(state, 'shop', cart, T0 + 1, member).tier).to.deep.include({ current: 46_000, after: 50_000, reaches: true });
      recordOrder(state, 'shop', { orderId: 'b', memberId: member, currency: 'USD', lines: [line('b', 3_500)], shipping: 500, placedAt: T0 + 2 });
      expect(tierAt(state, 'shop', member, T0 + 3, tiers)).to.deep.include({ level: tiers.levels[1] });
    });
  });

  describe('year-end rebate by spend level, on the store’s calendar', () => {
    it('counts a New York store’s 8 pm New Year’s Eve order in that year’s rebate, and pays it once the return window after 1 January (New York) has passed', () => {
      const cashback = { percent: 0, yearEndRebate: [{ minSpend: 50_000, percent: 1 }, { minSpend: 100_000, percent: 2 }], spendLevelRewards: [] };
      const { state, member } = world({ timeZone: 'America/New_York', cashback });
      recordOrder(state, 'shop', { orderId: 'june', memberId: member, currency: 'USD', lines: [line('a', 60_000)], placedAt: Date.parse('2026-06-01T15:00:00Z') });
      // 31 Dec 2026, 8 pm in New York (1 Jan 2027 in UTC): $1,000.00 in 2026 reaches the 2 % row
      recordOrder(state, 'shop', { orderId: 'eve', memberId: member, currency: 'USD', lines: [line('a', 40_000)], placedAt: Date.parse('2027-01-01T01:00:00Z') });
      expect(yearEndRebate(state, 'shop', member, 2026, cashback)).to.equal(2_000);
      expect(yearEndRebate(state, 'shop', member, 2027, cashback)).to.equal(0);
      // 1 January 2027 begins at 05:00 UTC in New York; + 30 days of returns
      const payable = Date.parse('2027-01-31T05:00:00Z');
      expect(rejects(() => payYearEndRebate(state, state.cashback, 'shop', member, 2026, payable - 1, cashback)).code).to.equal('too_early');
      expect(payYearEndRebate(state, state.cashback, 'shop', member, 2026, payable, cashback)).to.deep.include({ status: 'paid' });
      expect(state.cashback.rebatesPaid.map((r) => [r.year, r.amount])).to.deep.equal([[2026, 2_000]]);
    });
  });

  describe('KPIs over edge data (PRODUCT §6)', () => {
    it('adoption rate: 1 member among 10 customers is 10 % (the guide’s 1,000 of 10,000), a member who never bought counting as a customer', () => {
      const { state, member } = world(); // Ana, a member
      postOrder(state, 'shop', { orderId: 'ana', memberId: member, currency: 'USD', lines: [line('a', 4_000)], placedAt: T0 + days(1) });
      for (let i = 1; i <= 9; i++) postOrder(state, 'shop', { orderId: `g${i}`, email: `guest${i}@example.com`, currency: 'USD', lines: [line('a', 4_000)], placedAt: T0 + days(i) });
      const k = programKpis(state, 'shop', { from: T0, to: T0 + days(365) });
      expect(k.adoptionRate).to.deep.equal({ numerator: 1, denominator: 10, value: 0.1, percent: 10, customerBase: 10 });
      // a second member who has not bought yet: 2 of 11
      enrollMember(state, 'shop', { email: 'hal@example.com' }, T0 + days(20));
      expect(programKpis(state, 'shop', { from: T0, to: T0 + days(365) }).adoptionRate).to.deep.include({ numerator: 2, denominator: 11, percent: 18.18 });
    });

    it('counts a customer who bought as bo.b+promo@gmail.com and came back as member bob@gmail.com once: retained, not lost and new', () => {
      const { state } = world(); // Ana joined at T0 and never bought
      postOrder(state, 'shop', { orderId: 'guest', email: 'Bo.B+promo@gmail.com', currency: 'USD', lines: [line('a', 4_000)], placedAt: T0 - days(100) });
      const bob = enrollMember(state, 'shop', { email: 'bob@gmail.com' }, T0).member.id;
      postOrder(state, 'shop', { orderId: 'member', memberId: bob, currency: 'USD', lines: [line('a', 4_000)], placedAt: T0 + days(100) });
      const k = programKpis(state, 'shop', { from: T0, to: T0 + days(365) });
      // customers: Bob, and Ana (a member who has not bought); both are members
      expect(k.adoptionRate).to.deep.include({ numerator: 2, denominator: 2, percent: 100, customerBase: 2 });
      expect(k.members.amongCustomers).to.equal(1);
      // S = {Bob}, E = {Bob}, N = {}: CRR = (1 − 0) / 1 = 100 %, nobody lost
      expect(k.retention).to.deep.include({ customersAtStart: 1, customersAtEnd: 1, newCustomers: 0, percent: 100 });
      expect(k.churn).to.deep.include({ customersLost: 0, valueLost: 0 });
    });
  });

  describe('the reference backend (REST) applies the same rules', () => {
    let backend: MockBackend;
    beforeEach(async () => {
      backend = await useBackend();
    });

    it('gives the birthday gift once a calendar year through POST /me/events too, even where the action’s cap is per day', async () => {
      const rules = backend.state.engine.programs[DEMO_PROGRAM_ID]!;
      rules.actions = rules.actions.map((a) => (a.type === 'birthday' ? { ...a, cap: { count: 1, per: 'day' as const } } : a));
      // the demo's "now" is 23 November 2026: Ana's birthday is this month
      backend.state.engine.members[DEMO_MEMBER_ID]!.birthday = { day: 20, month: 11 };
      const first = await rest('POST', '/me/events', { token: await session(), key: 'birthday-event-1', body: { type: 'birthday' } });
      expect(first.body).to.deep.equal({ pointsAwarded: 50, capped: false });
      await backend.advance(1);
      const next = await rest('POST', '/me/events', { token: await session(), key: 'birthday-event-2', body: { type: 'birthday' } });
      expect(next.body).to.deep.equal({ pointsAwarded: 0, capped: true });
      expect((await rest('POST', '/me/birthday-reward', { token: await session() })).body.params).to.deep.include({ reason: 'already_claimed', year: 2026 });
      // next year's birthday month pays again
      await backend.advance(365);
      expect((await rest('POST', '/me/events', { token: await session(), key: 'birthday-event-3', body: { type: 'birthday' } })).body).to.deep.equal({ pointsAwarded: 50, capped: false });
    });

    it('tells shoppers about a level’s exclusive product access (the contract’s earlyAccess is “exclusive / early access”)', async () => {
      const silver = backend.state.engine.programs[DEMO_PROGRAM_ID]!.tiers!.levels[1]!;
      silver.benefits = { ...silver.benefits, earlyAccess: false, exclusiveAccess: true };
      const { body } = await rest('GET', '');
      expect(body.tiers[1].benefits).to.deep.include({ earnMultiplier: 1.25, earlyAccess: true });
      expect(body.tiers[0].benefits.earlyAccess).to.equal(false);
    });

    it('gives the owner the worked example over GET /kpis: $40 × 6 orders = $240 a year, $1,200 over 5 years, $48 of yearly profit at 20 % margin', async () => {
      // one customer, six $40 orders in the year before the demo's "now" (a fresh program, no demo history)
      const engine = backend.state.engine;
      const now = backend.state.clock.now();
      for (const m of Object.keys(engine.members)) delete engine.members[m];
      engine.orders = {};
      engine.ledger = [];
      for (let i = 0; i < 6; i++) {
        postOrder(engine, DEMO_PROGRAM_ID, { orderId: `k${i}`, email: 'cliente@example.com', currency: 'USD', lines: [line('p-olive-s', 4_000)], placedAt: now - days(10 + 50 * i) });
      }
      const { status, body } = await rest('GET', '/kpis?lifespanYears=5&marginPercent=20', { merchant: DEMO_MERCHANT_KEY });
      expect(status).to.equal(200);
      expect(body).to.deep.include({ aov: { amount: 4_000, currency: 'USD' }, purchaseFrequency: 6, customerValue: { amount: 24_000, currency: 'USD' } });
      expect(body).to.deep.include({ customerValuePerYear: { amount: 24_000, currency: 'USD' }, clv: { amount: 120_000, currency: 'USD' }, yearlyProfit: { amount: 4_800, currency: 'USD' } });
      // a shorter range is annualised before the lifespan multiplies it (the contract said customerValue × lifespan)
      const from = new Date(now - days(182)).toISOString();
      const half = await rest('GET', `/kpis?from=${from}&to=${new Date(now).toISOString()}&lifespanYears=5&marginPercent=20`, { merchant: DEMO_MERCHANT_KEY });
      expect(half.body.customerValue.amount).to.equal(16_000); // 4 of the orders are in the last 182 days
      expect(half.body.customerValuePerYear.amount).to.equal(32_109); // 16,000 × 365.2425 / 182 = 32,109.2
      expect(half.body.clv.amount).to.equal(5 * half.body.customerValuePerYear.amount);
      expect((await rest('GET', '/kpis?marginPercent=120', { merchant: DEMO_MERCHANT_KEY })).status).to.equal(422);
    });
  });
});
