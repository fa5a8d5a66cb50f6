import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { EngineError } from '../../src/engine/index.js';
import {
  debitGiftCard, emptyGiftCardState, giftCardBalance, giftCardHistory, issueGiftCard, normalizeGiftCardCode, refundGiftCard, validateGiftCardConfig, type GiftCardState,
} from '../../src/engine/giftcards.js';
import { T0, days, world, rejects } from './fixtures.js';


const usd = (amount: number) => ({ amount, currency: 'USD' });

function setup(value = 5000, expiresAt?: number | null) {
  const { state } = world();
  const slice: GiftCardState = emptyGiftCardState();
  issueGiftCard(state, slice, 'shop', { code: 'GIFT-0001-ABCD', currency: 'USD', value, ...(expiresAt !== undefined ? { expiresAt } : {}) }, T0);
  return { state, slice };
}

describe('gift cards', () => {
  it('a $50 card: $20 debit, the replayed debit changes nothing, $40 is refused with the $30 balance', () => {
    const { state, slice } = setup();
    expect(giftCardBalance(slice, 'shop', 'gift-0001-abcd', T0)).to.deep.include({ code: 'GIFT0001ABCD', balance: usd(5000), status: 'active' });
    const first = debitGiftCard(state, slice, 'shop', 'GIFT-0001-ABCD', { amount: usd(2000), idempotencyKey: 'k1', orderId: 'o1' }, T0 + 1);
    expect(first).to.deep.include({ debited: usd(2000), balance: usd(3000) });
    const replay = debitGiftCard(state, slice, 'shop', 'GIFT-0001-ABCD', { amount: usd(2000), idempotencyKey: 'k1', orderId: 'o1' }, T0 + 2);
    expect(replay).to.deep.equal(first);
    expect(giftCardBalance(slice, 'shop', 'GIFT-0001-ABCD', T0 + 2).balance).to.deep.equal(usd(3000));
    expect(giftCardHistory(slice, 'shop', 'GIFT-0001-ABCD')).to.have.length(1);

    const refused = rejects(() => debitGiftCard(state, slice, 'shop', 'GIFT-0001-ABCD', { amount: usd(4000), idempotencyKey: 'k2' }, T0 + 3));
    expect(refused.code).to.equal('insufficient_balance');
    expect(refused.params).to.deep.equal({ balance: usd(3000) });
  });

  it('the same key with another amount is a conflict', () => {
    const { state, slice } = setup();
    debitGiftCard(state, slice, 'shop', 'GIFT-0001-ABCD', { amount: usd(1000), idempotencyKey: 'k1' }, T0);
    expect(rejects(() => debitGiftCard(state, slice, 'shop', 'GIFT-0001-ABCD', { amount: usd(1500), idempotencyKey: 'k1' }, T0)).code).to.equal('conflict');
  });

  it('matches codes case-insensitively, ignoring spaces and dashes', () => {
    const { slice } = setup();
    expect(normalizeGiftCardCode(' gift 0001-abcd ')).to.equal('GIFT0001ABCD');
    expect(giftCardBalance(slice, 'shop', 'gift 0001 abcd', T0).balance.amount).to.equal(5000);
    expect(rejects(() => giftCardBalance(slice, 'shop', 'GIFT-0002-ABCD', T0)).code).to.equal('not_found');
    expect(rejects(() => giftCardBalance(slice, 'other', 'GIFT-0001-ABCD', T0)).code).to.equal('not_found');
  });

  it('takes what the card has with allowPartial, and refuses an empty card', () => {
    const { state, slice } = setup(1500);
    const partial = debitGiftCard(state, slice, 'shop', 'GIFT0001ABCD', { amount: usd(4000), idempotencyKey: 'p1', allowPartial: true }, T0);
    expect(partial).to.deep.include({ debited: usd(1500), balance: usd(0) });
    expect(giftCardBalance(slice, 'shop', 'GIFT0001ABCD', T0).status).to.equal('empty');
    const empty = rejects(() => debitGiftCard(state, slice, 'shop', 'GIFT0001ABCD', { amount: usd(100), idempotencyKey: 'p2', allowPartial: true }, T0));
    expect(empty).to.deep.include({ code: 'insufficient_balance' });
    expect(empty.params).to.deep.equal({ balance: usd(0) });
  });

  it('refunds a debit, in parts, never more than was debited', () => {
    const { state, slice } = setup();
    const debit = debitGiftCard(state, slice, 'shop', 'GIFT0001ABCD', { amount: usd(2000), idempotencyKey: 'd1' }, T0);
    const part = refundGiftCard(state, slice, 'shop', debit.debitId, { amount: usd(500), idempotencyKey: 'r1' }, T0 + 1);
    expect(part).to.deep.include({ refunded: usd(500), balance: usd(3500) });
    expect(refundGiftCard(state, slice, 'shop', debit.debitId, { amount: usd(500), idempotencyKey: 'r1' }, T0 + 2)).to.deep.equal(part);
    const tooMuch = rejects(() => refundGiftCard(state, slice, 'shop', debit.debitId, { amount: usd(1600), idempotencyKey: 'r2' }, T0 + 3));
    expect(tooMuch.code).to.equal('validation');
    expect(tooMuch.params).to.deep.include({ field: 'amount', refundable: usd(1500) });
    const rest = refundGiftCard(state, slice, 'shop', debit.debitId, { idempotencyKey: 'r3' }, T0 + 4);
    expect(rest).to.deep.include({ refunded: usd(1500), balance: usd(5000) });
    expect(rejects(() => refundGiftCard(state, slice, 'shop', 'gd_nope', { idempotencyKey: 'r4' }, T0)).code).to.equal('not_found');
  });

  it('refunds a debit only onto the card it was taken from, when the card is named', () => {
    const { state, slice } = setup();
    issueGiftCard(state, slice, 'shop', { code: 'GIFT0002WXYZ', currency: 'USD', value: 1000 }, T0);
    const debit = debitGiftCard(state, slice, 'shop', 'GIFT0001ABCD', { amount: usd(2000), idempotencyKey: 'd1' }, T0);
    expect(rejects(() => refundGiftCard(state, slice, 'shop', debit.debitId, { idempotencyKey: 'w1', code: 'GIFT0002WXYZ' }, T0 + 1)).code).to.equal('not_found');
    expect(giftCardBalance(slice, 'shop', 'GIFT0002WXYZ', T0 + 1).balance).to.deep.equal(usd(1000));
    // the code as a shopper types it (dashes, lower case) names the same card
    expect(refundGiftCard(state, slice, 'shop', debit.debitId, { idempotencyKey: 'w2', code: 'gift-0001-abcd' }, T0 + 1)).to.deep.include({ refunded: usd(2000), balance: usd(5000) });
  });

  it('requires the card currency', () => {
    const { state, slice } = setup();
    const error = rejects(() => debitGiftCard(state, slice, 'shop', 'GIFT0001ABCD', { amount: { amount: 1000, currency: 'EUR' }, idempotencyKey: 'e1' }, T0));
    expect(error.code).to.equal('validation');
    expect(error.params).to.deep.equal({ field: 'currency', currency: 'USD' });
    expect(giftCardBalance(slice, 'shop', 'GIFT0001ABCD', T0).balance.amount).to.equal(5000);
  });

  it('refuses an expired card', () => {
    const { state, slice } = setup(5000, T0 + days(365));
    expect(debitGiftCard(state, slice, 'shop', 'GIFT0001ABCD', { amount: usd(100), idempotencyKey: 'x1' }, T0 + days(364)).balance.amount).to.equal(4900);
    const error = rejects(() => debitGiftCard(state, slice, 'shop', 'GIFT0001ABCD', { amount: usd(100), idempotencyKey: 'x2' }, T0 + days(365)));
    expect(error.code).to.equal('expired');
    expect(error.params).to.deep.equal({ expiredOn: new Date(T0 + days(365)).toISOString() });
    expect(giftCardBalance(slice, 'shop', 'GIFT0001ABCD', T0 + days(365)).status).to.equal('expired');
  });

  it('validates issue, debit input and configuration', () => {
    const { state, slice } = setup();
    expect(rejects(() => issueGiftCard(state, slice, 'shop', { code: 'abc', currency: 'USD', value: 100 }, T0)).params.field).to.equal('code');
    expect(rejects(() => issueGiftCard(state, slice, 'shop', { code: 'GIFT0002ABCD', currency: 'usd', value: 100 }, T0)).params.field).to.equal('currency');
    // a card in a currency the store's orders are never in could not be spent
    expect(rejects(() => issueGiftCard(state, slice, 'shop', { code: 'GIFT0003ABCD', currency: 'EUR', value: 100 }, T0)).params.field).to.equal('currency');
    expect(rejects(() => issueGiftCard(state, slice, 'shop', { code: 'GIFT0002ABCD', currency: 'USD', value: 0 }, T0)).params.field).to.equal('value');
    expect(rejects(() => issueGiftCard(state, slice, 'shop', { code: 'GIFT0002ABCD', currency: 'USD', value: 100_001 }, T0)).params.field).to.equal('value');
    // the same card again is a retry; another value under the same code is a conflict
    expect(issueGiftCard(state, slice, 'shop', { code: 'gift0001abcd', currency: 'USD', value: 5000 }, T0 + 5).balance.amount).to.equal(5000);
    expect(rejects(() => issueGiftCard(state, slice, 'shop', { code: 'GIFT0001ABCD', currency: 'USD', value: 9000 }, T0)).code).to.equal('conflict');
    expect(rejects(() => debitGiftCard(state, slice, 'shop', 'GIFT0001ABCD', { amount: usd(100), idempotencyKey: '' }, T0)).params.field).to.equal('idempotencyKey');
    expect(rejects(() => debitGiftCard(state, slice, 'shop', 'GIFT0001ABCD', { amount: usd(-5), idempotencyKey: 'n' }, T0)).params.field).to.equal('amount');
    expect(rejects(() => debitGiftCard(state, slice, 'shop', 'GIFT0001ABCD', { amount: usd(1.5), idempotencyKey: 'n' }, T0)).params.field).to.equal('amount');
    expect(validateGiftCardConfig({ maxValue: 0, expiryDays: -1 })).to.deep.equal([
      'giftCards.maxValue must be a positive integer of minor units',
      'giftCards.expiryDays must be an integer ≥ 1 or null',
    ]);
    expect(validateGiftCardConfig({ maxValue: 50_000, expiryDays: null })).to.deep.equal([]);
  });

  it('applies the configured expiry when none is given', () => {
    const { state } = world();
    const slice = emptyGiftCardState();
    const card = issueGiftCard(state, slice, 'shop', { code: 'GIFTEXPIRES1', currency: 'USD', value: 1000 }, T0, { maxValue: 10_000, expiryDays: 30 });
    expect(card.expiresAt).to.equal(T0 + days(30));
  });

  it('property: the balance never goes negative nor above the value over random debits and refunds', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('debit' as const), amount: fc.integer({ min: -10, max: 4000 }), key: fc.integer({ min: 0, max: 15 }), partial: fc.boolean() }),
      fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(), amount: fc.option(fc.integer({ min: 0, max: 3000 })), key: fc.integer({ min: 0, max: 15 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.array(op, { maxLength: 40 }), (value, ops) => {
        const { state, slice } = setup(value);
        const debits: string[] = [];
        let t = T0;
        for (const o of ops) {
          t += 1000;
          try {
            if (o.kind === 'debit') {
              const r = debitGiftCard(state, slice, 'shop', 'GIFT0001ABCD', { amount: usd(o.amount), idempotencyKey: `d${o.key}`, allowPartial: o.partial }, t);
              if (!debits.includes(r.debitId)) debits.push(r.debitId);
            } else if (debits.length) {
              const debitId = debits[o.pick % debits.length]!;
              refundGiftCard(state, slice, 'shop', debitId, { ...(o.amount === null ? {} : { amount: usd(o.amount) }), idempotencyKey: `r${o.key}` }, t);
            }
          } catch (error) {
            expect(error).to.be.instanceOf(EngineError);
          }
          const balance = giftCardBalance(slice, 'shop', 'GIFT0001ABCD', t).balance.amount;
          expect(balance).to.be.within(0, value);
          const history = giftCardHistory(slice, 'shop', 'GIFT0001ABCD');
          const net = history.reduce((s, h) => s + (h.kind === 'debit' ? -h.amount : h.amount), value);
          expect(net).to.equal(balance);
          for (const h of history) if (h.kind === 'debit') {
            const refunded = history.reduce((s, r) => s + (r.kind === 'refund' && r.debitId === h.id ? r.amount : 0), 0);
            expect(refunded).to.be.at.most(h.amount);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
