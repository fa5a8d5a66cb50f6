import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { DAY_MS, addMonths } from '../../src/core/clock.js';
import { addProgram, earnFor, enrollMember, postOrder, postReturn, type EngineState } from '../../src/engine/index.js';
import { multiplierAt, qualifyingAmount, tierAt, tierGiftsDue, validateTierConfig, type TierConfig, type TierLevel } from '../../src/engine/tiers.js';
import { T0, days, line, program, rejects, world } from './fixtures.js';

const benefits = (earnMultiplier: number, extra: Partial<TierLevel['benefits']> = {}): TierLevel['benefits'] => ({
  earnMultiplier,
  freeShipping: false,
  earlyAccess: false,
  exclusiveAccess: false,
  ...extra,
});

/** PRODUCT.md: Silver at $500 of yearly spend, Gold at $1,000 with 1.5× earn. */
function tiers(overrides: Partial<TierConfig> = {}): TierConfig {
  return {
    basis: 'spend',
    period: 'calendar_year',
    graceDays: 0,
    levels: [
      { id: 'member', name: 'Member', threshold: 0, benefits: benefits(1) },
      { id: 'silver', name: 'Silver', threshold: 50_000, benefits: benefits(1.25, { freeShipping: true }) },
      {
        id: 'gold',
        name: 'Gold',
        threshold: 100_000,
        benefits: benefits(1.5, { freeShipping: true, earlyAccess: true, exclusiveAccess: true, gift: { description: 'Gold welcome gift', couponValue: 2000 } }),
      },
    ],
    ...overrides,
  };
}

let seq = 0;
function order(state: EngineState, member: string, amount: number, placedAt: number, multiplier = 1): string {
  const orderId = `o${++seq}`;
  postOrder(state, 'shop', { orderId, memberId: member, currency: 'USD', lines: [line('item', amount)], placedAt }, multiplier);
  return orderId;
}

const Y2027 = Date.UTC(2027, 0, 1);

describe('tiers', () => {
  it('validates the configuration, naming fields', () => {
    expect(validateTierConfig(tiers())).to.deep.equal([]);
    const bad = tiers({ graceDays: -1, basis: 'visits' as never });
    bad.levels = [
      { ...bad.levels[0]!, threshold: 10 },
      { ...bad.levels[1]!, benefits: benefits(0) },
      { ...bad.levels[2]!, id: 'silver', threshold: 40_000, benefits: benefits(2, { gift: { description: '' } }) },
    ];
    const problems = validateTierConfig(bad);
    expect(problems).to.include('tiers.basis must be spend or points');
    expect(problems).to.include('tiers.graceDays must be an integer between 0 and 366');
    expect(problems).to.include('tiers.levels[0].threshold must be 0 (the base level)');
    expect(problems).to.include('tiers.levels[1].benefits.earnMultiplier must be between 1 and 10');
    expect(problems).to.include('tiers.levels[2].id must be unique');
    expect(problems).to.include("tiers.levels[2].threshold must be an integer above the previous level's");
    expect(problems).to.include('tiers.levels[2].benefits.gift.description is required');
    expect(validateTierConfig({ ...tiers(), levels: [] })).to.include('tiers.levels must list at least the base level');
  });

  it('shows progress: $920 spent this year is Silver, "spend $80 more to reach Gold"', () => {
    const { state, member } = world();
    order(state, member, 42_000, T0);
    order(state, member, 50_000, T0 + days(10));
    const status = tierAt(state, 'shop', member, T0 + days(11), tiers());
    expect(status.level.id).to.equal('silver');
    expect(status.keptByGrace).to.equal(false);
    expect(status.progress).to.deep.equal({
      current: 92_000,
      next: { id: 'gold', name: 'Gold', threshold: 100_000 },
      missing: 8_000,
      percent: 92,
      periodEndsOn: Date.UTC(2026, 11, 31),
    });
    expect(status.requalifyBy).to.equal(Date.UTC(2026, 11, 31));
    // Orders placed after `at` do not count yet.
    expect(tierAt(state, 'shop', member, T0 + days(5), tiers()).level.id).to.equal('member');
  });

  it('is at the top with nothing missing once Gold', () => {
    const { state, member } = world();
    order(state, member, 100_000, T0);
    const status = tierAt(state, 'shop', member, T0, tiers());
    expect(status.level.id).to.equal('gold');
    expect(status.progress).to.include({ next: null, missing: 0, percent: 100 });
  });

  it('drops a level when a return lowers the qualifying spend', () => {
    const { state, member } = world();
    const id = order(state, member, 60_000, T0);
    expect(tierAt(state, 'shop', member, T0 + days(1), tiers()).level.id).to.equal('silver');
    postReturn(state, 'shop', id, { returnId: 'r1', amount: 15_000 }, T0 + days(5));
    expect(qualifyingAmount(state, 'shop', member, T0 + days(6), tiers())).to.equal(45_000);
    expect(tierAt(state, 'shop', member, T0 + days(6), tiers()).level.id).to.equal('member');
    expect(tierAt(state, 'shop', member, T0 + days(6), tiers()).progress.missing).to.equal(5_000);
  });

  it('counts shipping in the earn base when the program does, and all of it goes with a full return', () => {
    const { state, member } = world({ earnBase: { shipping: true, tax: false } });
    postOrder(state, 'shop', { orderId: 'big', memberId: member, currency: 'USD', lines: [line('a', 49_500)], shipping: 500, placedAt: T0 });
    expect(tierAt(state, 'shop', member, T0, tiers()).level.id).to.equal('silver');
    postReturn(state, 'shop', 'big', { returnId: 'all', lines: [{ id: 'a', quantity: 1 }] }, T0 + days(1));
    expect(qualifyingAmount(state, 'shop', member, T0 + days(1), tiers())).to.equal(0);
  });

  it('calendar year without grace: last year’s Gold holds until 31 Dec, then the new year counts', () => {
    const { state, member } = world();
    order(state, member, 100_000, T0);
    const cfg = tiers();
    const dec31 = Y2027 - 1;
    expect(tierAt(state, 'shop', member, dec31, cfg)).to.deep.include({ keptByGrace: false, requalifyBy: Date.UTC(2026, 11, 31) });
    expect(tierAt(state, 'shop', member, dec31, cfg).level.id).to.equal('gold');
    const jan1 = tierAt(state, 'shop', member, Y2027, cfg);
    expect(jan1.level.id).to.equal('member');
    expect(jan1).to.deep.include({ keptByGrace: false, requalifyBy: null });
    expect(jan1.progress).to.include({ current: 0, missing: 50_000, periodEndsOn: Date.UTC(2027, 11, 31) });
  });

  it('calendar year with 90 grace days: last year’s level is kept until the grace ends, then the new year’s spend counts', () => {
    const { state, member } = world();
    order(state, member, 100_000, T0);
    const cfg = tiers({ graceDays: 90 });
    const graceEnd = Y2027 + days(90); // 1 April 2027
    const feb = tierAt(state, 'shop', member, Date.UTC(2027, 1, 1), cfg);
    expect(feb.level.id).to.equal('gold');
    expect(feb.keptByGrace).to.equal(true);
    expect(feb.requalifyBy).to.equal(Date.UTC(2027, 2, 31));
    // Progress is towards the level above the one held (none above Gold), from this year's spend.
    expect(feb.progress).to.include({ current: 0, missing: 0, percent: 100 });
    expect(multiplierAt(state, 'shop', member, graceEnd - 1, cfg)).to.equal(1.5);
    expect(tierAt(state, 'shop', member, graceEnd, cfg).level.id).to.equal('member');

    // Spending $500 during the grace: still Gold by grace, then Silver (this year's level).
    order(state, member, 50_000, Date.UTC(2027, 1, 10));
    expect(tierAt(state, 'shop', member, Date.UTC(2027, 1, 11), cfg)).to.deep.include({ keptByGrace: true });
    const after = tierAt(state, 'shop', member, graceEnd, cfg);
    expect(after.level.id).to.equal('silver');
    expect(after.keptByGrace).to.equal(false);
    expect(after.requalifyBy).to.equal(Date.UTC(2027, 11, 31) + days(90));

    // Requalifying for Gold in the new year ends the grace state (and is no longer "kept").
    order(state, member, 50_000, Date.UTC(2027, 1, 20));
    expect(tierAt(state, 'shop', member, Date.UTC(2027, 1, 21), cfg)).to.deep.include({ keptByGrace: false, requalifyBy: Date.UTC(2028, 2, 30) });
  });

  it('rolling 12 months: the level lasts while the spend is in the last 12 months', () => {
    const { state, member } = world();
    const cfg = tiers({ period: 'rolling_12_months' });
    order(state, member, 60_000, T0);
    order(state, member, 40_000, T0 + days(100));
    const leaves = addMonths(T0, 12);
    const status = tierAt(state, 'shop', member, T0 + days(200), cfg);
    expect(status.level.id).to.equal('gold');
    // The first order ($600) leaves the window at 10:00 on 2 March 2027: the last day it counts.
    expect(status.requalifyBy).to.equal(Date.UTC(2027, 2, 2));
    expect(status.progress.periodEndsOn).to.equal(Date.UTC(2027, 2, 2));
    // Across the new year nothing changes (no calendar reset) …
    expect(tierAt(state, 'shop', member, Y2027 + days(10), cfg).level.id).to.equal('gold');
    // … until the first order is 12 months old: $400 left is below Silver.
    expect(tierAt(state, 'shop', member, leaves - 1, cfg).level.id).to.equal('gold');
    expect(tierAt(state, 'shop', member, leaves, cfg).level.id).to.equal('member');
    expect(tierAt(state, 'shop', member, leaves, cfg).progress).to.include({ current: 40_000, missing: 10_000 });
  });

  it('a rolling window of 6 months: an order 7 months ago no longer counts, one 5 months ago does', () => {
    const { state, member } = world();
    const cfg = tiers({ period: 'rolling_months', periodMonths: 6 });
    order(state, member, 60_000, T0); // 2 March 2026
    const recent = addMonths(T0, 2);
    order(state, member, 40_000, recent); // 2 May 2026
    const now = addMonths(T0, 7); // 2 October 2026: the first is 7 months old, the second 5
    expect(qualifyingAmount(state, 'shop', member, now, cfg)).to.equal(40_000);
    expect(tierAt(state, 'shop', member, now, cfg).level.id).to.equal('member');
    // the same orders in a 12-month window are still Gold's
    expect(tierAt(state, 'shop', member, now, tiers({ period: 'rolling_12_months' })).level.id).to.equal('gold');
    // the first counted until 6 months after it was placed, to the millisecond
    expect(qualifyingAmount(state, 'shop', member, addMonths(T0, 6) - 1, cfg)).to.equal(100_000);
    expect(qualifyingAmount(state, 'shop', member, addMonths(T0, 6), cfg)).to.equal(40_000);
    // Gold while both count, until the first leaves at 10:00 on 2 September: the last day it counts
    const gold = tierAt(state, 'shop', member, addMonths(T0, 3), cfg);
    expect(gold.level.id).to.equal('gold');
    expect(gold.requalifyBy).to.equal(Date.UTC(2026, 8, 2));
    expect(gold.progress.periodEndsOn).to.equal(Date.UTC(2026, 8, 2));
    expect(tierAt(state, 'shop', member, now, cfg).progress.periodEndsOn).to.equal(Date.UTC(2026, 10, 2));
  });

  it('refuses a rolling window without a length from 1 to 36 months, or a length with another period, saying so', () => {
    expect(validateTierConfig(tiers({ period: 'rolling_months', periodMonths: 1 }))).to.deep.equal([]);
    expect(validateTierConfig(tiers({ period: 'rolling_months', periodMonths: 36 }))).to.deep.equal([]);
    const window = 'tiers.periodMonths must be a whole number of months from 1 to 36 (the rolling window)';
    for (const periodMonths of [undefined, 0, 37, 6.5, '6' as never, -3]) expect(validateTierConfig(tiers({ period: 'rolling_months', periodMonths })), String(periodMonths)).to.deep.equal([window]);
    expect(validateTierConfig(tiers({ periodMonths: 6 }))).to.deep.equal(['tiers.periodMonths goes with period rolling_months only']);
    expect(validateTierConfig(tiers({ period: 'rolling_12_months', periodMonths: 6 }))).to.deep.equal(['tiers.periodMonths goes with period rolling_months only']);
    expect(validateTierConfig(tiers({ period: 'rolling_6_months' as never }))).to.deep.equal(['tiers.period must be calendar_year, rolling_months or rolling_12_months']);
    // a program with such tiers is refused as a whole, the problem named
    const refusal = rejects(() => addProgram({ ...world().state }, program({ id: 'other', tiers: tiers({ period: 'rolling_months', periodMonths: 48 }) })));
    expect(refusal.message).to.equal(`invalid program: ${window}`);
  });

  it('rolling 12 months ignores graceDays', () => {
    const { state, member } = world();
    const cfg = tiers({ period: 'rolling_12_months', graceDays: 90 });
    order(state, member, 100_000, T0);
    expect(tierAt(state, 'shop', member, addMonths(T0, 12), cfg)).to.deep.include({ keptByGrace: false });
    expect(tierAt(state, 'shop', member, addMonths(T0, 12), cfg).level.id).to.equal('member');
  });

  it('qualifies by points earned (order points minus reversed) when the basis is points', () => {
    const { state, member } = world();
    const cfg = tiers({ basis: 'points' });
    cfg.levels = [cfg.levels[0]!, { ...cfg.levels[1]!, threshold: 50 }, { ...cfg.levels[2]!, threshold: 100 }];
    const id = order(state, member, 120_000, T0); // 120 points
    expect(qualifyingAmount(state, 'shop', member, T0, cfg)).to.equal(120);
    expect(tierAt(state, 'shop', member, T0, cfg).level.id).to.equal('gold');
    postReturn(state, 'shop', id, { returnId: 'r', amount: 60_000 }, T0 + days(2)); // 60 reversed
    expect(tierAt(state, 'shop', member, T0 + days(2), cfg).level.id).to.equal('silver');
  });

  it('feeds the tier multiplier to earnFor: a $200 order at Gold (1.5×) earns 30 points at 1 pt/$10', () => {
    const { state, member } = world();
    const cfg = tiers();
    expect(multiplierAt(state, 'shop', member, T0, cfg)).to.equal(1);
    expect(multiplierAt(state, 'shop', member, T0, undefined)).to.equal(1);
    order(state, member, 100_000, T0);
    const at = T0 + days(1);
    const multiplier = multiplierAt(state, 'shop', member, at, cfg);
    expect(multiplier).to.equal(1.5);
    const rules = state.programs['shop']!;
    expect(earnFor(rules, { lines: [line('a', 20_000)], placedAt: at }, multiplier).points).to.equal(30);
    const result = postOrder(state, 'shop', { orderId: 'gold-order', memberId: member, currency: 'USD', lines: [line('a', 20_000)], placedAt: at }, multiplier);
    expect(result.points).to.equal(30);
  });

  it('lists a level’s gift once it is reached in the year, again the next year it is reached', () => {
    const { state, member } = world();
    const cfg = tiers();
    order(state, member, 60_000, T0);
    expect(tierGiftsDue(state, 'shop', member, T0, cfg)).to.deep.equal([]);
    order(state, member, 50_000, T0 + days(3));
    const due = tierGiftsDue(state, 'shop', member, T0 + days(4), cfg);
    expect(due.map((d) => [d.level.id, d.periodKey, d.reachedAt, d.gift.couponValue])).to.deep.equal([['gold', '2026', T0 + days(3), 2000]]);
    // Still the same (period, level) later in the year: the backend's once-per-period key stays the same.
    expect(tierGiftsDue(state, 'shop', member, Date.UTC(2026, 11, 31), cfg)[0]!.reachedAt).to.equal(T0 + days(3));
    // New year, even with Gold kept by grace: nothing until Gold is reached again.
    const grace = tiers({ graceDays: 60 });
    expect(tierGiftsDue(state, 'shop', member, Y2027 + days(10), grace)).to.deep.equal([]);
    order(state, member, 100_000, Y2027 + days(20));
    expect(tierGiftsDue(state, 'shop', member, Y2027 + days(20), grace).map((d) => [d.level.id, d.periodKey])).to.deep.equal([['gold', '2027']]);
  });

  it('derives gifts for rolling 12 months from the rolling amount at this year’s orders', () => {
    const { state, member } = world();
    const cfg = tiers({ period: 'rolling_12_months' });
    order(state, member, 90_000, Date.UTC(2026, 10, 1));
    order(state, member, 20_000, Date.UTC(2027, 0, 5));
    expect(tierGiftsDue(state, 'shop', member, Date.UTC(2026, 11, 31), cfg)).to.deep.equal([]);
    expect(tierGiftsDue(state, 'shop', member, Date.UTC(2027, 0, 6), cfg).map((d) => [d.level.id, d.periodKey, d.reachedAt])).to.deep.equal([['gold', '2027', Date.UTC(2027, 0, 5)]]);
  });

  it('only counts the member’s own orders in this program', () => {
    const { state, member } = world();
    const other = enrollMember(state, 'shop', { email: 'bo@example.com', name: 'Bo' }, T0).member.id;
    order(state, other, 100_000, T0);
    postOrder(state, 'shop', { orderId: 'guest', email: 'guest@example.com', currency: 'USD', lines: [line('a', 100_000)], placedAt: T0 });
    expect(tierAt(state, 'shop', member, T0, tiers()).level.id).to.equal('member');
    expect(tierAt(state, 'shop', other, T0, tiers()).level.id).to.equal('gold');
  });

  describe('property: tierAt equals a tier recomputed from scratch', () => {
    /** An independent, deliberately plain recomputation from the order records. */
    function reference(state: EngineState, member: string, at: number, cfg: TierConfig) {
      const mine = Object.values(state.orders).filter((o) => o.memberId === member && o.placedAt <= at);
      const net = (o: (typeof mine)[number]) => {
        const merchandise = o.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0) - Math.min(o.discounts, o.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0));
        return o.returned > 0 && o.returned >= merchandise ? 0 : Math.max(0, o.earnBase - o.returned);
      };
      const rank = (amount: number) => {
        let r = 0;
        for (let i = 0; i < cfg.levels.length; i++) if (amount >= cfg.levels[i]!.threshold) r = i;
        return r;
      };
      const year = new Date(at).getUTCFullYear();
      if (cfg.period !== 'calendar_year') {
        const months = cfg.period === 'rolling_months' ? cfg.periodMonths! : 12;
        const current = mine.filter((o) => at < addMonths(o.placedAt, months)).reduce((s, o) => s + net(o), 0);
        return { rank: rank(current), current, kept: false };
      }
      const yearOf = (t: number) => new Date(t).getUTCFullYear();
      const current = mine.filter((o) => yearOf(o.placedAt) === year).reduce((s, o) => s + net(o), 0);
      const last = mine.filter((o) => yearOf(o.placedAt) === year - 1).reduce((s, o) => s + net(o), 0);
      const inGrace = at - Date.UTC(year, 0, 1) < cfg.graceDays * DAY_MS;
      const kept = inGrace && rank(last) > rank(current);
      return { rank: kept ? rank(last) : rank(current), current, kept };
    }

    const step = fc.oneof(
      fc.record({ kind: fc.constant('order' as const), amount: fc.integer({ min: 1, max: 80_000 }), who: fc.integer({ min: 0, max: 1 }) }),
      fc.record({ kind: fc.constant('return' as const), pick: fc.nat(), amount: fc.integer({ min: 1, max: 60_000 }), full: fc.boolean() }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 200 * DAY_MS }) }),
    );

    it('over random orders, returns and clock moves, for every period kind and grace', () => {
      fc.assert(
        fc.property(
          fc.array(step, { maxLength: 30 }),
          fc.constantFrom<Pick<TierConfig, 'period' | 'periodMonths'>>({ period: 'calendar_year' }, { period: 'rolling_12_months' }, { period: 'rolling_months', periodMonths: 1 }, { period: 'rolling_months', periodMonths: 6 }, { period: 'rolling_months', periodMonths: 36 }),
          fc.constantFrom(0, 31, 90),
          fc.integer({ min: 0, max: 400 * DAY_MS }),
          (steps, period, graceDays, start) => {
            const { state, member } = world();
            const other = enrollMember(state, 'shop', { email: 'bo@example.com' }, T0).member.id;
            const cfg = tiers({ ...period, graceDays });
            let now = Date.UTC(2025, 9, 1) + start;
            const ids: string[] = [];
            let n = 0;
            for (const s of steps) {
              if (s.kind === 'wait') now += s.ms;
              else if (s.kind === 'order') {
                const orderId = `p${++n}`;
                postOrder(state, 'shop', { orderId, memberId: s.who ? other : member, currency: 'USD', lines: [line('a', s.amount)], placedAt: now });
                ids.push(orderId);
              } else if (ids.length) {
                const id = ids[s.pick % ids.length]!;
                // A unit can be returned once: a second full return of the same line is refused (422).
                const again = s.full && state.orders[`shop:${id}`]!.returnedUnits?.a;
                if (!again) postReturn(state, 'shop', id, s.full ? { returnId: `r${++n}`, lines: [{ id: 'a', quantity: 1 }] } : { returnId: `r${++n}`, amount: s.amount }, now);
              }
              for (const who of [member, other]) {
                const got = tierAt(state, 'shop', who, now, cfg);
                const want = reference(state, who, now, cfg);
                expect(got.level.id).to.equal(cfg.levels[want.rank]!.id);
                expect(got.keptByGrace).to.equal(want.kept);
                expect(got.progress.current).to.equal(want.current);
                const next = cfg.levels[want.rank + 1];
                expect(got.progress.missing).to.equal(next ? Math.max(0, next.threshold - want.current) : 0);
                expect(got.progress.percent).to.be.within(0, 100);
                expect(multiplierAt(state, 'shop', who, now, cfg)).to.equal(cfg.levels[want.rank]!.benefits.earnMultiplier);
              }
            }
          },
        ),
        { numRuns: 150 },
      );
    });
  });
});
