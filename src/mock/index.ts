/**
 * `fidelio/mock`: the reference backend, running in the page through MSW's service worker, so a
 * store (or a test) works with no server. Never part of the drop-in or the main entry.
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import type { Clock } from '../core/clock.js';
import { createHandlers } from './handlers.js';
import { createMockState, type MockState } from './state.js';

export { createHandlers, problem, programSummary, memberView } from './handlers.js';
export { createMockState, seedDemo, resetMockState, DEMO_PROGRAM_ID, DEMO_MEMBER_ID, DEMO_SECRET, type MockState, type MockMember } from './state.js';
export { signCustomerToken, verifyCustomerToken, MAX_TOKEN_LIFETIME_S, type CustomerClaims } from './jwt.js';

export interface MockBackendOptions {
  clock?: Clock;
  /** Seed the demo program and shopper (default true). */
  seed?: boolean;
  /** Where the worker script is served (default `/mockServiceWorker.js`). */
  serviceWorkerUrl?: string;
  quiet?: boolean;
}

export interface MockBackend {
  state: MockState;
  worker: SetupWorker;
  stop(): void;
}

export async function startMockBackend(options: MockBackendOptions = {}): Promise<MockBackend> {
  const state = createMockState({ clock: options.clock, seed: options.seed });
  const worker = setupWorker(...createHandlers(state));
  await worker.start({
    quiet: options.quiet ?? true,
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
  });
  return { state, worker, stop: () => worker.stop() };
}
