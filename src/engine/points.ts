import { addMonths, DAY_MS } from '../core/clock.js';
import type { ProgramConfig } from './program.js';

/**
 * The points ledger is append-only; every balance, batch and history line is derived from it by
 * replaying it up to "now", so a balance is never stored twice and can never disagree with history.
 */
export type EarnSource = 'order' | 'action' | 'promotion' | 'adjustment' | 'join' | 'referral' | 'birthday';

interface Base {
  id: string;
  memberId: string;
  at: number;
}
export type LedgerEntry =
  | (Base & {
      kind: 'earn';
      points: number;
      source: EarnSource;
      availableAt: number;
      orderId?: string;
      /** A referral reward: reversed if this (friend's) order is fully returned before `availableAt`. */
      refOrderId?: string;
      note?: string;
    })
  /** Points spent on a reward (oldest available batch first). */
  | (Base & { kind: 'redeem'; points: number; ref: string })
  /** An unused redemption cancelled: its points go back to the batches they came from. */
  | (Base & { kind: 'cancel'; ref: string })
  /** A return: `points` of order `orderId` reversed; what was already spent becomes a debt. */
  | (Base & { kind: 'reverse'; orderId: string; points: number; ref: string })
  /** A merchant's manual correction, positive or negative. */
  | (Base & { kind: 'adjust'; points: number; note: string });

export interface Batch {
  id: string;
  source: EarnSource;
  orderId: string | null;
  points: number;
  remaining: number;
  spent: number;
  reversed: number;
  /** Taken to pay back an earlier return's debt. */
  clawed: number;
  expired: number;
  status: 'pending' | 'available' | 'expired' | 'spent' | 'reversed';
  earnedAt: number;
  availableAt: number;
  expiresAt: number | null;
  refOrderId?: string;
}

export type ActivityKind = 'earn' | 'pending' | 'redeem' | 'expire' | 'return' | 'adjust' | 'clawback';
export interface Activity {
  id: string;
  kind: ActivityKind;
  points: number;
  at: number;
  orderId?: string;
  source?: EarnSource;
  ref?: string;
}

export interface PointsSummary {
  available: number;
  pending: number;
  /** Earned and not reversed. */
  lifetime: number;
  redeemed: number;
  expired: number;
  reversed: number;
  clawedBack: number;
  /** Points a return took back that were already spent, to be offset against future earning. */
  owed: number;
  nextPending: { points: number; availableAt: number } | null;
  nextExpiry: { points: number; expiresAt: number } | null;
}

export interface Replay {
  batches: Batch[];
  activity: Activity[];
  owed: number;
}

/** Points for an earn base: floor(amount × points / perMinor), never negative. */
export function pointsFor(amountMinor: number, earn: ProgramConfig['earn']): number {
  if (amountMinor <= 0) return 0;
  return Math.floor((amountMinor * earn.points) / earn.perMinor);
}

/** When order points earned at `at` leave the return window. */
export function availableAfterReturnWindow(at: number, program: ProgramConfig): number {
  return at + program.pendingDays * DAY_MS;
}

const byAvailability = (a: Batch, b: Batch) => a.availableAt - b.availableAt || a.earnedAt - b.earnedAt;

/**
 * Replays one member's ledger up to `now`. Redemptions and negative adjustments consume the oldest
 * available batches first (FIFO); a return reduces its order's batch (pending or not) and records
 * what was already spent as a debt that later earnings pay back; expiry follows the program policy.
 */
export function replay(entries: readonly LedgerEntry[], program: ProgramConfig, now: number): Replay {
  const { mode, months } = program.expiry;
  const expires = mode !== 'none' && months > 0;
  const batches: Batch[] = [];
  const activity: Activity[] = [];
  const taken = new Map<string, [Batch, number][]>();
  let owed = 0;
  let lastActivity = -Infinity;

  const fixedExpiry = (b: Batch) => (mode === 'fixed' && expires ? addMonths(b.availableAt, months) : null);

  /** Expires what the policy says has expired by `t` (fixed dates, or a gap without activity). */
  const expireUntil = (t: number) => {
    for (const b of batches) {
      if (b.remaining === 0 || b.availableAt > t) continue;
      let at: number | null = null;
      if (mode === 'fixed') at = fixedExpiry(b);
      else if (mode === 'rolling' && expires && lastActivity > -Infinity) at = addMonths(lastActivity, months);
      if (at !== null && at <= t) {
        activity.push({ id: `${b.id}:expire`, kind: 'expire', points: -b.remaining, at, source: b.source });
        b.expired += b.remaining;
        b.remaining = 0;
        b.expiresAt = at;
      }
    }
  };

  const spendable = (t: number) => batches.filter((b) => b.remaining > 0 && b.availableAt <= t).sort(byAvailability);

  const debit = (points: number, t: number, ref: string | null): number => {
    let due = points;
    const record: [Batch, number][] = [];
    for (const b of spendable(t)) {
      const take = Math.min(b.remaining, due);
      b.remaining -= take;
      b.spent += take;
      record.push([b, take]);
      due -= take;
      if (due === 0) break;
    }
    if (ref) taken.set(ref, record);
    return due;
  };

  const collectDebt = (b: Batch, t: number) => {
    if (owed === 0 || b.remaining === 0) return;
    const take = Math.min(owed, b.remaining);
    b.remaining -= take;
    b.clawed += take;
    owed -= take;
    activity.push({ id: `${b.id}:clawback`, kind: 'clawback', points: -take, at: t, orderId: b.orderId ?? undefined });
  };

  const sorted = entries.filter((e) => e.at <= now).map((e, i) => [e, i] as const);
  sorted.sort((a, b) => a[0].at - b[0].at || a[1] - b[1]);
  for (const [entry] of sorted) {
    expireUntil(entry.at);
    switch (entry.kind) {
      case 'earn':
      case 'adjust': {
        if (entry.kind === 'adjust' && entry.points < 0) {
          owed += debit(-entry.points, entry.at, null);
          activity.push({ id: entry.id, kind: 'adjust', points: entry.points, at: entry.at });
          break;
        }
        const earn = entry.kind === 'earn';
        const batch: Batch = {
          id: entry.id,
          source: earn ? entry.source : 'adjustment',
          orderId: earn ? (entry.orderId ?? null) : null,
          points: entry.points,
          remaining: entry.points,
          spent: 0,
          reversed: 0,
          clawed: 0,
          expired: 0,
          status: 'pending',
          earnedAt: entry.at,
          availableAt: earn ? entry.availableAt : entry.at,
          expiresAt: null,
          ...(earn && entry.refOrderId ? { refOrderId: entry.refOrderId } : {}),
        };
        batches.push(batch);
        const pending = batch.availableAt > entry.at;
        activity.push({ id: entry.id, kind: earn ? (pending ? 'pending' : 'earn') : 'adjust', points: entry.points, at: entry.at, orderId: batch.orderId ?? undefined, source: batch.source });
        collectDebt(batch, entry.at);
        break;
      }
      case 'redeem':
        // The server refuses redemptions above the available balance; a shortfall here would be a bug upstream.
        owed += debit(entry.points, entry.at, entry.ref);
        activity.push({ id: entry.id, kind: 'redeem', points: -entry.points, at: entry.at, ref: entry.ref });
        break;
      case 'cancel': {
        let back = 0;
        for (const [b, amount] of taken.get(entry.ref) ?? []) {
          b.remaining += amount;
          b.spent -= amount;
          back += amount;
        }
        taken.delete(entry.ref);
        if (back) activity.push({ id: entry.id, kind: 'adjust', points: back, at: entry.at, ref: entry.ref });
        break;
      }
      case 'reverse': {
        // The order's own batch, or (for a referrer) the reward that waited on the friend's order.
        const batch = batches.find((b) => (b.source === 'order' && b.orderId === entry.orderId) || b.refOrderId === entry.orderId);
        const take = Math.min(batch?.remaining ?? 0, entry.points);
        if (batch) {
          batch.remaining -= take;
          batch.reversed += take;
        }
        owed += entry.points - take;
        activity.push({ id: entry.id, kind: 'return', points: -entry.points, at: entry.at, orderId: entry.orderId });
        break;
      }
    }
    if (entry.kind !== 'cancel' && entry.kind !== 'reverse') lastActivity = Math.max(lastActivity, entry.at);
  }
  expireUntil(now);

  for (const b of batches) {
    if (b.expiresAt === null && expires) {
      b.expiresAt = mode === 'fixed' ? fixedExpiry(b) : addMonths(lastActivity, months);
    }
    if (b.remaining > 0) b.status = b.availableAt > now ? 'pending' : 'available';
    // An emptied batch is named after what took most of it.
    else if (b.reversed > 0 && b.reversed >= Math.max(b.spent, b.expired, b.clawed)) b.status = 'reversed';
    else b.status = b.expired > b.spent ? 'expired' : 'spent';
  }
  activity.sort((a, b) => b.at - a.at);
  return { batches, activity, owed };
}

/** Kept for callers that only need the batches. */
export function batchesAt(entries: readonly LedgerEntry[], program: ProgramConfig, now: number): Batch[] {
  return replay(entries, program, now).batches;
}

function soonest(batches: Batch[], key: 'availableAt' | 'expiresAt'): { points: number; at: number } | null {
  let at = Infinity;
  for (const b of batches) if (b[key] !== null && (b[key] as number) < at) at = b[key] as number;
  if (at === Infinity) return null;
  // Batches that share the date are one line for the shopper ("120 points expire on 31 Dec").
  const points = batches.filter((b) => b[key] === at).reduce((sum, b) => sum + b.remaining, 0);
  return { points, at };
}

const total = (batches: readonly Batch[], key: 'remaining' | 'points' | 'spent' | 'expired' | 'reversed' | 'clawed') =>
  batches.reduce((sum, b) => sum + b[key], 0);

export function summarize(result: Replay | readonly Batch[]): PointsSummary {
  const batches = Array.isArray(result) ? (result as Batch[]) : (result as Replay).batches;
  const owed = Array.isArray(result) ? 0 : (result as Replay).owed;
  const pending = batches.filter((b) => b.status === 'pending');
  const available = batches.filter((b) => b.status === 'available');
  const nextPending = soonest(pending, 'availableAt');
  const nextExpiry = soonest(available, 'expiresAt');
  return {
    available: total(available, 'remaining'),
    pending: total(pending, 'remaining'),
    lifetime: total(batches, 'points') - total(batches, 'reversed'),
    redeemed: total(batches, 'spent'),
    expired: total(batches, 'expired'),
    reversed: total(batches, 'reversed'),
    clawedBack: total(batches, 'clawed'),
    owed,
    nextPending: nextPending && { points: nextPending.points, availableAt: nextPending.at },
    nextExpiry: nextExpiry && { points: nextExpiry.points, expiresAt: nextExpiry.at },
  };
}
