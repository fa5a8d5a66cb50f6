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

/** A binary min-heap of batches by their fixed expiry date (keys and batches in parallel arrays). */
class ExpiryHeap {
  private readonly keys: number[] = [];
  private readonly items: Batch[] = [];
  push(at: number, batch: Batch): void {
    const { keys, items } = this;
    let i = keys.length;
    keys.push(at);
    items.push(batch);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= at) break;
      keys[i] = keys[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    keys[i] = at;
    items[i] = batch;
  }
  peek(): number {
    return this.keys.length ? this.keys[0]! : Infinity;
  }
  /** Removes the earliest; read its date with `peek()` first. */
  pop(): Batch {
    const { keys, items } = this;
    const top = items[0]!;
    const lastKey = keys.pop()!;
    const lastItem = items.pop()!;
    const n = keys.length;
    if (n) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let mk = lastKey;
        if (l < n && keys[l]! < mk) (m = l), (mk = keys[l]!);
        if (r < n && keys[r]! < mk) m = r;
        if (m === i) break;
        keys[i] = keys[m]!;
        items[i] = items[m]!;
        i = m;
      }
      keys[i] = lastKey;
      items[i] = lastItem;
    }
    return top;
  }
}

/**
 * What the replay needs to know ahead: the orders that saw a return by `now` (only their batches are
 * looked up later), those fully reversed (for a rolling expiry they never happened), and the redemptions that
 * were cancelled (only theirs must remember which batches they took).
 */
function lookAhead(entries: readonly LedgerEntry[], now: number, rolling: boolean) {
  const reversed = new Map<string, number>();
  const cancelled = new Set<string>();
  for (const e of entries) {
    if (e.at > now) continue;
    if (e.kind === 'reverse') reversed.set(e.orderId, (reversed.get(e.orderId) ?? 0) + e.points);
    else if (e.kind === 'cancel') cancelled.add(e.ref);
  }
  const voided = new Set<string>();
  // Activity only moves a rolling expiry date.
  if (rolling && reversed.size) {
    // Only orders that saw a return can be void: sum what those earned.
    const earned = new Map<string, number>();
    for (const e of entries) {
      if (e.kind !== 'earn' || e.at > now) continue;
      const order = e.orderId ?? e.refOrderId;
      if (order !== undefined && reversed.has(order)) earned.set(order, (earned.get(order) ?? 0) + e.points);
    }
    for (const [orderId, points] of earned) if (reversed.get(orderId)! >= points) voided.add(orderId);
  }
  return { reversed, voided, cancelled };
}

/**
 * Replays one member's ledger up to `now`. Redemptions and negative adjustments consume the oldest
 * available batches first (FIFO); a return reduces its order's batch (pending or not, then what of
 * it had expired) and records what was already spent as a debt that later points pay back first;
 * expiry follows the program policy. Runs in O(n log n): batches are kept in FIFO order and fixed
 * expiry dates in a heap, so long histories stay fast.
 */
export function replay(entries: readonly LedgerEntry[], program: ProgramConfig, now: number, history = true): Replay {
  const { mode, months } = program.expiry;
  const fixed = mode === 'fixed' && months > 0;
  const rolling = mode === 'rolling' && months > 0;
  const batches: Batch[] = [];
  /** Spendable batches in spending order (availability, then age); appended as they become available. */
  const fifo: Batch[] = [];
  /** Batches not yet available, in availability order; `pendingHead` is the next one to release. */
  const pending: Batch[] = [];
  let pendingHead = 0;
  let releasedUntil = -Infinity;
  // Expiry dates per earning day: the time of day carries over, so one calendar sum per day.
  const expiryByDay = new Map<number, number>();
  const expiryOf = (t: number) => {
    const day = Math.floor(t / DAY_MS);
    let at = expiryByDay.get(day);
    if (at === undefined) expiryByDay.set(day, (at = addMonths(day * DAY_MS, months)));
    return at + (t - day * DAY_MS);
  };
  const heap = new ExpiryHeap();
  const byOrder = new Map<string, Batch>();
  const activity: Activity[] = [];
  const taken = new Map<string, [Batch, number][]>();
  const { reversed, voided, cancelled } = lookAhead(entries, now, rolling);
  let head = 0;
  let owed = 0;
  let lastActivity = -Infinity;
  let rollingAt = Infinity;

  const expire = (b: Batch, at: number) => {
    if (b.remaining === 0) return;
    if (history) activity.push({ id: `${b.id}:expire:${at}`, kind: 'expire', points: -b.remaining, at, source: b.source });
    b.expired += b.remaining;
    b.remaining = 0;
    b.expiresAt = at;
  };

  /** Expires what the policy says has expired by `t` (fixed dates, or a gap without activity). */
  /** Batches whose availability date has come join the spending order. */
  const release = (t: number) => {
    releasedUntil = t;
    while (pendingHead < pending.length && pending[pendingHead]!.availableAt <= t) fifo.push(pending[pendingHead++]!);
  };

  const expireUntil = (t: number) => {
    release(t);
    while (fixed && heap.peek() <= t) {
      const at = heap.peek();
      expire(heap.pop(), at);
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
    const record: [Batch, number][] | null = ref !== null && cancelled.has(ref) ? [] : null;
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
      record?.push([b, take]);
      due -= take;
    }
    if (record) taken.set(ref!, record);
    return due;
  };

  /** Points arriving in a batch pay an outstanding debt first. */
  const collectDebt = (b: Batch, t: number) => {
    if (owed === 0 || b.remaining === 0) return;
    const take = Math.min(owed, b.remaining);
    b.remaining -= take;
    b.clawed += take;
    owed -= take;
    if (history) activity.push({ id: `${b.id}:clawback:${t}`, kind: 'clawback', points: -take, at: t, orderId: b.orderId ?? undefined });
  };

  const addBatch = (b: Batch) => {
    batches.push(b);
    // Available already: it is the youngest of the spendable ones.
    if (b.availableAt <= releasedUntil) fifo.push(b);
    else {
      let lo = pendingHead;
      let hi = pending.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (byAvailability(pending[mid]!, b) <= 0) lo = mid + 1;
        else hi = mid;
      }
      if (lo === pending.length) pending.push(b);
      else pending.splice(lo, 0, b);
    }
    if (fixed) heap.push((b.expiresAt = expiryOf(b.availableAt)), b);
    const key = b.source === 'order' ? b.orderId : b.refOrderId;
    if (key && reversed.has(key)) byOrder.set(key, b);
  };

  // The ledger is appended in time order: sort (stably) only when it is not.
  let sorted = entries.every((e) => e.at <= now) ? entries : entries.filter((e) => e.at <= now);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.at < sorted[i - 1]!.at) {
      sorted = sorted.map((e, j) => [e, j] as const).sort((a, b) => a[0].at - b[0].at || a[1] - b[1]).map(([e]) => e);
      break;
    }
  }
  for (const entry of sorted) {
    expireUntil(entry.at);
    switch (entry.kind) {
      case 'earn':
      case 'adjust': {
        if (entry.kind === 'adjust' && entry.points < 0) {
          owed += debit(-entry.points, entry.at, null);
          if (history) activity.push({ id: entry.id, kind: 'adjust', points: entry.points, at: entry.at });
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
        };
        if (earn && entry.refOrderId) batch.refOrderId = entry.refOrderId;
        addBatch(batch);
        const pending = batch.availableAt > entry.at;
        if (history) activity.push({ id: entry.id, kind: earn ? (pending ? 'pending' : 'earn') : 'adjust', points: entry.points, at: entry.at, orderId: batch.orderId ?? undefined, source: batch.source });
        collectDebt(batch, entry.at);
        // A fully returned order is not activity: order-then-return must change nothing.
        if (!(earn && (voided.has(entry.orderId ?? '') || voided.has(entry.refOrderId ?? '')))) touch(entry.at);
        break;
      }
      case 'redeem':
        // The server refuses redemptions above the available balance; a shortfall would be a bug upstream.
        owed += debit(entry.points, entry.at, entry.ref);
        if (history) activity.push({ id: entry.id, kind: 'redeem', points: -entry.points, at: entry.at, ref: entry.ref });
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
        if (back && history) activity.push({ id: entry.id, kind: 'adjust', points: back, at: entry.at, ref: entry.ref });
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
        if (history) activity.push({ id: entry.id, kind: 'return', points: -entry.points, at: entry.at, orderId: entry.orderId });
        break;
      }
    }
  }
  expireUntil(now);

  const rollingExpiry = rolling && lastActivity > -Infinity ? addMonths(lastActivity, months) : null;
  for (const b of batches) {
    if (b.expiresAt === null && rollingExpiry !== null) b.expiresAt = rollingExpiry;
    if (b.remaining > 0) b.status = b.availableAt > now ? 'pending' : 'available';
    // An emptied batch is named after what took most of it.
    else if (b.reversed > 0 && b.reversed >= Math.max(b.spent, b.expired, b.clawed)) b.status = 'reversed';
    else b.status = b.expired > b.spent ? 'expired' : 'spent';
  }
  if (history) activity.sort((a, b) => b.at - a.at);
  return { batches, activity, owed };
}

/** Kept for callers that only need the batches. */
export function batchesAt(entries: readonly LedgerEntry[], program: ProgramConfig, now: number): Batch[] {
  return replay(entries, program, now).batches;
}

export function summarize(result: Replay | readonly Batch[]): PointsSummary {
  const batches = Array.isArray(result) ? (result as Batch[]) : (result as Replay).batches;
  const owed = Array.isArray(result) ? 0 : (result as Replay).owed;
  // One pass: sums, and the soonest availability and expiry dates with the points they carry.
  let available = 0, pending = 0, points = 0, spent = 0, expired = 0, reversed = 0, clawed = 0;
  const nextPending = { points: 0, at: Infinity };
  const nextExpiry = { points: 0, at: Infinity };
  const soonest = (next: { points: number; at: number }, at: number, remaining: number) => {
    // Batches that share the date are one line for the shopper ("120 points expire on 31 Dec").
    if (at < next.at) (next.at = at), (next.points = remaining);
    else if (at === next.at) next.points += remaining;
  };
  for (const b of batches) {
    points += b.points;
    spent += b.spent;
    expired += b.expired;
    reversed += b.reversed;
    clawed += b.clawed;
    if (b.status === 'pending') {
      pending += b.remaining;
      soonest(nextPending, b.availableAt, b.remaining);
    } else if (b.status === 'available') {
      available += b.remaining;
      if (b.expiresAt !== null) soonest(nextExpiry, b.expiresAt, b.remaining);
    }
  }
  return {
    available,
    pending,
    lifetime: Math.max(0, points - reversed - clawed - owed),
    redeemed: spent,
    expired,
    reversed,
    clawedBack: clawed,
    owed,
    nextPending: nextPending.at === Infinity ? null : { points: nextPending.points, availableAt: nextPending.at },
    nextExpiry: nextExpiry.at === Infinity ? null : { points: nextExpiry.points, expiresAt: nextExpiry.at },
  };
}
