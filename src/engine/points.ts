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

/** The entries a batch is made from. */
type BatchEntry = Extract<LedgerEntry, { kind: 'earn' | 'adjust' }>;

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

/**
 * The batches of one replay, a column per field: a long history (100k entries) would otherwise
 * allocate an object, plus a boxed number per date, for every batch, and the balance of a big
 * member was bound by the garbage collector. `Batch` objects are built only when asked for.
 */
class Columns {
  n = 0;
  /** The entry each batch comes from (an earn, or a positive adjustment): its id, source and orders. */
  readonly entry: BatchEntry[] = [];
  readonly points: Float64Array;
  readonly remaining: Float64Array;
  readonly spent: Float64Array;
  readonly reversed: Float64Array;
  readonly clawed: Float64Array;
  readonly expired: Float64Array;
  readonly earnedAt: Float64Array;
  readonly availableAt: Float64Array;
  /** NaN: none yet (a rolling expiry is only known at the end). */
  readonly expiresAt: Float64Array;
  constructor(capacity: number) {
    const column = () => new Float64Array(capacity);
    this.points = column();
    this.remaining = column();
    this.spent = column();
    this.reversed = column();
    this.clawed = column();
    this.expired = column();
    this.earnedAt = column();
    this.availableAt = column();
    this.expiresAt = column().fill(NaN);
  }
  add(entry: BatchEntry, availableAt: number): number {
    const i = this.n++;
    this.entry.push(entry);
    this.points[i] = entry.points;
    this.remaining[i] = entry.points;
    this.earnedAt[i] = entry.at;
    this.availableAt[i] = availableAt;
    return i;
  }
  id(i: number): string {
    return this.entry[i]!.id;
  }
  source(i: number): EarnSource {
    const e = this.entry[i]!;
    return e.kind === 'earn' ? e.source : 'adjustment';
  }
  orderId(i: number): string | null {
    const e = this.entry[i]!;
    return e.kind === 'earn' ? (e.orderId ?? null) : null;
  }
  /** The order a return of which takes this batch back: its own, or (a referrer's reward) the friend's. */
  returnKey(i: number): string | null | undefined {
    const e = this.entry[i]!;
    if (e.kind !== 'earn') return undefined;
    return e.source === 'order' ? (e.orderId ?? null) : e.refOrderId;
  }
  /** Spending order: availability, then age. */
  before(a: number, b: number): boolean {
    const d = this.availableAt[a]! - this.availableAt[b]!;
    return d < 0 || (d === 0 && this.earnedAt[a]! <= this.earnedAt[b]!);
  }
  status(i: number, now: number): Batch['status'] {
    if (this.remaining[i]! > 0) return this.availableAt[i]! > now ? 'pending' : 'available';
    // An emptied batch is named after what took most of it.
    const reversed = this.reversed[i]!;
    if (reversed > 0 && reversed >= Math.max(this.spent[i]!, this.expired[i]!, this.clawed[i]!)) return 'reversed';
    return this.expired[i]! > this.spent[i]! ? 'expired' : 'spent';
  }
  batch(i: number, now: number): Batch {
    const expiresAt = this.expiresAt[i]!;
    const b: Batch = {
      id: this.id(i),
      source: this.source(i),
      orderId: this.orderId(i),
      points: this.points[i]!,
      remaining: this.remaining[i]!,
      spent: this.spent[i]!,
      reversed: this.reversed[i]!,
      clawed: this.clawed[i]!,
      expired: this.expired[i]!,
      status: this.status(i, now),
      earnedAt: this.earnedAt[i]!,
      availableAt: this.availableAt[i]!,
      expiresAt: Number.isNaN(expiresAt) ? null : expiresAt,
    };
    const e = this.entry[i]!;
    if (e.kind === 'earn' && e.refOrderId) b.refOrderId = e.refOrderId;
    return b;
  }
}

/**
 * Batch indexes by their fixed expiry date, earliest first. Batches mostly arrive in expiry order
 * (the date follows availability), so it is a queue until one arrives out of order, and a binary
 * min-heap of what is left from then on.
 */
class ExpiryQueue {
  private keys: number[] = [];
  private items: number[] = [];
  private head = 0;
  private heap = false;
  push(at: number, batch: number): void {
    const { keys, items } = this;
    if (!this.heap) {
      if (keys.length === this.head || keys[keys.length - 1]! <= at) {
        keys.push(at);
        items.push(batch);
        return;
      }
      this.toHeap();
    }
    this.heapPush(at, batch);
  }
  peek(): number {
    return this.head < this.keys.length ? this.keys[this.head]! : Infinity;
  }
  /** Removes the earliest; read its date with `peek()` first. */
  pop(): number {
    return this.heap ? this.heapPop() : this.items[this.head++]!;
  }
  /** An ascending array is a valid heap already: drop what was taken and carry on as a heap. */
  private toHeap(): void {
    this.keys = this.keys.slice(this.head);
    this.items = this.items.slice(this.head);
    this.head = 0;
    this.heap = true;
  }
  private heapPush(at: number, batch: number): void {
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
  private heapPop(): number {
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
 * looked up later), those fully reversed (for a rolling expiry they never happened), the redemptions that
 * were cancelled (only theirs must remember which batches they took), and how many batches there can be.
 */
function lookAhead(entries: readonly LedgerEntry[], now: number, rolling: boolean) {
  const reversed = new Map<string, number>();
  const cancelled = new Set<string>();
  let batches = 0;
  // Whether the entries due by `now` are all of them, and in time order (the ledger is appended so).
  let late = false;
  let unordered = false;
  let lastAt = -Infinity;
  for (const e of entries) {
    if (e.at > now) {
      late = true;
      continue;
    }
    if (e.at < lastAt) unordered = true;
    lastAt = e.at;
    if (e.kind === 'earn' || e.kind === 'adjust') batches++;
    else if (e.kind === 'reverse') reversed.set(e.orderId, (reversed.get(e.orderId) ?? 0) + e.points);
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
  return { reversed, voided, cancelled, batches, late, unordered };
}

/** A replay's result. `batches` are built on first read: a balance needs only `summarize`. */
class ReplayResult implements Replay {
  private built: Batch[] | null = null;
  constructor(
    readonly columns: Columns,
    readonly activity: Activity[],
    readonly owed: number,
    readonly now: number,
  ) {}
  get batches(): Batch[] {
    if (!this.built) {
      const { columns, now } = this;
      this.built = [];
      for (let i = 0; i < columns.n; i++) this.built.push(columns.batch(i, now));
    }
    return this.built;
  }
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
  const { reversed, voided, cancelled, batches: capacity, late, unordered } = lookAhead(entries, now, rolling);
  const b = new Columns(capacity);
  /** Spendable batches in spending order (availability, then age); appended as they become available. */
  const fifo = new Int32Array(capacity);
  let fifoLength = 0;
  /** Batches not yet available, in availability order; `pendingHead` is the next one to release. */
  const pending: number[] = [];
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
  const heap = new ExpiryQueue();
  const byOrder = new Map<string, number>();
  const activity: Activity[] = [];
  const taken = new Map<string, number[]>();
  let head = 0;
  let owed = 0;
  let lastActivity = -Infinity;
  let rollingAt = Infinity;

  const expire = (i: number, at: number) => {
    const left = b.remaining[i]!;
    if (left === 0) return;
    if (history) activity.push({ id: `${b.id(i)}:expire:${at}`, kind: 'expire', points: -left, at, source: b.source(i) });
    b.expired[i] += left;
    b.remaining[i] = 0;
    b.expiresAt[i] = at;
  };

  /**
   * A batch joins the spending order, and the expiry queue: queued in the order they become
   * available, the fixed dates (which follow availability) mostly arrive in order.
   */
  const spendable = (i: number) => {
    fifo[fifoLength++] = i;
    if (fixed) heap.push(b.expiresAt[i]!, i);
  };

  /** Batches whose availability date has come join the spending order. */
  const release = (t: number) => {
    releasedUntil = t;
    while (pendingHead < pending.length && b.availableAt[pending[pendingHead]!]! <= t) spendable(pending[pendingHead++]!);
  };

  /** Expires what the policy says has expired by `t` (fixed dates, or a gap without activity). */
  const expireUntil = (t: number) => {
    release(t);
    while (fixed && heap.peek() <= t) {
      const at = heap.peek();
      expire(heap.pop(), at);
    }
    if (rolling && rollingAt <= t) {
      for (let k = head; k < fifoLength; k++) if (b.availableAt[fifo[k]!]! <= rollingAt) expire(fifo[k]!, rollingAt);
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
    // [batch, amount, batch, amount, ...] for a redemption that is cancelled later
    const record: number[] | null = ref !== null && cancelled.has(ref) ? [] : null;
    for (let k = head; k < fifoLength && due > 0; k++) {
      const i = fifo[k]!;
      if (b.availableAt[i]! > t) break;
      const left = b.remaining[i]!;
      if (left === 0) {
        if (k === head) head++;
        continue;
      }
      const take = Math.min(left, due);
      b.remaining[i] = left - take;
      b.spent[i] += take;
      record?.push(i, take);
      due -= take;
    }
    if (record) taken.set(ref!, record);
    return due;
  };

  /** Points arriving in a batch pay an outstanding debt first. */
  const collectDebt = (i: number, t: number) => {
    const left = b.remaining[i]!;
    if (owed === 0 || left === 0) return;
    const take = Math.min(owed, left);
    b.remaining[i] = left - take;
    b.clawed[i] += take;
    owed -= take;
    if (history) activity.push({ id: `${b.id(i)}:clawback:${t}`, kind: 'clawback', points: -take, at: t, orderId: b.orderId(i) ?? undefined });
  };

  const place = (i: number) => {
    // A fixed expiry date is known at once (a batch expires after it becomes available).
    if (fixed) b.expiresAt[i] = expiryOf(b.availableAt[i]!);
    // Available already: it is the youngest of the spendable ones.
    if (b.availableAt[i]! <= releasedUntil) spendable(i);
    // Order points arrive in time order with the same return window: mostly the last to release.
    else if (pendingHead === pending.length || b.before(pending[pending.length - 1]!, i)) pending.push(i);
    else {
      let lo = pendingHead;
      let hi = pending.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (b.before(pending[mid]!, i)) lo = mid + 1;
        else hi = mid;
      }
      if (lo === pending.length) pending.push(i);
      else pending.splice(lo, 0, i);
    }
    const key = b.returnKey(i);
    if (key && reversed.has(key)) byOrder.set(key, i);
  };

  // The ledger is appended in time order: sort (stably) only when it is not.
  let sorted = late ? entries.filter((e) => e.at <= now) : entries;
  if (unordered) sorted = sorted.map((e, j) => [e, j] as const).sort((x, y) => x[0].at - y[0].at || x[1] - y[1]).map(([e]) => e);
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
        const availableAt = earn ? entry.availableAt : entry.at;
        const i = b.add(entry, availableAt);
        place(i);
        if (history) activity.push({ id: entry.id, kind: earn ? (availableAt > entry.at ? 'pending' : 'earn') : 'adjust', points: entry.points, at: entry.at, orderId: b.orderId(i) ?? undefined, source: b.source(i) });
        collectDebt(i, entry.at);
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
        const record = taken.get(entry.ref) ?? [];
        for (let k = 0; k < record.length; k += 2) {
          const i = record[k]!;
          const amount = record[k + 1]!;
          b.spent[i] -= amount;
          back += amount;
          if (fixed && b.expiresAt[i]! <= entry.at) {
            // Given back after the batch's expiry date: those points are expired, not spendable.
            b.expired[i] += amount;
            continue;
          }
          b.remaining[i] += amount;
          head = 0;
          collectDebt(i, entry.at);
        }
        taken.delete(entry.ref);
        if (back && history) activity.push({ id: entry.id, kind: 'adjust', points: back, at: entry.at, ref: entry.ref });
        break;
      }
      case 'reverse': {
        // The order's own batch, or (for a referrer) the reward that waited on the friend's order.
        const i = byOrder.get(entry.orderId);
        let due = entry.points;
        if (i !== undefined) {
          const fromRemaining = Math.min(b.remaining[i]!, due);
          b.remaining[i] -= fromRemaining;
          due -= fromRemaining;
          // Points that already expired did the member no good: reversing them creates no debt.
          const fromExpired = Math.min(b.expired[i]!, due);
          b.expired[i] -= fromExpired;
          due -= fromExpired;
          b.reversed[i] += fromRemaining + fromExpired;
        }
        owed += due;
        if (history) activity.push({ id: entry.id, kind: 'return', points: -entry.points, at: entry.at, orderId: entry.orderId });
        break;
      }
    }
  }
  expireUntil(now);

  if (rolling && lastActivity > -Infinity) {
    const rollingExpiry = addMonths(lastActivity, months);
    for (let i = 0; i < b.n; i++) if (Number.isNaN(b.expiresAt[i]!)) b.expiresAt[i] = rollingExpiry;
  }
  if (history) activity.sort((x, y) => y.at - x.at);
  return new ReplayResult(b, activity, owed, now);
}

/** Kept for callers that only need the batches. */
export function batchesAt(entries: readonly LedgerEntry[], program: ProgramConfig, now: number): Batch[] {
  return replay(entries, program, now).batches;
}

export function summarize(result: Replay | readonly Batch[]): PointsSummary {
  const owed = Array.isArray(result) ? 0 : (result as Replay).owed;
  // One pass: sums, and the soonest availability and expiry dates with the points they carry.
  const sums = { available: 0, pending: 0, points: 0, spent: 0, expired: 0, reversed: 0, clawed: 0 };
  const nextPending = { points: 0, at: Infinity };
  const nextExpiry = { points: 0, at: Infinity };
  const soonest = (next: { points: number; at: number }, at: number, remaining: number) => {
    // Batches that share the date are one line for the shopper ("120 points expire on 31 Dec").
    if (at < next.at) (next.at = at), (next.points = remaining);
    else if (at === next.at) next.points += remaining;
  };
  const add = (points: number, spent: number, expired: number, reversed: number, clawed: number, remaining: number, status: Batch['status'], availableAt: number, expiresAt: number | null) => {
    sums.points += points;
    sums.spent += spent;
    sums.expired += expired;
    sums.reversed += reversed;
    sums.clawed += clawed;
    if (status === 'pending') {
      sums.pending += remaining;
      soonest(nextPending, availableAt, remaining);
    } else if (status === 'available') {
      sums.available += remaining;
      if (expiresAt !== null) soonest(nextExpiry, expiresAt, remaining);
    }
  };
  if (result instanceof ReplayResult) {
    // Straight from the columns: no batch objects for a balance.
    const { columns: c, now } = result;
    for (let i = 0; i < c.n; i++) {
      const expiresAt = c.expiresAt[i]!;
      add(c.points[i]!, c.spent[i]!, c.expired[i]!, c.reversed[i]!, c.clawed[i]!, c.remaining[i]!, c.status(i, now), c.availableAt[i]!, Number.isNaN(expiresAt) ? null : expiresAt);
    }
  } else {
    const batches = Array.isArray(result) ? (result as readonly Batch[]) : (result as Replay).batches;
    for (const b of batches) add(b.points, b.spent, b.expired, b.reversed, b.clawed, b.remaining, b.status, b.availableAt, b.expiresAt);
  }
  return {
    available: sums.available,
    pending: sums.pending,
    lifetime: Math.max(0, sums.points - sums.reversed - sums.clawed - owed),
    redeemed: sums.spent,
    expired: sums.expired,
    reversed: sums.reversed,
    clawedBack: sums.clawed,
    owed,
    nextPending: nextPending.at === Infinity ? null : { points: nextPending.points, availableAt: nextPending.at },
    nextExpiry: nextExpiry.at === Infinity ? null : { points: nextExpiry.points, expiresAt: nextExpiry.at },
  };
}
