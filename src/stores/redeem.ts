import { atom } from 'nanostores';
import { FidelioError, toFidelioError } from '../core/errors.js';
import type { Cart, Redemption, RedemptionRequest } from '../contract/types.js';
import { $backend, subjectOf, warnConfig } from './runtime.js';
import { refreshMember } from './member.js';
import { confirmHeld, sendOnce, whenReplayed } from './outbox.js';
import { KEPT_REDEMPTION } from './session.js';

export type RedeemState =
  | { status: 'idle' }
  | { status: 'redeeming'; rewardId: string }
  | { status: 'redeemed'; redemption: Redemption }
  | { status: 'cancelling'; redemption: Redemption }
  | { status: 'failed'; rewardId: string; error: FidelioError };

/** The redemption in progress or just made in this page (checkout and member panel share it). */
export const $redeem = atom<RedeemState>({ status: 'idle' });

/**
 * The unused redemption this tab made, kept in its sessionStorage (KEPT_REDEMPTION): a checkout
 * reloaded (or left and come back to) offers its coupon again instead of forgetting points the
 * shopper paid for.
 */
function keep(redemption: Redemption | null): void {
  try {
    const subject = subjectOf();
    if (redemption && subject) sessionStorage.setItem(KEPT_REDEMPTION, JSON.stringify({ subject, redemption }));
    else sessionStorage.removeItem(KEPT_REDEMPTION);
  } catch {
    // no sessionStorage (a sandboxed frame): nothing kept, nothing lost but the convenience
  }
}

/** What this tab keeps, as stored (checked by the reader). */
function kept(): { subject?: unknown; redemption?: Redemption } | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEPT_REDEMPTION) ?? 'null') as { subject?: unknown; redemption?: Redemption } | null;
  } catch {
    return null;
  }
}

/** This tab's unused redemption for the signed-in member, back in $redeem; null when there is none. */
export function restoreRedeem(): Redemption | null {
  const subject = subjectOf();
  if (!subject || $redeem.get().status !== 'idle') return null;
  const stored = kept();
  const redemption = stored?.redemption;
  if (stored?.subject !== subject || typeof redemption?.coupon?.code !== 'string' || typeof redemption.points !== 'number') return null;
  $redeem.set({ status: 'redeemed', redemption });
  return redemption;
}

/** The kept redemption's coupon no longer holds (used by an order, cancelled elsewhere, expired): forgotten. */
export function forgetRedeem(): void {
  keep(null);
  resetRedeem();
}

const busy = () => {
  const s = $redeem.get().status;
  return s === 'redeeming' || s === 'cancelling';
};

/**
 * Spends points on a reward. The write goes through the outbox, so its idempotency key is on disk
 * before the request leaves: a retry after a lost answer (same reward, same cart) reuses the key
 * and the server hands back the same coupon without debiting twice. One at a time: a second press
 * while one is out does nothing.
 */
export async function redeemReward(rewardId: string, options: { cart?: Cart | null; steps?: number } = {}): Promise<Redemption | null> {
  if (busy()) return null;
  const backend = $backend.get();
  if (!backend) {
    warnConfig();
    $redeem.set({ status: 'failed', rewardId, error: new FidelioError('config', 'not configured') });
    return null;
  }
  const request = { rewardId, ...(options.cart ? { cart: options.cart } : {}), ...(options.steps ? { steps: options.steps } : {}) };
  unsure = null;
  $redeem.set({ status: 'redeeming', rewardId });
  try {
    const redemption = await sendOnce('redeem', request, (key) => backend.redeem(request, key));
    $redeem.set({ status: 'redeemed', redemption });
    // kept for a reload from a task of its own: a page's first sessionStorage use costs this
    // machine ~2 ms (the bench's redemption above the network went 4.7 -> 7.2 ms with it inline)
    setTimeout(() => keep(redemption));
    // (the widget that redeemed says what the points bought: the new balance is not news of its own)
    void refreshMember(true);
    return redemption;
  } catch (caught) {
    const error = toFidelioError(caught);
    const failed: RedeemState = { status: 'failed', rewardId, error };
    $redeem.set(failed);
    const queued = error.params.queued === true;
    unsure = queued || unanswered(error) ? { failed, request, subject: subjectOf(), queued } : null;
    return null;
  }
}

/** A failure after which the server may have spent the points all the same: its answer never came (a timeout, a 500). */
export const unanswered = (error: FidelioError): boolean => error.code === 'timeout' || error.code === 'server';
/** A redemption whose failure left its outcome open: unanswered (`queued` false), or queued offline. */
interface Unsure {
  failed: RedeemState;
  request: RedemptionRequest;
  subject: string | null;
  queued: boolean;
}
/** The last such redemption, while it is $redeem's state. */
let unsure: Unsure | null = null;

/** `asked` is still the redemption in question: not pressed again, reset, or another shopper's page now. */
const stillAsked = (asked: Unsure) => unsure === asked && $redeem.get() === asked.failed && subjectOf() === asked.subject;

/** The redemption is done after all: $redeem's, kept for a reload, as if its answer had come. */
function doneAfterAll(redemption: Redemption): Redemption {
  unsure = null;
  $redeem.set({ status: 'redeemed', redemption });
  setTimeout(() => keep(redemption));
  return redemption;
}

/**
 * A press queued offline ("will be sent when you're back online"): what became of it when this
 * page's replay sent it — done (its redemption), or refused for good ($redeem says why). Null once
 * the shopper has moved on, or when it was refused.
 */
function afterReplay(asked: Unsure): Promise<Redemption | null> {
  return new Promise((resolve) => {
    const finish = (value: Redemption | null) => {
      stopListening();
      stopHearing();
      resolve(value);
    };
    const stopListening = $redeem.listen((state) => state !== asked.failed && finish(null));
    const stopHearing = whenReplayed('redeem', asked.request, asked.subject, (outcome) => {
      if (!stillAsked(asked)) return finish(null);
      stopListening();
      if (outcome.ok) return finish(doneAfterAll(outcome.result as Redemption));
      unsure = null;
      $redeem.set({ status: 'failed', rewardId: asked.request.rewardId, error: outcome.error });
      finish(null);
    });
  });
}

/** How long after an unsure failure the member's redemptions are looked at, each time (ms). */
export const CONFIRM_WAITS = [1000, 4000, 15000];

/**
 * After a redemption queued offline: its outcome once this page's replay sent it (afterReplay).
 * After one that timed out or met a server failure: whether the server spent the points
 * after all, learnt from the member's redemptions (the one made with the write's idempotency key,
 * `RedemptionItem.idempotencyKey`), a few times over the next seconds, without sending the write
 * again. Found and still usable: it is $redeem's redemption, as if the answer had come, and it is
 * returned. Null when it is not found (a server that does not list keys, or did not do it), or
 * once the shopper has moved on (pressed again, another reward, signed out or another signed in).
 */
export async function confirmRedeem(waits: readonly number[] = CONFIRM_WAITS): Promise<Redemption | null> {
  const asked = unsure;
  if (!asked) return null;
  if (asked.queued) return afterReplay(asked);
  // (and the same shopper: another member signed in meanwhile has nothing to do with it)
  const current = () => stillAsked(asked);
  for (const wait of waits) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    const backend = $backend.get();
    if (!current() || !backend) return null;
    let found: Redemption | null;
    try {
      found = await confirmHeld('redeem', asked.request, async (key) => {
        const item = (await backend.listRedemptions()).find((r) => r.idempotencyKey === key);
        // (given back or used meanwhile, elsewhere: nothing to put on the order)
        return item && item.status === 'issued' ? { id: item.id, rewardId: item.rewardId, points: item.points, coupon: item.coupon } : null;
      });
    } catch {
      // offline, or the list failed too: the next look, or the shopper's press
      continue;
    }
    if (!current()) return null;
    if (!found) continue;
    void refreshMember(true);
    return doneAfterAll(found);
  }
  return null;
}

/** Gives the points of an unused redemption back (the shopper changed their mind before ordering). */
export async function cancelRedeem(redemption: Redemption): Promise<boolean> {
  if (busy()) return false;
  const backend = $backend.get();
  if (!backend) return false;
  $redeem.set({ status: 'cancelling', redemption });
  try {
    await backend.cancelRedemption(redemption.id);
    $redeem.set({ status: 'idle' });
    if (kept()?.redemption?.id === redemption.id) keep(null);
    void refreshMember();
    return true;
  } catch (caught) {
    // Still redeemed: the coupon stays usable, the shopper is told why the cancel did not go through.
    $redeem.set({ status: 'redeemed', redemption });
    throw toFidelioError(caught);
  }
}

export function resetRedeem(): void {
  $redeem.set({ status: 'idle' });
}


