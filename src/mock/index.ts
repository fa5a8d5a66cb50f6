/**
 * `fidelio/mock`: the reference backend, running in the page through MSW's service worker, so a
 * store (or a test) works with no server. Never part of the drop-in or the main entry.
 */
import type { HttpHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { DAY_MS, systemClock, type Clock } from '../core/clock.js';
import { createHandlers } from './handlers.js';
import { loadMockState, saveMockState } from './persist.js';
import { createMockState, resetMockState, TravelClock, type MockState } from './state.js';

export { createHandlers, problem, programSummary, memberView, computeKpis, COUPON_ATTEMPTS_PER_MINUTE, type HandlerOptions } from './handlers.js';
export {
  createMockState,
  resetMockState,
  TravelClock,
  DEMO_PROGRAM_ID,
  DEMO_MEMBER_ID,
  DEMO_SECRET,
  DEMO_MERCHANT_KEY,
  DEMO_REFERRAL_CODE,
  type MockState,
  type MockMember,
  type MockStateOptions,
} from './state.js';
export { seedDemo, seedHistory, demoProgram, mulberry32, type SeedOptions } from './seed.js';
export { loadMockState, saveMockState, clearMockState, MOCK_DB_NAME, type PersistedMock } from './persist.js';
export { signCustomerToken, verifyCustomerToken, MAX_TOKEN_LIFETIME_S, type CustomerClaims } from './jwt.js';

export interface MockBackendOptions {
  clock?: Clock;
  /** Seed the demo program and shopper (default true; a persisted state wins when `persist` is on). */
  seed?: boolean;
  /**
   * Keep the engine state in IndexedDB (`fidelio-mock`), saved after every write, and start from
   * it next time, so the demo survives reloads (default false: tests start clean).
   */
  persist?: boolean;
  /** Seed two years of generated customers too (the demo page; tests leave it off). */
  history?: boolean;
  /** Where the worker script is served (default `/mockServiceWorker.js`). */
  serviceWorkerUrl?: string;
  quiet?: boolean;
}

/** A backend without its worker: the state, its handlers and the controls (see `startMockBackend`). */
export interface MockBackendCore {
  state: MockState;
  handlers: HttpHandler[];
  /** Moves the backend's clock `days` forward (pending points ripen, points expire), persisted. */
  advance(days: number): Promise<void>;
  /** Back to the seeded demo at the present time. */
  reset(): Promise<void>;
  /** Writes the state now (only with `persist`). */
  save(): Promise<void>;
}

export interface MockBackend extends MockBackendCore {
  worker: SetupWorker;
  stop(): void;
}

/**
 * Builds the backend (from the persisted state when `persist` is on and one is stored) without
 * starting a worker, e.g. to swap it into a running worker with `worker.resetHandlers(...handlers)`.
 */
export async function createMockBackend(options: Omit<MockBackendOptions, 'serviceWorkerUrl' | 'quiet'> = {}): Promise<MockBackendCore> {
  // The backend's own clock wraps the given one, so time travel never moves the caller's clock.
  const clock = new TravelClock(options.clock ?? systemClock);
  const persist = options.persist === true;
  const saved = persist ? await loadMockState() : null;
  if (saved) clock.offsetMs = saved.offsetMs;
  const state = saved ? createMockState({ clock, engine: saved.engine, history: options.history }) : createMockState({ clock, seed: options.seed, history: options.history });
  const save = async () => {
    if (persist) await saveMockState(state.engine, clock.offsetMs, clock.now());
  };
  if (persist && !saved) await save();
  async function advance(days: number): Promise<void> {
    if (!Number.isFinite(days) || days < 0) throw new RangeError(`advance(days): days must be ≥ 0, got ${days}`);
    clock.offsetMs += days * DAY_MS;
    await save();
  }
  return {
    state,
    handlers: createHandlers(state, { onWrite: save, advance: (days) => advance(days) }),
    advance,
    async reset() {
      resetMockState(state);
      await save();
    },
    save,
  };
}

export async function startMockBackend(options: MockBackendOptions = {}): Promise<MockBackend> {
  const core = await createMockBackend(options);
  const worker = setupWorker(...core.handlers);
  await worker.start({
    quiet: options.quiet ?? true,
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
  });
  return { ...core, worker, stop: () => worker.stop() };
}
