/**
 * Test harness: the reference backend in the page (MSW service worker) with a manual clock, plus
 * helpers to sign the demo shopper in and to reset the SDK's module state between tests.
 */
import { setViewport } from '@web/test-runner-commands';
import { cleanStores } from 'nanostores';
import { ManualClock } from '../../src/core/clock.js';
import { resetWarnings } from '../../src/core/log.js';
import { startMockBackend, resetMockState, signCustomerToken, DEMO_MEMBER_ID, DEMO_PROGRAM_ID, type MockBackend } from '../../src/mock/index.js';
import { $config, configure } from '../../src/stores/config.js';
import { $member } from '../../src/stores/member.js';
import { $program } from '../../src/stores/program.js';
import { $coupon } from '../../src/stores/coupon.js';
import { resetStorage } from '../../src/stores/runtime.js';
import { $session, identify, signOut } from '../../src/stores/session.js';
import { openDB } from 'idb';
import { DB_NAME, DB_VERSION, TABLES, createSchema, forgetFallbackRows, type FidelioSchema } from '../../src/storage/db.js';
import { forgetReplayedAnswers } from '../../src/stores/outbox.js';
import { JOURNAL_PREFIX } from '../../src/storage/journal.js';
import { $merchantTexts, setLocale } from '../../src/i18n/index.js';

export const NOW = Date.parse('2026-11-23T12:00:00Z');
export const API = location.origin;

let backend: MockBackend | null = null;
export const clock = new ManualClock(NOW);

/**
 * Awaits a set-up step, and says in the browser log which one is still waiting after 4 s: when a
 * hook times out (WebKitGTK under load), the log then names the step that hung.
 */
async function step<T>(name: string, run: Promise<T>): Promise<T> {
  const started = performance.now();
  const timer = setTimeout(() => console.warn(`[test set-up] still waiting for ${name} after 4 s`), 4000);
  try {
    return await run;
  } finally {
    clearTimeout(timer);
    const took = performance.now() - started;
    if (took > 4000) console.warn(`[test set-up] ${name} took ${Math.round(took)} ms`);
  }
}

/**
 * msw, finding its worker registered by an earlier test file, starts `registration.update()` and
 * leaves the promise unhandled: Chrome rejects it while a test simulates the network down ("Failed
 * to update a ServiceWorker"), Firefox when a frame suite has stopped that worker ("Failed to update
 * the ServiceWorker"), and the runner logged it as an error outside any test. The harness's own
 * worker (Fidelio registers none): its failed update check is let go, here, for every suite.
 */
function quietHarnessWorkerUpdates(): void {
  const proto = globalThis.ServiceWorkerRegistration?.prototype;
  if (!proto || (proto.update as { quiet?: true }).quiet) return;
  const update = proto.update;
  const quiet = function (this: ServiceWorkerRegistration) {
    return update.call(this).catch(() => undefined);
  } as typeof update & { quiet?: true };
  quiet.quiet = true;
  proto.update = quiet;
}

/** Starts the worker once per test file; later calls only reset the clock and handlers. */
export async function useBackend(): Promise<MockBackend> {
  clock.set(NOW);
  quietHarnessWorkerUpdates();
  if (!backend) backend = await step('the mock service worker to start', startMockBackend({ clock }));
  backend.worker.resetHandlers();
  resetMockState(backend.state);
  return backend;
}

export async function tokenFor(sub = DEMO_MEMBER_ID, options: { lifetime?: number; secret?: string; iatOffset?: number } = {}): Promise<string> {
  const iat = Math.floor(clock.now() / 1000) + (options.iatOffset ?? 0);
  return signCustomerToken(options.secret ?? backend!.state.secret, { sub, prg: DEMO_PROGRAM_ID, iat, exp: iat + (options.lifetime ?? 300) });
}

/** Configures the SDK against the in-page backend, like the script tag would. */
export function configureForTests(extra: Parameters<typeof configure>[0] = {}): void {
  configure({ api: API, program: DEMO_PROGRAM_ID, clock, retries: 0, timeoutMs: 2000, ...extra });
}

export async function signInDemo(): Promise<void> {
  await identify(await tokenFor());
}

/** Puts every store back to its first state and forgets warnings, storage and cached data. */
export async function resetSdk(): Promise<void> {
  // (awaited: forgetting the shopper's cached balance opens the SDK's database, which must happen
  // before this test's storage is reset, not during the next test)
  await signOut();
  // $program too: unmounting it ends a load still in flight from the last test before it writes
  // its cache (that write would land in the next test's database, or in memory after a failure)
  // ($coupon listens to $session while mounted: cleaning $session ends that, so it is unmounted too,
  // to listen again when the next test's widgets mount it)
  cleanStores($member, $session, $program, $coupon);
  $config.set({});
  resetWarnings();
  resetStorage();
  // the checkout's kept redemption (sessionStorage outlives a test as it outlives a reload)
  sessionStorage.removeItem('fidelio.redemption');
  forgetFallbackRows();
  // (a replay's answer to a press in an earlier test would answer this test's same press)
  forgetReplayedAnswers();
  await step('the English catalog', setLocale('en'));
  $merchantTexts.set(null);
  await emptySdkDatabase();
}

/**
 * Empties the SDK's database, never deletes it: a deletion that a connection of another page
 * blocks stays queued (WebKit keeps a left test page alive), and every later open of the database
 * then waits behind it for the rest of the run.
 */
export function emptySdkDatabase(): Promise<void> {
  forgetJournal();
  return overEveryTable('IndexedDB to empty the SDK database', true);
}

/** Removes the outbox records journaled in localStorage (the other half of the outbox's table). */
export function forgetJournal(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(JOURNAL_PREFIX)) localStorage.removeItem(key);
}

/**
 * One read-write transaction over every table of the SDK's database, from a connection of its own:
 * it starts only after the page's earlier transactions on them have ended. `clear` empties them.
 */
async function overEveryTable(what: string, clear: boolean): Promise<void> {
  const db = await step('IndexedDB to open the SDK database', openDB<FidelioSchema>(DB_NAME, DB_VERSION, { upgrade: createSchema }));
  try {
    const tx = db.transaction([...TABLES], 'readwrite');
    await step(what, Promise.all([...(clear ? TABLES.map((table) => tx.objectStore(table).clear()) : []), tx.done]));
  } finally {
    db.close();
  }
}

/**
 * The runner leaves this page for the next test file as soon as the last test ends. A transaction
 * still running then can stay open in WebKit with the page it left and lock the SDK's stores for
 * the next files (CI: whole files timing out in their first hook). So, once a file is done: the
 * SDK's waiting deletes go and its connection closes, a transaction over every table (which starts
 * only after the page's earlier ones have ended) settles, and whatever still runs afterwards keeps
 * its data in memory.
 */
after(async () => {
  resetStorage();
  await overEveryTable('the page’s last IndexedDB writes to end', false);
  replaceIndexedDB(undefined);
});

/**
 * Replaces window.indexedDB until the returned function is called. On the global object the
 * attribute is an own accessor, so the original descriptor is put back rather than deleted.
 */
export function replaceIndexedDB(value: unknown): () => void {
  const original = Object.getOwnPropertyDescriptor(window, 'indexedDB') ?? Object.getOwnPropertyDescriptor(Object.getPrototypeOf(window), 'indexedDB');
  Object.defineProperty(window, 'indexedDB', { value, configurable: true, writable: true });
  return () => {
    if (original) Object.defineProperty(window, 'indexedDB', original);
  };
}

/** Collects console.warn calls while a test runs. */
export function captureWarnings(): { messages: string[]; restore(): void } {
  const messages: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    messages.push(args.map(String).join(' '));
  };
  return { messages, restore: () => (console.warn = original) };
}

/** Fails the test on any uncaught error or unhandled rejection the page sees while it runs. */
export function watchPageErrors(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  // (the harness's own worker's failed update checks never get here: see quietHarnessWorkerUpdates)
  const onError = (event: ErrorEvent) => void errors.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => void errors.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/**
 * A widget suite's usual hooks: before each test the reference backend, a reset SDK (then the
 * suite's own resets, `also`) and the test configuration; after it, no error reached the page.
 * Returns a getter for the running test's backend.
 */
export function freshSdkEachTest(also: () => void = () => undefined): () => MockBackend {
  let backend: MockBackend;
  let page: ReturnType<typeof watchPageErrors>;
  beforeEach(async () => {
    backend = await useBackend();
    await resetSdk();
    also();
    configureForTests();
    page = watchPageErrors();
  });
  afterEach(() => {
    page.stop();
    if (page.errors.length) throw new Error(`errors reached the page: ${page.errors.map(String).join('; ')}`);
  });
  return () => backend;
}

/** Resolves when `check` passes (polling), or rejects with the last failure after `timeout` ms. */
export async function until(check: () => unknown, timeout = 6000): Promise<void> {
  const start = performance.now();
  let last: unknown;
  for (;;) {
    try {
      if (check() !== false) return;
    } catch (error) {
      last = error;
    }
    if (performance.now() - start > timeout) throw last ?? new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** `until` for checks that must await something (IndexedDB reads): polls until the promise fulfils. */
export async function eventually(check: () => Promise<unknown>, timeout = 10_000): Promise<void> {
  const start = performance.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (performance.now() - start > timeout) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Resizes the browser window for a test of a phone-wide (or zoomed) layout; false where the runner
 * cannot (WebKitGTK's WebDriver session has no viewport command): the test then skips there, and the
 * other engines cover it.
 */
export async function narrowWindow(size: { width: number; height: number }): Promise<boolean> {
  try {
    await setViewport(size);
    return true;
  } catch (error) {
    if (/not supported/i.test(String((error as Error)?.message ?? error))) return false;
    throw error;
  }
}

/**
 * Adds the drop-in's tag to this page the way a merchant writes it (`query` keeps each test's
 * module instance apart); resolves when the module has run.
 */
export function addDropIn(query: string, data: Record<string, string>): Promise<void> {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = `/src/drop-in.ts?${query}`;
  Object.assign(script.dataset, data);
  const loaded = new Promise<void>((resolve, reject) => {
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('drop-in failed to load'));
  });
  document.head.append(script);
  return loaded;
}
