import { expect } from '@open-wc/testing';
import { DAY_MS, addMonths } from '../../src/core/clock.js';
import { batchesAt, pointsFor, summarize, availableAfterReturnWindow, type LedgerEntry } from '../../src/engine/points.js';
import { DEFAULT_PROGRAM, type ProgramConfig } from '../../src/engine/program.js';

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

  it('ignores ledger entries dated after now', () => {
    const ledger = [order('o1', T0 + 5 * DAY_MS, 100_000)];
    expect(batchesAt(ledger, program, T0)).to.have.length(0);
  });
});
