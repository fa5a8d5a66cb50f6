import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { DAY_MS } from '../../src/core/clock.js';
import { enrollMember, postOrder, postReturn, type EngineState } from '../../src/engine/index.js';
import {
  emptyCashbackState, issueSpendLevelReward, payYearEndRebate, percentOf, rebateRow, refundCredit, refundedOf, spendCredit, spendLevelRewardsDue, storeCredit,
  validateCashbackConfig, yearEndRebate, type CashbackConfig,
} from '../../src/engine/cashback.js';
import { T0, days, line, world, rejects } from './fixtures.js';


function cashback(overrides: Partial<CashbackConfig> = {}): CashbackConfig {
  return {
    percent: 2,
    yearEndRebate: [
      { minSpend: 100_000, percent: 2 },
      { minSpend: 50_000, percent: 1 },
    ],
    spendLevelRewards: [
      { id: 'spend500', name: '$25 off at $500', threshold: 50_000, reward: { kind: 'coupon', value: 2500 } },
      { id: 'spend1000', name: 'Tote bag at $1,000', threshold: 100_000, reward: { kind: 'gift', description: 'Tote bag' } },
    ],
    ...overrides,
  };
}

let seq = 0;
function order(state: EngineState, member: string, amount: number, placedAt: number): string {
  const orderId = `c${++seq}`;
  postOrder(state, 'shop', { orderId, memberId: member, currency: 'USD', lines: [line('item', amount)], placedAt });
  return orderId;
}

describe('cashback', () => {
  it('validates the configuration, naming fields', () => {
    expect(validateCashbackConfig(cashback())).to.deep.equal([]);
    const problems = validateCashbackConfig({
      percent: 2.345,
      yearEndRebate: [{ minSpend: -1, percent: 1 }, { minSpend: 5, percent: 101 }, { minSpend: 5, percent: 1 }],
      spendLevelRewards: [
        { id: 'a', name: 'A', threshold: 0, reward: { kind: 'coupon', value: 0 } },
        { id: 'a', name: '', threshold: 100, reward: { kind: 'cash' } },
      ],
    });
    expect(problems).to.include('cashback.percent must be between 0 and 100 with at most two decimals');
    expect(problems).to.include('cashback.yearEndRebate[0].minSpend must be integer minor units ≥ 0');
    expect(problems).to.include('cashback.yearEndRebate[1].percent must be between 0 and 100 with at most two decimals');
    expect(problems).to.include('cashback.yearEndRebate[2].minSpend must be unique');
    expect(problems).to.include('cashback.spendLevelRewards[0].threshold must be integer minor units ≥ 1');
    expect(problems).to.include('cashback.spendLevelRewards[0].reward.value must be integer minor units ≥ 1');
    expect(problems).to.include('cashback.spendLevelRewards[1].id must be unique');
    expect(problems).to.include('cashback.spendLevelRewards[1].name is required');
    expect(problems).to.include('cashback.spendLevelRewards[1].reward.kind must be coupon or gift');
    expect(validateCashbackConfig(null)).to.deep.equal(['cashback must be an object']);
  });

  it('computes percentages in exact integer arithmetic, floored', () => {
    expect(percentOf(1000, 2.3)).to.equal(23);
    expect(percentOf(19_999, 2)).to.equal(399);
    expect(percentOf(0, 5)).to.equal(0);
  });

  it('2% of a $200 order is $4 of credit, pending for the 30-day return window, then available', () => {
    const { state, member } = world();
    const slice = emptyCashbackState();
    order(state, member, 20_000, T0);
    expect(storeCredit(state, slice, 'shop', member, T0, cashback())).to.deep.equal({ available: 0, pending: 400, owed: 0, nextAvailable: { amount: 400, at: T0 + days(30) } });
    expect(storeCredit(state, slice, 'shop', member, T0 + days(30) - 1, cashback())).to.include({ available: 0, pending: 400 });
    expect(storeCredit(state, slice, 'shop', member, T0 + days(30), cashback())).to.deep.equal({ available: 400, pending: 0, owed: 0, nextAvailable: null });
  });

  it('floors per order and follows returns (everything derived from the orders)', () => {
    const { state, member } = world();
    const slice = emptyCashbackState();
    order(state, member, 9_999, T0); // 199.98 → 199
    order(state, member, 9_999, T0); // 199
    const id = order(state, member, 30_000, T0);
    expect(storeCredit(state, slice, 'shop', member, T0 + days(30), cashback()).available).to.equal(199 + 199 + 600);
    postReturn(state, 'shop', id, { returnId: 'r1', amount: 10_000 }, T0 + days(3));
    expect(storeCredit(state, slice, 'shop', member, T0 + days(30), cashback()).available).to.equal(199 + 199 + 400);
    postReturn(state, 'shop', id, { returnId: 'r2', lines: [{ id: 'item', quantity: 1 }] }, T0 + days(4));
    expect(storeCredit(state, slice, 'shop', member, T0 + days(30), cashback()).available).to.equal(199 + 199);
  });

  it('spends credit: refuses more than available, never pending credit, and debits once per idempotency key', () => {
    const { state, member } = world();
    const slice = emptyCashbackState();
    order(state, member, 50_000, T0); // $10 credit
    const cfg = cashback();
    expect(rejects(() => spendCredit(state, slice, 'shop', member, 100, 'checkout-1', T0 + days(1), cfg)).code).to.equal('insufficient_credit');
    const at = T0 + days(31);
    const first = spendCredit(state, slice, 'shop', member, 600, 'checkout-1', at, cfg, 'k1');
    expect(first).to.deep.equal({ debit: { id: first.debit.id, programId: 'shop', memberId: member, amount: 600, at, ref: 'checkout-1' }, available: 400 });
    expect(first.debit.id).to.be.a('string').and.not.equal('');
    expect(spendCredit(state, slice, 'shop', member, 600, 'checkout-1', at, cfg, 'k1')).to.deep.equal(first);
    expect(slice.creditDebits).to.have.length(1);
    expect(rejects(() => spendCredit(state, slice, 'shop', member, 500, 'checkout-1', at, cfg, 'k1')).code).to.equal('conflict');
    const refused = rejects(() => spendCredit(state, slice, 'shop', member, 401, 'checkout-2', at, cfg));
    expect(refused.code).to.equal('insufficient_credit');
    expect(refused.params).to.deep.equal({ required: 401, available: 400 });
    expect(rejects(() => spendCredit(state, slice, 'shop', member, 0, 'x', at, cfg)).code).to.equal('validation');
    expect(rejects(() => spendCredit(state, slice, 'shop', member, 1.5, 'x', at, cfg)).code).to.equal('validation');
    expect(storeCredit(state, slice, 'shop', member, at, cfg).available).to.equal(400);
    // The debit is dated: before it, the credit was all there.
    expect(storeCredit(state, slice, 'shop', member, at - 1, cfg).available).to.equal(1000);
  });

  it('refunds a debit (an order cancelled): in parts, never more than the debit, once per idempotency key', () => {
    const { state, member } = world();
    const other = enrollMember(state, 'shop', { email: 'bo@example.com' }, T0).member.id;
    const slice = emptyCashbackState();
    const cfg = cashback();
    order(state, member, 50_000, T0); // $10 credit
    order(state, other, 50_000, T0);
    const at = T0 + days(31);
    const { debit } = spendCredit(state, slice, 'shop', member, 800, 'checkout-1', at, cfg, 'd1');
    const theirs = spendCredit(state, slice, 'shop', other, 100, 'checkout-2', at, cfg, 'd2').debit;
    expect(storeCredit(state, slice, 'shop', member, at, cfg).available).to.equal(200);
    const part = refundCredit(state, slice, 'shop', member, debit.id, 300, at + 1, cfg, 'r1');
    expect(part.refund).to.include({ debitId: debit.id, amount: 300, memberId: member });
    expect(part.available).to.equal(500);
    // a retry answers the first refund and puts nothing back again; the same key with another body is refused
    expect(refundCredit(state, slice, 'shop', member, debit.id, 300, at + 2, cfg, 'r1')).to.deep.equal(part);
    expect(rejects(() => refundCredit(state, slice, 'shop', member, debit.id, 200, at + 2, cfg, 'r1')).code).to.equal('conflict');
    const tooMuch = rejects(() => refundCredit(state, slice, 'shop', member, debit.id, 501, at + 2, cfg, 'r2'));
    expect(tooMuch.code).to.equal('validation');
    expect(tooMuch.params).to.deep.include({ field: 'amount', refundable: 500 });
    expect(rejects(() => refundCredit(state, slice, 'shop', member, debit.id, 0, at + 2, cfg, 'r3')).code).to.equal('validation');
    // another member's debit, or one that does not exist, is not found
    expect(rejects(() => refundCredit(state, slice, 'shop', member, theirs.id, 50, at + 2, cfg, 'r4')).code).to.equal('not_found');
    expect(rejects(() => refundCredit(state, slice, 'shop', member, 'cd_nope', undefined, at + 2, cfg, 'r5')).code).to.equal('not_found');
    // without an amount: what is left of the debit
    const rest = refundCredit(state, slice, 'shop', member, debit.id, undefined, at + 3, cfg, 'r6');
    expect(rest.refund.amount).to.equal(500);
    expect(rest.available).to.equal(1000);
    expect(refundedOf(slice, debit.id)).to.equal(800);
    expect(rejects(() => refundCredit(state, slice, 'shop', member, debit.id, undefined, at + 4, cfg, 'r7')).params).to.deep.include({ refundable: 0 });
    // dated: before the refunds the credit was spent
    expect(storeCredit(state, slice, 'shop', member, at, cfg).available).to.equal(200);
    expect(storeCredit(state, slice, 'shop', other, at + 4, cfg).available).to.equal(900);
  });

  it('a return after the credit was spent leaves an amount owed, never a negative balance', () => {
    const { state, member } = world();
    const slice = emptyCashbackState();
    const id = order(state, member, 50_000, T0);
    spendCredit(state, slice, 'shop', member, 1000, 'checkout', T0 + days(31), cashback());
    postReturn(state, 'shop', id, { returnId: 'late', amount: 25_000 }, T0 + days(40));
    expect(storeCredit(state, slice, 'shop', member, T0 + days(40), cashback())).to.include({ available: 0, owed: 500 });
    order(state, member, 50_000, T0 + days(41));
    expect(storeCredit(state, slice, 'shop', member, T0 + days(71), cashback())).to.include({ available: 500, owed: 0 });
  });

  describe('year-end rebate', () => {
    it('picks the highest row of the table the year’s net spend reaches', () => {
      const cfg = cashback();
      expect(rebateRow(120_000, cfg)).to.deep.equal({ minSpend: 100_000, percent: 2 });
      expect(rebateRow(70_000, cfg)).to.deep.equal({ minSpend: 50_000, percent: 1 });
      expect(rebateRow(49_999, cfg)).to.equal(null);
      const { state, member } = world();
      order(state, member, 70_000, T0);
      order(state, member, 50_000, Date.UTC(2026, 11, 31, 23));
      order(state, member, 80_000, Date.UTC(2027, 0, 1)); // next year
      expect(yearEndRebate(state, 'shop', member, 2026, cfg)).to.equal(2_400); // 2% of $1,200
      expect(yearEndRebate(state, 'shop', member, 2025, cfg)).to.equal(0);
      expect(yearEndRebate(state, 'shop', member, 2027, cfg)).to.equal(800); // 1% of $800
    });

    it('a return lowers the rebate (it is derived from the orders)', () => {
      const { state, member } = world();
      const id = order(state, member, 110_000, T0);
      expect(yearEndRebate(state, 'shop', member, 2026, cashback())).to.equal(2_200);
      postReturn(state, 'shop', id, { returnId: 'r', amount: 20_000 }, T0 + days(5));
      expect(yearEndRebate(state, 'shop', member, 2026, cashback())).to.equal(900);
    });

    it('is paid once per member and year, after the year’s return window, into store credit', () => {
      const { state, member } = world();
      const slice = emptyCashbackState();
      const cfg = cashback({ percent: 0 });
      order(state, member, 120_000, T0);
      const payable = Date.UTC(2027, 0, 1) + days(30);
      expect(rejects(() => payYearEndRebate(state, slice, 'shop', member, 2026, payable - 1, cfg)).code).to.equal('too_early');
      const paid = payYearEndRebate(state, slice, 'shop', member, 2026, payable, cfg);
      expect(paid).to.deep.equal({ status: 'paid', payment: { programId: 'shop', memberId: member, year: 2026, amount: 2_400, at: payable } });
      expect(payYearEndRebate(state, slice, 'shop', member, 2026, payable + days(1), cfg).status).to.equal('duplicate');
      expect(slice.rebatesPaid).to.have.length(1);
      expect(storeCredit(state, slice, 'shop', member, payable, cfg).available).to.equal(2_400);
      expect(storeCredit(state, slice, 'shop', member, payable - 1, cfg).available).to.equal(0);
      // Nothing to pay for a year without enough spend: nothing recorded.
      expect(payYearEndRebate(state, slice, 'shop', member, 2025, payable, cfg)).to.deep.equal({ status: 'nothing_due', payment: null });
      expect(slice.rebatesPaid).to.have.length(1);
    });
  });

  describe('spend-level rewards', () => {
    it('spend $500 in a year → the reward is due once that year, and again the next year', () => {
      const { state, member } = world();
      const slice = emptyCashbackState();
      const cfg = cashback();
      order(state, member, 30_000, T0);
      expect(spendLevelRewardsDue(state, slice, 'shop', member, T0, cfg)).to.deep.equal([]);
      expect(rejects(() => issueSpendLevelReward(state, slice, 'shop', member, 'spend500', T0, cfg)).code).to.equal('not_eligible');
      order(state, member, 20_000, T0 + days(10));
      expect(spendLevelRewardsDue(state, slice, 'shop', member, T0 + days(10), cfg).map((r) => r.id)).to.deep.equal(['spend500']);
      const issued = issueSpendLevelReward(state, slice, 'shop', member, 'spend500', T0 + days(10), cfg);
      expect(issued.status).to.equal('issued');
      expect(issued.reward.reward).to.deep.equal({ kind: 'coupon', value: 2500 });
      expect(issueSpendLevelReward(state, slice, 'shop', member, 'spend500', T0 + days(11), cfg).status).to.equal('duplicate');
      expect(spendLevelRewardsDue(state, slice, 'shop', member, T0 + days(11), cfg)).to.deep.equal([]);
      // More spend the same year: only the next level is due; $500 is not due again.
      order(state, member, 60_000, T0 + days(20));
      expect(spendLevelRewardsDue(state, slice, 'shop', member, T0 + days(20), cfg).map((r) => r.id)).to.deep.equal(['spend1000']);
      // A new year starts from zero.
      const y2027 = Date.UTC(2027, 0, 1);
      expect(spendLevelRewardsDue(state, slice, 'shop', member, y2027, cfg)).to.deep.equal([]);
      order(state, member, 55_000, y2027 + days(3));
      expect(spendLevelRewardsDue(state, slice, 'shop', member, y2027 + days(3), cfg).map((r) => r.id)).to.deep.equal(['spend500']);
      expect(issueSpendLevelReward(state, slice, 'shop', member, 'spend500', y2027 + days(3), cfg).status).to.equal('issued');
      expect(slice.spendRewardsIssued.map((i) => [i.rewardId, i.year])).to.deep.equal([['spend500', 2026], ['spend500', 2027]]);
      expect(rejects(() => issueSpendLevelReward(state, slice, 'shop', member, 'nope', y2027, cfg)).code).to.equal('not_found');
    });

    it('a return before issuing takes the reward off the due list', () => {
      const { state, member } = world();
      const slice = emptyCashbackState();
      const id = order(state, member, 50_000, T0);
      expect(spendLevelRewardsDue(state, slice, 'shop', member, T0, cashback())).to.have.length(1);
      postReturn(state, 'shop', id, { returnId: 'r', amount: 1_000 }, T0 + days(1));
      expect(spendLevelRewardsDue(state, slice, 'shop', member, T0 + days(1), cashback())).to.deep.equal([]);
    });
  });

  it('property: over random orders, returns, spends and clock moves, available credit is never negative and matches a recount', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('order' as const), amount: fc.integer({ min: 1, max: 90_000 }) }),
      fc.record({ kind: fc.constant('return' as const), pick: fc.nat(), amount: fc.integer({ min: 1, max: 90_000 }) }),
      fc.record({ kind: fc.constant('spend' as const), amount: fc.integer({ min: 1, max: 3_000 }) }),
      fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(), amount: fc.option(fc.integer({ min: 1, max: 3_000 })) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 60 * DAY_MS }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.constantFrom(1, 2, 2.5, 5), (steps, percent) => {
        const { state, member } = world();
        enrollMember(state, 'shop', { email: 'bo@example.com' }, T0);
        const slice = emptyCashbackState();
        const cfg = cashback({ percent });
        let now = T0;
        const ids: string[] = [];
        let n = 0;
        for (const s of steps) {
          if (s.kind === 'wait') now += s.ms;
          else if (s.kind === 'order') ids.push(order(state, member, s.amount, now));
          else if (s.kind === 'return' && ids.length) postReturn(state, 'shop', ids[s.pick % ids.length]!, { returnId: `r${++n}`, amount: s.amount }, now);
          else if (s.kind === 'spend') {
            const before = storeCredit(state, slice, 'shop', member, now, cfg).available;
            if (s.amount > before) expect(rejects(() => spendCredit(state, slice, 'shop', member, s.amount, `x${n}`, now, cfg)).code).to.equal('insufficient_credit');
            else expect(spendCredit(state, slice, 'shop', member, s.amount, `x${++n}`, now, cfg).available).to.equal(before - s.amount);
          } else if (s.kind === 'refund' && slice.creditDebits.length) {
            const debit = slice.creditDebits[s.pick % slice.creditDebits.length]!;
            const left = debit.amount - refundedOf(slice, debit.id);
            const take = s.amount ?? left;
            const before = storeCredit(state, slice, 'shop', member, now, cfg);
            if (take < 1 || take > left) expect(rejects(() => refundCredit(state, slice, 'shop', member, debit.id, s.amount ?? undefined, now, cfg)).code).to.equal('validation');
            else {
              const after = refundCredit(state, slice, 'shop', member, debit.id, s.amount ?? undefined, now, cfg);
              // what comes back pays what is owed first, then is spendable
              expect(after.available - storeCredit(state, slice, 'shop', member, now, cfg).owed).to.equal(before.available - before.owed + take);
            }
          }
          const credit = storeCredit(state, slice, 'shop', member, now, cfg);
          expect(credit.available).to.be.at.least(0);
          expect(credit.pending).to.be.at.least(0);
          // Recount: floor(percent × net) per order, split by the 30-day window, minus debits.
          let earned = 0;
          let pending = 0;
          for (const o of Object.values(state.orders)) {
            const gross = o.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
            const net = o.returned >= gross ? 0 : o.earnBase - o.returned;
            const c = Math.floor((net * percent * 100) / 10_000 + 1e-9);
            if (o.placedAt + 30 * DAY_MS <= now) earned += c;
            else pending += c;
          }
          const spent = slice.creditDebits.reduce((sum, d) => sum + d.amount, 0) - slice.creditRefunds.reduce((sum, r) => sum + r.amount, 0);
          expect(credit.pending).to.equal(pending);
          expect(credit.available - credit.owed).to.equal(earned - spent);
        }
      }),
      { numRuns: 150 },
    );
  });
});
