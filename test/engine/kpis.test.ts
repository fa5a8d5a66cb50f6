import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { DEFAULT_PROGRAM, adjustPoints, cancelRedemption, emptyState, enrollMember, postOrder, postReturn, redeem, type EngineState, type MemberRecord, type OrderRecord } from '../../src/engine/index.js';
import {
  adoptionRate,
  averageOrderValue,
  churn,
  clv,
  customerValue,
  orderRevenue,
  programKpis,
  purchaseFrequency,
  redemptionRate,
  retentionRate,
  yearlyProfit,
  yearsIn,
} from '../../src/engine/kpis.js';
import { T0, days, line, world } from './fixtures.js';

describe('KPI formulas (PRODUCT.md §6)', () => {
  it('average order value = revenue / orders, rounded half up to the minor unit', () => {
    expect(averageOrderValue(240_000, 60)).to.equal(4_000);
    expect(averageOrderValue(10_001, 2)).to.equal(5_001); // 5000.5 → 5001
    expect(averageOrderValue(10_000, 3)).to.equal(3_333); // 3333.33…
    expect(averageOrderValue(20_000, 3)).to.equal(6_667); // 6666.67…
    expect(averageOrderValue(12_345, 0)).to.equal(0);
    expect(averageOrderValue(0, 5)).to.equal(0);
  });

  it('purchase frequency = orders / unique customers, as an exact fraction', () => {
    expect(purchaseFrequency(60, 10)).to.deep.equal({ numerator: 60, denominator: 10, value: 6 });
    expect(purchaseFrequency(7, 3)).to.deep.equal({ numerator: 7, denominator: 3, value: 7 / 3 });
    expect(purchaseFrequency(0, 0)).to.deep.equal({ numerator: 0, denominator: 0, value: 0 });
  });

  it('works the seed example: $40 × 6 a year = $240, $1,200 over 5 years, $48 at 20% margin', () => {
    const aov = averageOrderValue(240_000, 60); // $2,400 over 60 orders
    const frequency = purchaseFrequency(60, 10); // 10 customers, 6 orders each a year
    const value = customerValue(aov, frequency);
    expect(aov).to.equal(4_000);
    expect(value).to.equal(24_000);
    expect(customerValue(4_000, 6)).to.equal(24_000);
    expect(clv(value, 5)).to.equal(120_000);
    expect(yearlyProfit(value, 20)).to.equal(4_800);
  });

  it('rounds customer value, CLV and profit half up once', () => {
    expect(customerValue(1_001, purchaseFrequency(1, 2))).to.equal(501); // 500.5
    expect(customerValue(3_333, purchaseFrequency(7, 3))).to.equal(7_777);
    expect(clv(24_000, 2.5)).to.equal(60_000);
    expect(clv(333, 1.5)).to.equal(500); // 499.5
    expect(yearlyProfit(1_234, 15)).to.equal(185); // 185.1
    expect(yearlyProfit(250, 2)).to.equal(5);
    expect(yearlyProfit(0, 20)).to.equal(0);
  });

  it('adoption rate: 1,000 members of 10,000 customers is 10% (the guide says 1%, an arithmetic slip)', () => {
    const r = adoptionRate(1_000, 10_000);
    expect(r.value).to.equal(0.1);
    expect(r.percent).to.equal(10);
    expect(r).to.include({ numerator: 1_000, denominator: 10_000 });
    expect(adoptionRate(5, 0)).to.deep.equal({ numerator: 5, denominator: 0, value: 0, percent: 0 });
  });

  it('redemption rate = points redeemed / points issued', () => {
    expect(redemptionRate(2_500, 10_000)).to.deep.equal({ numerator: 2_500, denominator: 10_000, value: 0.25, percent: 25 });
    expect(redemptionRate(1, 3).percent).to.equal(33.33);
    expect(redemptionRate(2, 3).percent).to.equal(66.67);
    expect(redemptionRate(1, 8).percent).to.equal(12.5);
    expect(redemptionRate(0, 0)).to.deep.equal({ numerator: 0, denominator: 0, value: 0, percent: 0 });
  });

  it('retention rate CRR = ((E − N) / S) × 100: S=200, E=220, N=40 → 90%', () => {
    const r = retentionRate(200, 220, 40);
    expect(r.value).to.equal(0.9);
    expect(r.percent).to.equal(90);
    expect(r).to.include({ numerator: 180, denominator: 200 });
    expect(retentionRate(3, 5, 3).percent).to.equal(66.67);
    expect(retentionRate(0, 10, 10)).to.deep.equal({ numerator: 0, denominator: 0, value: 0, percent: 0 });
  });

  it('churn: count, rate, recurring value lost and share of value lost', () => {
    // 500 customers bringing $25,000 a month at the start; 25 leave, taking $1,500 a month with them.
    const c = churn({ customersAtStart: 500, customersLost: 25, recurringValueAtStart: 2_500_000, recurringValueLost: 150_000 });
    expect(c.customersLost).to.equal(25);
    expect(c.rate).to.deep.equal({ numerator: 25, denominator: 500, value: 0.05, percent: 5 });
    expect(c.valueLost).to.equal(150_000);
    expect(c.valueRate).to.deep.equal({ numerator: 150_000, denominator: 2_500_000, value: 0.06, percent: 6 });
    const none = churn({ customersAtStart: 0, customersLost: 0, recurringValueAtStart: 0, recurringValueLost: 0 });
    expect(none.rate.value).to.equal(0);
    expect(none.valueRate.percent).to.equal(0);
  });

  it('order revenue is merchandise after discounts less returns; shipping and tax are not revenue', () => {
    const order = { lines: [line('a', 3_000, 2), line('b', 1_000)], discounts: 500, returned: 1_000 };
    expect(orderRevenue(order)).to.equal(5_500);
    expect(orderRevenue({ ...order, discounts: 99_999, returned: 0 })).to.equal(0);
    expect(orderRevenue({ ...order, returned: 99_999 })).to.equal(0);
  });

  it('counts a 365- or 366-day range as one year, other ranges in mean years', () => {
    expect(yearsIn(T0, T0 + days(365))).to.equal(1);
    expect(yearsIn(T0, T0 + days(366))).to.equal(1);
    expect(yearsIn(T0, T0 + days(730.485))).to.be.closeTo(2, 1e-12);
    expect(yearsIn(T0, T0 + days(30))).to.be.closeTo(30 / 365.2425, 1e-12);
  });
});

describe('programKpis', () => {
  const P = days(365);
  const from = T0 + P;
  const to = T0 + 2 * P;

  /**
   * Previous year [T0, from): ana 100.00 (member), bob 50.00, cy 30.00; dee bought long before.
   * This year [from, to): ana 60.00 − 10.00 discount − 20.00 returned = 30.00, and 80.00; bob 40.00;
   * dee 25.00 (back after a gap); eve joins and buys 120.00 (+ shipping, tax); fay buys 70.00 and
   * returns it all; hal joins and never buys; cy does not come back.
   * At `to` and later: gus buys, ivy joins, hal's redemption is cancelled — none of it counts.
   */
  function build(): { state: EngineState; hal: string; halRedemption: string } {
    const { state, member: ana } = world({ expiry: { mode: 'none', months: 0 } });
    const order = (orderId: string, at: number, who: { memberId?: string; email?: string }, lines: ReturnType<typeof line>[], extra: { discounts?: number; shipping?: number; tax?: number } = {}) =>
      postOrder(state, 'shop', { orderId, currency: 'USD', lines, placedAt: at, ...who, ...extra });

    order('o0', T0 - days(40), { email: 'dee@example.com' }, [line('a', 2_000)]);
    order('o1', T0 + days(1), { memberId: ana }, [line('a', 10_000)]);
    order('o2', T0 + days(2), { email: 'Bob@Example.com' }, [line('a', 5_000)]);
    order('o3', T0 + days(3), { email: 'cy@example.com' }, [line('a', 3_000)]);

    // ana: join 100 + o1's 10 points available → redeems 100.
    redeem(state, 'shop', ana, { rewardId: 'r10' }, from + days(3));
    order('o4', from + days(1), { memberId: ana }, [line('a', 3_000, 2)], { discounts: 1_000 }); // 5 points
    postReturn(state, 'shop', 'o4', { returnId: 'ret4', amount: 2_000 }, from + days(10)); // 2 points back
    order('o5', from + days(40), { memberId: ana }, [line('b', 8_000)]); // 8 points
    adjustPoints(state, 'shop', ana, 100, 'goodwill', from + days(100));
    order('o6', from + days(5), { email: 'bob@example.com' }, [line('a', 4_000)]);
    order('o7', from + days(45), { email: 'dee@example.com' }, [line('a', 2_500)]);

    const eve = enrollMember(state, 'shop', { email: 'eve@example.com' }, from + days(2)).member.id; // 100 join points
    order('o8', from + days(20), { memberId: eve }, [line('a', 12_000)], { shipping: 500, tax: 900 }); // 12 points
    const ship = redeem(state, 'shop', eve, { rewardId: 'ship' }, from + days(21));
    cancelRedemption(state, 'shop', eve, ship.id, from + days(22));
    redeem(state, 'shop', eve, { rewardId: 'r10' }, from + days(23));

    order('o9', from + days(55), { email: 'fay@example.com' }, [line('a', 7_000)]);
    postReturn(state, 'shop', 'o9', { returnId: 'ret9', lines: [{ id: 'a', quantity: 1 }] }, from + days(56));

    const hal = enrollMember(state, 'shop', { email: 'hal@example.com' }, from + days(5)).member.id; // 100 join points
    const halRedemption = redeem(state, 'shop', hal, { rewardId: 'ship' }, from + days(300)).id;
    return { state, hal, halRedemption };
  }

  it('computes every KPI of a range from orders, members and the ledger (numbers worked by hand)', () => {
    const { state } = build();
    const k = programKpis(state, 'shop', { from, to, lifespanYears: 5, marginPercent: 20 });

    expect(k.period).to.deep.equal({ from, to, previousFrom: T0, years: 1 });
    // 3,000 + 8,000 + 4,000 + 2,500 + 12,000 + 0
    expect(k.revenue).to.equal(29_500);
    expect(k.orders).to.equal(6);
    // ana, bob, dee, eve, fay
    expect(k.customers).to.equal(5);
    expect(k.averageOrderValue).to.equal(4_917); // 4,916.67
    expect(k.purchaseFrequency).to.deep.equal({ numerator: 6, denominator: 5, value: 1.2 });
    expect(k.customerValue).to.equal(5_900); // 29,500 / 5 (= unrounded AOV × 1.2)
    expect(k.customerValuePerYear).to.equal(5_900);
    expect(k.clv).to.equal(29_500);
    expect(k.yearlyProfit).to.equal(1_180);

    // ana, eve, hal joined before `to`; ivy is later. Customer base: ana bob cy dee eve fay + hal.
    expect(k.members).to.deep.equal({ total: 3, joined: 2, amongCustomers: 2 });
    expect(k.adoptionRate).to.deep.equal({ numerator: 3, denominator: 7, value: 3 / 7, percent: 42.86, customerBase: 7 });

    // issued: o4 5 + o5 8 + eve join 100 + o8 12 + hal join 100 + adjust 100; redeemed: ana 100 + eve 100 + hal 50.
    expect(k.points).to.deep.equal({ issued: 325, redeemed: 250, reversed: 2 });
    expect(k.redemptionRate).to.deep.equal({ numerator: 250, denominator: 325, value: 250 / 325, percent: 76.92 });

    // S = {ana, bob, cy}; E = {ana, bob, dee, eve, fay}; N = {dee (returning), eve, fay (first time)}.
    expect(k.retention).to.deep.equal({
      numerator: 2,
      denominator: 3,
      value: 2 / 3,
      percent: 66.67,
      customersAtStart: 3,
      customersAtEnd: 5,
      newCustomers: 3,
      firstTimeCustomers: 2,
      returningCustomers: 1,
    });
    // cy is lost: 30.00 of the 180.00 the start customers brought last year.
    expect(k.churn).to.deep.equal({
      customersLost: 1,
      rate: { numerator: 1, denominator: 3, value: 1 / 3, percent: 33.33 },
      valueLost: 3_000,
      valueRate: { numerator: 3_000, denominator: 18_000, value: 1 / 6, percent: 16.67 },
      customersAtStart: 3,
      recurringValueAtStart: 18_000,
    });
    expect(k.retention.value + k.churn.rate.value).to.be.closeTo(1, 1e-12);
    // Plain JSON.
    expect(JSON.parse(JSON.stringify(k))).to.deep.equal(k);
  });

  it('reads a past range the same after later activity', () => {
    const { state, hal, halRedemption } = build();
    const before = programKpis(state, 'shop', { from, to });
    expect(before.clv).to.equal(null);
    expect(before.yearlyProfit).to.equal(null);
    postOrder(state, 'shop', { orderId: 'o10', email: 'gus@example.com', currency: 'USD', lines: [line('a', 9_999)], placedAt: to });
    enrollMember(state, 'shop', { email: 'ivy@example.com' }, to + days(1));
    cancelRedemption(state, 'shop', hal, halRedemption, to + days(5));
    expect(programKpis(state, 'shop', { from, to })).to.deep.equal(before);
  });

  it('the previous range: all three buyers are new, and dee (active the year before) is lost', () => {
    const k = programKpis(build().state, 'shop', { from: T0, to: from });
    expect(k.revenue).to.equal(18_000);
    expect(k.orders).to.equal(3);
    expect(k.customers).to.equal(3);
    expect(k.retention).to.include({ customersAtStart: 1, customersAtEnd: 3, newCustomers: 3, firstTimeCustomers: 3, returningCustomers: 0, value: 0, percent: 0 });
    expect(k.churn).to.deep.include({ customersLost: 1, valueLost: 2_000, recurringValueAtStart: 2_000 });
    expect(k.churn.valueRate.percent).to.equal(100);
    const none = programKpis(build().state, 'shop', { from: T0 - days(400), to: T0 - days(35) });
    expect(none.retention).to.include({ customersAtStart: 0, customersAtEnd: 1, value: 0, percent: 0 });
    expect(none.churn.customersLost).to.equal(0);
    expect(none.churn.rate.value).to.equal(0);
    // Only ana's join bonus (at T0) and o1 were credited; nothing was redeemed.
    expect(k.points).to.deep.equal({ issued: 110, redeemed: 0, reversed: 0 });
    expect(k.redemptionRate.value).to.equal(0);
  });

  it('an empty range gives zeros, not NaN', () => {
    const { state } = world();
    const k = programKpis(state, 'shop', { from: T0 + days(1000), to: T0 + days(1030), lifespanYears: 3, marginPercent: 25 });
    expect(k).to.include({ revenue: 0, orders: 0, customers: 0, averageOrderValue: 0, customerValue: 0, customerValuePerYear: 0, clv: 0, yearlyProfit: 0 });
    expect(k.purchaseFrequency.value).to.equal(0);
    expect(k.adoptionRate.value).to.equal(1); // ana, a member who has not bought, is the whole base
    expect(JSON.stringify(k)).not.to.contain('NaN');
  });

  it('annualises customer value for a shorter range', () => {
    const { state, member } = world();
    postOrder(state, 'shop', { orderId: 'q', memberId: member, currency: 'USD', lines: [line('a', 9_000)], placedAt: T0 + days(1) });
    const k = programKpis(state, 'shop', { from: T0, to: T0 + days(30), lifespanYears: 2, marginPercent: 10 });
    expect(k.customerValue).to.equal(9_000);
    expect(k.customerValuePerYear).to.equal(109_573); // 9,000 × 365.2425 / 30 = 109,572.75
    expect(k.clv).to.equal(2 * k.customerValuePerYear);
    expect(k.yearlyProfit).to.equal(10_957);
  });

  it('refuses an unknown program or an empty range', () => {
    const { state } = world();
    expect(() => programKpis(state, 'nope', { from: T0, to: T0 + 1 })).to.throw('unknown program');
    expect(() => programKpis(state, 'shop', { from: T0, to: T0 })).to.throw('from < to');
    expect(() => programKpis(state, 'shop', { from: T0, to: T0 + 1, lifespanYears: -1 })).to.throw('lifespanYears');
  });
});

describe('KPI properties', () => {
  const count = fc.integer({ min: 0, max: 1_000_000 });

  it('AOV × orders is within orders / 2 of revenue', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (revenue, orders) => {
        const aov = averageOrderValue(revenue, orders);
        return Number.isSafeInteger(aov) && Math.abs(aov * orders - revenue) <= orders / 2;
      }),
    );
  });

  it('adoption, retention and churn rates stay within [0, 1] for consistent inputs', () => {
    fc.assert(
      fc.property(count, count, count, count, (a, b, c, d) => {
        // members ≤ customers; kept ≤ S; lost = S − kept; value lost ≤ value at start.
        const adoption = adoptionRate(Math.min(a, b), Math.max(a, b));
        const S = Math.max(a, b);
        const kept = Math.min(a, b);
        const retention = retentionRate(S, kept + c, c);
        const lost = churn({ customersAtStart: S, customersLost: S - kept, recurringValueAtStart: Math.max(c, d), recurringValueLost: Math.min(c, d) });
        for (const r of [adoption, retention, lost.rate, lost.valueRate]) {
          if (!(r.value >= 0 && r.value <= 1 && r.percent >= 0 && r.percent <= 100)) return false;
        }
        return S === 0 || Math.abs(retention.value + lost.rate.value - 1) < 1e-9;
      }),
    );
  });

  it('programKpis on random plain states: rates within [0, 1], AOV consistent with revenue', () => {
    const emails = ['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io', 'e@x.io', 'f@x.io'];
    const orderArb = fc.record({
      who: fc.integer({ min: 0, max: emails.length - 1 }),
      day: fc.integer({ min: -30, max: 90 }),
      price: fc.integer({ min: 0, max: 50_000 }),
      qty: fc.integer({ min: 1, max: 4 }),
      discounts: fc.integer({ min: 0, max: 20_000 }),
      returned: fc.integer({ min: 0, max: 60_000 }),
    });
    const memberArb = fc.record({ who: fc.integer({ min: 0, max: emails.length - 1 }), day: fc.integer({ min: -30, max: 90 }) });
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 30 }), fc.uniqueArray(memberArb, { selector: (m) => m.who, maxLength: 6 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 60 }), (orders, members, start, length) => {
        const state = emptyState();
        state.programs.p = { ...DEFAULT_PROGRAM, id: 'p', name: 'P' };
        for (const m of members) {
          const id = `m${m.who}`;
          state.members[id] = { id, programId: 'p', email: emails[m.who]!, name: null, birthday: null, newsletter: false, statement: true, joinedAt: T0 + days(m.day), referralCode: id, referredBy: null, deviceId: null, unsubscribeToken: id, shares: 0 } as MemberRecord;
        }
        orders.forEach((o, i) => {
          const record = {
            programId: 'p', orderId: `o${i}`, memberId: null, email: emails[o.who]!, currency: 'USD', lines: [{ ...line('a', o.price, o.qty), net: Math.max(0, o.price * o.qty - o.discounts), promo: 1 }], shipping: 0, tax: 0,
            discounts: o.discounts, placedAt: T0 + days(o.day), earnBase: 0, points: 0, returned: o.returned, returnIds: [], pointsReversed: 0, couponCodes: [], multiplier: 1, earnRate: { points: 1, perMinor: 1000 }, earnExtras: 0,
          } as OrderRecord;
          state.orders[`p:o${i}`] = record;
        });
        const k = programKpis(state, 'p', { from: T0 + days(start), to: T0 + days(start + length) });
        const within = (r: { value: number; percent: number }) => r.value >= 0 && r.value <= 1 && r.percent >= 0 && r.percent <= 100;
        return (
          within(k.adoptionRate) &&
          within(k.retention) &&
          within(k.churn.rate) &&
          within(k.churn.valueRate) &&
          Math.abs(k.averageOrderValue * k.orders - k.revenue) <= k.orders / 2 &&
          k.retention.customersAtEnd - k.retention.newCustomers + k.churn.customersLost === k.retention.customersAtStart &&
          k.members.amongCustomers <= k.customers &&
          k.customers <= k.orders
        );
      }),
    );
  });
});
