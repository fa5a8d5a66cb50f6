import { atom, onMount } from 'nanostores';
import { toFidelioError, type FidelioError } from '../core/errors.js';
import { setStoreZone } from '../core/intl.js';
import type { ProgramSummary } from '../contract/types.js';
import { $resolvedConfig } from './config.js';
import { $backend, getStorage } from './runtime.js';
import { $session } from './session.js';
import { $merchantTexts } from '../i18n/locale-store.js';

export type ProgramState = { status: 'loading' } | { status: 'ready'; program: ProgramSummary } | { status: 'error'; error: FidelioError };

/** The program's public rules (joining incentive, earn rate, referral offer), cached for the next visit. */
export const $program = atom<ProgramState>({ status: 'loading' });

let ticket = 0;

function ready(program: ProgramSummary): void {
  // the cached answer, then the fresh one: the same words are not news (no re-render of every widget)
  const texts = program.translations ?? null;
  if (JSON.stringify(texts) !== JSON.stringify($merchantTexts.get())) $merchantTexts.set(texts);
  setStoreZone(program.timeZone);
  $program.set({ status: 'ready', program });
}

export async function loadProgram(): Promise<void> {
  const mine = ++ticket;
  const backend = $backend.get();
  const resolved = $resolvedConfig.get();
  if (!backend || !resolved.ok) return;
  const key = `program:${resolved.config.program}`;
  const storage = await getStorage();
  const cached = (await storage.get('kv', key)) as ProgramSummary | undefined;
  if (cached && mine === ticket && $program.get().status !== 'ready') ready(cached);
  try {
    const program = await backend.getProgram();
    if (mine !== ticket) return;
    ready(program);
    // One write per change, not per page view.
    if (JSON.stringify(cached) !== JSON.stringify(program)) await storage.put('kv', key, program);
  } catch (caught) {
    if (mine === ticket && $program.get().status !== 'ready') $program.set({ status: 'error', error: toFidelioError(caught) });
  }
}

onMount($program, () => {
  const unsubscribe = $resolvedConfig.subscribe(() => void loadProgram());
  // A load that failed is tried again once there is reason to think it would work now: the
  // connection is back, or the shopper signed in (e.g. just joined, so the backend answers again).
  const retry = () => {
    if ($program.get().status === 'error') void loadProgram();
  };
  const offSession = $session.listen(retry);
  globalThis.addEventListener?.('online', retry);
  return () => {
    ticket++;
    unsubscribe();
    offSession();
    globalThis.removeEventListener?.('online', retry);
    $program.set({ status: 'loading' });
  };
});
