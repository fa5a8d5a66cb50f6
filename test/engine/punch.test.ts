import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { checkCoupon, postOrder, postReturn, type EngineState, type OrderRecord } from '../../src/engine/index.js';
import { issueDueRewards, punchesAt, punchRewardCode, validatePunchCardConfig, type PunchCardConfig } from '../../src/engine/punch.js';
import { T0, days, line, world } from './fixtures.js';

const coffeeCard = (overrides: Partial<PunchCardConfig> = {}): PunchCardConfig => ({
  id: 'coffee',
  name: 'Coffee card',
  appliesTo: { categories: ['Coffee'] },
  required: 5,
  per: 'unit',
  maxPerOrder: 2,
  maxPerDay: 2,
  ...overrides,
});

const coffee = (price: number, quantity = 1, id = 'latte') => line(id, price, quantity, { category: 'coffee' });
const mug = (price: number) => line('mug', price, 1, { category: 'Mugs' });

let seq = 0;
function order(state: EngineState, member: string, at: number, lines: ReturnType<typeof line>[], orderId = `o${++seq}`): string {
  postOrder(state, 'shop', { orderId, memberId: member, currency: 'USD', lines, placedAt: at });
  return orderId;
}

describe('punch cards', () => {
  it('buy 5 coffees, the 6th is free up to the cheapest punched value', () => {
    const { state, member } = world();
    const card = coffeeCard();
    [350, 400, 300, 450, 380].forEach((price, i) => order(state, member, T0 + days(i), [coffee(price)]));
    const status = punchesAt(state, 'shop', member, card, T0 + days(5));
    expect(status).to.include({ punches: 5, onCard: 0, rewardsEarned: 1, rewardsIssued: 0 });
    expect(status.cheapestPunchedValue).to.deep.equal([300]);

    const first = issueDueRewards(state, 'shop', member, card, T0 + days(5));
    const code = punchRewardCode('coffee', member, 1);
    expect(first.issued).to.deep.equal([code]);
    expect(state.issuedCoupons[code]).to.deep.include({ programId: 'shop', kind: 'fixed', amount: 300, currency: 'USD', memberId: member, usageLimit: 1 });
    expect(state.issuedCoupons[code]!.includeOnly).to.deep.equal({ categories: ['Coffee'] });
    expect(first.status.rewardsIssued).to.equal(1);

    // idempotent
    expect(issueDueRewards(state, 'shop', member, card, T0 + days(6)).issued).to.deep.equal([]);
    expect(Object.keys(state.issuedCoupons)).to.have.length(1);

    // the 6th: a $4.50 coffee costs $1.50, a $2.50 one is free; a mug is not covered
    const cart = (lines: ReturnType<typeof line>[]) => ({ currency: 'USD', lines, subtotal: lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0) });
    const big = checkCoupon(state, 'shop', code.toLowerCase(), cart([coffee(450)]), member, T0 + days(6));
    expect(big.ok && big.discount).to.equal(300);
    const small = checkCoupon(state, 'shop', code, cart([coffee(250)]), member, T0 + days(6));
    expect(small.ok && small.discount).to.equal(250);
    expect(checkCoupon(state, 'shop', code, cart([mug(900)]), member, T0 + days(6))).to.deep.include({ ok: false, code: 'coupon_excluded_items' });
    expect(checkCoupon(state, 'shop', code, cart([coffee(450)]), 'someone-else', T0 + days(6))).to.deep.include({ ok: false, code: 'coupon_members_only' });
  });

  it('gives at most maxPerOrder punches per order: 3 units with maxPerOrder 2 → 2 punches', () => {
    const { state, member } = world();
    order(state, member, T0, [coffee(400, 3)]);
    expect(punchesAt(state, 'shop', member, coffeeCard({ maxPerDay: 10 }), T0).punches).to.equal(2);
    // the cheapest units are the punched ones
    order(state, member, T0 + days(1), [coffee(500, 1, 'mocha'), coffee(300, 1, 'espresso'), coffee(400)]);
    const list = punchesAt(state, 'shop', member, coffeeCard({ maxPerDay: 10 }), T0 + days(1)).list;
    expect(list.slice(2).map((p) => p.value)).to.deep.equal([300, 400]);
  });

  it('gives at most maxPerDay punches per UTC day over several orders', () => {
    const { state, member } = world();
    const card = coffeeCard({ maxPerOrder: 1, maxPerDay: 1 });
    order(state, member, T0, [coffee(400)]);
    order(state, member, T0 + 3_600_000, [coffee(400)]);
    order(state, member, T0 + 7_200_000, [coffee(400)]);
    expect(punchesAt(state, 'shop', member, card, T0 + days(0.5)).punches).to.equal(1);
    order(state, member, T0 + days(1), [coffee(400)]);
    expect(punchesAt(state, 'shop', member, card, T0 + days(1)).punches).to.equal(2);
  });

  it('punches once per order with per: order, whatever the quantity', () => {
    const { state, member } = world();
    order(state, member, T0, [coffee(400, 4), coffee(250)]);
    const status = punchesAt(state, 'shop', member, coffeeCard({ per: 'order', maxPerOrder: 5, maxPerDay: 5 }), T0);
    expect(status.punches).to.equal(1);
    expect(status.list[0]!.value).to.equal(250);
  });

  it('does not punch other products, free items or orders not yet placed', () => {
    const { state, member } = world();
    order(state, member, T0, [mug(1200), line('latte', 0, 1, { category: 'Coffee' })]);
    order(state, member, T0 + days(3), [coffee(400)]);
    const card = coffeeCard();
    expect(punchesAt(state, 'shop', member, card, T0 + days(1)).punches).to.equal(0);
    expect(punchesAt(state, 'shop', member, card, T0 + days(3)).punches).to.equal(1);
  });

  it('removes the punches of returned units', () => {
    const { state, member } = world();
    const card = coffeeCard({ maxPerOrder: 3, maxPerDay: 3 });
    const o1 = order(state, member, T0, [coffee(400, 3)]);
    const o2 = order(state, member, T0 + days(1), [coffee(400)]);
    expect(punchesAt(state, 'shop', member, card, T0 + days(2)).punches).to.equal(4);
    postReturn(state, 'shop', o1, { returnId: 'r1', lines: [{ id: 'latte', quantity: 1 }] }, T0 + days(2));
    expect(punchesAt(state, 'shop', member, card, T0 + days(2)).punches).to.equal(3);
    postReturn(state, 'shop', o2, { returnId: 'r2', amount: 400 }, T0 + days(2));
    expect(punchesAt(state, 'shop', member, card, T0 + days(2)).punches).to.equal(2);
    postReturn(state, 'shop', o1, { returnId: 'r3', lines: [{ id: 'latte', quantity: 2 }] }, T0 + days(2));
    expect(punchesAt(state, 'shop', member, card, T0 + days(2)).punches).to.equal(0);
  });

  it('uses returned units per line when the order records them', () => {
    const { state, member } = world();
    const card = coffeeCard({ maxPerOrder: 5, maxPerDay: 5 });
    const id = order(state, member, T0, [coffee(400, 2), mug(800)]);
    postReturn(state, 'shop', id, { returnId: 'r1', lines: [{ id: 'mug', quantity: 1 }] }, T0 + days(1));
    // The order records which units came back: the mug, so both coffee punches stay.
    expect(state.orders[`shop:${id}`]!.returnedUnits).to.deep.equal({ mug: 1 });
    expect(punchesAt(state, 'shop', member, card, T0 + days(1)).punches).to.equal(2);
    // Without per-line records (an amount-only return), the amount is taken from the coffees (the safe side).
    delete (state.orders[`shop:${id}`] as OrderRecord).returnedUnits;
    expect(punchesAt(state, 'shop', member, card, T0 + days(1)).punches).to.equal(0);
  });

  it('withdraws an unused reward when a return takes its punches away, never a used one', () => {
    const { state, member } = world();
    const card = coffeeCard({ required: 2 });
    const a = order(state, member, T0, [coffee(400)]);
    order(state, member, T0 + days(1), [coffee(300)]);
    const code = punchRewardCode('coffee', member, 1);
    expect(issueDueRewards(state, 'shop', member, card, T0 + days(1)).issued).to.deep.equal([code]);
    postReturn(state, 'shop', a, { returnId: 'r1', amount: 400 }, T0 + days(2));
    const sync = issueDueRewards(state, 'shop', member, card, T0 + days(2));
    expect(sync.revoked).to.deep.equal([code]);
    expect(state.issuedCoupons[code]).to.equal(undefined);
    expect(sync.status).to.include({ punches: 1, rewardsEarned: 0, rewardsIssued: 0 });

    // earned again, used, then the punches are returned: the used coupon stays and counts
    const c = order(state, member, T0 + days(3), [coffee(350)]);
    expect(issueDueRewards(state, 'shop', member, card, T0 + days(3)).issued).to.deep.equal([code]);
    postOrder(state, 'shop', { orderId: 'used', memberId: member, currency: 'USD', lines: [coffee(350, 1, 'flat-white')], discounts: 300, couponCodes: [code], placedAt: T0 + days(4) });
    postReturn(state, 'shop', 'used', { returnId: 'r2', amount: 50 }, T0 + days(5));
    postReturn(state, 'shop', c, { returnId: 'r3', amount: 350 }, T0 + days(5));
    const after = issueDueRewards(state, 'shop', member, card, T0 + days(5));
    expect(after.revoked).to.deep.equal([]);
    expect(state.issuedCoupons[code]).to.not.equal(undefined);
    expect(after.status).to.include({ punches: 1, rewardsEarned: 0, rewardsIssued: 1, toNextReward: 3 });
  });

  it('names each invalid field', () => {
    const problems = validatePunchCardConfig({ id: 'x y', name: '', appliesTo: {}, required: 0, per: 'visit', maxPerOrder: 0, maxPerDay: 1.5 }, 'punchCards[0]');
    expect(problems).to.include.members([
      'punchCards[0].id must be 1–64 letters, digits, "_" or "-"',
      'punchCards[0].name is required',
      'punchCards[0].appliesTo must select at least one product, brand or category',
      'punchCards[0].required must be an integer between 1 and 1000',
      "punchCards[0].per must be 'unit' or 'order'",
      'punchCards[0].maxPerOrder must be an integer ≥ 1',
      'punchCards[0].maxPerDay must be an integer ≥ 1',
    ]);
    expect(validatePunchCardConfig(coffeeCard())).to.deep.equal([]);
  });

  it('property: punches never exceed qualifying units kept, nor the per-order and per-day caps', () => {
    const orderArb = fc.record({
      day: fc.integer({ min: 0, max: 6 }),
      coffees: fc.integer({ min: 0, max: 4 }),
      price: fc.integer({ min: 1, max: 900 }),
      mugs: fc.integer({ min: 0, max: 2 }),
      returnCoffees: fc.integer({ min: 0, max: 4 }),
      returnAmount: fc.integer({ min: 0, max: 3000 }),
    });
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 12 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom<'unit' | 'order'>('unit', 'order'), (orders, maxPerOrder, maxPerDay, per) => {
        const { state, member } = world();
        const card = coffeeCard({ maxPerOrder, maxPerDay, per, required: 3 });
        let kept = 0;
        orders.forEach((o, i) => {
          const lines = [...(o.coffees ? [coffee(o.price, o.coffees)] : []), ...(o.mugs ? [line('mug', 800, o.mugs, { category: 'Mugs' })] : [])];
          if (!lines.length) return;
          const id = `p${i}`;
          postOrder(state, 'shop', { orderId: id, memberId: member, currency: 'USD', lines, placedAt: T0 + days(o.day) + i });
          const back = Math.min(o.returnCoffees, o.coffees);
          if (back) postReturn(state, 'shop', id, { returnId: `r${i}`, lines: [{ id: 'latte', quantity: back }] }, T0 + days(8));
          if (o.returnAmount) postReturn(state, 'shop', id, { returnId: `ra${i}`, amount: o.returnAmount }, T0 + days(8));
          kept += o.coffees - back;
        });
        const status = punchesAt(state, 'shop', member, card, T0 + days(9));
        expect(status.punches).to.be.at.most(kept);
        const byOrder = new Map<string, number>();
        const byDay = new Map<number, number>();
        for (const p of status.list) {
          byOrder.set(p.orderId, (byOrder.get(p.orderId) ?? 0) + 1);
          const day = Math.floor(p.at / days(1));
          byDay.set(day, (byDay.get(day) ?? 0) + 1);
        }
        for (const n of byOrder.values()) expect(n).to.be.at.most(per === 'order' ? 1 : maxPerOrder);
        for (const n of byDay.values()) expect(n).to.be.at.most(maxPerDay);
        expect(status.rewardsEarned).to.equal(Math.floor(status.punches / 3));
        issueDueRewards(state, 'shop', member, card, T0 + days(9));
        expect(issueDueRewards(state, 'shop', member, card, T0 + days(9)).issued).to.deep.equal([]);
      }),
      { numRuns: 150 },
    );
  });
});
