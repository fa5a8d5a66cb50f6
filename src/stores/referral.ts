import { atom, onMount } from 'nanostores';
import { referralParamOf } from '../core/config.js';
import { FidelioError, toFidelioError } from '../core/errors.js';
import { warnOnce } from '../core/log.js';
import { safeHref } from '../core/safe-url.js';
import type { MemberEventResult, ReferralInfo } from '../contract/types.js';
import { $config, $resolvedConfig } from './config.js';
import { refreshMember } from './member.js';
import { sendOnce } from './outbox.js';
import { $backend, getStorage, subjectOf, warnConfig } from './runtime.js';
import { $session } from './session.js';
import { forgetReferral, storedReferral } from './signup.js';

export type ReferralState =
  | { status: 'signed-out' }
  | { status: 'loading' }
  /** `link`: the member's link with the configured parameter name, ready to share. */
  | { status: 'ready'; referral: ReferralInfo; link: string }
  | { status: 'error'; error: FidelioError };

/** The signed-in member's referral code, share link and funnel (invited, joined, ordered, ...). */
export const $referral = atom<ReferralState>({ status: 'loading' });

let ticket = 0;

/**
 * The link to share: the backend's link (the store's address with `?ref=CODE`), with the code under
 * the merchant's parameter name. A link that is neither https nor on this page's origin is not
 * trusted (see `safeHref`): the page's own origin carries the code instead.
 */
export function shareLink(referral: ReferralInfo, param = referralParamOf($config.get())): string {
  const url = new URL(safeHref(referral.link) ?? '/', globalThis.location?.href ?? 'https://invalid.example');
  if (param !== 'ref') url.searchParams.delete('ref');
  url.searchParams.set(param, referral.code);
  return url.href;
}

/** Loads the member's referral details; `quiet` keeps what is shown while asking again (after a share). */
export async function loadReferral(quiet = false): Promise<void> {
  const mine = ++ticket;
  const backend = $backend.get();
  if (!backend) {
    warnConfig();
    $referral.set({ status: 'error', error: new FidelioError('config', 'not configured') });
    return;
  }
  if ($session.get().status !== 'identified') {
    $referral.set({ status: 'signed-out' });
    return;
  }
  if (!quiet || $referral.get().status !== 'ready') $referral.set({ status: 'loading' });
  try {
    const referral = await backend.getReferral();
    if (mine !== ticket) return;
    $referral.set({ status: 'ready', referral, link: shareLink(referral) });
    // A member who opened their own link on this device must not pass it on to whoever joins here next.
    if ((await storedReferral()) === referral.code.toUpperCase()) await forgetReferral();
  } catch (caught) {
    if (mine !== ticket) return;
    const error = toFidelioError(caught);
    if (error.code === 'unauthorized') {
      $referral.set({ status: 'signed-out' });
      return;
    }
    warnOnce(`referral-${error.code}`, `could not load the referral link (${error.code}): ${error.message}`);
    if (!quiet || $referral.get().status !== 'ready') $referral.set({ status: 'error', error });
  }
}

/**
 * Records a share of the member's link (the program's capped "share" action) with its idempotency
 * key stored first. Resolves with the points it earned, or null when it could not be recorded
 * (the share itself still happened; nothing is shown as failed to the shopper for that).
 */
export async function recordShare(link: string): Promise<MemberEventResult | null> {
  const backend = $backend.get();
  if (!backend || $session.get().status !== 'identified') return null;
  const body = { type: 'share' as const, ref: link };
  try {
    const result = await sendOnce('event', body, (key) => backend.recordEvent(body, key));
    if (result.pointsAwarded > 0) void refreshMember();
    void loadReferral(true);
    return result;
  } catch (caught) {
    const error = toFidelioError(caught);
    warnOnce(`share-${error.code}`, `could not record the share (${error.code}): ${error.message}`);
    return null;
  }
}

const GREETING_KEY = 'referral:greetingDismissed';

/** The code this browser arrived with, unless its greeting was dismissed (a new code greets again). */
export async function greetingCode(): Promise<string | null> {
  const code = await storedReferral();
  if (!code) return null;
  return (await (await getStorage()).get('kv', GREETING_KEY)) === code ? null : code;
}

export async function dismissGreeting(code: string): Promise<void> {
  await (await getStorage()).put('kv', GREETING_KEY, code);
}

onMount($referral, () => {
  let last: unknown;
  const unsubscribeSession = $session.subscribe((session) => {
    const identity = subjectOf(session);
    if (identity !== last) {
      last = identity;
      void loadReferral();
    }
  });
  const unsubscribeConfig = $resolvedConfig.listen(() => void loadReferral());
  return () => {
    ticket++;
    unsubscribeSession();
    unsubscribeConfig();
    $referral.set({ status: 'loading' });
  };
});
