import { DAY_MS } from '../core/clock.js';
import { localStart, MonthsAfter } from './calendar.js';
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

export type ActivityKind = 'earn' | 'pending' | 'redeem' | 'refund' | 'expire' | 'return' | 'adjust' | 'clawback';
/**
 * What a debt pays back: a return of points already spent, a negative adjustment beyond the
 * balance, or a reward code charged again at an order beyond the balance.
 */
export type DebtKind = 'return' | 'adjustment' | 'reward';
export interface Activity {
  id: string;
  kind: ActivityKind;
  points: number;
  at: number;
  orderId?: string;
  source?: EarnSource;
  /** A redemption (redeem, refund; a clawback that pays a reward charged again: that charge's). */
  ref?: string;
  /** Clawback only: the debt the points pay back (lines of one batch paying two debts are two lines). */
  pays?: DebtKind;
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
  /**
   * Where in the replayed entries each batch comes from (an earn, or a positive adjustment): its id,
   * source and orders. (An index, not the entry: no array of 100k references to grow and trace.)
   */
  readonly from: Int32Array;
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
  constructor(
    capacity: number,
    private readonly entries: readonly LedgerEntry[],
  ) {
    this.from = new Int32Array(capacity);
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
  /** A batch from the replayed entry at `k`. */
  add(k: number, entry: BatchEntry): number {
    const i = this.n++;
    this.from[i] = k;
    this.points[i] = entry.points;
    this.remaining[i] = entry.points;
    this.earnedAt[i] = entry.at;
    // An adjustment is available at once; order points after the return window.
    this.availableAt[i] = entry.kind === 'earn' ? entry.availableAt : entry.at;
    return i;
  }
  entry(i: number): BatchEntry {
    return this.entries[this.from[i]!] as BatchEntry;
  }
  id(i: number): string {
    return this.entry(i).id;
  }
  source(i: number): EarnSource {
    const e = this.entry(i);
    return e.kind === 'earn' ? e.source : 'adjustment';
  }
  orderId(i: number): string | null {
    const e = this.entry(i);
    return e.kind === 'earn' ? (e.orderId ?? null) : null;
  }
  /** The order a return of which takes this batch back: its own, or (a referrer's reward) the friend's. */
  returnKey(i: number): string | null | undefined {
    const e = this.entry(i);
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
    const e = this.entry(i);
    if (e.kind === 'earn' && e.refOrderId) b.refOrderId = e.refOrderId;
    return b;
  }
}

/**
 * A calendar expiry (`mode: 'calendar'`): the points of a batch last until the end of the first
 * `on` date (month and day, on the store's calendar) at least `months` after they became
 * available, e.g. 31 December of the year after. The answer is the same for every availability
 * in one stretch between two such dates, so the last stretch is kept (batches arrive in order),
 * and each year's end is worked out once: order points (available after the return window) and
 * adjustments (available at once) arrive interleaved, and for a month around each `on` date
 * they fall in two stretches by turns.
 */
class CalendarExpiry {
  private from = Infinity;
  private to = -Infinity;
  /** The last instant of the `on` date, per year (a store's midnight costs reads of Intl). */
  private readonly ends = new Map<number, number>();
  constructor(
    /** The policy's months, on the store's calendar: "at least 1 month" after 30 January is 28 February there. */
    private readonly monthsAfter: MonthsAfter,
    private readonly on: { month: number; day: number },
    private readonly zone: string | undefined,
  ) {}
  /** The last instant of the `on` date of `year`. */
  private end(year: number): number {
    let end = this.ends.get(year);
    if (end === undefined) this.ends.set(year, (end = localStart(year, this.on.month - 1, this.on.day + 1, this.zone) - 1));
    return end;
  }
  at(availableAt: number): number {
    const earliest = this.monthsAfter.at(availableAt);
    if (earliest > this.from && earliest <= this.to) return this.to;
    // The first end at or after it, from the year before UTC's (the store's year is UTC's, or next
    // to it within 14 hours of New Year: the `on` date two years before UTC's has ended by then).
    let year = new Date(earliest).getUTCFullYear() - 1;
    while (this.end(year) < earliest) year++;
    this.from = this.end(year - 1);
    this.to = this.end(year);
    return this.to;
  }
}

/** How far from the end of the expiry queue an early date is still put in its place. */
const NEAR = 256;

/**
 * Batch indexes by their fixed expiry date, earliest first. Batches arrive nearly in expiry order
 * (the date follows availability; only a month's end, where 30 and 31 January both expire on 28
 * February with their own time of day, puts one a few hours before the last): a sorted queue, where
 * a date that arrives early is put in its place a few steps from the end, and a binary min-heap of
 * what is left if one ever lands further back than that (so a hostile ledger stays O(n log n)).
 */
class ExpiryQueue {
  private keys: number[] = [];
  private items: number[] = [];
  private head = 0;
  private heap = false;
  push(at: number, batch: number): void {
    const { keys, items } = this;
    if (!this.heap) {
      let i = keys.length;
      // (the queue's taken front is not compacted: `head` marks where it starts)
      while (i > this.head && keys[i - 1]! > at && keys.length - i < NEAR) i--;
      if (i === this.head || keys[i - 1]! <= at) {
        if (i === keys.length) {
          keys.push(at);
          items.push(batch);
        } else {
          keys.splice(i, 0, at);
          items.splice(i, 0, batch);
        }
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
 * History lines newest first, lines of the same instant in the order they happened (what a stable
 * sort gives). The replay writes them nearly always in time order already: that is checked, and the
 * list turned around in one pass, a block of same-instant lines at a time; otherwise it is sorted.
 */
export function newestFirst(lines: Activity[]): Activity[] {
  for (let i = 1; i < lines.length; i++) if (lines[i]!.at < lines[i - 1]!.at) return lines.sort((x, y) => y.at - x.at);
  const out: Activity[] = new Array<Activity>(lines.length);
  let k = 0;
  for (let end = lines.length; end > 0; ) {
    const at = lines[end - 1]!.at;
    let start = end - 1;
    while (start > 0 && lines[start - 1]!.at === at) start--;
    for (let i = start; i < end; i++) out[k++] = lines[i]!;
    end = start;
  }
  return out;
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
 * One replay's working state, and its steps as methods. (They were closures made afresh on every
 * call: the optimised code of the replay loop was tied to the previous call's closures, so every
 * call threw it away and ran, and allocated, as unoptimised code until it was compiled again.)
 */
class Replayer {
  readonly b: Columns;
  /** Spendable batches in spending order (availability, then age); appended as they become available. */
  readonly fifo: Int32Array;
  fifoLength = 0;
  /** Where spending starts: the batches before it are empty. */
  head = 0;
  /** Batches not yet available, in availability order; `pendingHead` is the next one to release. */
  readonly pending: number[] = [];
  pendingHead = 0;
  releasedUntil = -Infinity;
  readonly heap = new ExpiryQueue();
  readonly byOrder = new Map<string, number>();
  readonly activity: Activity[] = [];
  readonly taken = new Map<string, number[]>();
  /**
   * Per batch, the points its own order's returns reversed that it no longer held (spent): a debt,
   * taken from other batches or owed. Points given back to that batch later settle it first.
   */
  readonly shortfall = new Map<number, number>();
  /**
   * [batch, amount, sweeps, ...]: what debts took from batches, in order, for a settled debt to give
   * back (`sweeps` as they were then).
   */
  readonly claws: number[] = [];
  /** Rolling expiries run so far: points taken before one and given back after it have expired. */
  sweeps = 0;
  owed = 0;
  /*
   * With history only, what each debt pays back, for the lines that pay it (the amounts above do not
   * depend on it): `debts` are the kinds of debt (0 a return, 1 an adjustment, then one per reward
   * charged again); `owing` is [debt, points, ...] from `owingHead`, oldest first, and adds up to
   * `owed`; `paidBy` is, per batch that paid debts, [debt, points, ...] in the order it paid them.
   */
  readonly debts: { pays: DebtKind; ref?: string }[] = [{ pays: 'return' }, { pays: 'adjustment' }];
  readonly owing: number[] = [];
  owingHead = 0;
  readonly paidBy = new Map<number, number[]>();
  lastActivity = -Infinity;
  rollingAt = Infinity;

  constructor(
    /** The entries to replay, due by now and in time order. */
    readonly entries: readonly LedgerEntry[],
    capacity: number,
    /** The policy's months after an instant, on the store's calendar (a fixed date, or a rolling one from the last activity). */
    readonly monthsAfter: MonthsAfter,
    readonly fixed: boolean,
    /** Set for a calendar expiry (`fixed` is then true too: each batch has its own date). */
    readonly calendar: CalendarExpiry | null,
    readonly rolling: boolean,
    readonly history: boolean,
    readonly reversed: ReadonlyMap<string, number>,
    readonly voided: ReadonlySet<string>,
    readonly cancelled: ReadonlySet<string>,
  ) {
    this.b = new Columns(capacity, entries);
    this.fifo = new Int32Array(capacity);
  }

  /** Sets batch `i`'s fixed expiry date, from its availability. */
  setExpiry(i: number): void {
    const t = this.b.availableAt[i]!;
    if (this.calendar) {
      this.b.expiresAt[i] = this.calendar.at(t);
      return;
    }
    // Months on the store's calendar: with 1 month, 30 Jan 23:30 in Los Angeles (31 Jan in UTC) lasts until 28 Feb there.
    this.b.expiresAt[i] = this.monthsAfter.at(t);
  }

  expire(i: number, at: number): void {
    const { b } = this;
    const left = b.remaining[i]!;
    if (left === 0) return;
    if (this.history) this.activity.push({ id: `${b.id(i)}:expire:${at}`, kind: 'expire', points: -left, at, source: b.source(i) });
    b.expired[i] += left;
    b.remaining[i] = 0;
    b.expiresAt[i] = at;
  }

  /**
   * A batch joins the spending order, and the expiry queue: queued in the order they become
   * available, the fixed dates (which follow availability) mostly arrive in order.
   */
  spendable(i: number): void {
    this.fifo[this.fifoLength++] = i;
    if (this.fixed) this.heap.push(this.b.expiresAt[i]!, i);
  }

  /** Batches whose availability date has come join the spending order. */
  release(t: number): void {
    const { pending, b } = this;
    this.releasedUntil = t;
    while (this.pendingHead < pending.length && b.availableAt[pending[this.pendingHead]!]! <= t) this.spendable(pending[this.pendingHead++]!);
  }

  /** Expires what the policy says has expired by `t` (fixed dates, or a gap without activity). */
  expireUntil(t: number): void {
    this.release(t);
    const { heap } = this;
    while (this.fixed && heap.peek() <= t) {
      const at = heap.peek();
      this.expire(heap.pop(), at);
    }
    if (this.rolling && this.rollingAt <= t) {
      const { fifo, b } = this;
      for (let k = this.head; k < this.fifoLength; k++) if (b.availableAt[fifo[k]!]! <= this.rollingAt) this.expire(fifo[k]!, this.rollingAt);
      this.rollingAt = Infinity;
      this.sweeps++;
    }
  }

  /** Activity at `t` (a rolling expiry's only concern: callers skip it for other policies). */
  touch(t: number): void {
    this.lastActivity = Math.max(this.lastActivity, t);
    this.rollingAt = this.monthsAfter.at(this.lastActivity);
  }

  /** Takes `points` from the oldest available batches; returns what could not be taken. */
  debit(points: number, t: number, ref: string | null): number {
    const { b, fifo } = this;
    let due = points;
    // [sweeps, batch, amount, batch, amount, ...] for a redemption that is cancelled later
    const record: number[] | null = ref !== null && this.cancelled.has(ref) ? [this.sweeps] : null;
    for (let k = this.head; k < this.fifoLength && due > 0; k++) {
      const i = fifo[k]!;
      if (b.availableAt[i]! > t) break;
      const left = b.remaining[i]!;
      if (left === 0) {
        if (k === this.head) this.head++;
        continue;
      }
      const take = Math.min(left, due);
      b.remaining[i] = left - take;
      b.spent[i] += take;
      record?.push(i, take);
      due -= take;
    }
    if (record) this.taken.set(ref!, record);
    return due;
  }

  /** `points` more are owed, for debt `debt` (an index into `debts`). */
  owe(points: number, debt: number): void {
    this.owed += points;
    if (!this.history || points === 0) return;
    const { owing } = this;
    if (owing.length > this.owingHead && owing[owing.length - 2] === debt) owing[owing.length - 1] += points;
    else owing.push(debt, points);
  }

  /** The debt a reward code charged again beyond the balance leaves (`ref`: the charge's). */
  rewardDebt(ref: string): number {
    if (!this.history) return 0;
    this.debts.push({ pays: 'reward', ref });
    return this.debts.length - 1;
  }

  /** With history: batch `i` paid `points` of debt `debt`. */
  paid(i: number, debt: number, points: number): void {
    let list = this.paidBy.get(i);
    if (!list) this.paidBy.set(i, (list = []));
    list.push(debt, points);
  }

  /**
   * With history: batch `i` no longer pays `points` of what it paid, the latest payments first.
   * Returns what they paid, as [debt, points, ...] in the order they were paid.
   */
  unpaid(i: number, points: number): number[] {
    const list = this.paidBy.get(i) ?? [];
    const out: number[] = [];
    while (points > 0 && list.length) {
      const amount = list.pop()!;
      const debt = list.pop()!;
      const part = Math.min(amount, points);
      out.unshift(debt, part);
      if (amount > part) list.push(debt, amount - part);
      points -= part;
    }
    // (the record adds up to what the batch paid; any rest reads as a return's, as every clawback did before)
    if (points > 0) out.unshift(0, points);
    return out;
  }

  /** Points arriving in a batch pay an outstanding debt first, one line per debt they pay. */
  collectDebt(i: number, t: number): void {
    const { b } = this;
    const left = b.remaining[i]!;
    if (this.owed === 0 || left === 0) return;
    const take = Math.min(this.owed, left);
    b.remaining[i] = left - take;
    b.clawed[i] += take;
    this.claws.push(i, take, this.sweeps);
    this.owed -= take;
    if (!this.history) return;
    const { owing } = this;
    const orderId = b.orderId(i) ?? undefined;
    let due = take;
    for (let n = 0; due > 0; ) {
      // (`owing` adds up to what was owed: a return's debt, should it ever run short, keeps the lines whole)
      const h = this.owingHead;
      const debt = h < owing.length ? owing[h]! : 0;
      const part = h < owing.length ? Math.min(due, owing[h + 1]!) : due;
      if (h < owing.length && (owing[h + 1] -= part) === 0) this.owingHead += 2;
      if (part === 0) continue;
      due -= part;
      this.paid(i, debt, part);
      const { pays, ref } = this.debts[debt]!;
      this.activity.push({ id: `${b.id(i)}:clawback:${t}${n ? `:${n}` : ''}`, kind: 'clawback', points: -part, at: t, orderId, pays, ...(ref ? { ref } : {}) });
      n++;
    }
  }

  /**
   * With history: `points` owed are forgiven because a return's debt is settled: the returns'
   * first (the newest first), then, for what the total owed says is forgiven beyond them, others.
   */
  forgive(points: number): void {
    const { owing, debts } = this;
    for (const returns of [true, false]) {
      for (let k = owing.length - 2; k >= this.owingHead && points > 0; k -= 2) {
        if ((debts[owing[k]!]!.pays === 'return') !== returns) continue;
        const part = Math.min(points, owing[k + 1]!);
        owing[k + 1] -= part;
        points -= part;
      }
    }
    // (emptied entries are dropped from the front; one left in the middle pays nothing, no line)
    while (this.owingHead < owing.length && owing[this.owingHead + 1] === 0) this.owingHead += 2;
  }

  place(i: number): void {
    const { b, pending } = this;
    // A fixed expiry date is known at once (a batch expires after it becomes available).
    if (this.fixed) this.setExpiry(i);
    // Available already: it is the youngest of the spendable ones.
    if (b.availableAt[i]! <= this.releasedUntil) this.spendable(i);
    // Order points arrive in time order with the same return window: mostly the last to release.
    else if (this.pendingHead === pending.length || b.before(pending[pending.length - 1]!, i)) pending.push(i);
    else {
      let lo = this.pendingHead;
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
    if (key && this.reversed.has(key)) this.byOrder.set(key, i);
  }

  /** An earn or an adjustment: the entry at `k`. */
  earn(entry: BatchEntry, k: number): void {
    const { b, history } = this;
    if (entry.kind === 'adjust' && entry.points < 0) {
      const short = this.debit(-entry.points, entry.at, null);
      this.owe(short, 1);
      // (what could not be taken now is owed, and shows as taken back when later points pay it)
      if (history) this.activity.push({ id: entry.id, kind: 'adjust', points: entry.points + short, at: entry.at });
      if (this.rolling) this.touch(entry.at);
      return;
    }
    const earn = entry.kind === 'earn';
    const i = b.add(k, entry);
    this.place(i);
    if (history) this.activity.push({ id: entry.id, kind: earn ? (b.availableAt[i]! > entry.at ? 'pending' : 'earn') : 'adjust', points: entry.points, at: entry.at, orderId: b.orderId(i) ?? undefined, source: b.source(i) });
    if (this.owed > 0) this.collectDebt(i, entry.at);
    // A fully returned order is not activity: order-then-return must change nothing.
    if (this.rolling && !(earn && (this.voided.has(entry.orderId ?? '') || this.voided.has(entry.refOrderId ?? '')))) this.touch(entry.at);
  }

  /**
   * Points taken from batch `i` (when `sweeps` rolling expiries had run) come back at `t`: spendable
   * again, or expired if its date has passed (or, rolling, the member went quiet long enough since).
   */
  restore(i: number, amount: number, t: number, why: string, sweeps: number): void {
    const { b } = this;
    if ((this.fixed && b.expiresAt[i]! <= t) || this.sweeps > sweeps) {
      b.expired[i] += amount;
      if (this.history) this.activity.push({ id: `${why}:${b.id(i)}:expire`, kind: 'expire', points: -amount, at: t, source: b.source(i) });
      return;
    }
    b.remaining[i] += amount;
    this.head = 0;
  }

  cancel(entry: Extract<LedgerEntry, { kind: 'cancel' }>): void {
    const { b } = this;
    const record = this.taken.get(entry.ref) ?? [this.sweeps];
    this.taken.delete(entry.ref);
    const sweeps = record[0]!;
    let back = 0;
    for (let k = 2; k < record.length; k += 2) back += record[k]!;
    // The refund first; what then happens to the points (expired, paying a debt) after it.
    if (back && this.history) this.activity.push({ id: entry.id, kind: 'refund', points: back, at: entry.at, ref: entry.ref });
    // Points of an order returned since they were spent: that return takes them now, from their
    // batch, instead of the debt it left (a fully returned order's batch never holds points). All
    // of these first, so that the rest is not taken for that debt and then given back.
    let settled = 0;
    for (let k = 1; k < record.length; k += 2) {
      const i = record[k]!;
      const short = this.shortfall.get(i) ?? 0;
      if (short === 0) continue;
      const r = Math.min(short, record[k + 1]!);
      this.shortfall.set(i, short - r);
      b.spent[i] -= r;
      b.reversed[i] += r;
      record[k + 1] -= r;
      settled += this.settle(r, entry.at, entry.id);
    }
    // What was owed of the return that now takes these points back.
    if (settled && this.history) this.activity.push({ id: `${entry.id}:settle`, kind: 'clawback', points: -settled, at: entry.at, ref: entry.ref, pays: 'return' });
    for (let k = 1; k < record.length; k += 2) {
      const i = record[k]!;
      const amount = record[k + 1]!;
      if (amount === 0) continue;
      b.spent[i] -= amount;
      this.restore(i, amount, entry.at, entry.id, sweeps);
      this.collectDebt(i, entry.at);
    }
  }

  /**
   * A debt of `points` is settled by a reversal after all: what is still owed is forgiven, and what
   * other batches already paid of it goes back to them (the latest payments first). Returns the
   * points that left the balance (the part that was owed).
   */
  settle(points: number, t: number, why: string): number {
    const { b, claws } = this;
    const fromOwed = Math.min(this.owed, points);
    this.owed -= fromOwed;
    if (this.history) this.forgive(fromOwed);
    let back = points - fromOwed;
    while (back > 0 && claws.length) {
      const sweeps = claws.pop()!;
      const amount = claws.pop()!;
      const i = claws.pop()!;
      // A batch whose order was returned since has its payment undone already (`clawed` went to 0).
      const give = Math.min(amount, b.clawed[i]!, back);
      if (give === 0) continue;
      b.clawed[i] -= give;
      if (this.history) this.unpaid(i, give);
      this.restore(i, give, t, why, sweeps);
      back -= give;
      if (amount > give) claws.push(i, amount - give, sweeps);
    }
    return fromOwed;
  }

  /**
   * Takes `due` points a return reversed but the member had already spent from their other points:
   * the available ones first (oldest first), then the pending ones; what is left is owed, paid by the
   * next points to arrive. (Taken only from later earnings, a debt left the member free to spend
   * points they owed: 110 points of rewards from 100 kept.) Returns what could not be taken.
   */
  claw(due: number): number {
    const { b, fifo, pending } = this;
    const take = (i: number) => {
      const amount = Math.min(b.remaining[i]!, due);
      if (amount === 0) return;
      b.remaining[i] -= amount;
      b.clawed[i] += amount;
      this.claws.push(i, amount, this.sweeps);
      if (this.history) this.paid(i, 0, amount);
      due -= amount;
    };
    for (let k = this.head; k < this.fifoLength && due > 0; k++) take(fifo[k]!);
    for (let k = this.pendingHead; k < pending.length && due > 0; k++) take(pending[k]!);
    return due;
  }

  reverse(entry: Extract<LedgerEntry, { kind: 'reverse' }>): void {
    const { b } = this;
    // The order's own batch, or (for a referrer) the reward that waited on the friend's order.
    const i = this.byOrder.get(entry.orderId);
    let due = entry.points;
    let taken = 0;
    if (i !== undefined) {
      const fromRemaining = Math.min(b.remaining[i]!, due);
      b.remaining[i] -= fromRemaining;
      due -= fromRemaining;
      // Points that already expired did the member no good: reversing them creates no debt.
      const fromExpired = Math.min(b.expired[i]!, due);
      b.expired[i] -= fromExpired;
      due -= fromExpired;
      // Points that went to pay a debt paid nothing after all: the debt is owed again, as it was.
      const fromClawed = Math.min(b.clawed[i]!, due);
      b.clawed[i] -= fromClawed;
      this.owed += fromClawed;
      // (owed again before what is owed now: it was owed first)
      if (this.history && fromClawed) this.owing.splice(this.owingHead, 0, ...this.unpaid(i, fromClawed));
      due -= fromClawed;
      b.reversed[i] += fromRemaining + fromExpired + fromClawed;
      taken = fromRemaining;
      // The rest was spent: a debt, until (a cancelled redemption) those points come back here.
      if (due > 0) this.shortfall.set(i, (this.shortfall.get(i) ?? 0) + due);
    }
    const owed = this.claw(due);
    taken += due - owed;
    this.owe(owed, 0);
    // The line says what the return took from the balance now (expired points were shown as
    // expiring; what is owed shows as taken back when later points pay it): the lines add up.
    if (this.history) this.activity.push({ id: entry.id, kind: 'return', points: 0 - taken, at: entry.at, orderId: entry.orderId });
  }

  run(now: number): ReplayResult {
    const { entries } = this;
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[k]!;
      this.expireUntil(entry.at);
      switch (entry.kind) {
        case 'earn':
        case 'adjust':
          this.earn(entry, k);
          break;
        case 'redeem': {
          // The server refuses redemptions above the available balance; a reward code used twice is
          // charged again at the order, and what the balance cannot pay is owed (shown when paid).
          const short = this.debit(entry.points, entry.at, entry.ref);
          this.owe(short, short ? this.rewardDebt(entry.ref) : 0);
          if (this.history) this.activity.push({ id: entry.id, kind: 'redeem', points: short - entry.points, at: entry.at, ref: entry.ref });
          if (this.rolling) this.touch(entry.at);
          break;
        }
        case 'cancel':
          this.cancel(entry);
          break;
        case 'reverse':
          this.reverse(entry);
          break;
      }
    }
    this.expireUntil(now);
    const { b } = this;
    if (this.rolling && this.lastActivity > -Infinity) {
      const rollingExpiry = this.monthsAfter.at(this.lastActivity);
      for (let i = 0; i < b.n; i++) if (Number.isNaN(b.expiresAt[i]!)) b.expiresAt[i] = rollingExpiry;
    }
    return new ReplayResult(b, this.history ? newestFirst(this.activity) : this.activity, this.owed, now);
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
  const monthsAfter = new MonthsAfter(months, program.timeZone);
  const calendar = mode === 'calendar' && program.expiry.on ? new CalendarExpiry(monthsAfter, program.expiry.on, program.timeZone) : null;
  const fixed = (mode === 'fixed' && months > 0) || calendar !== null;
  const rolling = mode === 'rolling' && months > 0;
  const { reversed, voided, cancelled, batches, late, unordered } = lookAhead(entries, now, rolling);
  // The ledger is appended in time order: sort (stably) only when it is not.
  let sorted = late ? entries.filter((e) => e.at <= now) : entries;
  if (unordered) sorted = sorted.map((e, j) => [e, j] as const).sort((x, y) => x[0].at - y[0].at || x[1] - y[1]).map(([e]) => e);
  return new Replayer(sorted, batches, monthsAfter, fixed, calendar, rolling, history, reversed, voided, cancelled).run(now);
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
