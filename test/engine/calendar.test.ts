import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { addMonths } from '../../src/core/clock.js';
import { batchesAt, enrollMember, issueDueRewards, punchesAt, recordOrder, summarize, tierAt, validateProgram, type LedgerEntry, type ProgramConfig } from '../../src/engine/index.js';
import { claimBirthdayReward } from '../../src/engine/birthday.js';
import { dayStart, localDate, localStart, MonthsAfter } from '../../src/engine/calendar.js';
import { qualifyingAmount, tierGiftsDue } from '../../src/engine/tiers.js';
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

  describe('a rolling tier window of N months, counted on the store’s calendar', () => {
    const tiers = {
      basis: 'spend' as const, period: 'rolling_months' as const, periodMonths: 1, graceDays: 0,
      levels: [
        { id: 'base', name: 'Member', threshold: 0, benefits: { earnMultiplier: 1, freeShipping: false, earlyAccess: false, exclusiveAccess: false } },
        { id: 'silver', name: 'Silver', threshold: 50_000, benefits: { earnMultiplier: 1, freeShipping: true, earlyAccess: false, exclusiveAccess: false } },
        { id: 'gold', name: 'Gold', threshold: 100_000, benefits: { earnMultiplier: 1, freeShipping: true, earlyAccess: true, exclusiveAccess: false, gift: { description: 'Gold gift' } } },
      ],
    };
    const shop = (timeZone: string | undefined, orders: [string, number][]) => {
      const { state, member } = world({ joinIncentive: null, ...(timeZone ? { timeZone } : {}), tiers });
      orders.forEach(([placed, amount], i) => recordOrder(state, 'shop', { orderId: `o${i}`, memberId: member, currency: 'USD', lines: [line('a', amount)], placedAt: at(placed) }));
      return { state, member };
    };

    it('counts a Los Angeles order of 30 January 23:30 (31 January in UTC) through 28 February there: level, last day and gifts', () => {
      const { state, member } = shop('America/Los_Angeles', [['2026-01-31T07:30:00Z', 60_000]]);
      // 10:00 on 28 February in Los Angeles: still within a month of the order on the store's calendar
      const silver = tierAt(state, 'shop', member, at('2026-02-28T18:00:00Z'), tiers);
      expect(silver.level.id).to.equal('silver');
      expect(localDate(silver.requalifyBy!, 'America/Los_Angeles')).to.deep.equal({ year: 2026, month: 1, day: 28 });
      expect(localDate(silver.progress.periodEndsOn!, 'America/Los_Angeles')).to.deep.equal({ year: 2026, month: 1, day: 28 });
      // an order that morning reaches Gold with the first one, and its gift is due
      recordOrder(state, 'shop', { orderId: 'o9', memberId: member, currency: 'USD', lines: [line('a', 40_000)], placedAt: at('2026-02-28T18:00:00Z') });
      expect(tierGiftsDue(state, 'shop', member, at('2026-02-28T19:00:00Z'), tiers).map((g) => [g.level.id, g.reachedAt])).to.deep.equal([['gold', at('2026-02-28T18:00:00Z')]]);
      // the first order leaves at 23:30 on 28 February there
      expect(qualifyingAmount(state, 'shop', member, at('2026-03-01T07:30:00Z') - 1, tiers)).to.equal(100_000);
      expect(qualifyingAmount(state, 'shop', member, at('2026-03-01T07:30:00Z'), tiers)).to.equal(40_000);
    });

    it('counts from the store’s date east of UTC too, and keeps UTC stores’ window to the millisecond', () => {
      // 1 March 00:30 in Tokyo (28 February in UTC) + 1 month: it counts until 00:30 on 1 April there, not 29 March
      const tokyo = shop('Asia/Tokyo', [['2026-02-28T15:30:00Z', 60_000]]);
      expect(qualifyingAmount(tokyo.state, 'shop', tokyo.member, at('2026-03-31T15:30:00Z') - 1, tiers)).to.equal(60_000);
      expect(qualifyingAmount(tokyo.state, 'shop', tokyo.member, at('2026-03-31T15:30:00Z'), tiers)).to.equal(0);
      expect(localDate(tierAt(tokyo.state, 'shop', tokyo.member, at('2026-03-30T00:00:00Z'), tiers).requalifyBy!, 'Asia/Tokyo')).to.deep.equal({ year: 2026, month: 3, day: 1 });
      for (const zone of [undefined, 'UTC']) {
        const { state, member } = shop(zone, [['2026-01-31T07:30:00Z', 60_000]]);
        const leaves = addMonths(at('2026-01-31T07:30:00Z'), 1); // 28 February 07:30 UTC
        expect(qualifyingAmount(state, 'shop', member, leaves - 1, tiers)).to.equal(60_000);
        expect(qualifyingAmount(state, 'shop', member, leaves, tiers)).to.equal(0);
        expect(tierAt(state, 'shop', member, leaves - 1, tiers).requalifyBy).to.equal(Date.UTC(2026, 1, 28));
      }
    });
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

  describe('a fixed expiry of N months, counted on the store’s calendar', () => {
    /** Points that became available at `available` (ISO), expiring `months` after, in `timeZone`. */
    const expiresAt = (available: string | number, months: number, timeZone?: string) => {
      const time = typeof available === 'number' ? available : at(available);
      const rules: ProgramConfig = { ...program({ joinIncentive: null }), expiry: { mode: 'fixed', months }, ...(timeZone ? { timeZone } : {}) };
      const entry: LedgerEntry = { id: 'e1', kind: 'earn', memberId: 'm', points: 10, at: time - 1, source: 'order', orderId: 'o1', availableAt: time };
      const [batch] = batchesAt([entry], rules, time);
      return { time: batch!.expiresAt!, iso: new Date(batch!.expiresAt!).toISOString(), rules, ledger: [entry] };
    };

    it('ends 30 January 23:30 in Los Angeles (31 January in UTC) + 1 month on 28 February there, not on the 27th', () => {
      const { iso, rules, ledger } = expiresAt('2026-01-31T07:30:00Z', 1, 'America/Los_Angeles');
      expect(iso).to.equal('2026-03-01T07:30:00.000Z'); // 23:30 on 28 Feb in Los Angeles
      expect(localDate(at(iso), 'America/Los_Angeles')).to.deep.equal({ year: 2026, month: 1, day: 28 });
      // in UTC the same instant is 31 January, and its month ends on 28 February there
      expect(expiresAt('2026-01-31T07:30:00Z', 1).iso).to.equal('2026-02-28T07:30:00.000Z');
      expect(summarize(batchesAt(ledger, rules, at(iso) - 1))).to.include({ available: 10, expired: 0 });
      expect(summarize(batchesAt(ledger, rules, at(iso)))).to.include({ available: 0, expired: 10 });
    });

    it('keeps the time of day on the store’s clock across a change of clocks, and counts from its date east of UTC too', () => {
      // 31 January 23:30 in Los Angeles (1 February in UTC) + 3 months: 30 April 23:30, summer time there
      expect(expiresAt('2026-02-01T07:30:00Z', 3, 'America/Los_Angeles').iso).to.equal('2026-05-01T06:30:00.000Z');
      expect(expiresAt('2026-02-01T07:30:00Z', 3).iso).to.equal('2026-05-01T07:30:00.000Z');
      // 1 March 00:30 in Tokyo (28 February in UTC) + 1 month: 1 April 00:30 in Tokyo, not 29 March
      expect(expiresAt('2026-02-28T15:30:00Z', 1, 'Asia/Tokyo').iso).to.equal('2026-03-31T15:30:00.000Z');
      // a time the clocks skip (2:30 on 8 March in New York) is read after the jump; one they read twice, the first time
      expect(expiresAt('2026-02-08T07:30:00Z', 1, 'America/New_York').iso).to.equal('2026-03-08T07:30:00.000Z');
      expect(expiresAt('2026-10-01T05:30:00Z', 1, 'America/New_York').iso).to.equal('2026-11-01T05:30:00.000Z');
    });

    it('is the UTC sum, to the millisecond, for a store in UTC', () => {
      for (const available of ['2026-01-31T07:30:00Z', '2024-02-29T23:59:59.999Z', '2026-03-31T00:00:00Z']) {
        expect(expiresAt(available, 1, 'UTC').iso).to.equal(new Date(addMonths(at(available), 1)).toISOString());
        expect(expiresAt(available, 13, 'UTC').iso).to.equal(expiresAt(available, 13).iso);
      }
    });

    it('reads the store’s wall clock as Intl does, in zones with half-hour and 45-minute offsets and changes (1,000 instants)', () => {
      const wall = (time: number, zone: string) => {
        const f: Record<string, number> = {};
        const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
        for (const part of format.formatToParts(time)) if (part.type !== 'literal') f[part.type] = Number(part.value);
        return Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!) + (time % 1000);
      };
      const zones = ['America/Los_Angeles', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'Europe/Bucharest', 'Africa/Casablanca'];
      fc.assert(
        fc.property(fc.integer({ min: at('2012-01-01T00:00:00Z'), max: at('2034-12-31T00:00:00Z') }), fc.constantFrom(...zones), fc.integer({ min: 1, max: 36 }), (time, zone, months) => {
          const target = addMonths(wall(time, zone), months);
          // (from 4 am on: clocks change in the night, where a wall-clock time can be missing or twice)
          fc.pre(target - Math.floor(target / 86_400_000) * 86_400_000 >= 4 * 3_600_000);
          expect(wall(expiresAt(time, months, zone).time, zone), `${new Date(time).toISOString()} in ${zone} + ${months}`).to.equal(target);
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('a rolling expiry of N months after the last activity, counted on the store’s calendar', () => {
    /** A grant of 10 points available at once, at `last` (ISO), the member's last activity. */
    const rolling = (last: string, months: number, timeZone?: string) => {
      const rules: ProgramConfig = { ...program({ joinIncentive: null }), expiry: { mode: 'rolling', months }, ...(timeZone ? { timeZone } : {}) };
      const ledger: LedgerEntry[] = [{ id: 'e1', kind: 'earn', memberId: 'm', points: 10, at: at(last), source: 'order', orderId: 'o1', availableAt: at(last) }];
      const iso = new Date(batchesAt(ledger, rules, at(last)).at(0)!.expiresAt!).toISOString();
      return { iso, rules, ledger };
    };

    it('keeps a Los Angeles member’s points through 28 February there when they last ordered on 30 January at 23:30 (31 January in UTC)', () => {
      const { iso, rules, ledger } = rolling('2026-01-31T07:30:00Z', 1, 'America/Los_Angeles');
      expect(iso).to.equal('2026-03-01T07:30:00.000Z'); // 23:30 on 28 February in Los Angeles
      expect(rolling('2026-01-31T07:30:00Z', 1).iso).to.equal('2026-02-28T07:30:00.000Z'); // UTC's 31 January + 1 month
      // 10:00 on 28 February in Los Angeles: still the member's points (UTC's month had them expire the evening before)
      expect(summarize(batchesAt(ledger, rules, at('2026-02-28T18:00:00Z')))).to.include({ available: 10, expired: 0 });
      const gone = batchesAt(ledger, rules, at('2026-03-01T07:30:00Z'));
      expect(summarize(gone)).to.include({ available: 0, expired: 10 });
      expect(new Date(gone[0]!.expiresAt!).toISOString()).to.equal(iso);
      // an order that day keeps them: it is activity within the month on the store's calendar
      const kept = [...ledger, { id: 'e2', kind: 'earn', memberId: 'm', points: 5, at: at('2026-02-28T18:00:00Z'), source: 'order', orderId: 'o2', availableAt: at('2026-02-28T18:00:00Z') } as const];
      expect(summarize(batchesAt(kept, rules, at('2026-03-15T00:00:00Z')))).to.include({ available: 15, expired: 0 });
    });

    it('counts from the store’s date east of UTC too, and keeps UTC stores’ dates to the millisecond', () => {
      // 1 March 00:30 in Tokyo (28 February in UTC) + 1 month: 1 April 00:30 in Tokyo, not 29 March
      expect(rolling('2026-02-28T15:30:00Z', 1, 'Asia/Tokyo').iso).to.equal('2026-03-31T15:30:00.000Z');
      // across a change of clocks the store's time of day stays: 23:30 on 31 January + 3 months is 23:30 on 30 April
      expect(rolling('2026-02-01T07:30:00Z', 3, 'America/Los_Angeles').iso).to.equal('2026-05-01T06:30:00.000Z');
      for (const last of ['2026-01-31T07:30:00Z', '2024-02-29T23:59:59.999Z', '2026-03-31T00:00:00Z']) {
        expect(rolling(last, 1, 'UTC').iso).to.equal(new Date(addMonths(at(last), 1)).toISOString());
        expect(rolling(last, 13, 'UTC').iso).to.equal(rolling(last, 13).iso);
        expect(rolling(last, 13).iso).to.equal(new Date(addMonths(at(last), 13)).toISOString());
      }
    });
  });

  describe('a calendar expiry’s “at least N months”, counted on the store’s calendar', () => {
    /** When 10 points available at `available` (ISO) expire: the end of the first `on` date at least `months` after. */
    const endsAt = (available: string, months: number, on: { month: number; day: number }, timeZone?: string) => {
      const rules: ProgramConfig = { ...program({ joinIncentive: null }), expiry: { mode: 'calendar', months, on }, ...(timeZone ? { timeZone } : {}) };
      const ledger: LedgerEntry[] = [{ id: 'e1', kind: 'earn', memberId: 'm', points: 10, at: at(available), source: 'order', orderId: 'o1', availableAt: at(available) }];
      return new Date(batchesAt(ledger, rules, at(available)).at(0)!.expiresAt!).toISOString();
    };

    it('does not end a month after 30 January 23:30 in Los Angeles on 27 February there: that is less than a month on its calendar', () => {
      // 30 January 23:30 + 1 month is 28 February 23:30 in Los Angeles, past 27 February: next year’s
      expect(endsAt('2026-01-31T07:30:00Z', 1, { month: 2, day: 27 }, 'America/Los_Angeles')).to.equal('2027-02-28T07:59:59.999Z');
      // (counted in UTC, 31 January 07:30 + 1 month is 28 February 07:30, the evening of the 27th there); the 28th is a month on
      expect(endsAt('2026-01-31T07:30:00Z', 1, { month: 2, day: 28 }, 'America/Los_Angeles')).to.equal('2026-03-01T07:59:59.999Z');
      // 1 March 00:30 in Tokyo (28 February in UTC) + 1 month is 1 April there: 31 March 2026 is too soon
      expect(endsAt('2026-02-28T15:30:00Z', 1, { month: 3, day: 31 }, 'Asia/Tokyo')).to.equal('2027-03-31T14:59:59.999Z');
      expect(endsAt('2026-02-28T15:30:00Z', 12, { month: 12, day: 31 }, 'Asia/Tokyo')).to.equal('2027-12-31T14:59:59.999Z');
    });

    it('gives each grant its own date when their availabilities fall on either side of an `on` date by turns', () => {
      const zones = [undefined, 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Havana'];
      const dates = [{ month: 12, day: 31 }, { month: 1, day: 1 }, { month: 2, day: 28 }, { month: 3, day: 31 }, { month: 6, day: 30 }];
      const minutes = fc.array(fc.noBias(fc.integer({ min: -1440, max: 1440 })), { minLength: 2, maxLength: 20 });
      fc.assert(
        fc.property(fc.integer({ min: 2020, max: 2032 }), fc.constantFrom(...zones), fc.integer({ min: 0, max: 24 }), fc.constantFrom(...dates), minutes, (year, zone, months, on, offsets) => {
          const rules: ProgramConfig = { ...program({ joinIncentive: null }), expiry: { mode: 'calendar', months, on }, ...(zone ? { timeZone: zone } : {}) };
          const end = (y: number) => localStart(y, on.month - 1, on.day + 1, zone) - 1;
          // availabilities within a day of `months` before the end of the `on` date, in any order (orders' return windows, bonuses at once)
          const center = addMonths(end(year), -months);
          const ledger: LedgerEntry[] = offsets.map((m, k) => ({ id: `e${k}`, kind: 'earn', memberId: 'm', points: 1, at: center - 2 * 86_400_000 + k, source: 'order', orderId: `o${k}`, availableAt: center + m * 60_000 }));
          for (const b of batchesAt(ledger, rules, center + 2 * 86_400_000)) {
            const earliest = new MonthsAfter(months, zone).at(b.availableAt);
            const y = localDate(earliest, zone).year;
            expect(b.expiresAt, `${new Date(b.availableAt).toISOString()} in ${zone} + ${months} to ${on.month}/${on.day}`).to.equal(end(y) >= earliest ? end(y) : end(y + 1));
          }
        }),
        { numRuns: 300 },
      );
    });

    it('is UTC’s sum for a store in UTC', () => {
      for (const zone of [undefined, 'UTC']) {
        // 31 January 07:30 + 1 month is 28 February 07:30: 27 February is too soon, 28 February is not
        expect(endsAt('2026-01-31T07:30:00Z', 1, { month: 2, day: 27 }, zone)).to.equal('2027-02-27T23:59:59.999Z');
        expect(endsAt('2026-01-31T07:30:00Z', 1, { month: 2, day: 28 }, zone)).to.equal('2026-02-28T23:59:59.999Z');
        expect(endsAt('2026-02-28T15:30:00Z', 1, { month: 3, day: 28 }, zone)).to.equal('2026-03-28T23:59:59.999Z');
        expect(endsAt('2024-02-29T23:59:59.999Z', 12, { month: 2, day: 28 }, zone)).to.equal('2025-02-28T23:59:59.999Z');
      }
    });
  });
});
