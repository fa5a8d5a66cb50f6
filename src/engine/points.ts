import { addMonths, DAY_MS } from '../core/clock.js';
import type { ProgramConfig } from './program.js';

/**
 * The points ledger is append-only; every balance is derived from it at read time, so a balance is
 * never stored twice and can never disagree with the history.
 */
export type EarnSource = 'order' | 'action' | 'promotion' | 'adjustment' | 'join' | 'referral' | 'birthday';

export type LedgerEntry =
  | { id: string; kind: 'earn'; memberId: string; points: number; at: number; source: EarnSource; orderId?: string; availableAt: number }
  | { id: string; kind: 'redeem'; memberId: string; points: number; at: number; ref?: string };

export interface Batch {
  id: string;
  source: EarnSource;
  orderId: string | null;
  points: number;
  remaining: number;
  status: 'pending' | 'available' | 'expired' | 'spent' | 'reversed';
  earnedAt: number;
  availableAt: number;
  expiresAt: number | null;
}

export interface PointsSummary {
  available: number;
  pending: number;
  lifetime: number;
  nextPending: { points: number; availableAt: number } | null;
  nextExpiry: { points: number; expiresAt: number } | null;
}

/** Points for a merchandise amount: floor(amount × points / perMinor), never negative. */
export function pointsFor(amountMinor: number, earn: ProgramConfig['earn']): number {
  if (amountMinor <= 0) return 0;
  return Math.floor((amountMinor * earn.points) / earn.perMinor);
}

/** When order points earned at `at` become available. */
export function availableAfterReturnWindow(at: number, program: ProgramConfig): number {
  return at + program.pendingDays * DAY_MS;
}

function expiryOf(availableAt: number, lastActivity: number, program: ProgramConfig): number | null {
  const { mode, months } = program.expiry;
  if (mode === 'none' || months <= 0) return null;
  return addMonths(mode === 'fixed' ? availableAt : Math.max(availableAt, lastActivity), months);
}

/**
 * Replays one member's ledger up to `now`: redemptions consume the oldest available batches first
 * (FIFO by the date they became available), and what is left of a batch past its expiry is expired.
 */
export function batchesAt(entries: readonly LedgerEntry[], program: ProgramConfig, now: number): Batch[] {
  const past = entries.filter((e) => e.at <= now).sort((a, b) => a.at - b.at);
  const lastActivity = past.reduce((last, e) => Math.max(last, e.at), 0);
  const batches: Batch[] = [];
  for (const entry of past) {
    if (entry.kind === 'earn') {
      batches.push({
        id: entry.id,
        source: entry.source,
        orderId: entry.orderId ?? null,
        points: entry.points,
        remaining: entry.points,
        status: 'pending',
        earnedAt: entry.at,
        availableAt: entry.availableAt,
        expiresAt: null,
      });
      continue;
    }
    let owed = entry.points;
    const spendable = batches
      .filter((b) => b.remaining > 0 && b.availableAt <= entry.at && !(fixedExpiry(b, program) !== null && fixedExpiry(b, program)! <= entry.at))
      .sort((a, b) => a.availableAt - b.availableAt || a.earnedAt - b.earnedAt);
    for (const batch of spendable) {
      const take = Math.min(batch.remaining, owed);
      batch.remaining -= take;
      owed -= take;
      if (owed === 0) break;
    }
  }
  for (const batch of batches) {
    batch.expiresAt = expiryOf(batch.availableAt, lastActivity, program);
    if (batch.availableAt > now) batch.status = batch.remaining > 0 ? 'pending' : 'spent';
    else if (batch.remaining === 0) batch.status = 'spent';
    else if (batch.expiresAt !== null && batch.expiresAt <= now) batch.status = 'expired';
    else batch.status = 'available';
  }
  return batches;
}

function fixedExpiry(batch: Batch, program: ProgramConfig): number | null {
  return program.expiry.mode === 'fixed' ? expiryOf(batch.availableAt, 0, program) : null;
}

function soonest<K extends 'availableAt' | 'expiresAt'>(batches: Batch[], key: K): { points: number; at: number } | null {
  let at = Infinity;
  for (const b of batches) if (b[key] !== null && (b[key] as number) < at) at = b[key] as number;
  if (at === Infinity) return null;
  // Batches that share the date are one line for the shopper ("120 points expire on 31 Dec").
  const points = batches.filter((b) => b[key] === at).reduce((sum, b) => sum + b.remaining, 0);
  return { points, at };
}

export function summarize(batches: readonly Batch[]): PointsSummary {
  const pending = batches.filter((b) => b.status === 'pending');
  const available = batches.filter((b) => b.status === 'available');
  const nextPending = soonest(pending, 'availableAt');
  const nextExpiry = soonest(available, 'expiresAt');
  return {
    available: available.reduce((sum, b) => sum + b.remaining, 0),
    pending: pending.reduce((sum, b) => sum + b.remaining, 0),
    lifetime: batches.reduce((sum, b) => sum + b.points, 0),
    nextPending: nextPending && { points: nextPending.points, availableAt: nextPending.at },
    nextExpiry: nextExpiry && { points: nextExpiry.points, expiresAt: nextExpiry.at },
  };
}
