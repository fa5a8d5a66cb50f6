import { atom } from 'nanostores';
import { newId } from '../core/ids.js';
import { FidelioError, toFidelioError } from '../core/errors.js';
import { warnOnce } from '../core/log.js';
import type { LoyaltyBackend } from '../backend/types.js';
import type { EnrollRequest, MemberEventRequest, RedemptionRequest } from '../contract/types.js';
import type { PendingWrite } from '../storage/db.js';
import { $backend, getStorage, subjectOf } from './runtime.js';

/** Failures after which the same write may still succeed later with the same key. */
const TRANSIENT = new Set(['network', 'timeout', 'unavailable', 'server', 'rate_limited']);

/** How each queued operation is sent again; the server deduplicates on the stored key. */
const SENDERS: Record<string, (backend: LoyaltyBackend, body: never, key: string) => Promise<unknown>> = {
  enroll: (backend, body: EnrollRequest, key) => backend.enroll(body, key),
  redeem: (backend, body: RedemptionRequest, key) => backend.redeem(body, key),
  event: (backend, body: MemberEventRequest, key) => backend.recordEvent(body, key),
};

/** How long a held write (see PendingWrite.held) waits for the shopper to press it again. */
const HELD_FOR = 24 * 60 * 60 * 1000;

/** Operations whose body holds personal data (an email, a name): their records stay out of localStorage. */
const PERSONAL = new Set(['enroll']);

/** Writes waiting on disk for the connection (widgets say "will be sent when you're back online"). */
export const $queued = atom(0);

/** What to do once a replayed write went through (e.g. sign the new member in, refresh the balance). */
const afterReplay = new Map<string, (result: unknown) => void | Promise<void>>();

export function onReplayed(op: string, run: (result: unknown) => void | Promise<void>): void {
  afterReplay.set(op, run);
}

let counting = 0;

async function countQueued(): Promise<void> {
  const mine = ++counting;
  try {
    const count = (await (await getStorage()).all('pending')).filter((w) => !answered.has(w.key) && !w.held).length;
    // Counts can finish out of order: only the latest one speaks.
    if (mine === counting) $queued.set(count);
  } catch {
    // Storage gone: nothing we can count, nothing to show.
  }
}

/**
 * Sends a write exactly once from the shopper's point of view: its idempotency key is stored on
 * disk *before* the first send (localStorage, synchronously; IndexedDB for personal data), so a
 * retry, a reload or another attempt reuses the key and the server deduplicates it. The record is
 * dropped once the server has answered for good; after a transient failure it stays for
 * `replayOutbox`, and the error says so (`params.queued`).
 */
export async function sendOnce<T>(op: string, body: unknown, send: (idempotencyKey: string) => Promise<T>): Promise<T> {
  const storage = await getStorage();
  // Retrying the same write (after a timeout, say) must reuse its key: the first attempt may have
  // reached the server even though its answer did not reach us. A write the server has answered is
  // done, even while its record waits to leave the disk: the same body again is a new action.
  const fingerprint = JSON.stringify(body);
  const write = writeId(op, fingerprint, ownerOf(op));
  // Pressed again soon after a replay sent it: the shopper gets the answer the replay got (later,
  // the same press is a new action).
  const replayed = replayedHere.get(write);
  replayedHere.delete(write);
  if (replayed && Date.now() - replayed.at < REPLAYED_FOR) return replayed.result as T;
  // The look-up (the journal, and a read-only one of the database) and the new record in the
  // journal: no read-write transaction before the send (see JournaledStorage).
  const { row, found: earlier } = await storage.findOrPut(
    'pending',
    (w) => w.op === op && !answered.has(w.key) && JSON.stringify(w.body) === fingerprint,
    () => ({ key: newId(), op, body, createdAt: Date.now(), subject: ownerOf(op), ...(PERSONAL.has(op) ? { personal: true } : {}) }),
    PERSONAL.has(op),
  );
  const key = row.key;
  inFlight.add(key);
  triedHere.add(key);
  try {
    const result = await send(key);
    // Answered for good: a journaled record goes at once; one in the database goes with the next
    // write there (the balance snapshot that follows), not in a transaction of its own.
    storage.deleteSoon('pending', key);
    answered.add(key);
    return result;
  } catch (caught) {
    const error = toFidelioError(caught);
    if (!TRANSIENT.has(error.code)) {
      await storage.delete('pending', key);
      throw error;
    }
    // "Will be sent when you're back online" is only true of a connection failure. After any other
    // (a timeout, the server down) the shopper is told it did not go through, or could not be
    // confirmed: the record stays so that pressing the same write again reuses its key (a timed-out
    // redemption the server did is not done twice), but the replay does not send it behind their back.
    const held = error.code !== 'network';
    if (!!row.held !== held) await storage.put('pending', key, { ...row, held }).catch(() => undefined);
    void countQueued();
    throw held ? error : new FidelioError(error.code, error.message, { ...error.params, queued: true }, error.status, error.retryAfter);
  } finally {
    inFlight.delete(key);
    if (earlier) void countQueued();
  }
}

/**
 * A held write (one whose answer never came: see sendOnce) of `op` with this `body`, asked about
 * without sending it again: `find` looks its key up on the server (a list of what it did, say) and
 * gives the server's record, or null where there is none yet. Found, the write is done: its record
 * goes, and a press of the same write makes a new one. Null when no such write is held (pressed
 * again, or let go) or the server shows none.
 */
export async function confirmHeld<T>(op: string, body: unknown, find: (idempotencyKey: string) => Promise<T | null>): Promise<T | null> {
  const storage = await getStorage();
  const fingerprint = JSON.stringify(body);
  const subject = ownerOf(op);
  const row = (await storage.all('pending')).find((w) => w.op === op && w.held && (w.subject ?? null) === subject && !answered.has(w.key) && !inFlight.has(w.key) && JSON.stringify(w.body) === fingerprint);
  if (!row) return null;
  const found = await find(row.key);
  // (a press of it meanwhile has its own answer coming)
  if (found === null || inFlight.has(row.key) || answered.has(row.key)) return null;
  answered.add(row.key);
  await storage.delete('pending', row.key);
  return found;
}

/** Keys this page is sending right now: the replay leaves them to their own request. */
const inFlight = new Set<string>();
/** Keys this page has sent itself (the shopper pressed), successfully or not. */
const triedHere = new Set<string>();
/**
 * What a replay got for a write the shopper had pressed in this page and seen fail ("will be sent"),
 * by operation, body and shopper: pressing the same write again gets that answer instead of doing it twice
 * (a queued enrollment that went through meanwhile would answer "already a member" to a new key).
 */
const replayedHere = new Map<string, { result: unknown; at: number }>();
/** How long a replay's answer stands in for the same press (the shopper pressing again to see it). */
const REPLAYED_FOR = 10 * 60 * 1000;
/** Whose write it is: the signed-in shopper's, or nobody's yet for an enrollment (it signs them in). */
const ownerOf = (op: string): string | null => (op === 'enroll' ? null : subjectOf());
/** A write by operation, body and shopper (null for an enrollment): one member's answer is never another's. */
const writeId = (op: string, fingerprint: string, subject: string | null) => `${op}\u0000${subject ?? ''}\u0000${fingerprint}`;

/** How a write sent again by the replay ended: its answer, or a refusal for good. */
export type ReplayOutcome = { ok: true; result: unknown } | { ok: false; error: FidelioError };
/** Presses waiting for the replay of their write (whenReplayed), by write. */
const watchers = new Map<string, (outcome: ReplayOutcome) => void>();

/**
 * Hears, once, how the replay in this page ended for the queued write of `op` with `body` by
 * `subject` (null for an enrollment): a press the shopper was told "will be sent" learns what became
 * of it. The answer is then that press's: pressing the same write afterwards is a new one. Returns
 * how to stop listening.
 */
export function whenReplayed(op: string, body: unknown, subject: string | null, hear: (outcome: ReplayOutcome) => void): () => void {
  const id = writeId(op, JSON.stringify(body), subject);
  watchers.set(id, hear);
  return () => void (watchers.get(id) === hear && watchers.delete(id));
}

/** Tells the press waiting for write `id` how its replay ended, once; false when none waits. */
function tell(id: string, outcome: ReplayOutcome): boolean {
  const hear = watchers.get(id);
  if (!hear) return false;
  watchers.delete(id);
  hear(outcome);
  return true;
}

/** Forgets the answers replays got for this page's presses (the SDK's reset; tests start from it). */
export function forgetReplayedAnswers(): void {
  replayedHere.clear();
}
/**
 * Keys the server has answered in this page. Their records leave IndexedDB with the next write;
 * should the browser close that connection first, the replay must still not send them again.
 */
const answered = new Set<string>();

let replaying: Promise<number> | null = null;

/**
 * Sends the queued writes again, oldest first, each with its own key (so a write whose answer was
 * lost, or whose page was closed mid-request, is not doubled). Only this shopper's writes go (a
 * redemption needs its owner's token). One tab at a time: a Web Lock where the browser has one;
 * elsewhere two tabs may both send, and the keys still make the second a no-op on the server.
 */
export function replayOutbox(): Promise<number> {
  if (replaying) return replaying;
  const run = async (): Promise<number> => {
    const backend = $backend.get();
    if (!backend) return 0;
    const storage = await getStorage();
    const writes = (await storage.all('pending')).sort((a, b) => a.createdAt - b.createdAt);
    let sent = 0;
    for (const write of writes) {
      const sender = SENDERS[write.op];
      if (!sender || write.held || inFlight.has(write.key) || answered.has(write.key) || (write.subject && write.subject !== subjectOf())) continue;
      const id = writeId(write.op, JSON.stringify(write.body), write.subject ?? null);
      try {
        const result = await sender(backend, write.body as never, write.key);
        // the press it was waits for it (whenReplayed): the answer is that press's; else kept for
        // the same press, unless the shopper's own press with this key is out, or has its answer already
        if (!tell(id, { ok: true, result }) && triedHere.has(write.key) && !inFlight.has(write.key) && !answered.has(write.key)) replayedHere.set(id, { result, at: Date.now() });
        answered.add(write.key);
        await storage.delete('pending', write.key);
        sent++;
        await afterReplay.get(write.op)?.(result);
      } catch (caught) {
        const error = toFidelioError(caught);
        // Still offline (or the server still down): try again at the next chance.
        if (TRANSIENT.has(error.code)) break;
        await storage.delete('pending', write.key);
        tell(id, { ok: false, error });
        warnOnce(`replay-${write.op}-${error.code}`, `a queued ${write.op} was refused when sent again (${error.code}).`);
      }
    }
    await countQueued();
    return sent;
  };
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  const task = async (): Promise<number> => {
    // Nothing waiting, as on nearly every visit: no lock to ask the browser for (a round trip to
    // its lock manager on every page load).
    const storage = await getStorage();
    const rows = await storage.all('pending');
    // a held write no one pressed again within a day is let go (its key only guarded a retry)
    for (const w of rows) if (w.held && Date.now() - w.createdAt > HELD_FOR) await storage.delete('pending', w.key);
    const waiting = rows.some((w) => !answered.has(w.key) && !w.held);
    if (!waiting) {
      if ($queued.get() !== 0) await countQueued();
      return 0;
    }
    return (locks ? locks.request('fidelio-outbox', { ifAvailable: true }, (lock) => (lock ? run() : 0)) : run()) as Promise<number>;
  };
  replaying = task().catch(() => 0).finally(() => (replaying = null));
  return replaying;
}

export type { PendingWrite };
