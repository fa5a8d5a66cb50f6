import { atom, onMount } from 'nanostores';
import { FidelioError, toFidelioError } from '../core/errors.js';
import type { Enrollment, Member } from '../contract/types.js';
import { $resolvedConfig } from './config.js';
import { $session, identify, memberKey, signOut } from './session.js';
import { $backend, getStorage, subjectOf, warnConfig } from './runtime.js';
import { warnOnce } from '../core/log.js';
import { onReplayed, replayOutbox } from './outbox.js';
import { publish, subscribe } from './sync.js';
import { whenIdle } from '../core/idle.js';

export type MemberState =
  | { status: 'idle' }
  | { status: 'signed-out' }
  | { status: 'loading' }
  /**
   * `stale`: painted from the cache while the server is asked; `error`: the last refresh failed;
   * `quiet`: the balance a redemption left, which the widget that made it tells (badges do not).
   */
  | { status: 'ready'; member: Member; stale: boolean; error?: FidelioError; quiet?: true }
  | { status: 'error'; error: FidelioError };

export const $member = atom<MemberState>({ status: 'idle' });

let ticket = 0;
/** Whose member answer `$member` shows (program and subject): another shopper's is never kept on show. */
let shownKey: string | null = null;

function show(key: string | null, member: Member, stale: boolean, error?: FidelioError, quiet?: true): void {
  shownKey = key;
  $member.set({ status: 'ready', member, stale, ...(error && { error }), ...(quiet && { quiet }) });
}


/**
 * Stale-while-revalidate: the cached snapshot is painted at once, then the server's answer replaces
 * it. Failures keep what is on screen and say so; a refused token means signed out.
 */
export async function refreshMember(quiet?: true): Promise<void> {
  const mine = ++ticket;
  const current = () => mine === ticket;
  const backend = $backend.get();
  const resolved = $resolvedConfig.get();
  if (!backend || !resolved.ok) {
    warnConfig();
    $member.set({ status: 'error', error: new FidelioError('config', 'not configured') });
    return;
  }
  const key = memberKey();
  if (!key && !resolved.config.backend) {
    $member.set({ status: 'signed-out' });
    return;
  }
  // (what is on show stays while it is refreshed, unless it is another shopper's: identify(B) while
  // A was signed in must not show B A's name and balance, even for a moment)
  const shown = $member.get();
  if (shown.status !== 'ready' || shownKey !== key) $member.set({ status: 'loading' });
  // The server is asked at once and the cached snapshot read meanwhile: opening IndexedDB (10-40 ms
  // on a first visit, more on a slow phone) delays neither the request nor showing its answer. The
  // snapshot is shown only while nothing newer is (the answer may come first).
  const answer = backend.getMember();
  const storage = getStorage();
  const cached: Promise<{ member: Member } | undefined> =
    key && $member.get().status !== 'ready' ? storage.then((opened) => opened.get('members', key)).catch(() => undefined) : Promise.resolve(undefined);
  const showCached = (snapshot: { member: Member } | undefined) => {
    if (snapshot && current() && $member.get().status === 'loading') show(key, snapshot.member, true);
  };
  void cached.then(showCached);
  try {
    const member = await answer;
    if (!current()) return;
    show(key, member, false, undefined, quiet);
    if (key) {
      publish({ type: 'member', key, member });
      // A returning visit whose balance did not move writes nothing.
      if (JSON.stringify((await cached)?.member) !== JSON.stringify(member)) await (await storage).put('members', key, { key, member, savedAt: Date.now() });
    }
  } catch (caught) {
    const error = toFidelioError(caught);
    const why = typeof error.params.reason === 'string' ? ` (${error.params.reason})` : '';
    // said before the check below: a plain token the backend refuses has signed the shopper out already
    if (error.code === 'unauthorized') warnOnce(`member-unauthorized${why}`, `the backend refused the customer token${why}: signed out.`);
    if (!current()) return;
    if (error.code === 'unauthorized') {
      if (key) await (await storage).delete('members', key);
      signOut();
      $member.set({ status: 'signed-out' });
      return;
    }
    // the last known balance stays on show, marked stale, when there is one
    showCached(await cached);
    if (!current()) return;
    warnOnce(`member-${error.code}`, `could not load the member's balance (${error.code}): ${error.message}`);
    const now = $member.get();
    if (now.status === 'ready') show(key, now.member, true, error);
    else $member.set({ status: 'error', error });
  }
}

// A replayed redemption or action changed the balance.
onReplayed('redeem', () => refreshMember());
onReplayed('event', () => refreshMember());
// An enrollment made offline went through: the shopper is a member now, as if the popup had answered.
onReplayed('enroll', async (result) => {
  const enrollment = result as Enrollment;
  await identify(enrollment.token);
  document.dispatchEvent(
    new CustomEvent('fidelio-enrolled', { detail: { memberId: enrollment.member.id, email: enrollment.member.email, pointsAwarded: enrollment.pointsAwarded, token: enrollment.token } }),
  );
});

onMount($member, () => {
  // Reload whenever the shopper signs in or out or the configuration changes; again when back online.
  let last: unknown;
  const reload = () => void refreshMember();
  let lastKey: string | null = null;
  const unsubscribeSession = $session.subscribe((session) => {
    const identity = subjectOf(session);
    if (identity !== last) {
      // Signing out forgets that customer's cached balance on this device (shared computers).
      if (identity === null && lastKey) {
        const key = lastKey;
        void getStorage()
          .then((storage) => storage.delete('members', key))
          .catch(() => undefined);
      }
      last = identity;
      lastKey = memberKey();
      reload();
    }
  });
  const unsubscribeConfig = $resolvedConfig.listen(reload);
  // Back online (or a new visit): writes queued while offline go first, then the balance is read.
  const online = () => void replayOutbox().then(reload);
  globalThis.addEventListener?.('online', online);
  whenIdle(() => void replayOutbox().then((sent) => sent && reload()));
  // Another tab of the store changed the balance (a redemption, a refresh): show it here too.
  const unsubscribeTabs = subscribe((message) => {
    const shown = $member.get();
    if (message.key === memberKey() && !(shown.status === 'ready' && shown.member.updatedAt > message.member.updatedAt)) {
      show(message.key, message.member, false);
    }
  });
  return () => {
    ticket++;
    unsubscribeSession();
    unsubscribeConfig();
    unsubscribeTabs();
    globalThis.removeEventListener?.('online', online);
    $member.set({ status: 'idle' });
  };
});
