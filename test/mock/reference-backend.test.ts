import { expect } from '@open-wc/testing';
import { DAY_MS } from '../../src/core/clock.js';
import { adjustPoints, memberPoints } from '../../src/engine/index.js';
import { DEMO_MERCHANT_KEY, DEMO_MEMBER_ID, DEMO_PROGRAM_ID, signCustomerToken, type MockBackend } from '../../src/mock/index.js';
import { API, NOW, clock, tokenFor, useBackend } from '../helpers/backend.js';

const PROGRAM = `${API}/v1/programs/${DEMO_PROGRAM_ID}`;

interface Answer {
  status: number;
  headers: Headers;
  // Tests read whatever the answer holds.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function call(method: string, path: string, options: { body?: unknown; token?: string; key?: string; merchant?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.key) headers['Idempotency-Key'] = options.key;
  if (options.merchant) headers['X-Fidelio-Merchant-Key'] = options.merchant;
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const response = await fetch(`${PROGRAM}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const cartOf = (...lines: { id: string; brand?: string; category?: string; unitPrice: number; quantity: number }[]) => ({
  currency: 'USD',
  lines: lines.map((l) => ({ name: l.id, ...l })),
  subtotal: lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0),
});
const POTS_AND_PLANT = cartOf({ id: 'p-pot', category: 'pots', brand: 'Barro', unitPrice: 1_800, quantity: 2 }, { id: 'p-monstera', category: 'plants', brand: 'Verde', unitPrice: 4_500, quantity: 1 });
const ACME_ONLY = cartOf({ id: 'p-can', brand: 'Acme Garden', category: 'tools', unitPrice: 5_600, quantity: 1 });

const order = (orderId: string, who: { memberId?: string; email?: string }, lines = POTS_AND_PLANT.lines, extra: Record<string, unknown> = {}) => ({
  orderId,
  ...who,
  currency: 'USD',
  lines,
  shipping: 500,
  tax: 0,
  subtotal: lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0),
  discounts: 0,
  placedAt: new Date(clock.now()).toISOString(),
  ...extra,
});

describe('reference backend (mock)', () => {
  let backend: MockBackend;
  let ana: string;

  beforeEach(async () => {
    backend = await useBackend();
    ana = await tokenFor();
  });

  describe('getProgram', () => {
    it('describes every rule of the demo program', async () => {
      const { status, headers, body } = await call('GET', '');
      expect(status).to.equal(200);
      expect(headers.get('Cache-Control')).to.contain('max-age');
      expect(body).to.include({ id: DEMO_PROGRAM_ID, name: 'Casa Verde Rewards', currency: 'USD', pendingDays: 30 });
      expect(body.earn).to.deep.equal({ points: 1, perMinor: 1000 });
      expect(body.expiry).to.deep.equal({ mode: 'fixed', months: 12 });
      expect(body.joinIncentive.points).to.equal(100);
      expect(body.actions.map((a: { type: string }) => a.type)).to.have.members(['signup', 'newsletter', 'share', 'birthday', 'review']);
      expect(body.actions.find((a: { type: string }) => a.type === 'share')).to.deep.equal({ type: 'share', points: 10, cap: 3, capPeriod: 'month' });
      expect(body.rewards.map((r: { kind: string }) => r.kind)).to.deep.equal(['fixed', 'free_shipping', 'pay_with_points']);
      expect(body.rewards[0]).to.deep.include({ points: 100, value: { amount: 1000, currency: 'USD' }, validDays: 90 });
      expect(body.rewards[2]).to.deep.include({ points: 10, stepValue: { amount: 100, currency: 'USD' }, maxShare: 0.5 });
      expect(body.referral).to.deep.include({ referrerPoints: 500, friendDiscount: { amount: 1000, currency: 'USD' }, monthlyCap: 5, attributionDays: 30 });
      const [promo] = body.promotions;
      expect(promo).to.deep.include({ id: 'double-pots', multiplier: 2, appliesTo: { categories: ['pots'] } });
      expect(Date.parse(promo.startsAt)).to.be.below(NOW);
      expect(Date.parse(promo.endsAt)).to.be.above(NOW);
    });

    it('answers 404 for an unknown program', async () => {
      const response = await fetch(`${API}/v1/programs/nope`);
      expect(response.status).to.equal(404);
      expect(response.headers.get('Content-Type')).to.equal('application/problem+json');
      expect((await response.json()).code).to.equal('not_found');
    });
  });

  describe('enrollMember', () => {
    const joiner = { email: 'Zoe@Example.com', name: 'Zoe', newsletter: true, birthday: { day: 29, month: 2 } };

    it('creates a member with the joining bonus and a working token', async () => {
      const { status, body } = await call('POST', '/members', { body: joiner, key: 'enroll-zoe-1' });
      expect(status).to.equal(201);
      // 100 for joining, 50 for the newsletter opt-in.
      expect(body.pointsAwarded).to.equal(150);
      expect(body.member).to.include({ email: 'zoe@example.com', name: 'Zoe', currency: 'USD' });
      expect(body.member.points).to.include({ available: 150, pending: 0 });
      const me = await call('GET', '/me', { token: body.token });
      expect(me.status).to.equal(200);
      expect(me.body.id).to.equal(body.member.id);
    });

    it('replays the same key with the same answer and one member', async () => {
      const first = await call('POST', '/members', { body: joiner, key: 'enroll-zoe-2' });
      const again = await call('POST', '/members', { body: joiner, key: 'enroll-zoe-2' });
      expect(again.status).to.equal(201);
      expect(again.body.member.id).to.equal(first.body.member.id);
      expect(again.body.pointsAwarded).to.equal(150);
      expect(Object.values(backend.state.engine.members).filter((m) => m.email === 'zoe@example.com')).to.have.length(1);
      const conflict = await call('POST', '/members', { body: { ...joiner, name: 'Zoé' }, key: 'enroll-zoe-2' });
      expect(conflict.status).to.equal(409);
      expect(conflict.body.code).to.equal('conflict');
    });

    it('requires an Idempotency-Key', async () => {
      const { status, body } = await call('POST', '/members', { body: joiner });
      expect(status).to.equal(422);
      expect(body.code).to.equal('validation');
      expect(body.params.errors).to.deep.equal([{ path: 'header.Idempotency-Key', message: 'is required' }]);
    });

    it('refuses bad JSON, a wrong shape, a bad email, a bad birthday and an existing member', async () => {
      const badJson = await call('POST', '/members', { body: '{"email":', key: 'enroll-bad-1' });
      expect(badJson.status).to.equal(422);
      expect(badJson.body.params.errors[0].path).to.equal('/');
      const shape = await call('POST', '/members', { body: { email: 7 }, key: 'enroll-bad-2' });
      expect(shape.body.code).to.equal('validation');
      expect(shape.body.params.errors.map((e: { path: string }) => e.path)).to.have.members(['/newsletter', '/email']);
      expect((await call('POST', '/members', { body: { email: 'nope', newsletter: false }, key: 'enroll-bad-3' })).body.code).to.equal('invalid_email');
      expect((await call('POST', '/members', { body: { email: 'x@example.com', newsletter: false, birthday: { day: 31, month: 4 } }, key: 'enroll-bad-4' })).body.code).to.equal('invalid_birthday');
      const existing = await call('POST', '/members', { body: { email: 'ANA@example.com', newsletter: false }, key: 'enroll-bad-5' });
      expect(existing.status).to.equal(409);
      expect(existing.body.code).to.equal('already_member');
    });

    it('credits a referral code and reports a refused one without blocking the join', async () => {
      const friend = await call('POST', '/members', { body: { email: 'eva@example.com', newsletter: false, referralCode: 'ana2026' }, key: 'enroll-ref-1' });
      expect(friend.status).to.equal(201);
      expect(friend.body.referral.status).to.equal('applied');
      expect(friend.body.referral.welcomeCoupon).to.be.a('string');
      // Bea already bought as a guest: not a new customer.
      const bea = await call('POST', '/members', { body: { email: 'bea@example.com', newsletter: false, referralCode: 'ANA2026' }, key: 'enroll-ref-2' });
      expect(bea.status).to.equal(201);
      expect(bea.body.referral).to.deep.equal({ status: 'rejected', code: 'referral_existing_customer' });
      const referral = await call('GET', '/me/referral', { token: ana });
      expect(referral.body.stats.joined).to.equal(2);
    });
  });

  describe('getMe and listPointBatches', () => {
    it('derives the demo shopper balance from her batches', async () => {
      const me = await call('GET', '/me', { token: ana });
      expect(me.status).to.equal(200);
      expect(me.body).to.include({ id: DEMO_MEMBER_ID, email: 'ana@example.com' });
      expect(me.body.points).to.include({ available: 397, pending: 86, lifetime: 583 });
      expect(me.body.points.nextExpiry.points).to.equal(152);
      expect(Date.parse(me.body.points.nextExpiry.expiresOn) - NOW).to.be.closeTo(9 * DAY_MS, DAY_MS);
      const batches = await call('GET', '/me/batches', { token: ana });
      const items = batches.body.items as { availableOn: string; remaining: number; status: string }[];
      expect(items.map((b) => b.availableOn)).to.deep.equal([...items.map((b) => b.availableOn)].sort());
      expect(items.filter((b) => b.status === 'available').reduce((s, b) => s + b.remaining, 0)).to.equal(397);
    });

    it('answers 401 without or with a bad token, 403 for another program, 404 for a non-member', async () => {
      expect((await call('GET', '/me')).status).to.equal(401);
      expect((await call('GET', '/me/batches', { token: await tokenFor(undefined, { secret: 'forged' }) })).status).to.equal(401);
      expect((await call('GET', '/me', { token: await tokenFor(undefined, { lifetime: 3600 }) })).body.params.reason).to.equal('lifetime');
      const iat = Math.floor(clock.now() / 1000);
      const other = await signCustomerToken(backend.state.secret, { sub: DEMO_MEMBER_ID, prg: 'other-store', iat, exp: iat + 60 });
      const forbidden = await call('GET', '/me', { token: other });
      expect(forbidden.status).to.equal(403);
      expect(forbidden.body.code).to.equal('forbidden');
      const stranger = await call('GET', '/me', { token: await tokenFor('someone@example.com') });
      expect(stranger.status).to.equal(404);
    });

    it('accepts a token whose subject is the member email', async () => {
      const me = await call('GET', '/me', { token: await tokenFor('Ana@Example.com') });
      expect(me.status).to.equal(200);
      expect(me.body.id).to.equal(DEMO_MEMBER_ID);
    });
  });

  describe('listActivity', () => {
    it('pages newest first with cursors that add up to the whole history', async () => {
      const whole = await call('GET', '/me/activity?limit=100', { token: ana });
      expect(whole.body.nextCursor).to.equal(null);
      const all = whole.body.items as { id: string; at: string; kind: string; points: number }[];
      expect(all.map((e) => e.at)).to.deep.equal([...all.map((e) => e.at)].sort().reverse());
      expect(all.map((e) => e.kind)).to.include.members(['earn', 'pending', 'redeem', 'expire']);
      const pages: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
        const page: Answer = await call('GET', `/me/activity${query}`, { token: ana });
        expect(page.body.items.length).to.be.at.most(2);
        pages.push(...page.body.items.map((e: { id: string }) => e.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(pages).to.deep.equal(all.map((e) => e.id));
    });

    it('refuses a forged cursor and an out-of-range limit', async () => {
      expect((await call('GET', '/me/activity?cursor=garbage', { token: ana })).status).to.equal(422);
      const limit = await call('GET', '/me/activity?limit=500', { token: ana });
      expect(limit.status).to.equal(422);
      expect(limit.body.params.errors[0].path).to.equal('query.limit');
      expect((await call('GET', '/me/activity')).status).to.equal(401);
    });
  });

  describe('previewCart', () => {
    it('counts promotion points and the coupon discount', async () => {
      // $81 of merchandise: 8 points, plus 3 more for the $36 of pots at double points.
      const plain = await call('POST', '/cart/preview', { body: POTS_AND_PLANT });
      expect(plain.status).to.equal(200);
      expect(plain.body.earn).to.include({ points: 11, pendingDays: 30 });
      expect(plain.body.discount).to.equal(undefined);
      // $10 off spread over the lines: $71 earns 7 points, the pots' $31.56 three more.
      const coupon = await call('POST', '/cart/preview', { body: { ...POTS_AND_PLANT, couponCode: 'welcome10' } });
      expect(coupon.body.earn.points).to.equal(10);
      expect(coupon.body.discount).to.deep.equal({ amount: 1000, currency: 'USD' });
      // An invalid coupon does not fail the preview.
      expect((await call('POST', '/cart/preview', { body: { ...POTS_AND_PLANT, couponCode: 'NOPE' } })).body.earn.points).to.equal(11);
    });

    it('names the promotions behind the bonus, the join offer, and a member\'s tier progress', async () => {
      const guest = await call('POST', '/cart/preview', { body: POTS_AND_PLANT });
      expect(guest.body.earn).to.deep.include({ bonusPoints: 3, asMember: false, joinPoints: 100 });
      expect(guest.body.earn.promotions).to.deep.equal([{ id: 'double-pots', name: 'Double points on pots', multiplier: 2, quantity: 2 }]);
      expect(guest.body.tier).to.equal(undefined);
      // Ana has $430 of Silver's $500 this year: $81 more takes her over.
      const member = await call('POST', '/cart/preview', { token: ana, body: POTS_AND_PLANT });
      expect(member.body.earn).to.deep.include({ asMember: true, multiplier: 1 });
      expect(member.body.earn.joinPoints).to.equal(undefined);
      expect(member.body.tier).to.deep.equal({ basis: 'spend', current: 43_000, after: 51_100, next: { id: 'silver', name: 'Silver', threshold: 50_000 }, reaches: true });
      const small = await call('POST', '/cart/preview', { token: ana, body: cartOf({ id: 'p-monstera', category: 'plants', unitPrice: 4_500, quantity: 1 }) });
      expect(small.body.tier).to.deep.include({ after: 47_500, reaches: false });
      expect(small.body.earn.promotions).to.deep.equal([]);
    });

    it('refuses a cart in another currency or of the wrong shape', async () => {
      const euro = await call('POST', '/cart/preview', { body: { ...POTS_AND_PLANT, currency: 'EUR' } });
      expect(euro.status).to.equal(422);
      expect(euro.body.params.errors[0].path).to.equal('/currency');
      const shape = await call('POST', '/cart/preview', { body: { currency: 'USD', lines: [{ id: 'x', name: 'x', unitPrice: -1, quantity: 0 }] } });
      expect(shape.body.params.errors.map((e: { path: string }) => e.path)).to.have.members(['/subtotal', '/lines/0/unitPrice', '/lines/0/quantity']);
    });
  });

  describe('validateCoupon', () => {
    const validate = (code: string, cart: unknown, token?: string, visitor = 'v-coupons') =>
      call('POST', '/coupons/validate', { body: { code, cart }, ...(token ? { token } : {}), headers: { 'X-Fidelio-Visitor': visitor } });

    it('computes a valid coupon discount per line', async () => {
      const { status, body } = await validate('  welcome10 ', POTS_AND_PLANT);
      expect(status).to.equal(200);
      expect(body).to.deep.include({ code: 'WELCOME10', kind: 'fixed', discount: { amount: 1000, currency: 'USD' }, appliesTo: 'All items' });
      expect(body.lines.reduce((s: number, l: { discount: number }) => s + l.discount, 0)).to.equal(1000);
      const spring = await validate('SPRING15', cartOf({ id: 'p-can', brand: 'Acme Garden', unitPrice: 5_600, quantity: 1 }, { id: 'p-fern', brand: 'Verde', unitPrice: 2_000, quantity: 1 }));
      expect(spring.body).to.deep.include({ kind: 'percent', percent: 15, discount: { amount: 300, currency: 'USD' }, appliesTo: 'All items except Acme Garden' });
      expect(spring.body.lines).to.deep.equal([{ id: 'p-fern', discount: 300 }]);
      expect(spring.body.coverage).to.deep.equal({ scope: 'except', brands: ['Acme Garden'], categories: [], products: [] });
    });

    it('explains every rejection with its code and params', async () => {
      const small = cartOf({ id: 'p-fern', unitPrice: 2_000, quantity: 1 });
      const expect422 = async (code: string, cart: unknown, wanted: string, token?: string) => {
        const answer = await validate(code, cart, token);
        expect(answer.status, code).to.equal(422);
        expect(answer.body.code, code).to.equal(wanted);
        return answer.body.params ?? {};
      };
      await expect422('NOPE', small, 'coupon_not_found');
      expect((await expect422('SUMMER20', small, 'coupon_expired')).expiredOn).to.be.a('string');
      expect(Date.parse((await expect422('EARLYBIRD', small, 'coupon_not_active')).startsOn)).to.be.above(NOW);
      expect((await expect422('WELCOME10', small, 'coupon_min_spend')).missing).to.deep.equal({ amount: 3_000, currency: 'USD' });
      expect((await expect422('SPRING15', ACME_ONLY, 'coupon_excluded_items')).excluded).to.deep.equal([{ id: 'p-can', reason: 'brand', value: 'Acme Garden' }]);
      expect(await expect422('FLASH5', small, 'coupon_usage_limit')).to.deep.equal({ limit: 2, scope: 'total' });
      await expect422('MEMBERS20', small, 'coupon_members_only');
      expect((await validate('MEMBERS20', small, ana)).body.discount).to.deep.equal({ amount: 400, currency: 'USD' });
      await expect422('SPRING15', { ...small, couponCode: 'WELCOME10' }, 'coupon_already_applied');
      expect((await validate('x', small, await tokenFor(undefined, { secret: 'forged' }))).status).to.equal(401);
    });

    it('throttles the 11th failed attempt in a minute and recovers when the minute has passed', async () => {
      const cart = cartOf({ id: 'p-fern', unitPrice: 2_000, quantity: 1 });
      for (let i = 0; i < 10; i++) expect((await validate(`GUESS${i}`, cart, undefined, 'v-guesser')).status).to.equal(422);
      const blocked = await validate('WELCOME10', POTS_AND_PLANT, undefined, 'v-guesser');
      expect(blocked.status).to.equal(429);
      expect(blocked.body.code).to.equal('too_many_attempts');
      expect(blocked.headers.get('Retry-After')).to.equal('60');
      expect(blocked.body.params.retryAfter).to.equal(60);
      // Other visitors and signed-in members have their own buckets.
      expect((await validate('WELCOME10', POTS_AND_PLANT, undefined, 'v-someone-else')).status).to.equal(200);
      expect((await validate('WELCOME10', POTS_AND_PLANT, ana, 'v-guesser')).status).to.equal(200);
      clock.advance(20_000);
      expect((await validate('WELCOME10', POTS_AND_PLANT, undefined, 'v-guesser')).body.params.retryAfter).to.equal(40);
      clock.advance(40_000);
      expect((await validate('WELCOME10', POTS_AND_PLANT, undefined, 'v-guesser')).status).to.equal(200);
    });

    it('throttles visitors without an id together', async () => {
      const cart = cartOf({ id: 'p-fern', unitPrice: 2_000, quantity: 1 });
      const anonymous = (code: string) => call('POST', '/coupons/validate', { body: { code, cart } });
      for (let i = 0; i < 10; i++) await anonymous(`GUESS${i}`);
      expect((await anonymous('WELCOME10')).status).to.equal(429);
    });
  });

  describe('redeemReward', () => {
    it('spends available points once per key and issues a member-only coupon', async () => {
      const first = await call('POST', '/me/redemptions', { token: ana, key: 'redeem-ten-1', body: { rewardId: 'ten-off' } });
      expect(first.status).to.equal(201);
      expect(first.body).to.include({ rewardId: 'ten-off', points: 100 });
      expect(first.body.coupon.discount).to.deep.equal({ amount: 1000, currency: 'USD' });
      expect(Date.parse(first.body.coupon.expiresAt) - NOW).to.equal(90 * DAY_MS);
      expect(first.body.balance).to.include({ available: 297, pending: 86 });
      const again = await call('POST', '/me/redemptions', { token: ana, key: 'redeem-ten-1', body: { rewardId: 'ten-off' } });
      expect(again.status).to.equal(201);
      expect(again.body.id).to.equal(first.body.id);
      expect(again.body.coupon.code).to.equal(first.body.coupon.code);
      expect((await call('GET', '/me', { token: ana })).body.points.available).to.equal(297);
      // The coupon is Ana's alone.
      const code = first.body.coupon.code;
      expect((await call('POST', '/coupons/validate', { token: ana, body: { code, cart: POTS_AND_PLANT } })).status).to.equal(200);
      expect((await call('POST', '/coupons/validate', { body: { code, cart: POTS_AND_PLANT } })).body.code).to.equal('coupon_members_only');
    });

    it('cancels an unused redemption: the coupon stops working and the points come back, once', async () => {
      const first = await call('POST', '/me/redemptions', { token: ana, key: 'redeem-cancel-1', body: { rewardId: 'ten-off' } });
      expect(first.body.balance.available).to.equal(297);
      const cancelled = await call('DELETE', `/me/redemptions/${first.body.id}`, { token: ana });
      expect(cancelled.status).to.equal(200);
      expect(cancelled.body).to.deep.include({ id: first.body.id, status: 'cancelled', points: 100 });
      expect(cancelled.body.balance.available).to.equal(397);
      // Cancelling again changes nothing; the coupon is gone.
      expect((await call('DELETE', `/me/redemptions/${first.body.id}`, { token: ana })).body.balance.available).to.equal(397);
      expect((await call('POST', '/coupons/validate', { token: ana, body: { code: first.body.coupon.code, cart: POTS_AND_PLANT } })).body.code).to.equal('coupon_not_found');
      expect((await call('DELETE', '/me/redemptions/red_nope', { token: ana })).status).to.equal(404);
      expect((await call('DELETE', `/me/redemptions/${first.body.id}`)).status).to.equal(401);
    });

    it('names the reward on the history line of a reward code charged again at a second order', async () => {
      const { body } = await call('POST', '/me/redemptions', { token: ana, key: 'redeem-twice-1', body: { rewardId: 'ten-off' } });
      const code = body.coupon.code;
      const merchant = DEMO_MERCHANT_KEY;
      const withCode = (id: string) => order(id, { memberId: DEMO_MEMBER_ID }, POTS_AND_PLANT.lines, { couponCodes: [code], discounts: 1000 });
      expect((await call('POST', '/orders', { merchant, body: withCode('o_twice_1') })).status).to.equal(201);
      const second = await call('POST', '/orders', { merchant, body: withCode('o_twice_2') });
      expect(second.body.couponFlags).to.deep.equal([{ code, reason: 'coupon_usage_limit', pointsCharged: 100 }]);
      const items = (await call('GET', '/me/activity?limit=100', { token: ana })).body.items as { kind: string; points: number; rewardId?: string }[];
      const redeemed = items.filter((e) => e.kind === 'redeem' && e.points === -100);
      expect(redeemed.map((e) => e.rewardId), 'both charges name the reward').to.deep.equal(['ten-off', 'ten-off']);
    });

    it('says on each history line that pays a debt back what it pays: an adjustment, or the reward charged again', async () => {
      const { body } = await call('POST', '/me/redemptions', { token: ana, key: 'redeem-debts-1', body: { rewardId: 'ten-off' } });
      const code = body.coupon.code;
      const merchant = DEMO_MERCHANT_KEY;
      const withCode = (id: string) => order(id, { memberId: DEMO_MEMBER_ID }, POTS_AND_PLANT.lines, { couponCodes: [code], discounts: 1000 });
      expect((await call('POST', '/orders', { merchant, body: withCode('o_debt_1') })).status).to.equal(201);
      // a merchant's correction beyond her balance, then the code had again: both owed
      adjustPoints(backend.state.engine, DEMO_PROGRAM_ID, DEMO_MEMBER_ID, -1_000, 'correction', clock.now());
      expect((await call('POST', '/orders', { merchant, body: withCode('o_debt_2') })).body.couponFlags[0].pointsCharged).to.equal(100);
      const big = order('o_debt_3', { memberId: DEMO_MEMBER_ID }, [{ id: 'p-olive', name: 'Olive tree', category: 'plants', brand: 'Verde', unitPrice: 1_500_000, quantity: 1 }]);
      expect((await call('POST', '/orders', { merchant, body: big })).status).to.equal(201);
      type Item = { kind: string; points: number; pays?: string; rewardId?: string; description?: string };
      const items = (await call('GET', '/me/activity?limit=100', { token: ana })).body.items as Item[];
      const paid = items.filter((e) => e.kind === 'clawback');
      expect(paid.length).to.be.greaterThan(1);
      for (const e of paid) expect([e.pays, e.description, e.rewardId]).to.deep.equal(e.pays === 'reward' ? ['reward', 'Paid back: reward used again ($10 off your order)', 'ten-off'] : ['adjustment', 'Paid back: adjustment', undefined]);
      const sum = (pays: string) => paid.filter((e) => e.pays === pays).reduce((s, e) => s + e.points, 0);
      // all of it paid by the big order: the adjustment's shortfall, then the reward's 100
      const { summary } = memberPoints(backend.state.engine, DEMO_PROGRAM_ID, DEMO_MEMBER_ID, clock.now());
      expect(summary.owed).to.equal(0);
      expect(sum('reward')).to.equal(-100);
      expect(sum('adjustment') + sum('reward')).to.equal(-summary.clawedBack);
    });

    it('issues free shipping as a coupon that waives the shipping, listed as such', async () => {
      const cart = { ...POTS_AND_PLANT, shipping: 500 };
      const { status, body } = await call('POST', '/me/redemptions', { token: ana, key: 'redeem-ship-1', body: { rewardId: 'free-shipping', cart } });
      expect(status).to.equal(201);
      expect(body.points).to.equal(50);
      expect(body.coupon).to.deep.include({ freeShipping: true, discount: { amount: 0, currency: 'USD' } });
      const check = await call('POST', '/coupons/validate', { token: ana, body: { code: body.coupon.code, cart } });
      expect(check.body).to.deep.include({ kind: 'free_shipping', discount: { amount: 0, currency: 'USD' }, shippingDiscount: { amount: 500, currency: 'USD' } });
      const listed = (await call('GET', '/me/redemptions', { token: ana })).body.items.find((r: { id: string }) => r.id === body.id);
      expect(listed.coupon.freeShipping).to.equal(true);
    });

    it('pays with points in whole steps up to the balance', async () => {
      const cart = cartOf({ id: 'p-monstera', unitPrice: 10_000, quantity: 1 });
      const { status, body } = await call('POST', '/me/redemptions', { token: ana, key: 'redeem-pwp-1', body: { rewardId: 'pay-with-points', cart } });
      expect(status).to.equal(201);
      // 10 points buy $1; 397 points buy 39 whole steps, well under half of the $100 order.
      expect(body.points).to.equal(390);
      expect(body.coupon.discount).to.deep.equal({ amount: 3900, currency: 'USD' });
      expect(body.balance.available).to.equal(7);
    });

    it('refuses without a key, an unknown reward and more points than available', async () => {
      expect((await call('POST', '/me/redemptions', { token: ana, body: { rewardId: 'ten-off' } })).status).to.equal(422);
      expect((await call('POST', '/me/redemptions', { token: ana, key: 'redeem-x-0', body: { rewardId: 'yacht' } })).status).to.equal(404);
      expect((await call('POST', '/me/redemptions', { key: 'redeem-x-00', body: { rewardId: 'ten-off' } })).status).to.equal(401);
      for (const key of ['redeem-x-1', 'redeem-x-2', 'redeem-x-3']) expect((await call('POST', '/me/redemptions', { token: ana, key, body: { rewardId: 'ten-off' } })).status).to.equal(201);
      const broke = await call('POST', '/me/redemptions', { token: ana, key: 'redeem-x-4', body: { rewardId: 'ten-off' } });
      expect(broke.status).to.equal(422);
      expect(broke.body).to.deep.include({ code: 'insufficient_points', params: { required: 100, available: 97 } });
    });
  });

  describe('getReferral and recordMemberEvent', () => {
    it('gives the stable code, a link and the funnel', async () => {
      const { status, body } = await call('GET', '/me/referral', { token: ana });
      expect(status).to.equal(200);
      expect(body.code).to.equal('ANA2026');
      expect(body.link).to.equal(`${API}/?ref=ANA2026`);
      expect(body.stats).to.deep.equal({ invited: 3, joined: 1, ordered: 0, rewarded: 0, pending: 0 });
      expect((await call('GET', '/me/referral')).status).to.equal(401);
    });

    it('rewards shares up to the cap and still counts the capped ones', async () => {
      const share = (i: number) => call('POST', '/me/events', { token: ana, key: `share-key-${i}`, body: { type: 'share', ref: `https://example.com/p/${i}` } });
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await share(i)).body);
      expect(answers).to.deep.equal([
        { pointsAwarded: 10, capped: false },
        { pointsAwarded: 10, capped: false },
        { pointsAwarded: 10, capped: false },
        { pointsAwarded: 0, capped: true },
      ]);
      // A replay is the same answer and not another share.
      expect((await share(0)).body).to.deep.equal({ pointsAwarded: 10, capped: false });
      expect((await call('GET', '/me/referral', { token: ana })).body.stats.invited).to.equal(7);
      expect((await call('GET', '/me', { token: ana })).body.points.available).to.equal(427);
    });

    it('rewards a review once per ref', async () => {
      const review = (key: string, ref: string) => call('POST', '/me/events', { token: ana, key, body: { type: 'review', ref } });
      expect((await review('review-key-1', 'p-fern')).body.pointsAwarded).to.equal(20);
      expect((await review('review-key-2', 'p-fern')).body.pointsAwarded).to.equal(0);
      expect((await review('review-key-3', 'p-pot')).body.pointsAwarded).to.equal(20);
    });

    it('refuses an event without a key or of an unknown type', async () => {
      expect((await call('POST', '/me/events', { token: ana, body: { type: 'share' } })).status).to.equal(422);
      const unknown = await call('POST', '/me/events', { token: ana, key: 'event-bad-1', body: { type: 'dance' } });
      expect(unknown.status).to.equal(422);
      expect(unknown.body.params.errors[0].path).to.equal('/type');
    });
  });

  describe('preferences and unsubscribe', () => {
    it('reads and replaces consents; opting in pays the newsletter points once', async () => {
      const joined = await call('POST', '/members', { key: 'enroll-pref-1', body: { email: 'ivy@example.com', newsletter: false } });
      const token = joined.body.token as string;
      expect((await call('GET', '/me/preferences', { token })).body).to.deep.equal({ newsletter: false, statement: true, locale: 'en' });
      const put = (newsletter: boolean) => call('PUT', '/me/preferences', { token, body: { newsletter, statement: false } });
      expect((await put(true)).body).to.deep.equal({ newsletter: true, statement: false, locale: 'en' });
      await put(false);
      await put(true);
      expect((await call('GET', '/me', { token })).body.points.available).to.equal(150);
      const partial = await call('PUT', '/me/preferences', { token, body: { newsletter: true } });
      expect(partial.status).to.equal(422);
      expect(partial.body.params.errors).to.deep.equal([{ path: '/statement', message: 'is required' }]);
    });

    it('writes the member’s emails in the language they last saved their preferences in, and keeps it when none is sent', async () => {
      const joined = await call('POST', '/members', { key: 'enroll-pref-lang', body: { email: 'lucia@example.com', name: 'Lucía', newsletter: false, locale: 'en-GB' } });
      const token = joined.body.token as string;
      expect((await call('GET', '/me/preferences', { token })).body.locale).to.equal('en');
      const put = (body: Record<string, unknown>) => call('PUT', '/me/preferences', { token, body: { newsletter: false, statement: true, ...body } });
      expect((await put({ locale: 'es-MX' })).body).to.deep.equal({ newsletter: false, statement: true, locale: 'es' });
      expect((await put({})).body.locale, 'an older widget sends none: the language stays').to.equal('es');
      expect((await put({ locale: 'x'.repeat(36) })).status).to.equal(422);
      expect((await put({ locale: 'de' })).body.locale, 'a language the program does not speak: English').to.equal('en');
      expect((await call('GET', '/me/export', { token })).body.preferences).to.deep.equal({ newsletter: false, statement: true, locale: 'en' });
      await put({ locale: 'es' });
      // Lucía joined in November: her December statement is in Spanish (the program's name too, as it translates it)
      await call('POST', '/demo/time-travel', { body: { days: 8 } });
      const outbox = await call('GET', '/demo/outbox?limit=500');
      const statement = outbox.body.items.find((e: { kind: string; to: string }) => e.kind === 'statement' && e.to === 'lucia@example.com');
      expect([statement.locale, statement.subject]).to.deep.equal(['es', 'Tus puntos de Recompensas Casa Verde en diciembre de 2026']);
      expect(outbox.body.items.find((e: { kind: string; to: string }) => e.kind === 'welcome' && e.to === 'lucia@example.com').locale, 'written before: as it was').to.equal('en');
    });

    it('stops expiry reminders along with statements when the member turns that choice off', async () => {
      // Ana's 152 points expire in 9 days: a reminder is due at the next write.
      expect((await call('PUT', '/me/preferences', { token: ana, body: { newsletter: true, statement: false } })).status).to.equal(200);
      const outbox = await call('GET', '/demo/outbox?limit=500');
      expect(outbox.body.items.filter((e: { kind: string; to: string }) => e.to === 'ana@example.com' && e.kind !== 'newsletter').map((e: { kind: string }) => e.kind)).to.deep.equal([]);
    });

    it('unsubscribes by the member token and masks the address', async () => {
      const token = backend.state.engine.members[DEMO_MEMBER_ID]!.unsubscribeToken;
      const first = await call('POST', '/unsubscribe', { body: { token } });
      expect(first.status).to.equal(200);
      expect(first.body).to.deep.equal({ email: 'a***@example.com', newsletter: false, statement: true, alreadyUnsubscribed: false });
      // The link used again still works, and says the address had already left.
      const again = await call('POST', '/unsubscribe', { body: { token } });
      expect([again.status, again.body.alreadyUnsubscribed]).to.deep.equal([200, true]);
      expect((await call('GET', '/me/preferences', { token: ana })).body.newsletter).to.equal(false);
      expect((await call('POST', '/unsubscribe', { body: { token: 'u_forged' } })).status).to.equal(404);
      expect((await call('POST', '/unsubscribe', { body: {} })).status).to.equal(422);
    });

    it('unsubscribes from statements and reminders by the link in an account email, the newsletter untouched', async () => {
      const token = backend.state.engine.members[DEMO_MEMBER_ID]!.unsubscribeToken;
      const first = await call('POST', '/unsubscribe', { body: { token, from: 'statement' } });
      expect([first.status, first.body]).to.deep.equal([200, { email: 'a***@example.com', newsletter: true, statement: false, alreadyUnsubscribed: false }]);
      expect((await call('GET', '/me/preferences', { token: ana })).body).to.deep.equal({ newsletter: true, statement: false, locale: 'en' });
      const again = await call('POST', '/unsubscribe', { body: { token, from: 'statement' } });
      expect([again.status, again.body.alreadyUnsubscribed]).to.deep.equal([200, true]);
      expect((await call('POST', '/unsubscribe', { body: { token, from: 'everything' } })).status).to.equal(422);
      // Ana's points expire in 9 days: no reminder now, and no statement on the 1st.
      await call('POST', '/demo/time-travel', { body: { days: 8 } });
      const outbox = await call('GET', '/demo/outbox?limit=500');
      const kinds = new Set(outbox.body.items.filter((e: { to: string }) => e.to === 'ana@example.com').map((e: { kind: string }) => e.kind));
      expect([...kinds]).to.deep.equal(['newsletter']);
    });
  });

  describe('merchant: orders, returns and KPIs', () => {
    const merchant = DEMO_MERCHANT_KEY;

    it('requires the merchant key', async () => {
      expect((await call('POST', '/orders', { body: order('o_9001', { memberId: DEMO_MEMBER_ID }) })).status).to.equal(401);
      const wrong = await call('POST', '/orders', { merchant: 'guess', body: order('o_9001', { memberId: DEMO_MEMBER_ID }) });
      expect(wrong.status).to.equal(401);
      expect(wrong.body.code).to.equal('unauthorized');
      expect((await call('POST', '/orders/o_1003/returns', { body: { returnId: 'r1', amount: 100 } })).status).to.equal(401);
      expect((await call('GET', '/kpis', { merchant: 'guess' })).status).to.equal(401);
      // The member's token is not a merchant key.
      expect((await call('GET', '/kpis', { token: ana })).status).to.equal(401);
    });

    it('records an order once: pending points, 200 on a replay, 409 on another body', async () => {
      const body = order('o_9001', { memberId: DEMO_MEMBER_ID });
      const first = await call('POST', '/orders', { merchant, body });
      expect(first.status).to.equal(201);
      expect(first.body).to.deep.include({ orderId: 'o_9001', memberId: DEMO_MEMBER_ID, points: 11, status: 'pending' });
      expect(Date.parse(first.body.availableOn) - NOW).to.equal(30 * DAY_MS);
      const replay = await call('POST', '/orders', { merchant, body });
      expect(replay.status).to.equal(200);
      expect(replay.body).to.deep.equal(first.body);
      const conflict = await call('POST', '/orders', { merchant, body: { ...body, discounts: 100 } });
      expect(conflict.status).to.equal(409);
      // it names what made it the same order (no Idempotency-Key was sent)
      expect(conflict.body.params).to.deep.equal({ field: 'orderId' });
      expect((await call('GET', '/me', { token: ana })).body.points.pending).to.equal(97);
    });

    it('counts a guest order and refuses unknown members and bad orders', async () => {
      const guest = await call('POST', '/orders', { merchant, body: order('o_9002', { email: 'gus@example.com' }) });
      expect(guest.status).to.equal(201);
      expect(guest.body).to.deep.include({ points: 0, status: 'not_member', memberId: null, availableOn: null });
      expect((await call('POST', '/orders', { merchant, body: order('o_9003', { memberId: 'm_nobody' }) })).status).to.equal(404);
      const anonymous = await call('POST', '/orders', { merchant, body: { ...order('o_9004', {}) } });
      expect(anonymous.status).to.equal(422);
      const euro = await call('POST', '/orders', { merchant, body: order('o_9005', { memberId: DEMO_MEMBER_ID }, undefined, { currency: 'EUR' }) });
      expect(euro.status).to.equal(422);
      expect(euro.body.params.errors[0].path).to.equal('/currency');
    });

    it('flags a code the order was not entitled to, in the answer and its replay', async () => {
      const first = await call('POST', '/orders', { merchant, body: order('o_9020', { email: 'gus@example.com' }, undefined, { couponCodes: ['NOSUCHCODE'] }) });
      expect(first.status).to.equal(201);
      expect(first.body.couponFlags).to.deep.equal([{ code: 'NOSUCHCODE', reason: 'coupon_not_found' }]);
      const replay = await call('POST', '/orders', { merchant, body: order('o_9020', { email: 'gus@example.com' }, undefined, { couponCodes: ['NOSUCHCODE'] }) });
      expect(replay.body).to.deep.equal(first.body);
      const clean = await call('POST', '/orders', { merchant, body: order('o_9021', { memberId: DEMO_MEMBER_ID }) });
      expect(clean.body).not.to.have.property('couponFlags');
    });

    it('takes an order whose referralCode is null, as Fidelio.referral() gives when there was no link', async () => {
      const none = await call('POST', '/orders', { merchant, body: order('o_9010', { memberId: DEMO_MEMBER_ID }, undefined, { referralCode: null }) });
      expect(none.status).to.equal(201);
      expect(none.body).to.deep.include({ points: 11, status: 'pending' });
      const odd = await call('POST', '/orders', { merchant, body: order('o_9011', { memberId: DEMO_MEMBER_ID }, undefined, { referralCode: 42 }) });
      expect(odd.status).to.equal(422);
      expect(odd.body.params.errors).to.deep.equal([{ path: '/referralCode', message: 'must be a string' }]);
    });

    it("rewards the referrer when a referred friend's first order passes the window", async () => {
      const ben = Object.values(backend.state.engine.members).find((m) => m.email === 'ben@example.com')!;
      await call('POST', '/orders', { merchant, body: order('o_9006', { memberId: ben.id }) });
      const stats = (await call('GET', '/me/referral', { token: ana })).body.stats;
      expect(stats).to.include({ ordered: 1, pending: 1, rewarded: 0 });
      expect((await call('GET', '/me', { token: ana })).body.points.pending).to.equal(586);
    });

    it('reverses a pending order on return and claws back an available one, once per returnId', async () => {
      await call('POST', '/orders', { merchant, body: order('o_9007', { memberId: DEMO_MEMBER_ID }) });
      const full = await call('POST', '/orders/o_9007/returns', { merchant, body: { returnId: 'ret-1', lines: [{ id: 'p-pot', quantity: 2 }, { id: 'p-monstera', quantity: 1 }] } });
      expect(full.status).to.equal(200);
      expect(full.body).to.deep.equal({ orderId: 'o_9007', returnId: 'ret-1', pointsReversed: 11, clawedBack: 0, uncollected: 0 });
      expect((await call('POST', '/orders/o_9007/returns', { merchant, body: { returnId: 'ret-1', lines: [{ id: 'p-pot', quantity: 2 }, { id: 'p-monstera', quantity: 1 }] } })).body).to.deep.equal(full.body);
      expect((await call('GET', '/me', { token: ana })).body.points.pending).to.equal(86);
      // One fig of five from an order whose points are available: 49 points taken back.
      const fig = await call('POST', '/orders/o_1002/returns', { merchant, body: { returnId: 'ret-2', amount: 49_000 } });
      expect(fig.body).to.deep.include({ pointsReversed: 49, clawedBack: 49, uncollected: 0 });
      expect((await call('GET', '/me', { token: ana })).body.points.available).to.equal(348);
      expect((await call('POST', '/orders/o_nope/returns', { merchant, body: { returnId: 'ret-3', amount: 100 } })).status).to.equal(404);
      const both = await call('POST', '/orders/o_1002/returns', { merchant, body: { returnId: 'ret-4', amount: 100, lines: [{ id: 'p-fig', quantity: 1 }] } });
      expect(both.status).to.equal(422);
    });

    it('computes the KPIs with the formulas of PRODUCT.md §6', async () => {
      const { status, body } = await call('GET', '/kpis?lifespanYears=5', { merchant });
      expect(status).to.equal(200);
      // In the last 12 months: Ana's $2,450 and $430, Bea's $25 and Carl's $31 (after FLASH5).
      // (Ana's last order is $430 of pots at double points since the demo has tiers: same 86
      // points, and $430 this year keeps her at the base tier, so her new orders earn as before.)
      expect(body.counts).to.deep.equal({
        revenue: { amount: 293_600, currency: 'USD' },
        orders: 4,
        uniqueCustomers: 3,
        members: 2,
        totalCustomers: 5,
        pointsIssued: 431,
        pointsRedeemed: 50,
        customersAtStart: 2,
        customersAtEnd: 3,
        newCustomers: 2,
      });
      expect(body.aov).to.deep.equal({ amount: 73_400, currency: 'USD' });
      expect(body.purchaseFrequency).to.be.closeTo(4 / 3, 1e-12);
      // $2,936 / 3 customers = $978.666… → $978.67; CLV over 5 years from the same unrounded value.
      expect(body.customerValue).to.deep.equal({ amount: 97_867, currency: 'USD' });
      expect(body.clv).to.deep.equal({ amount: 489_335, currency: 'USD' });
      expect(body.adoptionRate).to.equal(0.4);
      expect(body.redemptionRate).to.be.closeTo(50 / 431, 1e-12);
      // S = {Ana, Dan}, E = {Ana, Bea, Carl}, N = {Bea, Carl}: CRR = (3 − 2) / 2.
      expect(body.retentionRate).to.equal(0.5);
      expect(body.churn).to.deep.equal({ customers: 1, rate: 0.5, valueLost: { amount: 3_600, currency: 'USD' }, valueRate: 3_600 / 155_600 });
    });

    it('takes a period and refuses a bad one', async () => {
      const from = new Date(NOW - 30 * DAY_MS).toISOString();
      const month = await call('GET', `/kpis?from=${from}&to=${new Date(NOW).toISOString()}`, { merchant });
      // Carl (first order) and Ana (back after a gap) ordered in the last 30 days; Bea, active the 30
      // days before, did not come back. N counts both (not active in the previous period), so that
      // retention (E − N) / S and churn add up to 1: (2 − 2) / 1 = 0, churn 1 of 1.
      expect(month.body.counts).to.include({ orders: 2, uniqueCustomers: 2, newCustomers: 2, customersAtStart: 1 });
      expect(month.body.retentionRate).to.equal(0);
      expect(month.body.churn.customers).to.equal(1);
      expect((await call('GET', '/kpis?from=yesterday', { merchant })).status).to.equal(422);
      expect((await call(`GET`, `/kpis?from=${new Date(NOW).toISOString()}&to=${from}`, { merchant })).status).to.equal(422);
    });
  });

  describe('demo session and time travel', () => {
    it('signs the demo shopper in, or any email', async () => {
      const session = await call('POST', '/demo/session', { body: {} });
      expect(session.status).to.equal(200);
      expect((await call('GET', '/me', { token: session.body.token })).body.id).to.equal(DEMO_MEMBER_ID);
      const newcomer = await call('POST', '/demo/session', { body: { email: 'New@Example.com' } });
      expect((await call('GET', '/me', { token: newcomer.body.token })).status).to.equal(404);
      expect((await call('POST', '/demo/session', { body: { email: 'not-an-email' } })).status).to.equal(422);
    });

    it('advances the backend clock: 30 days later the pending points are available', async () => {
      await backend.advance(30);
      expect(backend.state.clock.now()).to.equal(NOW + 30 * DAY_MS);
      expect(clock.now()).to.equal(NOW);
      const session = await call('POST', '/demo/session', { body: {} });
      const me = await call('GET', '/me', { token: session.body.token });
      // The 86 pending points ripened; the 152 that expired on day 9 are gone.
      expect(me.body.points).to.include({ pending: 0, available: 397 - 152 + 86 });
      await backend.reset();
      expect(backend.state.clock.now()).to.equal(NOW);
    });
  });
});
