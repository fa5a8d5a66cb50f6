import { computed } from 'nanostores';
import { systemClock } from '../core/clock.js';
import { FidelioError } from '../core/errors.js';
import { warnOnce } from '../core/log.js';
import { RestBackend } from '../backend/rest.js';
import type { LoyaltyBackend } from '../backend/types.js';
import { openStorage, type FidelioStorage } from '../storage/db.js';
import { $resolvedConfig } from './config.js';
import { $session, getToken, type SessionState } from './session.js';

/**
 * Who is signed in (the token's subject), or null: what the stores that follow the shopper compare.
 * (Here, with the stores' shared pieces, not beside $session: the drop-in's first chunk stays as it was.)
 */
export const subjectOf = (session: SessionState = $session.get()): string | null => (session.status === 'identified' ? session.subject : null);

/** Every method of a LoyaltyBackend: a custom backend is checked against them. */
export const BACKEND_METHODS = [
  'getProgram', 'getMember', 'getBatches', 'enroll', 'previewCart', 'validateCoupon', 'redeem', 'cancelRedemption', 'getReferral', 'recordEvent', 'getActivity',
  'getPreferences', 'updatePreferences', 'unsubscribe', 'startMembership', 'cancelMembership', 'changeBirthday', 'listRedemptions', 'updateMe', 'exportMyData', 'requestDeletion',
] as const;

/**
 * A merchant's backend as Fidelio can use it: not an object, none (one warning); without some
 * methods, those calls reject with a `config` error (one warning naming them), which the widgets
 * show as any failure, instead of a TypeError thrown into the page.
 */
function usableBackend(made: unknown): LoyaltyBackend | null {
  if (!made || typeof made !== 'object') {
    warnOnce('backend-shape', 'the custom backend is not a LoyaltyBackend object; rewards cannot load.');
    return null;
  }
  const missing = BACKEND_METHODS.filter((name) => typeof (made as Record<string, unknown>)[name] !== 'function');
  if (!missing.length) return made as LoyaltyBackend;
  warnOnce(`backend-missing:${missing.join()}`, `the custom backend has no ${missing.join(', ')}: those calls fail.`);
  const patched = Object.create(made) as Record<string, unknown>;
  for (const name of missing) patched[name] = () => Promise.reject(new FidelioError('config', `the custom backend has no ${name}()`));
  return patched as unknown as LoyaltyBackend;
}

/** The backend for the current configuration, or null (with one warning naming the problem). */
export const $backend = computed($resolvedConfig, (resolved): LoyaltyBackend | null => {
  if (!resolved.ok) return null;
  const { config } = resolved;
  const context = {
    api: config.api,
    programId: config.program,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    clock: config.clock ?? systemClock,
    getToken,
  };
  if (typeof config.backend === 'function') {
    try {
      return usableBackend(config.backend(context));
    } catch (caught) {
      warnOnce('backend-factory', `the custom backend's factory threw: ${(caught as Error)?.message ?? caught}`);
      return null;
    }
  }
  return config.backend ? usableBackend(config.backend) : new RestBackend(context);
});

export function configProblems(): string[] {
  const resolved = $resolvedConfig.get();
  return resolved.ok ? [] : resolved.problems;
}

export function warnConfig(): void {
  const problems = configProblems();
  // keyed by the problems: fixing one mistake and making another warns again
  if (problems.length) warnOnce(`config:${problems.join()}`, `not configured: ${problems.join('; ')}.`);
}

let storage: Promise<FidelioStorage> | null = null;

/** One storage per page, opened on first use (not at boot, to keep the host's start-up free). */
export function getStorage(): Promise<FidelioStorage> {
  if (storage) return storage;
  releaseWhenHidden();
  const opening = openStorage(() => {
    if (storage === opening) storage = null;
  });
  return (storage = opening);
}

let releasing = false;
/**
 * A page that is left (or put in the back-forward cache) lets go of the database, so it never holds
 * up another tab's upgrade; if the page comes back, the next use opens it again.
 */
function releaseWhenHidden(): void {
  if (releasing || typeof globalThis.addEventListener !== 'function') return;
  releasing = true;
  globalThis.addEventListener('pagehide', () => resetStorage(true));
}

/** Closes the storage so the next use opens it again (tests, and after the database was deleted). */
export function resetStorage(leaving = false): void {
  void storage?.then((opened) => opened.close(leaving));
  storage = null;
}
