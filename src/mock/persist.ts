import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { EngineState } from '../engine/index.js';

/**
 * The reference backend's own IndexedDB database (never the SDK's): the whole engine state as one
 * record, so the demo store survives a reload. Each save opens and closes the database, so nothing
 * holds a connection that would block a test deleting it.
 */
export const MOCK_DB_NAME = 'fidelio-mock';
const STORE = 'state';
const KEY = 'current';

/**
 * The saved state's format. A state saved in another (an older demo's, whose order records lack what
 * this engine reads from them) is not loaded: the demo starts afresh, as on a first visit.
 * 2: orders record each line's promotion and the order's multiplier (returns recount from them).
 * 3: store-credit debits carry an id, and refunds of them are kept (`cashback.creditRefunds`).
 */
export const MOCK_STATE_VERSION = 3;

export interface PersistedMock {
  version: typeof MOCK_STATE_VERSION;
  engine: EngineState;
  /** Time travel so far (`MockBackend.advance`), in ms. */
  offsetMs: number;
  savedAt: number;
}

interface MockDB extends DBSchema {
  state: { key: string; value: PersistedMock };
}

async function withDb<T>(run: (db: IDBPDatabase<MockDB>) => Promise<T>): Promise<T> {
  const db = await openDB<MockDB>(MOCK_DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore(STORE);
    },
  });
  try {
    return await run(db);
  } finally {
    db.close();
  }
}

export function loadMockState(): Promise<PersistedMock | null> {
  return withDb(async (db) => {
    const saved = await db.get(STORE, KEY);
    return saved?.version === MOCK_STATE_VERSION ? saved : null;
  });
}

let queue: Promise<unknown> = Promise.resolve();

/** Saves are queued so an older snapshot never lands after a newer one. */
export function saveMockState(engine: EngineState, offsetMs: number, savedAt: number): Promise<void> {
  const next = queue.then(() => withDb((db) => db.put(STORE, { version: MOCK_STATE_VERSION, engine, offsetMs, savedAt }, KEY)));
  queue = next.catch(() => undefined);
  return next.then(() => undefined);
}

export function clearMockState(): Promise<void> {
  const next = queue.then(() => withDb((db) => db.delete(STORE, KEY)));
  queue = next.catch(() => undefined);
  return next;
}
