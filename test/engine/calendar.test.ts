import { expect } from '@open-wc/testing';
import { enrollMember, issueDueRewards, punchesAt, recordOrder, tierAt, validateProgram } from '../../src/engine/index.js';
import { claimBirthdayReward } from '../../src/engine/birthday.js';
import { dayStart, localDate, localStart } from '../../src/engine/calendar.js';
import { line, program, world } from './fixtures.js';

const at = (iso: string) => Date.parse(iso);

describe('the store’s calendar (ProgramConfig.timeZone)', () => {
  it('reads dates and midnights in the zone, across a change of clocks', () => {
    expect(localDate(at('2027-01-01T01:00:00Z'), 'America/New_York')).to.deep.equal({ year: 2026, month: 11, day: 31 });
    expect(localDate(at('2027-01-01T01:00:00Z'))).to.deep.equal({ year: 2027, month: 0, day: 1 });
    // New York moves its clocks on 8 March 2026 at 2 am: that day begins at UTC-5, the next at UTC-4
    expect(localStart(2026, 2, 8, 'America/New_York')).to.equal(at('2026-03-08T05:00:00Z'));
    expect(localStart(2026, 2, 9, 'America/New_York')).to.equal(at('2026-03-09T04:00:00Z'));
    expect(localStart(2026, 0, 1, 'Asia/Tokyo')).to.equal(at('2025-12-31T15:00:00Z'));
    // where the clocks jump forward at midnight, the day begins at the jump (01:00), not the evening before
    expect(localStart(2024, 2, 10, 'America/Havana')).to.equal(at('2024-03-10T05:00:00Z'));
    expect(localStart(2023, 9, 1, 'America/Asuncion')).to.equal(at('2023-10-01T04:00:00Z'));
    expect(localStart(2024, 8, 8, 'America/Santiago')).to.equal(at('2024-09-08T04:00:00Z'));
    expect(dayStart(at('2026-06-01T02:30:00Z'), 'America/New_York')).to.equal(at('2026-05-31T04:00:00Z'));
    expect(validateProgram({ ...program(), timeZone: 'Mars/Olympus' })).to.include('timeZone must be an IANA time zone such as America/New_York');
    expect(validateProgram({ ...program(), timeZone: 'Europe/Bucharest' })).to.deep.equal([]);
  });

  it('counts an 8 pm New Year’s Eve order in New York toward that year’s spend', () => {
    const spendLevelRewards = [{ id: 's500', name: '$500 in a year', threshold: 50_000, reward: { kind: 'coupon' as const, value: 2000 } }];
    const { state, member } = world({ joinIncentive: null, timeZone: 'America/New_York', cashback: { percent: 0, yearEndRebate: [], spendLevelRewards } });
    recordOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 30_000)], placedAt: at('2026-06-01T15:00:00Z') });
    recordOrder(state, 'shop', { orderId: 'o2', memberId: member, currency: 'USD', lines: [line('a', 30_000)], placedAt: at('2027-01-01T01:00:00Z') });
    expect(Object.keys(state.issuedCoupons)).to.deep.equal([`SPEND-S500-${member.toUpperCase()}-2026`]);
  });

  it('counts a tier’s grace in the store’s days across a change of clocks', () => {
    const tiers = {
      basis: 'spend' as const, period: 'calendar_year' as const, graceDays: 90,
      levels: [
        { id: 'base', name: 'Member', threshold: 0, benefits: { earnMultiplier: 1, freeShipping: false, earlyAccess: false, exclusiveAccess: false } },
        { id: 'gold', name: 'Gold', threshold: 100_000, benefits: { earnMultiplier: 1, freeShipping: true, earlyAccess: true, exclusiveAccess: false } },
      ],
    };
    const { state, member } = world({ joinIncentive: null, timeZone: 'America/New_York', tiers });
    recordOrder(state, 'shop', { orderId: 'o1', memberId: member, currency: 'USD', lines: [line('a', 100_000)], placedAt: at('2025-06-01T15:00:00Z') });
    // 90 days from 1 January run to 31 March; New York changed its clocks on 8 March in between
    const kept = tierAt(state, 'shop', member, at('2026-03-31T15:00:00Z'), tiers);
    expect(kept).to.deep.include({ keptByGrace: true });
    expect(localDate(kept.requalifyBy!, 'America/New_York')).to.deep.equal({ year: 2026, month: 2, day: 31 });
    expect(tierAt(state, 'shop', member, at('2026-04-01T04:30:00Z'), tiers).level.id).to.equal('base'); // 00:30 on 1 April
  });

  it('opens a Tokyo member’s birthday month at midnight in Tokyo', () => {
    const { state } = world({ timeZone: 'Asia/Tokyo' });
    const { member } = enrollMember(state, 'shop', { email: 'yui@example.com', birthday: { day: 3, month: 3 } }, at('2026-01-10T00:00:00Z'));
    // 08:00 on 1 March in Tokyo is still 28 February in UTC
    expect(claimBirthdayReward(state, 'shop', member.id, at('2026-02-28T23:00:00Z'))).to.deep.equal({ ok: true, pointsAwarded: 200 });
  });

  it('caps punches per day on the store’s day: two New York evening orders are one day', () => {
    const card = { id: 'soil', name: 'Soil card', appliesTo: { categories: ['soil'] }, required: 5, per: 'order' as const, maxPerOrder: 1, maxPerDay: 1 };
    const { state, member } = world({ timeZone: 'America/New_York', punchCards: [card] });
    const soil = { ...line('soil', 1500), category: 'soil' };
    // 6 pm and 8 pm on 1 June in New York; the second is 2 June in UTC
    recordOrder(state, 'shop', { orderId: 'a', memberId: member, currency: 'USD', lines: [soil], placedAt: at('2026-06-01T22:00:00Z') });
    recordOrder(state, 'shop', { orderId: 'b', memberId: member, currency: 'USD', lines: [soil], placedAt: at('2026-06-02T00:00:00Z') });
    issueDueRewards(state, 'shop', member, card, at('2026-06-02T01:00:00Z'));
    expect(punchesAt(state, 'shop', member, card, at('2026-06-02T01:00:00Z')).list).to.have.length(1);
  });
});
