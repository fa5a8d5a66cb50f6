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
  /** Net points earned: issued, minus what returns reversed and what debts took or still owe. */
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

/** A binary min-heap of batches by their fixed expiry date. */
class ExpiryHeap {
  private readonly items: [number, Batch][] = [];
  push(at: number, batch: Batch): void {
    const items = this.items;
    items.push([at, batch]);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (items[parent]![0] <= items[i]![0]) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }
  peek(): number {
    return this.items.length ? this.items[0]![0] : Infinity;
  }
  pop(): [number, Batch] {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length) {
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && items[l]![0] < items[m]![0]) m = l;
        if (r < items.length && items[r]![0] < items[m]![0]) m = r;
        if (m === i) break;
        [items[m], items[i]] = [items[i]!, items[m]!];
        i = m;
      }
    }
    return top;
  }
}

/** Orders (by id) whose points were fully reversed by `now`: for expiry they never happened. */
function voidedOrders(entries: readonly LedgerEntry[], now: number): Set<string> {
  const earned = new Map<string, number>();
  const reversed = new Map<string, number>();
  for (const e of entries) {
    if (e.at > now) continue;
    if (e.kind === 'earn' && (e.orderId ?? e.refOrderId)) earned.set((e.orderId ?? e.refOrderId)!, (earned.get((e.orderId ?? e.refOrderId)!) ?? 0) + e.points);
    else if (e.kind === 'reverse') reversed.set(e.orderId, (reversed.get(e.orderId) ?? 0) + e.points);
  }
  const voided = new Set<string>();
  for (const [orderId, points] of earned) if ((reversed.get(orderId) ?? 0) >= points) voided.add(orderId);
  return voided;
}

/**
 * Replays one member's ledger up to `now`. Redemptions and negative adjustments consume the oldest
 * available batches first (FIFO); a return reduces its order's batch (pending or not, then what of
 * it had expired) and records what was already spent as a debt that later points pay back first;
 * expiry follows the program policy. Runs in O(n log n): batches are kept in FIFO order and fixed
 * expiry dates in a heap, so long histories stay fast.
 */
export function replay(entries: readonly LedgerEntry[], program: ProgramConfig, now: number): Replay {
  const { mode, months } = program.expiry;
  const fixed = mode === 'fixed' && months > 0;
  const rolling = mode === 'rolling' && months > 0;
  const batches: Batch[] = [];
  const fifo: Batch[] = [];
  const heap = new ExpiryHeap();
  const byOrder = new Map<string, Batch>();
  const activity: Activity[] = [];
  const taken = new Map<string, [Batch, number][]>();
  const voided = voidedOrders(entries, now);
  let head = 0;
  let owed = 0;
  let lastActivity = -Infinity;
  let rollingAt = Infinity;

  const expire = (b: Batch, at: number) => {
    if (b.remaining === 0) return;
    activity.push({ id: `${b.id}:expire:${at}`, kind: 'expire', points: -b.remaining, at, source: b.source });
    b.expired += b.remaining;
    b.remaining = 0;
    b.expiresAt = at;
  };

  /** Expires what the policy says has expired by `t` (fixed dates, or a gap without activity). */
  const expireUntil = (t: number) => {
    while (fixed && heap.peek() <= t) {
      const [at, b] = heap.pop();
      expire(b, at);
    }
    if (rolling && rollingAt <= t) {
      for (let i = head; i < fifo.length; i++) if (fifo[i]!.availableAt <= rollingAt) expire(fifo[i]!, rollingAt);
      rollingAt = Infinity;
    }
  };

  const touch = (t: number) => {
    lastActivity = Math.max(lastActivity, t);
    if (rolling) rollingAt = addMonths(lastActivity, months);
  };

  /** Takes `points` from the oldest available batches; returns what could not be taken. */
  const debit = (points: number, t: number, ref: string | null): number => {
    let due = points;
    const record: [Batch, number][] = [];
    for (let i = head; i < fifo.length && due > 0; i++) {
      const b = fifo[i]!;
      if (b.availableAt > t) break;
      if (b.remaining === 0) {
        if (i === head) head++;
        continue;
      }
      const take = Math.min(b.remaining, due);
      b.remaining -= take;
      b.spent += take;
      record.push([b, take]);
      due -= take;
    }
    if (ref) taken.set(ref, record);
    return due;
  };

  /** Points arriving in a batch pay an outstanding debt first. */
  const collectDebt = (b: Batch, t: number) => {
    if (owed === 0 || b.remaining === 0) return;
    const take = Math.min(owed, b.remaining);
    b.remaining -= take;
    b.clawed += take;
    owed -= take;
    activity.push({ id: `${b.id}:clawback:${t}`, kind: 'clawback', points: -take, at: t, orderId: b.orderId ?? undefined });
  };

  const addBatch = (b: Batch) => {
    batches.push(b);
    let lo = 0;
    let hi = fifo.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byAvailability(fifo[mid]!, b) <= 0) lo = mid + 1;
      else hi = mid;
    }
    fifo.splice(lo, 0, b);
    if (lo < head) head = lo;
    if (fixed) heap.push((b.expiresAt = addMonths(b.availableAt, months)), b);
    const key = b.source === 'order' ? b.orderId : b.refOrderId;
    if (key) byOrder.set(key, b);
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
          touch(entry.at);
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
        addBatch(batch);
        const pending = batch.availableAt > entry.at;
        activity.push({ id: entry.id, kind: earn ? (pending ? 'pending' : 'earn') : 'adjust', points: entry.points, at: entry.at, orderId: batch.orderId ?? undefined, source: batch.source });
        collectDebt(batch, entry.at);
        // A fully returned order is not activity: order-then-return must change nothing.
        if (!(earn && (voided.has(entry.orderId ?? '') || voided.has(entry.refOrderId ?? '')))) touch(entry.at);
        break;
      }
      case 'redeem':
        // The server refuses redemptions above the available balance; a shortfall would be a bug upstream.
        owed += debit(entry.points, entry.at, entry.ref);
        activity.push({ id: entry.id, kind: 'redeem', points: -entry.points, at: entry.at, ref: entry.ref });
        touch(entry.at);
        break;
      case 'cancel': {
        let back = 0;
        for (const [b, amount] of taken.get(entry.ref) ?? []) {
          b.spent -= amount;
          back += amount;
          if (fixed && b.expiresAt !== null && b.expiresAt <= entry.at) {
            // Given back after the batch's expiry date: those points are expired, not spendable.
            b.expired += amount;
            continue;
          }
          b.remaining += amount;
          head = 0;
          collectDebt(b, entry.at);
        }
        taken.delete(entry.ref);
        if (back) activity.push({ id: entry.id, kind: 'adjust', points: back, at: entry.at, ref: entry.ref });
        break;
      }
      case 'reverse': {
        // The order's own batch, or (for a referrer) the reward that waited on the friend's order.
        const batch = byOrder.get(entry.orderId);
        let due = entry.points;
        if (batch) {
          const fromRemaining = Math.min(batch.remaining, due);
          batch.remaining -= fromRemaining;
          due -= fromRemaining;
          // Points that already expired did the member no good: reversing them creates no debt.
          const fromExpired = Math.min(batch.expired, due);
          batch.expired -= fromExpired;
          due -= fromExpired;
          batch.reversed += fromRemaining + fromExpired;
        }
        owed += due;
        activity.push({ id: entry.id, kind: 'return', points: -entry.points, at: entry.at, orderId: entry.orderId });
        break;
      }
    }
  }
  expireUntil(now);

  for (const b of batches) {
    if (b.expiresAt === null && rolling && lastActivity > -Infinity) b.expiresAt = addMonths(lastActivity, months);
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
    lifetime: Math.max(0, total(batches, 'points') - total(batches, 'reversed') - total(batches, 'clawed') - owed),
    redeemed: total(batches, 'spent'),
    expired: total(batches, 'expired'),
    reversed: total(batches, 'reversed'),
    clawedBack: total(batches, 'clawed'),
    owed,
    nextPending: nextPending && { points: nextPending.points, availableAt: nextPending.at },
    nextExpiry: nextExpiry && { points: nextExpiry.points, expiresAt: nextExpiry.at },
  };
}
