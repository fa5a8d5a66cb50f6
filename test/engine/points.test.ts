import { expect } from '@open-wc/testing';
import { DAY_MS, addMonths } from '../../src/core/clock.js';
import { batchesAt, newestFirst, pointsFor, replay, summarize, availableAfterReturnWindow, type Activity, type LedgerEntry } from '../../src/engine/points.js';
import { DEFAULT_PROGRAM, type ProgramConfig } from '../../src/engine/program.js';
import { emptyState, memberLedger } from '../../src/engine/state.js';

const program: ProgramConfig = { ...DEFAULT_PROGRAM, id: 'p', name: 'P' };
const T0 = Date.parse('2026-01-10T10:00:00Z');

function order(id: string, at: number, subtotal: number): LedgerEntry {
  return { id, kind: 'earn', memberId: 'm', points: pointsFor(subtotal, program.earn), at, source: 'order', orderId: id, availableAt: availableAfterReturnWindow(at, program) };
}

describe('points engine', () => {
  it('earns 1 point per $10 of merchandise, rounded down', () => {
    expect(pointsFor(1000, program.earn)).to.equal(1);
    expect(pointsFor(9999, program.earn)).to.equal(9);
    expect(pointsFor(152_000, program.earn)).to.equal(152);
    expect(pointsFor(0, program.earn)).to.equal(0);
    expect(pointsFor(-500, program.earn)).to.equal(0);
  });

  it('earns $1 = 1 point with another rate', () => {
    expect(pointsFor(4_599, { points: 1, perMinor: 100 })).to.equal(45);
  });

  it('keeps order points pending for the 30-day return window, then makes them available', () => {
    const ledger = [order('o1', T0, 50_000)];
    const day29 = summarize(batchesAt(ledger, program, T0 + 29 * DAY_MS));
    expect(day29).to.include({ available: 0, pending: 50 });
    expect(day29.nextPending).to.deep.equal({ points: 50, availableAt: T0 + 30 * DAY_MS });
    const day30 = summarize(batchesAt(ledger, program, T0 + 30 * DAY_MS));
    expect(day30).to.include({ available: 50, pending: 0 });
    expect(day30.nextPending).to.equal(null);
  });

  it('expires each batch 12 months after it became available and says which expires next', () => {
    const ledger = [order('o1', T0, 120_000), order('o2', T0 + 60 * DAY_MS, 80_000)];
    const firstExpiry = addMonths(T0 + 30 * DAY_MS, 12);
    const before = summarize(batchesAt(ledger, program, firstExpiry - 1));
    expect(before.available).to.equal(200);
    expect(before.nextExpiry).to.deep.equal({ points: 120, expiresAt: firstExpiry });
    const after = batchesAt(ledger, program, firstExpiry);
    expect(after.map((b) => b.status)).to.deep.equal(['expired', 'available']);
    expect(summarize(after).available).to.equal(80);
  });

  it('expires on a calendar date: to the end of the first 31 December at least 12 months after availability, on the store\'s clock', () => {
    const calendar = (months: number, timeZone?: string): ProgramConfig => ({ ...program, expiry: { mode: 'calendar', months, on: { month: 12, day: 31 } }, ...(timeZone ? { timeZone } : {}) });
    // earned 10 Jan 2026, available 9 Feb 2026 (30-day window): +12 months is 9 Feb 2027, so 31 Dec 2027
    const FEB_2027 = Date.parse('2027-02-01T00:00:00Z');
    const ledger = [order('o1', T0, 120_000), order('o2', Date.parse('2026-12-20T10:00:00Z'), 50_000)];
    const [first, second] = batchesAt(ledger, calendar(12), FEB_2027);
    expect(new Date(first!.expiresAt!).toISOString()).to.equal('2027-12-31T23:59:59.999Z');
    // available 19 Jan 2027: +12 months is 19 Jan 2028, so 31 Dec 2028
    expect(new Date(second!.expiresAt!).toISOString()).to.equal('2028-12-31T23:59:59.999Z');
    const lastMoment = Date.parse('2027-12-31T23:59:59.998Z');
    expect(summarize(batchesAt(ledger, calendar(12), lastMoment))).to.include({ available: 170, expired: 0 });
    expect(summarize(batchesAt(ledger, calendar(12), lastMoment + 2))).to.include({ available: 50, expired: 120 });
    // months 0: the end of the year they became available in
    expect(new Date(batchesAt(ledger, calendar(0), FEB_2027)[0]!.expiresAt!).toISOString()).to.equal('2026-12-31T23:59:59.999Z');
    // a New York store: the end of 31 December on its clock (5 am UTC on 1 January)
    expect(new Date(batchesAt(ledger, calendar(12, 'America/New_York'), FEB_2027)[0]!.expiresAt!).toISOString()).to.equal('2028-01-01T04:59:59.999Z');
    // the next expiry a shopper is told of
    expect(summarize(batchesAt(ledger, calendar(12), FEB_2027)).nextExpiry).to.deep.equal({ points: 120, expiresAt: Date.parse('2027-12-31T23:59:59.999Z') });
  });

  it('a calendar expiry on 30 June: a batch just past it waits for the next year\'s', () => {
    const june: ProgramConfig = { ...program, pendingDays: 0, expiry: { mode: 'calendar', months: 0, on: { month: 6, day: 30 } } };
    const at = (iso: string) => Date.parse(iso);
    const entry = (id: string, iso: string): LedgerEntry => ({ id, kind: 'earn', memberId: 'm', points: 10, at: at(iso), source: 'order', orderId: id, availableAt: at(iso) });
    const batches = batchesAt([entry('a', '2026-06-30T12:00:00Z'), entry('b', '2026-07-01T00:00:00Z'), entry('c', '2026-07-02T00:00:00Z')], june, at('2026-07-03T00:00:00Z'));
    expect(batches.map((b) => [b.id, b.status, new Date(b.expiresAt!).toISOString()])).to.deep.equal([
      ['a', 'expired', '2026-06-30T23:59:59.999Z'],
      ['b', 'available', '2027-06-30T23:59:59.999Z'],
      ['c', 'available', '2027-06-30T23:59:59.999Z'],
    ]);
  });

  it('expires fixed dates that arrive out of availability order (a month end) on their own dates', () => {
    // One month of validity, points available at once: 30 Jan 23:00 → 28 Feb 23:00, 31 Jan 01:00 → 28 Feb 01:00.
    const monthly: ProgramConfig = { ...program, expiry: { mode: 'fixed', months: 1 } };
    const at = (iso: string) => Date.parse(iso);
    const bonus = (id: string, when: number, points: number): LedgerEntry => ({ id, kind: 'earn', memberId: 'm', points, at: when, source: 'action', availableAt: when });
    const ledger = [bonus('a', at('2027-01-29T12:00:00Z'), 1), bonus('b', at('2027-01-30T23:00:00Z'), 10), bonus('c', at('2027-01-31T01:00:00Z'), 100), bonus('d', at('2027-02-01T09:00:00Z'), 1000)];
    const midday = summarize(replay(ledger, monthly, at('2027-02-28T12:00:00Z'), false));
    // a (28 Feb 12:00) and c (28 Feb 01:00) have expired; b (28 Feb 23:00) and d (1 Mar) have not
    expect(midday).to.include({ available: 1010, expired: 101 });
    expect(midday.nextExpiry).to.deep.equal({ points: 10, expiresAt: at('2027-02-28T23:00:00Z') });
    const full = replay(ledger, monthly, at('2027-02-28T12:00:00Z'));
    expect(full.batches.map((b) => [b.id, b.status, b.expiresAt])).to.deep.equal([
      ['a', 'expired', at('2027-02-28T12:00:00Z')],
      ['b', 'available', at('2027-02-28T23:00:00Z')],
      ['c', 'expired', at('2027-02-28T01:00:00Z')],
      ['d', 'available', at('2027-03-01T09:00:00Z')],
    ]);
    expect(full.activity.filter((x) => x.kind === 'expire').map((x) => [x.id, x.at])).to.deep.equal([
      ['a:expire:' + at('2027-02-28T12:00:00Z'), at('2027-02-28T12:00:00Z')],
      ['c:expire:' + at('2027-02-28T01:00:00Z'), at('2027-02-28T01:00:00Z')],
    ]);
  });

  for (const evening of [200, 300]) {
    it(`expires on their own dates ${evening} batches that a month end puts after the next day's (within and beyond the queue's reach)`, () => {
      // One month of validity: 30 Jan evenings expire on 28 Feb evenings, 31 Jan mornings on 28 Feb
      // mornings, so each of the mornings' dates lands `evening` places before the end of the queue.
      const monthly: ProgramConfig = { ...program, expiry: { mode: 'fixed', months: 1 } };
      const bonus = (id: string, when: number, points: number): LedgerEntry => ({ id, kind: 'earn', memberId: 'm', points, at: when, source: 'action', availableAt: when });
      const ledger: LedgerEntry[] = [];
      for (let j = 0; j < evening; j++) ledger.push(bonus(`e${j}`, Date.parse('2027-01-30T20:00:00Z') + j * 1000, 1));
      for (let j = 0; j < 20; j++) ledger.push(bonus(`m${j}`, Date.parse('2027-01-31T01:00:00Z') + j * 60_000, 1000));
      ledger.push(bonus('next', Date.parse('2027-02-01T09:00:00Z'), 1_000_000));
      const expiry = (e: LedgerEntry) => addMonths(e.at, 1);
      for (const iso of ['2027-02-28T00:59:59Z', '2027-02-28T01:10:00Z', '2027-02-28T12:00:00Z', '2027-02-28T20:02:00Z', '2027-03-01T09:00:00Z']) {
        const now = Date.parse(iso);
        const expired = ledger.filter((e) => expiry(e) <= now).reduce((n, e) => n + (e.kind === 'earn' ? e.points : 0), 0);
        const total = ledger.reduce((n, e) => n + (e.kind === 'earn' ? e.points : 0), 0);
        expect(summarize(replay(ledger, monthly, now, false)), iso).to.include({ expired, available: total - expired });
      }
      const full = replay(ledger, monthly, Date.parse('2027-02-28T12:00:00Z'));
      expect(full.batches.map((b) => b.expiresAt)).to.deep.equal(ledger.map(expiry));
      // the expiries, newest first as history shows them, on the mornings' own dates
      expect(full.activity.filter((x) => x.kind === 'expire').map((x) => x.at)).to.deep.equal(ledger.slice(evening, evening + 20).map(expiry).reverse());
    });
  }

  it("indexes each member's entries as the ledger grows, and afresh when it was rewritten", () => {
    const state = emptyState();
    const entry = (id: string, memberId: string): LedgerEntry => ({ id, kind: 'adjust', memberId, points: 1, at: T0, note: '' });
    state.ledger.push(entry('1', 'ana'), entry('2', 'ben'));
    expect(memberLedger(state, 'ana').map((e) => e.id)).to.deep.equal(['1']);
    state.ledger.push(entry('3', 'ana'), entry('4', 'ben'));
    expect(memberLedger(state, 'ana').map((e) => e.id)).to.deep.equal(['1', '3']);
    expect(memberLedger(state, 'ben').map((e) => e.id)).to.deep.equal(['2', '4']);
    expect(memberLedger(state, 'cleo')).to.deep.equal([]);
    state.ledger.length = 1;
    state.ledger.push(entry('5', 'ben'));
    expect(memberLedger(state, 'ben').map((e) => e.id), 'a shorter ledger is indexed again').to.deep.equal(['5']);
    state.ledger = [entry('6', 'ana')];
    expect(memberLedger(state, 'ana').map((e) => e.id), 'a new ledger array has its own index').to.deep.equal(['6']);
  });

  it('spends the oldest available batch first (FIFO), so fewer points expire', () => {
    const ledger: LedgerEntry[] = [
      order('o1', T0, 100_000),
      order('o2', T0 + 10 * DAY_MS, 100_000),
      { id: 'r1', kind: 'redeem', memberId: 'm', points: 130, at: T0 + 50 * DAY_MS, ref: 'x' },
    ];
    const batches = batchesAt(ledger, program, T0 + 51 * DAY_MS);
    expect(batches.map((b) => [b.id, b.remaining, b.status])).to.deep.equal([
      ['o1', 0, 'spent'],
      ['o2', 70, 'available'],
    ]);
  });

  it('never spends pending points', () => {
    const ledger: LedgerEntry[] = [order('o1', T0, 100_000), { id: 'r1', kind: 'redeem', memberId: 'm', points: 50, at: T0 + DAY_MS, ref: 'x' }];
    const [batch] = batchesAt(ledger, program, T0 + 2 * DAY_MS);
    expect(batch!.remaining).to.equal(100);
    expect(batch!.status).to.equal('pending');
  });

  it("gives a cancelled redemption's points of an order returned meanwhile to that return, not back to the member", () => {
    // 1 point from o1, 99 from o2, all 100 spent on a reward; o2 returned (99 owed); the reward cancelled
    const day = (n: number) => T0 + n * DAY_MS;
    const ledger: LedgerEntry[] = [
      order('o1', day(0), 1_998),
      order('o2', day(1), 99_000),
      { id: 'r1', kind: 'redeem', memberId: 'm', points: 100, at: day(40), ref: 'red1' },
      { id: 'x2', kind: 'reverse', memberId: 'm', orderId: 'o2', points: 99, at: day(41), ref: 'ret2' },
      { id: 'c1', kind: 'cancel', memberId: 'm', ref: 'red1', at: day(42) },
    ];
    const afterCancel = replay(ledger, program, day(43));
    expect(summarize(afterCancel)).to.include({ available: 1, owed: 0, lifetime: 1 });
    expect(afterCancel.batches.map((b) => [b.id, b.remaining, b.reversed, b.clawed])).to.deep.equal([
      ['o1', 1, 0, 0],
      ['o2', 0, 99, 0],
    ]);
    // The history (newest first) adds up to the balance: +1 +99 −100, the return took nothing
    // then, +100 back of which the return takes its 99.
    expect(afterCancel.activity.map((a) => [a.kind, a.points])).to.deep.equal([
      ['refund', 100],
      ['clawback', -99],
      ['return', 0],
      ['redeem', -100],
      ['pending', 99],
      ['pending', 1],
    ]);
    // o1 returned too: nothing is left and nothing owed (o2's batch kept a point before).
    ledger.push({ id: 'x1', kind: 'reverse', memberId: 'm', orderId: 'o1', points: 1, at: day(44), ref: 'ret1' });
    expect(summarize(replay(ledger, program, day(45)))).to.include({ available: 0, pending: 0, owed: 0, lifetime: 0 });
  });

  it("a debt another order paid is given back to it when the returned order's points come back", () => {
    // o2's return (50 points spent) is paid by o3's points; then the spending is cancelled
    const day = (n: number) => T0 + n * DAY_MS;
    const ledger: LedgerEntry[] = [
      order('o2', day(0), 50_000),
      { id: 'r1', kind: 'redeem', memberId: 'm', points: 50, at: day(31), ref: 'red1' },
      { id: 'x2', kind: 'reverse', memberId: 'm', orderId: 'o2', points: 50, at: day(32), ref: 'ret2' },
      order('o3', day(33), 80_000),
      { id: 'c1', kind: 'cancel', memberId: 'm', ref: 'red1', at: day(70) },
    ];
    const result = replay(ledger, program, day(71));
    expect(result.batches.map((b) => [b.id, b.remaining, b.reversed, b.clawed])).to.deep.equal([
      ['o2', 0, 50, 0],
      ['o3', 80, 0, 0],
    ]);
    expect(summarize(result)).to.include({ available: 80, owed: 0, lifetime: 80 });
    expect(result.activity.reduce((sum, a) => sum + a.points, 0), 'history adds up').to.equal(80);
  });

  it('under rolling expiry, points of a redemption cancelled after the member went quiet long enough come back expired', () => {
    const rolling: ProgramConfig = { ...program, expiry: { mode: 'rolling', months: 6 } };
    const day = (n: number) => T0 + n * DAY_MS;
    const ledger: LedgerEntry[] = [order('o1', day(0), 100_000), { id: 'r1', kind: 'redeem', memberId: 'm', points: 100, at: day(40), ref: 'red1' }];
    const cancelAt = (n: number) => [...ledger, { id: 'c1', kind: 'cancel', memberId: 'm', ref: 'red1', at: day(n) } as LedgerEntry];
    // within six months of the redemption (the last activity): spendable again
    expect(summarize(replay(cancelAt(100), rolling, day(101)))).to.include({ available: 100, expired: 0 });
    // after them: they would have expired with the rest had they not been spent
    const late = replay(cancelAt(300), rolling, day(301));
    expect(summarize(late)).to.include({ available: 0, expired: 100 });
    expect(late.activity.slice(0, 2).map((a) => [a.kind, a.points])).to.deep.equal([
      ['refund', 100],
      ['expire', -100],
    ]);
  });

  it('a redemption charged beyond the balance shows what it took; the rest shows when later points pay it', () => {
    const ledger: LedgerEntry[] = [
      order('o1', T0, 30_000),
      { id: 'r1', kind: 'redeem', memberId: 'm', points: 100, at: T0 + 31 * DAY_MS, ref: 'again' },
      order('o2', T0 + 32 * DAY_MS, 200_000),
    ];
    const result = replay(ledger, program, T0 + 70 * DAY_MS);
    expect(result.activity.map((a) => [a.kind, a.points])).to.deep.equal([
      ['pending', 200],
      ['clawback', -70],
      ['redeem', -30],
      ['pending', 30],
    ]);
    expect(summarize(result)).to.include({ available: 130, owed: 0 });
  });

  it('says what each clawback pays back: a return, a negative adjustment, a reward charged again (one line per debt a batch pays)', () => {
    const day = (n: number) => T0 + n * DAY_MS;
    const ledger: LedgerEntry[] = [
      order('o1', day(0), 50_000),
      { id: 'r1', kind: 'redeem', memberId: 'm', points: 50, at: day(31), ref: 'red1' },
      // all 50 spent: the return owes 20, the adjustment 30, the reward code used again 10
      { id: 'x1', kind: 'reverse', memberId: 'm', orderId: 'o1', points: 20, at: day(32), ref: 'ret1' },
      { id: 'a1', kind: 'adjust', memberId: 'm', points: -30, at: day(33), note: 'correction' },
      { id: 'r2', kind: 'redeem', memberId: 'm', points: 10, at: day(34), ref: 'red1:o9' },
      order('o2', day(35), 40_000),
      order('o3', day(36), 30_000),
    ];
    const lines = (result: ReturnType<typeof replay>) => result.activity.map((a) => [a.kind, a.points, a.pays ?? null, a.kind === 'clawback' ? (a.ref ?? null) : null]);
    const result = replay(ledger, program, day(37));
    // (newest first; lines of one instant in the order they happened)
    expect(lines(result)).to.deep.equal([
      ['pending', 30, null, null],
      ['clawback', -10, 'adjustment', null],
      ['clawback', -10, 'reward', 'red1:o9'],
      ['pending', 40, null, null],
      ['clawback', -20, 'return', null],
      ['clawback', -20, 'adjustment', null],
      ['redeem', 0, null, null],
      ['adjust', 0, null, null],
      ['return', 0, null, null],
      ['redeem', -50, null, null],
      ['pending', 50, null, null],
    ]);
    expect(new Set(result.activity.map((a) => a.id)).size, 'ids stay unique').to.equal(result.activity.length);
    expect(summarize(result)).to.include({ pending: 10, owed: 0 });
    // o2 returned: what its points paid is owed again, and says again what it pays when o4 pays it
    ledger.push({ id: 'x2', kind: 'reverse', memberId: 'm', orderId: 'o2', points: 40, at: day(38), ref: 'ret2' }, order('o4', day(39), 50_000));
    const again = replay(ledger, program, day(40));
    expect(lines(again).slice(0, 4)).to.deep.equal([
      ['pending', 50, null, null],
      ['clawback', -20, 'return', null],
      ['clawback', -20, 'adjustment', null],
      ['return', 0, null, null],
    ]);
    expect(again.activity.reduce((sum, a) => sum + a.points, 0), 'history adds up').to.equal(summarize(again).pending + summarize(again).available);
  });

  it("a cancelled redemption that settles a return's debt forgives that return's, not an older adjustment's", () => {
    const day = (n: number) => T0 + n * DAY_MS;
    const ledger: LedgerEntry[] = [
      order('o1', day(0), 1_998),
      order('o2', day(1), 99_000),
      { id: 'r1', kind: 'redeem', memberId: 'm', points: 100, at: day(40), ref: 'red1' },
      { id: 'a1', kind: 'adjust', memberId: 'm', points: -10, at: day(40) + 1, note: 'correction' },
      { id: 'x2', kind: 'reverse', memberId: 'm', orderId: 'o2', points: 99, at: day(41), ref: 'ret2' },
      { id: 'c1', kind: 'cancel', memberId: 'm', ref: 'red1', at: day(42) },
      order('o3', day(43), 20_000),
    ];
    const result = replay(ledger, program, day(44));
    // the return takes its 99 back from the refund; o1's point and then o3's pay the adjustment
    expect(result.activity.filter((a) => a.kind === 'clawback').map((a) => [a.points, a.pays])).to.deep.equal([
      [-9, 'adjustment'],
      [-99, 'return'],
      [-1, 'adjustment'],
    ]);
    expect(summarize(result)).to.include({ pending: 11, owed: 0 });
  });

  it('ignores ledger entries dated after now', () => {
    const ledger = [order('o1', T0 + 5 * DAY_MS, 100_000)];
    expect(batchesAt(ledger, program, T0)).to.have.length(0);
  });
});

describe('replay: the fast paths give the same answers', () => {
  /** The calendar sum as Date does it (the reference the arithmetic version must match). */
  const viaDate = (time: number, months: number) => {
    const d = new Date(time);
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return d.getTime();
  };

  it('addMonths equals the Date calendar sum for month ends, leap days and any time of day', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const times = [Date.UTC(2024, 0, 31, 23, 59, 59, 999), Date.UTC(2024, 1, 29, 12), Date.UTC(2023, 11, 31), Date.UTC(2100, 1, 28, 5), Date.UTC(2000, 1, 29)];
    for (let i = 0; i < 2000; i++) times.push(Date.UTC(1990, 0, 1) + Math.floor(random() * 60 * 365 * DAY_MS));
    for (const t of times) for (const m of [-25, -12, -1, 0, 1, 2, 6, 11, 12, 13, 24, 36]) expect(addMonths(t, m), `${new Date(t).toISOString()} + ${m}`).to.equal(viaDate(t, m));
  });

  it('a ledger out of time order, and the balance without history, agree with the full replay', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const T = Date.UTC(2024, 0, 1);
    for (const expiry of [{ mode: 'fixed', months: 12 }, { mode: 'rolling', months: 6 }] as const) {
      const program = { ...DEFAULT_PROGRAM, expiry } as ProgramConfig;
      const entries: LedgerEntry[] = [];
      for (let i = 0; i < 600; i++) {
        const at = T + Math.floor(random() * 900) * DAY_MS;
        const roll = random();
        if (roll < 0.6) entries.push({ id: `e${i}`, kind: 'earn', memberId: 'm', points: 1 + Math.floor(random() * 90), at, source: 'order', orderId: `o${i}`, availableAt: at + 30 * DAY_MS });
        else if (roll < 0.8) entries.push({ id: `r${i}`, kind: 'redeem', memberId: 'm', points: 1 + Math.floor(random() * 40), at, ref: `r${i}` });
        else if (roll < 0.9) entries.push({ id: `x${i}`, kind: 'reverse', memberId: 'm', orderId: `o${Math.floor(random() * i)}`, points: 1 + Math.floor(random() * 30), at, ref: `x${i}` });
        else entries.push({ id: `a${i}`, kind: 'adjust', memberId: 'm', points: Math.floor(random() * 60) - 30 || 1, at, note: 'test' });
      }
      const now = T + 1000 * DAY_MS;
      const shuffled = replay(entries, program, now);
      const ordered = replay([...entries].sort((a, b) => a.at - b.at), program, now);
      expect(summarize(shuffled)).to.deep.equal(summarize(ordered));
      // history newest first; lines of one instant (600 entries on 900 days share many) in ledger order
      const position = new Map([...entries].sort((a, b) => a.at - b.at).map((e, i) => [e.id, i]));
      const lines = ordered.activity;
      expect(lines.length).to.be.greaterThan(300);
      let ties = 0;
      for (let i = 1; i < lines.length; i++) {
        expect(lines[i]!.at).to.be.at.most(lines[i - 1]!.at);
        const [before, after] = [position.get(lines[i - 1]!.id), position.get(lines[i]!.id)];
        if (lines[i]!.at === lines[i - 1]!.at && before !== undefined && after !== undefined) {
          ties++;
          expect(after, `${lines[i - 1]!.id} then ${lines[i]!.id}`).to.be.greaterThan(before);
        }
      }
      expect(ties).to.be.greaterThan(10);
      const quiet = replay(entries, program, now, false);
      expect(quiet.activity).to.deep.equal([]);
      expect(summarize(quiet)).to.deep.equal(summarize(shuffled));
      expect(quiet.batches).to.deep.equal(shuffled.batches);
      if (expiry.mode === 'fixed') expect(summarize(shuffled).expired).to.be.greaterThan(0); // the case does reach expiry
    }
  });

  it('puts history lines newest first, the lines of one instant in the order they came, in or out of time order', () => {
    const line = (id: string, at: number): Activity => ({ id, kind: 'adjust', points: 1, at });
    // in time order (the replay's usual case): turned around a block of same-instant lines at a time
    expect(newestFirst([line('a', 1), line('b', 2), line('c', 2), line('d', 2), line('e', 3)]).map((x) => x.id)).to.deep.equal(['e', 'b', 'c', 'd', 'a']);
    // out of time order: sorted, same-instant lines still in the order they came
    expect(newestFirst([line('a', 2), line('b', 1), line('c', 3), line('d', 1), line('e', 2)]).map((x) => x.id)).to.deep.equal(['c', 'a', 'e', 'b', 'd']);
    expect(newestFirst([])).to.deep.equal([]);
    expect(newestFirst([line('a', 5)]).map((x) => x.id)).to.deep.equal(['a']);
  });
});
