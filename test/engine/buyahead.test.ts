import { expect } from '@open-wc/testing';
import { memberPoints, postOrder, postReturn, type EngineState } from '../../src/engine/index.js';
import { buyAheadDiscountFor, buyAheadPurchases, syncBuyAheadBonus, validateBuyAheadConfig, type BuyAheadConfig } from '../../src/engine/buyahead.js';
import { T0, days, line, world } from './fixtures.js';

const pass: BuyAheadConfig = { id: 'pass', name: 'Coffee pass', productId: 'pass', bonusPoints: 200, discountPercent: 10, uses: 3 };

function order(state: EngineState, member: string, orderId: string, at: number, lines = [line('latte', 400)]) {
  postOrder(state, 'shop', { orderId, memberId: member, currency: 'USD', lines, placedAt: at });
}

const available = (state: EngineState, member: string, at: number) => memberPoints(state, 'shop', member, at).summary.available;

describe('buy-ahead cards', () => {
  it('gives 200 bonus points at once when the card is bought, once', () => {
    const { state, member } = world({ joinIncentive: null });
    order(state, member, 'o1', T0, [line('pass', 2500)]);
    expect(syncBuyAheadBonus(state, 'shop', member, pass, T0)).to.deep.equal({ granted: 200, reversed: 0 });
    expect(syncBuyAheadBonus(state, 'shop', member, pass, T0 + 1)).to.deep.equal({ granted: 0, reversed: 0 });
    expect(available(state, member, T0)).to.equal(200); // the order's own 2 points wait for the return window
    const bonus = state.ledger.find((e) => e.kind === 'earn' && e.source === 'promotion');
    expect(bonus).to.deep.include({ points: 200, availableAt: T0, orderId: 'o1' });
  });

  it('discounts the next 3 orders by 10%, then stops', () => {
    const { state, member } = world();
    expect(buyAheadDiscountFor(state, 'shop', member, pass, T0).eligible).to.equal(false);
    order(state, member, 'buy', T0, [line('pass', 2500), line('latte', 400)]);
    expect(buyAheadDiscountFor(state, 'shop', member, pass, T0)).to.deep.equal({ eligible: true, percent: 10, usesRemaining: 3, usesTotal: 3, usesUsed: 0, expiresAt: null });
    order(state, member, 'n1', T0 + days(1));
    order(state, member, 'n2', T0 + days(2));
    expect(buyAheadDiscountFor(state, 'shop', member, pass, T0 + days(2))).to.include({ eligible: true, usesRemaining: 1, usesUsed: 2 });
    order(state, member, 'n3', T0 + days(3));
    expect(buyAheadDiscountFor(state, 'shop', member, pass, T0 + days(3))).to.include({ eligible: false, usesRemaining: 0, usesUsed: 3 });
    // derived at any time
    expect(buyAheadDiscountFor(state, 'shop', member, pass, T0 + days(1)).usesRemaining).to.equal(2);
  });

  it('a fully returned discounted order gives its use back', () => {
    const { state, member } = world();
    order(state, member, 'buy', T0, [line('pass', 2500)]);
    order(state, member, 'n1', T0 + days(1));
    expect(buyAheadDiscountFor(state, 'shop', member, pass, T0 + days(1)).usesRemaining).to.equal(2);
    postReturn(state, 'shop', 'n1', { returnId: 'r1', amount: 400 }, T0 + days(2));
    expect(buyAheadDiscountFor(state, 'shop', member, pass, T0 + days(2)).usesRemaining).to.equal(3);
  });

  it('returning the card takes its bonus back and its discounts away', () => {
    const { state, member } = world({ joinIncentive: null });
    order(state, member, 'buy', T0, [line('pass', 2500), line('pass', 2500)]);
    expect(buyAheadPurchases(state, 'shop', member, pass, T0)).to.deep.equal([{ orderId: 'buy', placedAt: T0, units: 2 }]);
    expect(syncBuyAheadBonus(state, 'shop', member, pass, T0).granted).to.equal(400);
    expect(buyAheadDiscountFor(state, 'shop', member, pass, T0).usesRemaining).to.equal(6);
    postReturn(state, 'shop', 'buy', { returnId: 'r1', lines: [{ id: 'pass', quantity: 1 }] }, T0 + days(1));
    expect(syncBuyAheadBonus(state, 'shop', member, pass, T0 + days(1))).to.deep.equal({ granted: 0, reversed: 200 });
    expect(buyAheadDiscountFor(state, 'shop', member, pass, T0 + days(1)).usesRemaining).to.equal(3);
    expect(available(state, member, T0 + days(1))).to.equal(200);
    postReturn(state, 'shop', 'buy', { returnId: 'r2', amount: 2500 }, T0 + days(2));
    expect(syncBuyAheadBonus(state, 'shop', member, pass, T0 + days(2))).to.deep.equal({ granted: 0, reversed: 200 });
    expect(syncBuyAheadBonus(state, 'shop', member, pass, T0 + days(2))).to.deep.equal({ granted: 0, reversed: 0 });
    expect(available(state, member, T0 + days(2))).to.equal(0);
    expect(buyAheadDiscountFor(state, 'shop', member, pass, T0 + days(2)).eligible).to.equal(false);
  });

  it('lets the discounts lapse after validDays', () => {
    const { state, member } = world();
    const card = { ...pass, validDays: 30 };
    order(state, member, 'buy', T0, [line('pass', 2500)]);
    expect(buyAheadDiscountFor(state, 'shop', member, card, T0 + days(29))).to.include({ eligible: true, expiresAt: T0 + days(30) });
    expect(buyAheadDiscountFor(state, 'shop', member, card, T0 + days(30))).to.include({ eligible: false, usesRemaining: 0 });
    // a later order does not use a lapsed discount
    order(state, member, 'late', T0 + days(31));
    expect(buyAheadDiscountFor(state, 'shop', member, card, T0 + days(31)).usesUsed).to.equal(0);
  });

  it('names each invalid field', () => {
    expect(validateBuyAheadConfig({ id: 'p', name: 'P', productId: '', bonusPoints: -1, discountPercent: 120, uses: 0 }, 'buyAhead[0]')).to.deep.equal([
      'buyAhead[0].productId is required',
      'buyAhead[0].bonusPoints must be an integer ≥ 0',
      'buyAhead[0].discountPercent must be in (0, 100]',
      'buyAhead[0].uses must be an integer ≥ 1',
    ]);
    expect(validateBuyAheadConfig(pass)).to.deep.equal([]);
  });
});
