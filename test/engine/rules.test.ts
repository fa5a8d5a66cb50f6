import { expect } from '@open-wc/testing';
import {
  EngineError, addProgram, adjustPoints, recordOrder, recordReturn, cancelRedemption, checkCoupon, emptyState, enrollMember, memberPoints, postOrder, postReturn,
  previewCart, recordAction, redeem, referralStats, settleRebates, validateProgram, type EngineState,
} from '../../src/engine/index.js';
import { T0, days, line, program, world, rejects } from './fixtures.js';
import { shareOf, wholeFor } from '../../src/core/money.js';
import { mailboxOf } from '../../src/engine/members.js';


/** Two calendar-year spend tiers: Member, and Gold from $1,000 with the given multiplier and gift. */
const goldTiers = (earnMultiplier: number, gift?: { description: string; couponValue?: number }) => ({
  basis: 'spend' as const,
  period: 'calendar_year' as const,
  graceDays: 0,
  levels: [
    { id: 'base', name: 'Member', threshold: 0, benefits: { earnMultiplier: 1, freeShipping: false, earlyAccess: false, exclusiveAccess: false } },
    { id: 'gold', name: 'Gold', threshold: 100_000, benefits: { earnMultiplier, freeShipping: true, earlyAccess: true, exclusiveAccess: false, ...(gift ? { gift } : {}) } },
  ],
});

const points = (state: EngineState, member: string, at: number) => memberPoints(state, 'shop', member, at).summary;

describe('program engine rules', () => {
  describe('program configuration', () => {
    it('rejects an invalid program with messages naming each field', () => {
      const problems = validateProgram({ ...program(), currency: 'usd', earn: { points: 1, perMinor: 0 }, pendingDays: -1 });
      expect(problems).to.include('currency must be an ISO 4217 code such as USD');
      expect(problems).to.include('earn.perMinor must be an integer ≥ 1');
      expect(problems).to.include('pendingDays must be an integer ≥ 0');
      expect(() => addProgram(emptyState(), { ...program(), pendingDays: -1 })).to.throw(/pendingDays/);
    });
  });

  describe('earning and the return window', () => {
    it('earns 9 points on a $95.50 order, pending for 30 days, on merchandise only', () => {
      const { state, member } = world({ joinIncentive: null });
      const result = postOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 9550)], shipping: 900, tax: 760, placedAt: T0 });
      expect(result).to.include({ status: 'recorded', points: 9 });
      expect(points(state, member, T0 + days(29))).to.include({ available: 0, pending: 9 });
      expect(points(state, member, T0 + days(30))).to.include({ available: 9, pending: 0 });
    });

    it('counts the order after discounts, and shipping/tax only when configured', () => {
      const { state, member } = world({ joinIncentive: null, earnBase: { shipping: true, tax: false } });
      const result = postOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 6000), line('b', 4000)], discounts: 1500, shipping: 1000, tax: 500, placedAt: T0 });
      expect(result.points).to.equal(9); // (10000 - 1500 + 1000) / 1000 = 9.5 → 9
    });

    it('refuses an order without a time it was placed (its points would be available at once)', () => {
      const { state, member } = world();
      for (const placedAt of [Number.NaN, Infinity, 1.5]) {
        expect(rejects(() => postOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 5000)], placedAt })).params.field).to.equal('placedAt');
      }
    });

    it('changes nothing when the same order id is posted twice', () => {
      const { state, member } = world();
      const order = { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 50_000)], placedAt: T0 };
      postOrder(state, 'shop', order);
      const ledgerLength = state.ledger.length;
      expect(postOrder(state, 'shop', order).status).to.equal('duplicate');
      expect(state.ledger).to.have.length(ledgerLength);
    });

    it('records orders of non-members as customers (for referral checks) without points', () => {
      const { state } = world();
      const result = postOrder(state, 'shop', { orderId: 'o9', email: 'Bob@Example.com', currency: 'USD', lines: [line('a', 5000)], placedAt: T0 });
      expect(result.status).to.equal('not_member');
      expect(state.customers.shop).to.deep.equal(['bob@example.com']);
    });
  });

  describe('promotions', () => {
    it('doubles points on a category during the promotion only, without compounding', () => {
      const promos = [
        { id: 'p2', name: 'Double pots', multiplier: 2, appliesTo: { categories: ['pots'] }, startsAt: T0, endsAt: T0 + days(10) },
        { id: 'p3', name: 'Triple Barro', multiplier: 3, appliesTo: { brands: ['Barro'] }, startsAt: T0, endsAt: T0 + days(10) },
      ];
      const lines = [line('pot', 20_000, 1, { category: 'pots', brand: 'Barro' }), line('fern', 10_000, 1, { category: 'plants' })];
      const max = world({ joinIncentive: null, promotions: promos });
      expect(postOrder(max.state, 'shop', { orderId: 'o1', memberId: max.member, currency: 'USD', lines, placedAt: T0 + days(1) }).points).to.equal(30 + 40); // best multiplier 3× on the pot
      const add = world({ joinIncentive: null, promotions: promos, promotionStacking: 'add' });
      expect(postOrder(add.state, 'shop', { orderId: 'o1', memberId: add.member, currency: 'USD', lines, placedAt: T0 + days(1) }).points).to.equal(30 + 60); // 1 + 1 + 2 = 4×
      const after = world({ joinIncentive: null, promotions: promos });
      expect(postOrder(after.state, 'shop', { orderId: 'o1', memberId: after.member, currency: 'USD', lines, placedAt: T0 + days(10) }).points).to.equal(30);
    });

    it('previews what a cart will earn', () => {
      const { state } = world();
      expect(previewCart(state, 'shop', { currency: 'USD', lines: [line('a', 4599, 2)], subtotal: 9198 }, T0)).to.deep.include({ points: 9, bonusPoints: 0, pendingDays: 30, multiplier: 1, asMember: false, promotions: [], tier: undefined });
    });
  });

  describe('returns', () => {
    it('reverses a partial return in proportion, pending first, and a full return exactly', () => {
      const { state, member } = world({ joinIncentive: null });
      postOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 3333, 3)], placedAt: T0 });
      expect(points(state, member, T0 + days(1)).pending).to.equal(9);
      expect(postReturn(state, 'shop', 'o1', { returnId: 'x1', lines: [{ id: 'a', quantity: 1 }] }, T0 + days(2)).pointsReversed).to.equal(3);
      expect(points(state, member, T0 + days(2)).pending).to.equal(6);
      expect(postReturn(state, 'shop', 'o1', { returnId: 'x1', lines: [{ id: 'a', quantity: 1 }] }, T0 + days(2)).duplicate).to.equal(true);
      postReturn(state, 'shop', 'o1', { returnId: 'x2', lines: [{ id: 'a', quantity: 2 }] }, T0 + days(3));
      expect(points(state, member, T0 + days(40))).to.include({ available: 0, pending: 0, lifetime: 0, owed: 0 });
    });

    it('turns already-spent points into a debt paid from later earnings, never showing a negative balance', () => {
      const { state, member } = world({ joinIncentive: null });
      postOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 150_000)], placedAt: T0 });
      redeem(state, 'shop', member, { rewardId: 'r10' }, T0 + days(31), 'k1');
      postReturn(state, 'shop', 'o1', { returnId: 'x1', amount: 150_000 }, T0 + days(32));
      expect(points(state, member, T0 + days(32))).to.include({ available: 0, owed: 100 });
      postOrder(state, 'shop', { orderId: 'o2', memberId: member, currency: 'USD', lines: [line('b', 120_000)], placedAt: T0 + days(40) });
      expect(points(state, member, T0 + days(71))).to.include({ available: 20, owed: 0, clawedBack: 100 });
    });

    it('returns every unit one at a time as one return of them all: the whole line, every point', () => {
      const { state, member } = world({ joinIncentive: null, earn: { points: 1, perMinor: 100 } });
      // 3 × $10 less $1.01: the line is worth 2899, which no unit divides evenly
      postOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 1000, 3)], discounts: 101, placedAt: T0 });
      expect(points(state, member, T0 + 1).pending).to.equal(28);
      for (const n of [1, 2, 3]) postReturn(state, 'shop', 'o1', { returnId: `x${n}`, lines: [{ id: 'a', quantity: 1 }] }, T0 + days(n));
      expect(points(state, member, T0 + days(40))).to.include({ available: 0, pending: 0, owed: 0 });
      expect(state.orders['shop:o1']!.returned).to.equal(2899);
    });

    it('takes a promotion’s bonus back with its own item, and never leaves more points than the kept goods earn', () => {
      const promotions = [{ id: 'pots2', name: 'Double pots', multiplier: 2, appliesTo: { categories: ['pots'] }, startsAt: T0 - days(1), endsAt: T0 + days(30) }];
      const { state, member } = world({ joinIncentive: null, promotions });
      const pot = { ...line('pot', 10_000), category: 'pots' };
      const soil = { ...line('soil', 10_000), category: 'soil' };
      postOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [pot, soil], placedAt: T0 });
      postOrder(state, 'shop', { orderId: 'o2', memberId: member, currency: 'USD', lines: [pot, soil], placedAt: T0 });
      expect(points(state, member, T0 + 1).pending).to.equal(60); // 20 + 10 bonus each
      // the pot back: the soil alone earns 10; the soil back: the pot earns 20 with its bonus
      expect(postReturn(state, 'shop', 'o1', { returnId: 'x1', lines: [{ id: 'pot', quantity: 1 }] }, T0 + days(1)).pointsReversed).to.equal(20);
      expect(postReturn(state, 'shop', 'o2', { returnId: 'x2', lines: [{ id: 'soil', quantity: 1 }] }, T0 + days(1)).pointsReversed).to.equal(10);
      // $10.00 + $9.99 earns 1 point; the $10.00 back leaves $9.99, which earns none
      postOrder(state, 'shop', { orderId: 'o3', memberId: member, currency: 'USD', lines: [line('a', 1000), line('b', 999)], placedAt: T0 + days(2) });
      expect(postReturn(state, 'shop', 'o3', { returnId: 'x3', lines: [{ id: 'a', quantity: 1 }] }, T0 + days(3)).pointsReversed).to.equal(1);
    });

    it('reads a return of a line id the order lists twice the same whatever the lines’ order: the dearer unit comes back first', () => {
      const promotions = [{ id: 'fern2', name: 'Double ferns', multiplier: 2, appliesTo: { categories: ['ferns'] }, startsAt: T0 - days(1), endsAt: T0 + days(30) }];
      // the same fern twice: once at full price on double points, once marked down on clearance
      const full = line('fern', 4_000, 1, { category: 'ferns' });
      const markedDown = line('fern', 1_000, 1, { category: 'clearance' });
      const outcome = (lines: (typeof full)[]) => {
        const { state, member } = world({ joinIncentive: null, promotions });
        postOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines, placedAt: T0 });
        const reversed = postReturn(state, 'shop', 'o1', { returnId: 'x1', lines: [{ id: 'fern', quantity: 1 }] }, T0 + days(1)).pointsReversed;
        return { reversed, returned: state.orders['shop:o1']!.returned, pending: points(state, member, T0 + days(1)).pending };
      };
      const listedDearFirst = outcome([full, markedDown]);
      expect(outcome([markedDown, full])).to.deep.equal(listedDearFirst);
      // 4 × 2 + 1 points earned; the $40 double-points unit back leaves the $10 one's point
      expect(listedDearFirst).to.deep.equal({ reversed: 8, returned: 4_000, pending: 1 });
    });

    it('recounts a return at the order’s own earn rate, not at one the program set since', () => {
      const { state, member } = world({ joinIncentive: null });
      postOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 5000), line('b', 5000)], placedAt: T0 });
      state.programs.shop!.earn = { points: 1, perMinor: 10_000 }; // a point per $100 from now on
      expect(postReturn(state, 'shop', 'o1', { returnId: 'x1', lines: [{ id: 'a', quantity: 1 }] }, T0 + days(1)).pointsReversed).to.equal(5);
    });

    it('takes a return’s already-spent points from the member’s other points at once, so owed points cannot be spent', () => {
      const { state, member } = world({ joinIncentive: null });
      postOrder(state, 'shop', { orderId: 'a', memberId: member, currency: 'USD', lines: [line('a', 100_000)], placedAt: T0 });
      postOrder(state, 'shop', { orderId: 'b', memberId: member, currency: 'USD', lines: [line('b', 100_000)], placedAt: T0 + 1 });
      redeem(state, 'shop', member, { rewardId: 'r10' }, T0 + days(31), 'k1'); // 100 points, all from order a
      postReturn(state, 'shop', 'a', { returnId: 'x1', amount: 100_000 }, T0 + days(32));
      // a's 100 points: 0 left in its batch, so the 100 spent come out of b's
      expect(points(state, member, T0 + days(32))).to.include({ available: 0, owed: 0, clawedBack: 100 });
      expect(rejects(() => redeem(state, 'shop', member, { rewardId: 'r10' }, T0 + days(33), 'k2')).code).to.equal('insufficient_points');
    });

    it('takes a debt from pending points too, and its history lines add up to the balance', () => {
      const { state, member } = world({ joinIncentive: null });
      postOrder(state, 'shop', { orderId: 'a', memberId: member, currency: 'USD', lines: [line('a', 100_000)], placedAt: T0 });
      redeem(state, 'shop', member, { rewardId: 'r10' }, T0 + days(31), 'k1');
      postOrder(state, 'shop', { orderId: 'b', memberId: member, currency: 'USD', lines: [line('b', 60_000)], placedAt: T0 + days(31) });
      postReturn(state, 'shop', 'a', { returnId: 'x1', amount: 100_000 }, T0 + days(32));
      // 60 of the 100 come out of b's pending points; 40 are owed until later points pay them
      expect(points(state, member, T0 + days(32))).to.include({ available: 0, pending: 0, owed: 40 });
      postOrder(state, 'shop', { orderId: 'c', memberId: member, currency: 'USD', lines: [line('c', 100_000)], placedAt: T0 + days(40) });
      const { summary, activity } = memberPoints(state, 'shop', member, T0 + days(80));
      expect(summary).to.include({ available: 60, pending: 0, owed: 0 });
      expect(activity.find((a) => a.kind === 'return')!.points).to.equal(-60);
      expect(activity.find((a) => a.kind === 'clawback')!.points).to.equal(-40);
      expect(activity.reduce((sum, a) => sum + a.points, 0)).to.equal(summary.available + summary.pending);
    });
  });

  describe('expiry', () => {
    it('expires all points after 12 months without activity when the policy is rolling', () => {
      const { state, member } = world({ joinIncentive: null, expiry: { mode: 'rolling', months: 12 } });
      postOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 100_000)], placedAt: T0 });
      postOrder(state, 'shop', { orderId: 'o2', memberId: member, currency: 'USD', lines: [line('a', 50_000)], placedAt: T0 + days(200) });
      const before = points(state, member, T0 + days(200) + days(364));
      expect(before.available).to.equal(150);
      expect(new Date(before.nextExpiry!.expiresAt).toISOString().slice(0, 10)).to.equal('2027-09-18');
      expect(points(state, member, T0 + days(200) + days(366))).to.include({ available: 0, expired: 150 });
    });
  });

  describe('actions', () => {
    it('caps share points at 3 a month and the birthday at once a year', () => {
      const { state, member } = world();
      const shares = [0, 1, 2, 3].map((i) => recordAction(state, 'shop', member, 'share', T0 + days(i)).pointsAwarded);
      expect(shares).to.deep.equal([10, 10, 10, 0]);
      expect(recordAction(state, 'shop', member, 'share', T0 + days(31)).pointsAwarded).to.equal(10);
      expect(recordAction(state, 'shop', member, 'birthday', T0).pointsAwarded).to.equal(200);
      expect(recordAction(state, 'shop', member, 'birthday', T0 + days(100))).to.deep.equal({ pointsAwarded: 0, capped: true });
      expect(recordAction(state, 'shop', member, 'birthday', T0 + days(365)).pointsAwarded).to.equal(200);
    });
  });

  describe('enrollment', () => {
    it('needs a valid email, keeps newsletter off unless asked, and refuses a duplicate', () => {
      const state = emptyState();
      addProgram(state, program());
      expect(rejects(() => enrollMember(state, 'shop', { email: 'not-an-email' }, T0)).code).to.equal('invalid_email');
      expect(rejects(() => enrollMember(state, 'shop', { email: 'a@b.co', birthday: { day: 31, month: 2 } }, T0)).code).to.equal('invalid_birthday');
      const joined = enrollMember(state, 'shop', { email: ' Ana@Example.com ', birthday: { day: 29, month: 2 } }, T0);
      expect(joined.member).to.include({ email: 'ana@example.com', newsletter: false });
      expect(joined.pointsAwarded).to.equal(100);
      expect(rejects(() => enrollMember(state, 'shop', { email: 'ANA@example.com' }, T0)).code).to.equal('already_member');
      expect(enrollMember(state, 'shop', { email: 'news@example.com', newsletter: true }, T0).pointsAwarded).to.equal(150);
    });

    it('creates one member for a repeated request with the same idempotency key', () => {
      const state = emptyState();
      addProgram(state, program());
      const first = enrollMember(state, 'shop', { email: 'a@b.co' }, T0, 'key-1');
      const again = enrollMember(state, 'shop', { email: 'a@b.co' }, T0, 'key-1');
      expect(again.member.id).to.equal(first.member.id);
      expect(Object.keys(state.members)).to.have.length(1);
      expect(rejects(() => enrollMember(state, 'shop', { email: 'other@b.co' }, T0, 'key-1')).code).to.equal('conflict');
    });
  });

  describe('redemption', () => {
    it('turns 100 points into a $10 single-use coupon, once per idempotency key', () => {
      const { state, member } = world();
      const first = redeem(state, 'shop', member, { rewardId: 'r10' }, T0, 'k');
      const again = redeem(state, 'shop', member, { rewardId: 'r10' }, T0, 'k');
      expect(again).to.deep.equal(first);
      expect(first).to.include({ points: 100, discount: 1000, status: 'issued' });
      // (a code a shopper reads off the screen: letters and digits after R-, no underscore)
      expect(first.couponCode).to.match(/^R-[A-Z0-9]+$/);
      expect(points(state, member, T0).available).to.equal(0);
      const valid = checkCoupon(state, 'shop', first.couponCode.toLowerCase(), { currency: 'USD', lines: [line('a', 3000)], subtotal: 3000 }, member, T0 + 1);
      expect(valid.ok && valid.discount).to.equal(1000);
      const other = checkCoupon(state, 'shop', first.couponCode, { currency: 'USD', lines: [line('a', 3000)], subtotal: 3000 }, 'm_someone', T0 + 1);
      expect(other.ok).to.equal(false);
    });

    it('refuses pending points and says how many are needed', () => {
      const { state, member } = world({ joinIncentive: null });
      postOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 200_000)], placedAt: T0 });
      const error = rejects(() => redeem(state, 'shop', member, { rewardId: 'r10' }, T0 + days(1), 'k'));
      expect(error.code).to.equal('insufficient_points');
      expect(error.params).to.deep.equal({ required: 100, available: 0 });
    });

    it('pays with points in whole steps up to half the order', () => {
      const { state, member } = world({ joinIncentive: { points: 5000 } });
      const record = redeem(state, 'shop', member, { rewardId: 'pay', cartSubtotal: 4550 }, T0, 'k');
      expect(record).to.include({ points: 2200, discount: 2200 });
    });

    it('keeps points to their share of the order the code is used on, not only of the cart it was sized for', () => {
      const { state, member } = world({ joinIncentive: { points: 50_000 } });
      // sized for a $400 cart: $200 off; on a $200 cart it would pay all of it
      const { couponCode, discount } = redeem(state, 'shop', member, { rewardId: 'pay', cartSubtotal: 40_000 }, T0, 'k');
      expect(discount).to.equal(20_000);
      const cart = (subtotal: number) => ({ currency: 'USD', lines: [line('a', subtotal)], subtotal });
      expect(checkCoupon(state, 'shop', couponCode, cart(20_000), member, T0 + 1)).to.deep.include({ ok: false, code: 'coupon_min_spend' });
      expect(checkCoupon(state, 'shop', couponCode, cart(40_000), member, T0 + 1)).to.deep.include({ ok: true, discount: 20_000 });
    });

    it('counts an order share such as 57 % in whole numbers (a float lost a step)', () => {
      const { state, member } = world({ joinIncentive: { points: 50_000 } });
      state.programs.shop!.rewards = state.programs.shop!.rewards.map((r) => (r.kind === 'pay_with_points' ? { ...r, maxShare: 0.57 } : r));
      // 57 % of $100 is $57: 57 steps of $1 (10000 × 0.57 is 5699.99… in floating point)
      expect(redeem(state, 'shop', member, { rewardId: 'pay', cartSubtotal: 10_000 }, T0, 'k')).to.include({ discount: 5700 });
      expect(shareOf(10_000, 0.69)).to.equal(6900);
      expect(wholeFor(5700, 0.57)).to.equal(10_000);
    });

    it('gives the points back when an unused redemption is cancelled', () => {
      const { state, member } = world();
      const record = redeem(state, 'shop', member, { rewardId: 'ship' }, T0, 'k');
      expect(points(state, member, T0).available).to.equal(50);
      cancelRedemption(state, 'shop', member, record.id, T0 + days(1));
      expect(points(state, member, T0 + days(1)).available).to.equal(100);
      expect(state.issuedCoupons[record.couponCode]).to.equal(undefined);
      // the history says which redemption each line was, the give-back as a refund
      const lines = memberPoints(state, 'shop', member, T0 + days(1)).activity.filter((a) => a.ref === record.id);
      expect(lines.map(({ kind, points }) => ({ kind, points }))).to.deep.equal([{ kind: 'refund', points: 50 }, { kind: 'redeem', points: -50 }]);
    });
  });

  describe('coupons in the program', () => {
    const cart = { currency: 'USD', lines: [line('a', 8000)], subtotal: 8000 };
    const coupons = [
      { code: 'TEN', kind: 'fixed' as const, amount: 1000, currency: 'USD', combinable: true },
      { code: 'FIVE', kind: 'fixed' as const, amount: 500, currency: 'USD', combinable: true },
      { code: 'SOLO', kind: 'fixed' as const, amount: 500, currency: 'USD' },
    ];

    it('allows one coupon per order unless the program allows more and both coupons combine', () => {
      const single = world({ coupons });
      expect(checkCoupon(single.state, 'shop', 'five', cart, null, T0, ['TEN'])).to.deep.include({ ok: false, code: 'coupon_already_applied' });
      const double = world({ coupons, couponsPerOrder: 2 });
      expect(checkCoupon(double.state, 'shop', 'five', cart, null, T0, ['TEN']).ok).to.equal(true);
      expect(checkCoupon(double.state, 'shop', 'solo', cart, null, T0, ['TEN']).ok).to.equal(false);
      expect(checkCoupon(double.state, 'shop', 'five', cart, null, T0, ['TEN', 'SOLO']).ok).to.equal(false);
    });

    it('rejects a program whose coupons are invalid, naming the coupon', () => {
      expect(validateProgram({ ...program(), coupons: [{ code: 'BAD', kind: 'percent', percent: 150, currency: 'USD' }] }).join(' ')).to.match(/coupons\[0\]\.percent/);
    });

    it('counts a coupon used on an order against its usage limit', () => {
      const { state, member } = world({ coupons: [{ code: 'ONCE', kind: 'fixed', amount: 500, currency: 'USD', perCustomerLimit: 1 }] });
      postOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 8000)], discounts: 500, couponCodes: ['once'], placedAt: T0 });
      expect(checkCoupon(state, 'shop', 'ONCE', cart, member, T0 + 1)).to.deep.include({ ok: false, code: 'coupon_usage_limit' });
    });
  });

  describe('codes on a posted order are checked again', () => {
    const order = (member: string | null, id: string, codes: string[], at: number, email?: string) => ({
      orderId: id, memberId: member, ...(email ? { email } : {}), currency: 'USD', lines: [line('a', 8000)], discounts: 1000, couponCodes: codes, placedAt: at,
    });
    const cart = { currency: 'USD', lines: [line('a', 8000)], subtotal: 8000 };

    it('charges a reward code used on two orders (two checkouts at once) a second time, and flags it', () => {
      const { state, member } = world({ joinIncentive: null });
      postOrder(state, 'shop', { ...order(member, 'earn', [], T0), lines: [line('a', 300_000)], discounts: 0 });
      const { couponCode, id } = redeem(state, 'shop', member, { rewardId: 'r10' }, T0 + days(31), 'k1');
      expect(checkCoupon(state, 'shop', couponCode, cart, member, T0 + days(31)).ok).to.equal(true);
      expect(postOrder(state, 'shop', order(member, 'o1', [couponCode], T0 + days(31) + 1)).couponFlags).to.equal(undefined);
      expect(state.redemptions[id]!.status).to.equal('used');
      const second = postOrder(state, 'shop', order(member, 'o2', [couponCode], T0 + days(31) + 2));
      expect(second.couponFlags).to.deep.equal([{ code: couponCode, reason: 'coupon_usage_limit', pointsCharged: 100 }]);
      // 300 earned, 100 spent, 100 charged again
      expect(points(state, member, T0 + days(31) + 3)).to.include({ available: 100, owed: 0 });
      // the answer to the same order again names the flag again
      expect(postOrder(state, 'shop', order(member, 'o2', [couponCode], T0 + days(31) + 2))).to.deep.include({ status: 'duplicate', couponFlags: second.couponFlags });
    });

    it('charges again a cancelled reward’s code that an order still carried', () => {
      const { state, member } = world({ joinIncentive: null });
      postOrder(state, 'shop', { ...order(member, 'earn', [], T0), lines: [line('a', 300_000)], discounts: 0 });
      const { couponCode, id } = redeem(state, 'shop', member, { rewardId: 'r10' }, T0 + days(31), 'k1');
      cancelRedemption(state, 'shop', member, id, T0 + days(31) + 1);
      expect(points(state, member, T0 + days(31) + 1).available).to.equal(300);
      const result = postOrder(state, 'shop', order(member, 'o1', [couponCode], T0 + days(31) + 2));
      expect(result.couponFlags).to.deep.equal([{ code: couponCode, reason: 'redemption_cancelled', pointsCharged: 100 }]);
      expect(points(state, member, T0 + days(31) + 2).available).to.equal(200);
      expect(state.redemptions[id]!.status).to.equal('used');
    });

    it('charges only the code’s own member, once per order, and checks a reward code’s own terms', () => {
      const { state, member } = world({ joinIncentive: { points: 50_000 } });
      const { couponCode } = redeem(state, 'shop', member, { rewardId: 'r10' }, T0, 'k1');
      postOrder(state, 'shop', order(member, 'o1', [couponCode], T0 + 1));
      // Bob (a guest) uses Ana's spent code: flagged, and Ana is not charged for what she did not do
      expect(postOrder(state, 'shop', order(null, 'g1', [couponCode], T0 + 2, 'bob@example.com')).couponFlags).to.deep.equal([{ code: couponCode, reason: 'coupon_usage_limit' }]);
      expect(points(state, member, T0 + 3).available).to.equal(49_900);
      // a new code listed twice on one order: one discount, no charge
      const second = redeem(state, 'shop', member, { rewardId: 'r10' }, T0 + 4, 'k2').couponCode;
      expect(postOrder(state, 'shop', order(member, 'o2', [second, second], T0 + 5)).couponFlags).to.deep.equal([{ code: second, reason: 'coupon_already_applied' }]);
      expect(state.couponUses.filter((u) => u.code === second)).to.have.length(1); // one use, as one discount
      expect(points(state, member, T0 + 6).available).to.equal(49_800);
      // pay with points sized on a $400 cart, used on an $80 order; a reward code used after it lapsed
      const pay = redeem(state, 'shop', member, { rewardId: 'pay', cartSubtotal: 40_000 }, T0 + 7, 'k3').couponCode;
      expect(postOrder(state, 'shop', order(member, 'o3', [pay], T0 + 8)).couponFlags?.[0]).to.deep.include({ code: pay, reason: 'coupon_min_spend' });
      const late = redeem(state, 'shop', member, { rewardId: 'ship' }, T0 + 9, 'k4').couponCode;
      expect(postOrder(state, 'shop', order(member, 'o4', [late], T0 + days(31))).couponFlags?.[0]).to.deep.include({ code: late, reason: 'coupon_expired' });
    });

    it('refuses an order with a line it cannot read and writes nothing of it', () => {
      const { state, member } = world({ coupons: [{ code: 'NOACME', kind: 'percent', percent: 10, currency: 'USD', exclude: { brands: ['Acme'] } }] });
      const before = JSON.stringify(state);
      const bad = { ...order(member, 'o1', ['NOACME'], T0), lines: [{ ...line('a', 8000), brand: null as unknown as string }] };
      expect(rejects(() => recordOrder(state, 'shop', bad)).params.field).to.equal('lines[0].brand');
      expect(JSON.stringify(state)).to.equal(before);
    });

    it('counts a once-per-customer code by the buyer’s email, for guests and for a member’s guest orders', () => {
      const { state, member } = world({ coupons: [{ code: 'FIRST10', kind: 'fixed', amount: 1000, currency: 'USD', perCustomerLimit: 1 }] });
      expect(postOrder(state, 'shop', order(null, 'g1', ['FIRST10'], T0, 'bob@example.com')).couponFlags).to.equal(undefined);
      expect(postOrder(state, 'shop', order(null, 'g2', ['FIRST10'], T0 + 1, 'Bob@Example.com')).couponFlags).to.deep.equal([
        { code: 'FIRST10', reason: 'coupon_usage_limit', params: { limit: 1, scope: 'customer' } },
      ]);
      // Ana used it as a guest before she signed in: signed in, it is used up for her
      postOrder(state, 'shop', order(null, 'g3', ['FIRST10'], T0 + 2, 'carla@example.com'));
      const carla = enrollMember(state, 'shop', { email: 'carla@example.com' }, T0 + 3).member.id;
      expect(checkCoupon(state, 'shop', 'FIRST10', cart, carla, T0 + 4)).to.deep.include({ ok: false, code: 'coupon_usage_limit' });
      expect(checkCoupon(state, 'shop', 'FIRST10', cart, member, T0 + 4).ok).to.equal(true);
      // an alias is the same customer: Bob again as bob+deals@, Carla's guest use counted for her alias-free membership
      expect(postOrder(state, 'shop', order(null, 'g4', ['FIRST10'], T0 + 5, 'bob+deals@example.com')).couponFlags?.[0]).to.deep.include({ code: 'FIRST10', reason: 'coupon_usage_limit' });
      postOrder(state, 'shop', order(null, 'g5', ['FIRST10'], T0 + 6, 'dana+shop@example.com'));
      const dana = enrollMember(state, 'shop', { email: 'dana@example.com' }, T0 + 7).member.id;
      expect(checkCoupon(state, 'shop', 'FIRST10', cart, dana, T0 + 8)).to.deep.include({ ok: false, code: 'coupon_usage_limit' });
    });
  });

  describe('tiers and memberships feed the earn rule', () => {
    it('earns at the tier multiplier once the member qualifies, and not more with a membership on top', () => {
      const tiers = goldTiers(1.5);
      const { state, member } = world({ joinIncentive: null, tiers });
      expect(recordOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 100_000)], placedAt: T0 }).points).to.equal(100);
      expect(recordOrder(state, 'shop', { orderId: 'o2', memberId: member, currency: 'USD', lines: [line('a', 20_000)], placedAt: T0 + days(1) }).points).to.equal(30);
      expect(previewCart(state, 'shop', { currency: 'USD', lines: [line('a', 20_000)], subtotal: 20_000 }, T0 + days(2), member).points).to.equal(30);
      recordReturn(state, 'shop', 'o1', { returnId: 'r1', amount: 100_000 }, T0 + days(3));
      expect(recordOrder(state, 'shop', { orderId: 'o3', memberId: member, currency: 'USD', lines: [line('a', 20_000)], placedAt: T0 + days(4) }).points).to.equal(20);
    });
  });

  describe('rewards the backend issues by itself', () => {
    it('takes back a tier gift and a spend-level coupon a return un-earned, unless already used', () => {
      const tiers = goldTiers(1, { description: 'Gold welcome', couponValue: 1500 });
      const cashback = { percent: 0, yearEndRebate: [], spendLevelRewards: [{ id: 's500', name: '$500 in a year', threshold: 50_000, reward: { kind: 'coupon' as const, value: 2000 } }] };
      const { state, member } = world({ joinIncentive: null, tiers, cashback });
      const year = new Date(T0).getUTCFullYear();
      const gold = `TIER-GOLD-${member.toUpperCase()}-${year}`;
      const spend = `SPEND-S500-${member.toUpperCase()}-${year}`;
      recordOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 100_000)], placedAt: T0 });
      expect(Object.keys(state.issuedCoupons).sort()).to.deep.equal([gold, spend].sort());
      // the gift is used on an order; then the big order goes back inside its window
      recordOrder(state, 'shop', { orderId: 'o2', memberId: member, currency: 'USD', lines: [line('b', 5000)], discounts: 1500, couponCodes: [gold], placedAt: T0 + days(1) });
      recordReturn(state, 'shop', 'o1', { returnId: 'r1', amount: 100_000 }, T0 + days(2));
      expect(Object.keys(state.issuedCoupons)).to.deep.equal([gold]);
      expect(state.cashback.spendRewardsIssued).to.deep.equal([]);
      // spending $500 again earns the spend-level coupon again
      recordOrder(state, 'shop', { orderId: 'o3', memberId: member, currency: 'USD', lines: [line('c', 50_000)], placedAt: T0 + days(3) });
      expect(Object.keys(state.issuedCoupons).sort()).to.deep.equal([gold, spend].sort());
    });

    it('pays every year-end rebate due, without waiting for a next order, and a skipped year’s too', () => {
      const cashback = { percent: 0, yearEndRebate: [{ minSpend: 50_000, percent: 2 }], spendLevelRewards: [] };
      const { state, member } = world({ joinIncentive: null, cashback });
      const year = new Date(T0).getUTCFullYear();
      recordOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 100_000)], placedAt: T0 });
      // no order in the next year, nor the one after: read two years on, both past years are settled
      const later = Date.UTC(year + 2, 2, 1);
      expect(settleRebates(state, state.cashback, 'shop', member, later, cashback)).to.deep.equal([{ programId: 'shop', memberId: member, year, amount: 2000, at: later }]);
      expect(settleRebates(state, state.cashback, 'shop', member, later + 1, cashback)).to.deep.equal([]);
      // and not before the year's return window has closed
      const fresh = world({ joinIncentive: null, cashback });
      recordOrder(fresh.state, 'shop', { orderId: 'o1', memberId: fresh.member, currency: 'USD', lines: [line('a', 100_000)], placedAt: T0 });
      expect(settleRebates(fresh.state, fresh.state.cashback, 'shop', fresh.member, Date.UTC(year + 1, 0, 20), cashback)).to.deep.equal([]);
    });

    it('keeps a tier gift when an earlier order is posted late, and takes it back on a January return of December’s order', () => {
      const tiers = goldTiers(1, { description: 'Gold welcome', couponValue: 1500 });
      const { state, member } = world({ joinIncentive: null, tiers });
      const gold = (year: number) => `TIER-GOLD-${member.toUpperCase()}-${year}`;
      recordOrder(state, 'shop', { orderId: 'big', memberId: member, currency: 'USD', lines: [line('a', 100_000)], placedAt: Date.UTC(2026, 11, 20) });
      expect(Object.keys(state.issuedCoupons)).to.deep.equal([gold(2026)]);
      // a small order of 1 March posted afterwards: nothing is taken back
      recordOrder(state, 'shop', { orderId: 'small', memberId: member, currency: 'USD', lines: [line('b', 1000)], placedAt: Date.UTC(2026, 2, 1) });
      expect(Object.keys(state.issuedCoupons)).to.deep.equal([gold(2026)]);
      // the big order comes back on 5 January, inside its window: 2026's gift goes
      recordReturn(state, 'shop', 'big', { returnId: 'r1', amount: 100_000 }, Date.UTC(2027, 0, 5));
      expect(Object.keys(state.issuedCoupons)).to.deep.equal([]);
    });

    it('issues a tier gift, a spend-level coupon once a year, and last year’s rebate after the return window', () => {
      const tiers = goldTiers(1, { description: 'Gold welcome', couponValue: 1500 });
      const cashback = { percent: 0, yearEndRebate: [{ minSpend: 50_000, percent: 2 }], spendLevelRewards: [{ id: 's500', name: '$500 in a year', threshold: 50_000, reward: { kind: 'coupon' as const, value: 2000 } }] };
      const { state, member } = world({ joinIncentive: null, tiers, cashback });
      const year = new Date(T0).getUTCFullYear();
      recordOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 60_000)], placedAt: T0 });
      expect(Object.keys(state.issuedCoupons)).to.deep.equal([`SPEND-S500-${member.toUpperCase()}-${year}`]);
      recordOrder(state, 'shop', { orderId: 'o2', memberId: member, currency: 'USD', lines: [line('a', 50_000)], placedAt: T0 + days(10) });
      expect(Object.keys(state.issuedCoupons).sort()).to.deep.equal([`SPEND-S500-${member.toUpperCase()}-${year}`, `TIER-GOLD-${member.toUpperCase()}-${year}`].sort());
      expect(state.issuedCoupons[`TIER-GOLD-${member.toUpperCase()}-${year}`]).to.include({ amount: 1500, memberId: member });
      const nextYear = Date.UTC(year + 1, 1, 15);
      recordOrder(state, 'shop', { orderId: 'o3', memberId: member, currency: 'USD', lines: [line('a', 1000)], placedAt: nextYear });
      expect(state.cashback.rebatesPaid).to.deep.equal([{ programId: 'shop', memberId: member, year, amount: 2200, at: nextYear }]);
      recordOrder(state, 'shop', { orderId: 'o4', memberId: member, currency: 'USD', lines: [line('a', 1000)], placedAt: nextYear + days(1) });
      expect(state.cashback.rebatesPaid).to.have.length(1);
    });
  });

  describe('adjustments', () => {
    it('adds or removes points by hand; a removal beyond the balance becomes a debt', () => {
      const { state, member } = world();
      adjustPoints(state, 'shop', member, 40, 'goodwill', T0 + 1);
      expect(points(state, member, T0 + 1).available).to.equal(140);
      adjustPoints(state, 'shop', member, -200, 'fraud', T0 + 2);
      expect(points(state, member, T0 + 2)).to.include({ available: 0, owed: 60 });
      expect(() => adjustPoints(state, 'shop', member, 0.5, 'x', T0)).to.throw(EngineError);
    });
  });

  describe('referrals', () => {
    function referred() {
      const { state, member: ana } = world();
      const code = state.members[ana]!.referralCode;
      return { state, ana, code };
    }

    it('rewards the referrer 500 points once the friend’s first order passes the return window', () => {
      const { state, ana, code } = referred();
      const friend = enrollMember(state, 'shop', { email: 'friend@example.com', referralCode: code.toLowerCase() }, T0);
      expect(friend.referral).to.deep.equal({ status: 'applied', welcomeCoupon: `WELCOME-${friend.member.id.toUpperCase().replace(/\W/g, '')}` });
      postOrder(state, 'shop', { orderId: 'f1', memberId: friend.member.id, currency: 'USD', lines: [line('a', 6000)], placedAt: T0 + days(1) });
      expect(points(state, ana, T0 + days(30)).pending).to.equal(500);
      expect(points(state, ana, T0 + days(31)).available).to.equal(600);
      expect(referralStats(state, ana, T0 + days(31))).to.include({ joined: 1, ordered: 1, rewarded: 1, pending: 0 });
    });

    it('rewards the referrer for a first order that just meets the minimum with the welcome discount on it', () => {
      const { state, ana, code } = referred();
      const friend = enrollMember(state, 'shop', { email: 'friend@example.com', referralCode: code }, T0);
      const welcome = friend.referral!.status === 'applied' ? friend.referral!.welcomeCoupon! : '';
      const cart = { currency: 'USD', lines: [line('a', 5000)], subtotal: 5000 };
      expect(checkCoupon(state, 'shop', welcome, cart, friend.member.id, T0 + days(1))).to.deep.include({ ok: true, discount: 1000 });
      postOrder(state, 'shop', { orderId: 'f1', memberId: friend.member.id, currency: 'USD', lines: [line('a', 5000)], discounts: 1000, couponCodes: [welcome], placedAt: T0 + days(1) });
      expect(referralStats(state, ana, T0 + days(31))).to.include({ ordered: 1, rewarded: 1 });
    });

    it('rewards no one when the friend returns the order inside the window', () => {
      const { state, ana, code } = referred();
      const friend = enrollMember(state, 'shop', { email: 'friend@example.com', referralCode: code }, T0);
      postOrder(state, 'shop', { orderId: 'f1', memberId: friend.member.id, currency: 'USD', lines: [line('a', 6000)], placedAt: T0 });
      postReturn(state, 'shop', 'f1', { returnId: 'r', amount: 6000 }, T0 + days(5));
      expect(points(state, ana, T0 + days(60))).to.include({ available: 100, pending: 0 });
    });

    it('counts the monthly cap on friends who joined that month, not on other friends’ rewards landing in it', () => {
      const { state, ana, code } = referred(); // a cap of 2 a month
      const feb = Date.UTC(2026, 1, 3);
      for (const n of [1, 2]) {
        const f = enrollMember(state, 'shop', { email: `feb${n}@example.com`, referralCode: code }, feb);
        postOrder(state, 'shop', { orderId: `feb${n}`, memberId: f.member.id, currency: 'USD', lines: [line('a', 6000)], placedAt: feb + days(2) });
      }
      // both rewards land on Mar 7; a friend joining on Mar 10 is this month's first
      const march = enrollMember(state, 'shop', { email: 'march@example.com', referralCode: code }, Date.UTC(2026, 2, 10));
      expect(march.referral?.status).to.equal('applied');
      postOrder(state, 'shop', { orderId: 'mar1', memberId: march.member.id, currency: 'USD', lines: [line('a', 6000)], placedAt: Date.UTC(2026, 2, 12) });
      expect(referralStats(state, ana, Date.UTC(2026, 4, 1))).to.include({ ordered: 3, rewarded: 3 });
    });

    it('knows one person by their mailbox: aliases cannot refer their owner, nor join twice for the bonus', () => {
      const { state, code } = referred(); // Ana is ana@example.com
      for (const alias of ['Ana+2@example.com', 'ana+shop@EXAMPLE.com']) {
        expect(rejects(() => enrollMember(state, 'shop', { email: alias, referralCode: code }, T0)).code).to.equal('already_member');
      }
      const gmail = enrollMember(state, 'shop', { email: 'bo.b@gmail.com' }, T0);
      expect(rejects(() => enrollMember(state, 'shop', { email: 'bob+x@googlemail.com', referralCode: gmail.member.referralCode }, T0)).code).to.equal('already_member');
      // a customer who bought as carla+shop@ is an existing customer as carla@
      postOrder(state, 'shop', { orderId: 'c1', email: 'carla+shop@example.com', currency: 'USD', lines: [line('a', 1000)], placedAt: T0 });
      expect(enrollMember(state, 'shop', { email: 'carla@example.com', referralCode: code }, T0).referral).to.deep.equal({ status: 'rejected', code: 'referral_existing_customer' });
      // other people stay other people
      expect(enrollMember(state, 'shop', { email: 'anabel@example.com', referralCode: code }, T0).referral?.status).to.equal('applied');
      expect(mailboxOf('a.na+x@example.com')).to.equal('a.na@example.com');
      // an order posted under an alias is the member's
      expect(postOrder(state, 'shop', { orderId: 'alias-order', email: 'Ana+shop@example.com', currency: 'USD', lines: [line('a', 5000)], placedAt: T0 }).status).to.equal('recorded');
    });

    it('blocks self-referral, existing customers and unknown codes, and caps rewards per month', () => {
      const { state, code } = referred();
      expect(enrollMember(state, 'shop', { email: 'x@example.com', referralCode: 'NOPE' }, T0).referral).to.deep.equal({ status: 'rejected', code: 'referral_unknown_code' });
      postOrder(state, 'shop', { orderId: 'old', email: 'old@example.com', currency: 'USD', lines: [line('a', 1000)], placedAt: T0 });
      expect(enrollMember(state, 'shop', { email: 'old@example.com', referralCode: code }, T0).referral).to.deep.equal({ status: 'rejected', code: 'referral_existing_customer' });
      state.members[Object.keys(state.members)[0]!]!.deviceId = 'device-1';
      expect(enrollMember(state, 'shop', { email: 'alias@example.com', referralCode: code, deviceId: 'device-1' }, T0).referral).to.deep.equal({ status: 'rejected', code: 'self_referral' });
      for (const n of [1, 2, 3]) {
        const f = enrollMember(state, 'shop', { email: `f${n}@example.com`, referralCode: code }, T0);
        if (f.referral?.status === 'applied') postOrder(state, 'shop', { orderId: `f${n}`, memberId: f.member.id, currency: 'USD', lines: [line('a', 6000)], placedAt: T0 });
        else expect(f.referral).to.deep.equal({ status: 'rejected', code: 'referral_cap_reached' });
      }
      expect(state.referrals.filter((r) => r.status === 'ordered')).to.have.length(2);
    });
  });
});
