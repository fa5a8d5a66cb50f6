/**
 * The faults of the fault matrix: what a store's network, the loyalty backend and the browser's
 * storage can do wrong. Each one is put in place before a widget mounts and taken away before the
 * widget is asked to try again. Network faults are MSW overrides in front of the reference
 * backend; storage faults replace `window.indexedDB` or break its writes.
 */
import { delay, http, HttpResponse, passthrough } from 'msw';
import type { MessageKey } from '../../src/i18n/index.js';
import type { MockBackend } from '../../src/mock/index.js';
import { $config } from '../../src/stores/config.js';
import { $session } from '../../src/stores/session.js';
import { API, replaceIndexedDB } from '../helpers/backend.js';

/** Every operation of the contract (GET /v1/programs/demo included). */
export const EVERY_CALL = '*/v1/programs/*';

/**
 * What a working SDK makes of the fault:
 * - `message`: the widget shows a translated failure (this catalog key, or the widget's own wording of it);
 * - `absorbed`: the SDK works around it (a fresh token, memory storage) and the widget looks healthy.
 */
export type Outcome = { kind: 'message'; code: string; key: MessageKey; retryAfter?: number } | { kind: 'absorbed' };

export interface FaultContext {
  backend: MockBackend;
  /** Who the shopper is in this cell: a signed-in member (a token provider) or a visitor. */
  shopper: 'member' | 'visitor';
  /** How many times the member's token provider was asked for a token. */
  tokens: { calls: number };
}

export interface Fault {
  name: string;
  kind: 'network' | 'storage';
  outcome(context: FaultContext): Outcome;
  /** For storage faults: the one console warning a widget that uses storage must give. */
  warning?: RegExp;
  /** The fault shows only when something is written (a full disk still lets the SDK read). */
  onWrite?: boolean;
  install(context: FaultContext): void | Promise<void>;
  remove(context: FaultContext): void | Promise<void>;
}

const UNREACHABLE = 'http://127.0.0.1:9';

const problem = (status: number, title: string, extra: Record<string, unknown> = {}) => ({ type: 'about:blank', title, status, ...extra });

/** A fault that answers every contract call with `respond` until removed. */
function answering(name: string, outcome: Outcome, respond: () => Response | Promise<Response>): Fault {
  return {
    name,
    kind: 'network',
    outcome: () => outcome,
    install: ({ backend }) => backend.worker.use(http.all(EVERY_CALL, respond)),
    remove: ({ backend }) => backend.worker.resetHandlers(),
  };
}

const message = (code: string, key: MessageKey, retryAfter?: number): Outcome => ({ kind: 'message', code, key, ...(retryAfter ? { retryAfter } : {}) });

/** window.indexedDB for the duration of a storage fault (undone by `remove`). */
let restoreIndexedDB: (() => void) | null = null;
let restorePut: (() => void) | null = null;

function storageFault(name: string, warning: RegExp, install: () => void, onWrite = false): Fault {
  return {
    name,
    kind: 'storage',
    warning,
    onWrite,
    outcome: () => ({ kind: 'absorbed' }),
    install,
    remove() {
      restoreIndexedDB?.();
      restorePut?.();
      restoreIndexedDB = restorePut = null;
    },
  };
}

export const FAULTS: Fault[] = [
  answering('network down', message('network', 'error.network'), () => HttpResponse.error()),
  {
    // A real failure below HTTP: the API host does not answer at all (nothing listens on port 9 of
    // the loopback, so the connection is refused as a DNS failure would be), with no MSW answer.
    name: 'DNS / connection refused',
    kind: 'network',
    outcome: () => message('network', 'error.network'),
    install({ backend }) {
      // The reference backend's handlers answer any origin: let these requests really go out.
      backend.worker.use(http.all(`${UNREACHABLE}/*`, () => passthrough()));
      $config.set({ ...$config.get(), api: UNREACHABLE });
    },
    remove({ backend }) {
      $config.set({ ...$config.get(), api: API });
      backend.worker.resetHandlers();
    },
  },
  // Never answers: the SDK's own timeout (timeoutMs, set short for the matrix) ends the wait.
  answering('timeout (no answer)', message('timeout', 'error.timeout'), async () => {
    await delay('infinite');
    return HttpResponse.json({});
  }),
  answering('500 (HTML error page)', message('server', 'error.server'), () =>
    new HttpResponse('<!doctype html><h1>Internal Server Error</h1><p>TypeError: Cannot read properties of undefined</p>', { status: 500, headers: { 'Content-Type': 'text/html' } }),
  ),
  answering('502 (proxy page)', message('server', 'error.server'), () =>
    new HttpResponse('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>', {
      status: 502,
      headers: { 'Content-Type': 'text/html' },
    }),
  ),
  answering('503 + Retry-After', message('unavailable', 'error.unavailable'), () =>
    HttpResponse.json(problem(503, 'Down for maintenance'), { status: 503, headers: { 'Retry-After': '120', 'Content-Type': 'application/problem+json' } }),
  ),
  answering('429 + Retry-After', message('rate_limited', 'error.rate_limited', 30), () =>
    HttpResponse.json(problem(429, 'Too Many Requests'), { status: 429, headers: { 'Retry-After': '30', 'Content-Type': 'application/problem+json' } }),
  ),
  {
    // The token in hand has expired on the server's side: a member's provider is asked once for a
    // fresh one and the call is sent again; a visitor has no token to renew and sees a failure.
    name: '401 (expired token)',
    kind: 'network',
    outcome: ({ shopper }) => (shopper === 'member' ? { kind: 'absorbed' } : message('unauthorized', 'error.unknown')),
    install({ backend, shopper }) {
      const session = $session.get();
      const refused = session.status === 'identified' ? `Bearer ${session.token}` : null;
      backend.worker.use(
        http.all(EVERY_CALL, ({ request }) => {
          if (shopper === 'visitor' || request.headers.get('Authorization') === refused) return HttpResponse.json(problem(401, 'Token expired'), { status: 401, headers: { 'Content-Type': 'application/problem+json' } });
          return undefined; // the reference backend answers
        }),
      );
    },
    remove: ({ backend }) => backend.worker.resetHandlers(),
  },
  answering('malformed JSON', message('invalid_response', 'error.invalid_response'), () =>
    new HttpResponse('{"points": {"available": 39', { status: 200, headers: { 'Content-Type': 'application/json' } }),
  ),
  answering('JSON of the wrong shape', message('invalid_response', 'error.invalid_response'), () =>
    HttpResponse.json({ ok: true, data: [{ points: '397', name: null }] }),
  ),
  answering('200 with an empty body', message('invalid_response', 'error.invalid_response'), () => new HttpResponse(null, { status: 200, headers: { 'Content-Type': 'application/json' } })),
  storageFault('IndexedDB missing', /^\[fidelio\] IndexedDB is not available/, () => {
    restoreIndexedDB = replaceIndexedDB(undefined);
  }),
  storageFault('IndexedDB throws on open', /^\[fidelio\] IndexedDB could not be opened \(The operation is insecure\.\)/, () => {
    const real = indexedDB;
    restoreIndexedDB = replaceIndexedDB({
      open: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      deleteDatabase: (name: string) => real.deleteDatabase(name),
    });
  }),
  storageFault(
    'quota exceeded on write',
    /^\[fidelio\] IndexedDB write failed \(QuotaExceededError\)/,
    () => {
      // The database opens and reads, but no write fits: every put fails as a full disk makes it.
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      restorePut = () => void (IDBObjectStore.prototype.put = put);
    },
    true,
  ),
  storageFault('storage blocked by the browser', /^\[fidelio\] IndexedDB is not available/, () => {
    // What a sandboxed frame or a "block all cookies" setting does: reading the attribute throws.
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB') ?? Object.getOwnPropertyDescriptor(Object.getPrototypeOf(window), 'indexedDB');
    Object.defineProperty(window, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException("Failed to read the 'indexedDB' property from 'Window': access is denied for this document.", 'SecurityError');
      },
    });
    restoreIndexedDB = () => {
      if (original) Object.defineProperty(window, 'indexedDB', original);
    };
  }),
];
