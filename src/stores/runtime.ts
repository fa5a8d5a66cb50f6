import { computed } from 'nanostores';
import { systemClock } from '../core/clock.js';
import { warnOnce } from '../core/log.js';
import { RestBackend } from '../backend/rest.js';
import type { LoyaltyBackend } from '../backend/types.js';
import { openStorage, type FidelioStorage } from '../storage/db.js';
import { $resolvedConfig } from './config.js';
import { getToken } from './session.js';

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
  if (typeof config.backend === 'function') return config.backend(context);
  return config.backend ?? new RestBackend(context);
});

export function configProblems(): string[] {
  const resolved = $resolvedConfig.get();
  return resolved.ok ? [] : resolved.problems;
}

export function warnConfig(): void {
  const problems = configProblems();
  if (problems.length) warnOnce('config', `not configured: ${problems.join('; ')}.`);
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
