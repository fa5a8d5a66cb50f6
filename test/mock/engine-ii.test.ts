import { expect } from '@open-wc/testing';
import { DAY_MS, ManualClock, addMonths } from '../../src/core/clock.js';
import { memberPoints, tierAt } from '../../src/engine/index.js';
import { DEMO_MEMBER_ID, DEMO_MERCHANT_KEY, DEMO_PROGRAM_ID, computeKpis, createMockState, type MockBackend } from '../../src/mock/index.js';
import { API, NOW, tokenFor, useBackend } from '../helpers/backend.js';

const PROGRAM = `${API}/v1/programs/${DEMO_PROGRAM_ID}`;
const merchant = DEMO_MERCHANT_KEY;
const usd = (amount: number) => ({ amount, currency: 'USD' });

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function call(method: string, path: string, options: { body?: unknown; token?: string; key?: string; merchant?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.key) headers['Idempotency-Key'] = options.key;
  if (options.merchant) headers['X-Fidelio-Merchant-Key'] = options.merchant;
  const response = await fetch(`${PROGRAM}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Ana's token signed at the backend's time (after time travel the test clock's tokens are expired). */
const session = async (): Promise<string> => (await call('POST', '/demo/session', { body: {} })).body.token;

/** An order of Ana's for `amount` minor units of plants (no promotion), placed at the backend's now. */
const plantOrder = (backend: MockBackend, orderId: string, amount: number, extra: Record<string, unknown> = {}) => ({
  orderId,
  memberId: DEMO_MEMBER_ID,
  currency: 'USD',
  lines: [{ id: 'p-olive-s', name: 'Olive tree', category: 'plants', unitPrice: amount, quantity: 1 }],
  shipping: 0,
  tax: 0,
  subtotal: amount,
  discounts: 0,
  placedAt: new Date(backend.state.clock.now()).toISOString(),
  ...extra,
});

describe('reference backend: Engine II (tiers, cashback, punch cards, membership, gift cards, birthday, outbox)', () => {
  let backend: MockBackend;
  let ana: string;

  beforeEach(async () => {
    backend = await useBackend();
    ana = await tokenFor();
  });

  describe('program summary', () => {
    it('describes tiers, cashback, spend levels, punch cards, membership plans, gift cards and buy-ahead cards', async () => {
      const { status, body } = await call('GET', '');
      expect(status).to.equal(200);
      expect(body.tiers.map((t: { id: string; threshold: number }) => [t.id, t.threshold])).to.deep.equal([['member', 0], ['silver', 50_000], ['gold', 100_000]]);
      expect(body.tiers[2]).to.deep.include({ basis: 'spend', period: 'calendar_year', periodMonths: 12 });
      expect(body.tiers[2].benefits).to.deep.include({ earnMultiplier: 1.5, freeShipping: true, earlyAccess: true });
      expect(body.tiers[1].benefits.earnMultiplier).to.equal(1.25);
      expect(body.cashback.percent).to.equal(2);
      expect(body.cashback.yearEndRebate[0]).to.deep.equal({ threshold: usd(50_000), percent: 1 });
      expect(body.spendLevels).to.deep.equal([{ threshold: usd(50_000), reward: '$20 off when you pass $500 this year' }]);
      expect(body.punchCards).to.deep.equal([
        { id: 'soil-card', name: 'Potting mix card', appliesTo: { categories: ['soil'] }, punches: 5, per: 'order', maxPerOrder: 1, maxPerDay: 1, rewardValidDays: 90 },
      ]);
      expect(body.membershipPlans[0]).to.deep.include({ id: 'plus', name: 'Casa Verde Plus', price: usd(500), interval: 'month', trialDays: 30 });
      expect(body.membershipPlans[0].perks).to.deep.equal({ earnMultiplier: 1.5, freeShipping: true, memberPrices: false });
      expect(body.giftCards).to.deep.equal({ maxValue: usd(50_000), expiryDays: 730 });
      expect(body.buyAhead[0]).to.deep.include({ id: 'care-pass', productId: 'p-care-pass', bonusPoints: 50, discountPercent: 10, uses: 3 });
    });
  });

  describe('a rolling tier window', () => {
    it('answers the window the program sets as periodMonths, and counts the member\'s level over it', async () => {
      const rules = backend.state.engine.programs[DEMO_PROGRAM_ID]!;
      rules.tiers = { ...rules.tiers!, period: 'rolling_months', periodMonths: 6 };
      const { body } = await call('GET', '');
      expect(body.tiers.map((t: { period: string; periodMonths: number }) => [t.period, t.periodMonths])).to.deep.equal([
        ['rolling_months', 6],
        ['rolling_months', 6],
        ['rolling_months', 6],
      ]);
      // the level and its progress count the last 6 months only
      const now = backend.state.clock.now();
      const sixMonths = tierAt(backend.state.engine, DEMO_PROGRAM_ID, DEMO_MEMBER_ID, now, rules.tiers);
      const me = (await call('GET', '/me', { token: ana })).body;
      expect(me.tier.progress.current).to.equal(sixMonths.progress.current);
      expect(sixMonths.progress.current).to.be.below(tierAt(backend.state.engine, DEMO_PROGRAM_ID, DEMO_MEMBER_ID, now, { ...rules.tiers, period: 'rolling_12_months', periodMonths: undefined }).progress.current);
      // a program without a window of its own answers 12, as before
      rules.tiers = { ...rules.tiers, period: 'rolling_12_months', periodMonths: undefined };
      expect((await call('GET', '')).body.tiers[0]).to.deep.include({ period: 'rolling_12_months', periodMonths: 12 });
    });
  });

  describe('member view', () => {
    it('counts a birthday event in the store’s month (Tokyo’s 1 December is still 30 November in UTC)', async () => {
      backend.state.engine.programs[DEMO_PROGRAM_ID]!.timeZone = 'Asia/Tokyo';
      backend.state.engine.members[DEMO_MEMBER_ID]!.birthday = { day: 3, month: 12 };
      await backend.advance((Date.parse('2026-11-30T16:00:00Z') - backend.state.clock.now()) / DAY_MS);
      const answer = await call('POST', '/me/events', { token: await session(), key: 'tokyo-birthday', body: { type: 'birthday' } });
      expect(answer.body.pointsAwarded).to.equal(50);
    });

    it('gives a tier’s last day as the store’s calendar date, whatever its time zone', async () => {
      backend.state.engine.programs[DEMO_PROGRAM_ID]!.timeZone = 'Asia/Tokyo';
      const { body } = await call('GET', '/me', { token: ana });
      // Tokyo's 31 December begins at 15:00 UTC on the 30th; the answer names the 31st
      expect(body.tier.progress.periodEndsOn).to.equal('2026-12-31T00:00:00.000Z');
    });

    it('ends an empty rolling window a window from now on the store’s calendar (30 January 23:30 in Los Angeles + 1 month: 28 February)', async () => {
      const rules = backend.state.engine.programs[DEMO_PROGRAM_ID]!;
      rules.timeZone = 'America/Los_Angeles';
      rules.tiers = { ...rules.tiers!, period: 'rolling_months', periodMonths: 1 };
      // (31 January 07:30 in UTC, over a month after Ana's last order: nothing counts)
      await backend.advance((Date.parse('2027-01-31T07:30:00Z') - backend.state.clock.now()) / DAY_MS);
      const { body } = await call('GET', '/me', { token: await session() });
      expect(body.tier.progress.current).to.equal(0);
      expect(body.tier.progress.periodEndsOn).to.equal('2027-02-28T00:00:00.000Z');
    });

    it("shows Ana's tier, store credit, punch cards and birthday; no membership yet", async () => {
      const { body } = await call('GET', '/me', { token: ana });
      // The figures the widgets rely on are unchanged.
      expect(body.points).to.include({ available: 397, pending: 86 });
      expect(body.tier).to.deep.include({ id: 'member', name: 'Member', keptByGrace: false, requalifyBy: null });
      // $430 of this year's spend: $70 short of Silver.
      expect(body.tier.progress).to.deep.include({ basis: 'spend', current: 43_000, next: { id: 'silver', name: 'Silver', threshold: 50_000 }, missing: 7_000, percent: 86 });
      expect(body.tier.progress.periodEndsOn).to.equal('2026-12-31T00:00:00.000Z');
      // 2% of $1,520 and $2,450 (past the return window) available, 2% of $430 pending; and the
      // 2025 year-end rebate, paid as the balance is read (its window closed on Jan 31): 3% of her
      // $3,970 net 2025 spend = $119.10.
      expect(body.storeCredit).to.deep.equal(usd(3_040 + 4_900 + 11_910));
      expect(body.storeCreditPending).to.deep.equal(usd(860));
      expect(body.membership).to.equal(undefined);
      expect(body.punchCards).to.deep.equal([{ id: 'soil-card', name: 'Potting mix card', punches: 0, required: 5, rewardAvailable: false, total: 0, rewardCodes: [] }]);
      expect(body.birthday).to.deep.equal({ day: 12, month: 4 });
    });

    it('after $1,000 of orders Ana is Gold and her next order earns 1.5×', async () => {
      const first = await call('POST', '/orders', { merchant, body: plantOrder(backend, 'o_gold_1', 100_000) });
      // Placed while she was at the base tier: 1×.
      expect(first.body.points).to.equal(100);
      const me = (await call('GET', '/me', { token: ana })).body;
      expect(me.tier).to.deep.include({ id: 'gold', name: 'Gold' });
      expect(me.tier.progress).to.deep.include({ current: 143_000, next: null, missing: 0, percent: 100 });
      expect(me.tier.benefits).to.deep.include({ earnMultiplier: 1.5, freeShipping: true, earlyAccess: true });
      expect(me.tier.requalifyBy).to.equal('2026-12-31T00:00:00.000Z');
      const second = await call('POST', '/orders', { merchant, body: plantOrder(backend, 'o_gold_2', 10_000) });
      expect(second.body.points).to.equal(15);
      const preview = await call('POST', '/cart/preview', { token: ana, body: { currency: 'USD', lines: [{ id: 'p-fern', name: 'Fern', category: 'plants', unitPrice: 10_000, quantity: 1 }], subtotal: 10_000 } });
      expect(preview.body.earn).to.include({ points: 15, multiplier: 1.5 });
    });

    it('store credit is pending for the return window, then available', async () => {
      await call('POST', '/orders', { merchant, body: plantOrder(backend, 'o_credit_1', 50_000) });
      let me = (await call('GET', '/me', { token: ana })).body;
      expect(me.storeCreditPending).to.deep.equal(usd(860 + 1_000));
      // with Ana's 2025 year-end rebate (3% of her $3,970 net 2025 spend = $119.10), once
      expect(me.storeCredit).to.deep.equal(usd(7_940 + 11_910));
      await backend.advance(30);
      me = (await call('GET', '/me', { token: await session() })).body;
      expect(me.storeCreditPending).to.deep.equal(usd(0));
      expect(me.storeCredit).to.deep.equal(usd(7_940 + 11_910 + 860 + 1_000));
    });

    it('spends store credit at checkout: once per idempotency key, never more than is available', async () => {
      const path = `/members/${DEMO_MEMBER_ID}/store-credit/debits`;
      const spend = (key: string, amount: number, currency = 'USD') => call('POST', path, { merchant, key, body: { amount: { amount, currency }, orderId: 'o_credit_spend' } });
      // Ana holds $198.50 (2 % back and her 2025 rebate)
      const first = await spend('credit-1', 5_000);
      expect(first.status).to.equal(201);
      expect(first.body).to.deep.equal({ debitId: first.body.debitId, debited: usd(5_000), available: usd(14_850) });
      expect(first.body.debitId).to.be.a('string').and.not.equal('');
      expect((await spend('credit-1', 5_000)).body).to.deep.equal(first.body);
      const tooMuch = await spend('credit-2', 14_851);
      expect(tooMuch.status).to.equal(422);
      expect(tooMuch.body).to.deep.include({ code: 'insufficient_credit' });
      // (minor units of the program's currency, as the contract says)
      expect(tooMuch.body.params).to.deep.equal({ required: 14_851, available: 14_850 });
      expect((await spend('credit-3', 100, 'EUR')).status).to.equal(422);
      expect((await call('GET', '/me', { token: ana })).body.storeCredit).to.deep.equal(usd(14_850));
      expect((await call('POST', path, { key: 'credit-4', body: { amount: usd(100), orderId: 'o' } })).status).to.equal(401);
    });

    it('shows the merchant a member\'s store credit, and puts back credit an order spent when it is cancelled', async () => {
      const credit = `/members/${DEMO_MEMBER_ID}/store-credit`;
      await call('POST', '/orders', { merchant, body: plantOrder(backend, 'o_credit_read', 50_000) });
      const read = await call('GET', credit, { merchant });
      expect(read.status).to.equal(200);
      const me = (await call('GET', '/me', { token: ana })).body;
      // the merchant reads what the shopper's panel shows, and when the pending part comes in
      expect(read.body).to.deep.include({ available: me.storeCredit, pending: me.storeCreditPending, owed: usd(0) });
      // (the seeded order's $8.60 comes in first, then this order's $10.00)
      expect(read.body.nextAvailable.amount).to.deep.equal(usd(860));
      expect(Date.parse(read.body.nextAvailable.at)).to.be.greaterThan(NOW);
      expect((await call('GET', credit)).status).to.equal(401);
      expect((await call('GET', '/members/m_nobody/store-credit', { merchant })).status).to.equal(404);

      const debit = (await call('POST', `${credit}/debits`, { merchant, key: 'credit-cancel-1', body: { amount: usd(6_000), orderId: 'o_cancelled' } })).body;
      expect(debit.available).to.deep.equal(usd(19_850 - 6_000));
      const refund = (body: unknown, key = 'credit-refund-1') => call('POST', `${credit}/refunds`, { merchant, key, body });
      const part = await refund({ debitId: debit.debitId, amount: usd(2_000) });
      expect(part.status).to.equal(201);
      expect(part.body).to.deep.include({ debitId: debit.debitId, refunded: usd(2_000), available: usd(19_850 - 4_000) });
      expect((await refund({ debitId: debit.debitId, amount: usd(2_000) })).body).to.deep.equal(part.body);
      const tooMuch = await refund({ debitId: debit.debitId, amount: usd(4_001) }, 'credit-refund-2');
      expect(tooMuch.status).to.equal(422);
      expect(tooMuch.body.params).to.deep.include({ field: 'amount', refundable: 4_000 });
      expect((await refund({ debitId: debit.debitId, amount: { amount: 100, currency: 'EUR' } }, 'credit-refund-3')).status).to.equal(422);
      expect((await refund({ debitId: 'cd_nope' }, 'credit-refund-4')).status).to.equal(404);
      expect((await refund({}, 'credit-refund-5')).status).to.equal(422);
      expect((await call('POST', `${credit}/refunds`, { merchant, body: { debitId: debit.debitId } })).status).to.equal(422);
      const rest = await refund({ debitId: debit.debitId }, 'credit-refund-6');
      expect(rest.body).to.deep.include({ refunded: usd(4_000), available: usd(19_850) });
      expect((await call('GET', '/me', { token: ana })).body.storeCredit).to.deep.equal(usd(19_850));
      expect((await call('GET', credit, { merchant })).body.available).to.deep.equal(usd(19_850));
    });

    it('counts punches from soil orders, one per day, and offers the reward after five', async () => {
      const soil = (orderId: string) => ({
        ...plantOrder(backend, orderId, 1_200),
        lines: [{ id: 'p-soil', name: 'Potting mix', category: 'soil', unitPrice: 1_200, quantity: 2 }],
        subtotal: 2_400,
      });
      await call('POST', '/orders', { merchant, body: soil('o_soil_0') });
      // A second soil order the same day does not punch.
      await call('POST', '/orders', { merchant, body: soil('o_soil_0b') });
      expect((await call('GET', '/me', { token: ana })).body.punchCards[0]).to.include({ punches: 1, total: 1, rewardAvailable: false });
      for (let day = 1; day < 5; day++) {
        await backend.advance(1);
        await call('POST', '/orders', { merchant, body: soil(`o_soil_${day}`) });
      }
      const card = (await call('GET', '/me', { token: await session() })).body.punchCards[0];
      expect(card).to.include({ punches: 0, total: 5, required: 5, rewardAvailable: true });
      expect(card.rewardCodes).to.have.length(1);
    });
  });

  describe('paid membership', () => {
    it('starts a trial once, shows it on /me, earns 1.5× during it, and cancels at its end', async () => {
      const trial = await call('POST', '/me/membership', { token: ana, body: { planId: 'plus', action: 'trial' } });
      expect(trial.status).to.equal(200);
      expect(trial.body).to.deep.include({ planId: 'plus', planName: 'Casa Verde Plus', status: 'trial', startedAt: new Date(NOW).toISOString(), renewsOn: null, cancelledAt: null });
      expect(Date.parse(trial.body.trialEndsOn) - NOW).to.equal(30 * DAY_MS);
      expect(trial.body.benefits).to.deep.equal({ earnMultiplier: 1.5, freeShipping: true, memberPrices: false });
      expect((await call('GET', '/me', { token: ana })).body.membership.status).to.equal('trial');
      expect((await call('POST', '/orders', { merchant, body: plantOrder(backend, 'o_trial_1', 10_000) })).body.points).to.equal(15);

      const again = await call('POST', '/me/membership', { token: ana, body: { planId: 'plus', action: 'trial' } });
      expect(again.status).to.equal(409);
      expect(again.body).to.deep.include({ code: 'conflict' });
      expect(again.body.params.reason).to.equal('trial_used');

      const cancelled = await call('DELETE', '/me/membership', { token: ana });
      expect(cancelled.status).to.equal(200);
      expect(cancelled.body).to.include({ status: 'trial', cancelledAt: new Date(NOW).toISOString(), endsOn: trial.body.trialEndsOn });
      await backend.advance(31);
      expect((await call('GET', '/me', { token: await session() })).body.membership.status).to.equal('cancelled');
    });

    it('subscribes during the trial: the first charge is due when the trial ends', async () => {
      await call('POST', '/me/membership', { token: ana, body: { planId: 'plus', action: 'trial' } });
      const sub = await call('POST', '/me/membership', { token: ana, body: { planId: 'plus', action: 'subscribe' } });
      expect(sub.body).to.include({ status: 'trial', renewsOn: sub.body.trialEndsOn });
    });

    it('refuses an unknown plan, a bad action, and cancelling without a membership', async () => {
      expect((await call('POST', '/me/membership', { token: ana, body: { planId: 'gold', action: 'trial' } })).status).to.equal(404);
      expect((await call('POST', '/me/membership', { token: ana, body: { planId: 'plus', action: 'buy' } })).status).to.equal(422);
      expect((await call('POST', '/me/membership', { body: { planId: 'plus', action: 'trial' } })).status).to.equal(401);
      const cancel = await call('DELETE', '/me/membership', { token: ana });
      expect(cancel.status).to.equal(409);
      expect(cancel.body.params.reason).to.equal('not_member');
    });

    it('takes renewal outcomes from the merchant: failed → past due, succeeded → one more month', async () => {
      const charges = `/members/${DEMO_MEMBER_ID}/membership/charges`;
      const none = await call('POST', charges, { merchant, body: { chargeId: 'ch_0', outcome: 'succeeded' } });
      expect(none.status).to.equal(409);
      expect(none.body.params.reason).to.equal('not_subscribed');
      const sub = await call('POST', '/me/membership', { token: ana, body: { planId: 'plus', action: 'subscribe' } });
      expect(sub.body).to.include({ status: 'active', renewsOn: new Date(addMonths(NOW, 1)).toISOString() });
      await backend.advance(31);
      const failed = await call('POST', charges, { merchant, body: { chargeId: 'ch_1', outcome: 'failed' } });
      expect(failed.status).to.equal(200);
      expect(failed.body.status).to.equal('past_due');
      expect(Date.parse(failed.body.graceEndsOn) - addMonths(NOW, 1)).to.equal(7 * DAY_MS);
      const paid = await call('POST', charges, { merchant, body: { chargeId: 'ch_2', outcome: 'succeeded' } });
      expect(paid.body).to.include({ status: 'active', renewsOn: new Date(addMonths(NOW, 2)).toISOString(), graceEndsOn: null });
      // The same charge reported twice counts once.
      expect((await call('POST', charges, { merchant, body: { chargeId: 'ch_2', outcome: 'succeeded' } })).body.renewsOn).to.equal(paid.body.renewsOn);
      expect((await call('POST', charges, { body: { chargeId: 'ch_3', outcome: 'succeeded' } })).status).to.equal(401);
      expect((await call('POST', '/members/m_nobody/membership/charges', { merchant, body: { chargeId: 'ch_4', outcome: 'failed' } })).status).to.equal(404);
      expect((await call('POST', charges, { merchant, body: { chargeId: '', outcome: 'maybe' } })).status).to.equal(422);
    });
  });

  describe('gift cards', () => {
    it('issues a card once, checks its balance publicly, and refuses a clash, a too large value and no merchant key', async () => {
      const card = { code: 'gift-test-0001', value: usd(4_000) };
      const issued = await call('POST', '/gift-cards', { merchant, body: card });
      expect(issued.status).to.equal(201);
      expect(issued.body).to.deep.include({ code: 'GIFTTEST0001', value: usd(4_000), balance: usd(4_000), status: 'active' });
      expect(Date.parse(issued.body.expiresAt) - NOW).to.equal(730 * DAY_MS);
      expect((await call('POST', '/gift-cards', { merchant, body: card })).status).to.equal(200);
      expect((await call('POST', '/gift-cards', { merchant, body: { ...card, value: usd(5_000) } })).status).to.equal(409);
      const big = await call('POST', '/gift-cards', { merchant, body: { code: 'GIFT-BIG-0001', value: usd(60_000) } });
      expect(big.status).to.equal(422);
      expect(big.body.params.errors[0].path).to.equal('/value');
      expect((await call('POST', '/gift-cards', { body: card })).status).to.equal(401);
      const balance = await call('GET', '/gift-cards/GIFT-TEST-0001');
      expect(balance.status).to.equal(200);
      expect(balance.body.balance).to.deep.equal(usd(4_000));
      expect((await call('GET', '/gift-cards/NOPE-NOPE-NOPE')).status).to.equal(404);
      // The seeded card: $50, $12.50 used.
      expect((await call('GET', '/gift-cards/gift-ana-2026')).body.balance).to.deep.equal(usd(3_750));
    });

    it('debits once per key, refuses more than the balance, and takes what is left with allowPartial', async () => {
      await call('POST', '/gift-cards', { merchant, body: { code: 'GIFT-TEST-0002', value: usd(4_000) } });
      const debit = await call('POST', '/gift-cards/GIFT-TEST-0002/debits', { merchant, key: 'debit-key-1', body: { amount: usd(1_500), orderId: 'o_77' } });
      expect(debit.status).to.equal(201);
      expect(debit.body).to.deep.include({ code: 'GIFTTEST0002', debited: usd(1_500), balance: usd(2_500) });
      const replay = await call('POST', '/gift-cards/GIFT-TEST-0002/debits', { merchant, key: 'debit-key-1', body: { amount: usd(1_500), orderId: 'o_77' } });
      expect(replay.body).to.deep.equal(debit.body);
      const tooMuch = await call('POST', '/gift-cards/GIFT-TEST-0002/debits', { merchant, key: 'debit-key-2', body: { amount: usd(3_000) } });
      expect(tooMuch.status).to.equal(422);
      expect(tooMuch.body).to.deep.include({ code: 'insufficient_balance' });
      expect(tooMuch.body.params.balance).to.deep.equal(usd(2_500));
      const partial = await call('POST', '/gift-cards/GIFT-TEST-0002/debits', { merchant, key: 'debit-key-3', body: { amount: usd(3_000), allowPartial: true } });
      expect(partial.body).to.deep.include({ debited: usd(2_500), balance: usd(0) });
      expect((await call('GET', '/gift-cards/GIFT-TEST-0002')).body.status).to.equal('empty');
      expect((await call('POST', '/gift-cards/GIFT-TEST-0002/debits', { merchant, body: { amount: usd(100) } })).status).to.equal(422);
      expect((await call('POST', '/gift-cards/GIFT-TEST-0002/debits', { merchant, key: 'debit-key-4', body: { amount: { amount: 100, currency: 'EUR' } } })).status).to.equal(422);
      expect((await call('POST', '/gift-cards/GIFT-TEST-0002/debits', { key: 'debit-key-5', body: { amount: usd(100) } })).status).to.equal(401);
    });

    it('puts a debit back on its card: in parts, once per key, never more than was taken, only on that card', async () => {
      await call('POST', '/gift-cards', { merchant, body: { code: 'GIFT-BACK-0001', value: usd(4_000) } });
      await call('POST', '/gift-cards', { merchant, body: { code: 'GIFT-BACK-0002', value: usd(1_000) } });
      const debit = (await call('POST', '/gift-cards/GIFT-BACK-0001/debits', { merchant, key: 'back-debit-1', body: { amount: usd(3_000), orderId: 'o_88' } })).body;
      const refund = (code: string, body: unknown, key: string, headers: { merchant?: string } = { merchant }) => call('POST', `/gift-cards/${code}/refunds`, { ...headers, key, body });
      const part = await refund('GIFT-BACK-0001', { debitId: debit.debitId, amount: usd(1_000) }, 'back-refund-1');
      expect(part.status).to.equal(201);
      expect(part.body).to.deep.equal({ refundId: part.body.refundId, debitId: debit.debitId, code: 'GIFTBACK0001', refunded: usd(1_000), balance: usd(2_000) });
      expect((await refund('GIFT-BACK-0001', { debitId: debit.debitId, amount: usd(1_000) }, 'back-refund-1')).body).to.deep.equal(part.body);
      const tooMuch = await refund('GIFT-BACK-0001', { debitId: debit.debitId, amount: usd(2_001) }, 'back-refund-2');
      expect(tooMuch.status).to.equal(422);
      expect(tooMuch.body.params).to.deep.include({ field: 'amount', refundable: usd(2_000) });
      // not onto another card, and not for a debit that does not exist
      expect((await refund('GIFT-BACK-0002', { debitId: debit.debitId }, 'back-refund-3')).status).to.equal(404);
      expect((await call('GET', '/gift-cards/GIFT-BACK-0002')).body.balance).to.deep.equal(usd(1_000));
      expect((await refund('GIFT-BACK-0001', { debitId: 'gd_nope' }, 'back-refund-4')).status).to.equal(404);
      expect((await refund('GIFT-BACK-0001', { debitId: debit.debitId, amount: { amount: 100, currency: 'EUR' } }, 'back-refund-5')).status).to.equal(422);
      expect((await refund('GIFT-BACK-0001', { debitId: debit.debitId }, 'back-refund-6', {})).status).to.equal(401);
      const rest = await refund('gift-back-0001', { debitId: debit.debitId }, 'back-refund-7');
      expect(rest.body).to.deep.include({ refunded: usd(2_000), balance: usd(4_000) });
      expect((await call('GET', '/gift-cards/GIFT-BACK-0001')).body.balance).to.deep.equal(usd(4_000));
    });

    it('refuses a debit on an expired card', async () => {
      await call('POST', '/gift-cards', { merchant, body: { code: 'GIFT-SOON-0001', value: usd(1_000), expiresAt: new Date(NOW + DAY_MS).toISOString() } });
      await call('POST', '/demo/time-travel', { body: { days: 2 } });
      expect((await call('GET', '/gift-cards/GIFT-SOON-0001')).body.status).to.equal('expired');
      const expired = await call('POST', '/gift-cards/GIFT-SOON-0001/debits', { merchant, key: 'debit-key-6', body: { amount: usd(100) } });
      expect(expired.status).to.equal(422);
      expect(expired.body.code).to.equal('expired');
      expect(expired.body.params.expiredOn).to.equal(new Date(NOW + DAY_MS).toISOString());
    });
  });

  describe('birthday', () => {
    it('claims only in the birthday month, once a year; the birthday changes at most once a year', async () => {
      const early = await call('POST', '/me/birthday-reward', { token: ana });
      expect(early.status).to.equal(409);
      expect(early.body.params).to.deep.include({ reason: 'not_birthday_month', month: 4 });
      const change = await call('PUT', '/me/birthday', { token: ana, body: { day: 23, month: 11 } });
      expect(change.status).to.equal(200);
      expect(change.body).to.deep.equal({ birthday: { day: 23, month: 11 }, changed: true, nextChangeOn: new Date(NOW + 365 * DAY_MS).toISOString() });
      const claim = await call('POST', '/me/birthday-reward', { token: ana });
      expect(claim.status).to.equal(200);
      expect(claim.body.pointsAwarded).to.equal(50);
      expect(claim.body.points.available).to.equal(447);
      const twice = await call('POST', '/me/birthday-reward', { token: ana });
      expect(twice.status).to.equal(409);
      expect(twice.body.params).to.deep.include({ reason: 'already_claimed', year: 2026 });
      const tooSoon = await call('PUT', '/me/birthday', { token: ana, body: { day: 1, month: 1 } });
      expect(tooSoon.status).to.equal(422);
      expect(tooSoon.body.code).to.equal('validation');
      expect(tooSoon.body.params.nextChangeOn).to.equal(change.body.nextChangeOn);
      expect((await call('PUT', '/me/birthday', { token: ana, body: { day: 23, month: 11 } })).body.changed).to.equal(false);
      expect((await call('PUT', '/me/birthday', { token: ana, body: { day: 31, month: 2 } })).body.code).to.equal('invalid_birthday');
      expect((await call('PUT', '/me/birthday', { token: ana, body: { day: 'x' } })).status).to.equal(422);
    });
  });

  describe('demo: outbox and time travel', () => {
    it('writes a welcome email when someone joins, with an unsubscribe link to the shop', async () => {
      const joined = await call('POST', '/members', { key: 'outbox-zoe-1', body: { email: 'zoe@example.com', name: 'Zoe', newsletter: true } });
      expect(joined.status).to.equal(201);
      const { status, body } = await call('GET', '/demo/outbox');
      expect(status).to.equal(200);
      const welcome = body.items.find((e: { kind: string; to: string }) => e.kind === 'welcome' && e.to === 'zoe@example.com');
      expect(welcome.subject).to.be.a('string').and.not.equal('');
      expect(welcome.unsubscribeUrl.startsWith(`${location.origin}?fidelio-unsubscribe=`)).to.equal(true);
      expect(welcome.text).to.contain(welcome.unsubscribeUrl);
      // Ana's 152 points expire in 9 days: she is reminded.
      expect(body.items.some((e: { kind: string; to: string }) => e.kind === 'expiry_reminder' && e.to === 'ana@example.com')).to.equal(true);
      expect(body.items.map((e: { at: string }) => e.at)).to.deep.equal([...body.items.map((e: { at: string }) => e.at)].sort().reverse());
      expect(body.total).to.be.at.least(body.items.length);
      expect((await call('GET', '/demo/outbox?limit=0')).status).to.equal(422);
    });

    it('writes to each member in the language they joined in (English when it is not one the program speaks)', async () => {
      const join = (email: string, key: string, locale?: string) => call('POST', '/members', { key, body: { email, newsletter: false, ...(locale ? { locale } : {}) } });
      expect((await join('li@example.com', 'outbox-li', 'zh-Hans-CN')).status).to.equal(201);
      expect((await join('ioana@example.com', 'outbox-ioana', 'ro-RO')).status).to.equal(201);
      expect((await join('kai@example.com', 'outbox-kai', 'de')).status).to.equal(201);
      expect((await join('sam@example.com', 'outbox-sam')).status).to.equal(201);
      const { body } = await call('GET', '/demo/outbox?limit=500');
      const welcome = (to: string) => body.items.find((e: { kind: string; to: string }) => e.kind === 'welcome' && e.to === to);
      expect(['li', 'ioana', 'kai', 'sam'].map((who) => welcome(`${who}@example.com`).locale)).to.deep.equal(['zh-CN', 'ro', 'en', 'en']);
      expect(welcome('li@example.com').subject).to.match(/^欢迎加入 /);
      expect(welcome('ioana@example.com').text).to.match(/^Bună,\n/);
      expect((await join('x@example.com', 'outbox-x', 'x'.repeat(36))).status, 'a tag longer than BCP 47 needs').to.equal(422);
    });

    it('sends statements on the 1st and the newsletter only to members who consented', async () => {
      await call('POST', '/members', { key: 'outbox-zoe-2', body: { email: 'zoe@example.com', name: 'Zoe', newsletter: true } });
      // 23 Nov + 8 days = 1 Dec.
      const travel = await call('POST', '/demo/time-travel', { body: { days: 8 } });
      expect(travel.status).to.equal(200);
      expect(travel.body.now).to.equal('2026-12-01T12:00:00.000Z');
      expect(travel.body.offsetDays).to.equal(8);
      const { body } = await call('GET', '/demo/outbox?limit=500');
      const december = (kind: string) => body.items.filter((e: { kind: string; at: string }) => e.kind === kind && e.at.startsWith('2026-12-01')).map((e: { to: string }) => e.to);
      // Everyone who joined before the 1st gets a statement (Ben and Zoe joined in November).
      expect(december('statement')).to.have.members(['ana@example.com', 'ben@example.com', 'zoe@example.com']);
      // Ana and Zoe consented; Ben did not, and never gets one.
      expect(december('newsletter')).to.have.members(['ana@example.com', 'zoe@example.com']);
      expect(body.items.some((e: { kind: string; to: string }) => e.kind === 'newsletter' && e.to === 'ben@example.com')).to.equal(false);
      // Reading again writes nothing new.
      expect((await call('GET', '/demo/outbox?limit=500')).body.total).to.equal(body.total);
      // Ana's statement is hers: what her 397 points buy now, and her level ($430 of $500 spent this year).
      const anas = body.items.find((e: { kind: string; to: string }) => e.kind === 'statement' && e.to === 'ana@example.com');
      expect(anas.text).to.contain('Rewards you can get with your points now:\n\n• Free shipping\n• $10.00 off your order\n\n');
      expect(anas.text).to.contain('Your level: Member. Spend $70.00 more by December 31, 2026 to reach Silver.');
      expect(anas.html).to.contain('<ul><li>Free shipping</li><li>$10.00 off your order</li></ul>');

    });

    it('travels in time through the API: 30 days later the pending points are available', async () => {
      const travel = await call('POST', '/demo/time-travel', { body: { days: 30 } });
      expect(travel.body.now).to.equal(new Date(NOW + 30 * DAY_MS).toISOString());
      expect(backend.state.clock.now()).to.equal(NOW + 30 * DAY_MS);
      const me = await call('GET', '/me', { token: await session() });
      expect(me.body.points).to.include({ pending: 0, available: 397 - 152 + 86 });
      expect((await call('POST', '/demo/time-travel', { body: { days: -1 } })).status).to.equal(422);
      expect((await fetch(`${API}/v1/programs/nope/demo/time-travel`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"days":1}' })).status).to.equal(404);
    });
  });

  describe('seeded history (the demo)', () => {
    it('is deterministic, fast, leaves Ana as she is and gives every KPI a meaningful value', async () => {
      const clock = new ManualClock(NOW);
      const started = performance.now();
      const state = createMockState({ clock, history: true });
      const elapsed = performance.now() - started;
      console.log(`[seed] demo seed with history: ${elapsed.toFixed(0)} ms, ${Object.keys(state.engine.members).length} members, ${Object.keys(state.engine.orders).length} orders`);
      expect(elapsed).to.be.below(1_000);
      expect(JSON.stringify(createMockState({ clock, history: true }).engine)).to.equal(JSON.stringify(state.engine));
      const ana = memberPoints(state.engine, DEMO_PROGRAM_ID, DEMO_MEMBER_ID, NOW).summary;
      expect(ana).to.include({ available: 397, pending: 86 });
      expect(state.engine.members[DEMO_MEMBER_ID]!.referralCode).to.equal('ANA2026');
      const k = computeKpis(state.engine, DEMO_PROGRAM_ID, addMonths(NOW, -12), NOW, 3);
      expect(k.counts!.orders).to.be.above(200);
      expect(k.counts!.uniqueCustomers).to.be.above(100);
      expect(k.counts!.members).to.be.above(100);
      expect(k.counts!.members).to.be.below(k.counts!.totalCustomers);
      expect(k.aov.amount).to.be.above(0);
      expect(k.purchaseFrequency).to.be.above(1);
      expect(k.clv!.amount).to.be.above(k.customerValue.amount);
      for (const rate of [k.adoptionRate, k.redemptionRate, k.retentionRate, k.churn.rate, k.churn.valueRate]) expect(rate).to.be.above(0).and.below(1);
      expect(k.counts!.pointsRedeemed).to.be.above(0);
      expect(Object.values(state.engine.orders).some((o) => o.returned > 0)).to.equal(true);
      expect(Object.keys(state.engine.memberships.members).length).to.be.above(0);
      // Without history (the tests' default) the seed is the small one.
      expect(Object.keys(createMockState({ clock }).engine.members)).to.have.length(2);
    });
  });
});
