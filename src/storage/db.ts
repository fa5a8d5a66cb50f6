import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { warnOnce } from '../core/log.js';
import type { Member } from '../contract/types.js';
import { JournaledStorage } from './journal.js';

/** A write that must reach the server exactly once; its key is stored before the first send. */
export interface PendingWrite {
  key: string;
  op: string;
  body: unknown;
  createdAt: number;
  /** The signed-in customer the write belongs to (null: anyone may send it, e.g. an enrollment). */
  subject?: string | null;
  /** The body holds personal data (an enrollment's email): kept in IndexedDB, never localStorage (see JournaledStorage). */
  personal?: boolean;
  /**
   * Its last try failed other than on the way (a timeout, the server down): the shopper was told so,
   * not "will be sent", so the replay leaves it; it stays for a press of the same write to reuse its key.
   */
  held?: boolean;
}

export interface MemberSnapshot {
  /** `${programId}:${subject}` so two programs or two shoppers on one browser never mix. */
  key: string;
  member: Member;
  savedAt: number;
}

export interface FidelioSchema extends DBSchema {
  members: { key: string; value: MemberSnapshot };
  pending: { key: string; value: PendingWrite; indexes: { byCreated: number } };
  kv: { key: string; value: unknown };
}

export type TableName = 'members' | 'pending' | 'kv';
export type Row<T extends TableName> = FidelioSchema[T]['value'];

/** The storage the stores use; IndexedDB when the browser lets us, memory otherwise. */
export interface FidelioStorage {
  readonly kind: 'indexeddb' | 'memory';
  get<T extends TableName>(table: T, key: string): Promise<Row<T> | undefined>;
  put<T extends TableName>(table: T, key: string, value: Row<T>): Promise<void>;
  delete(table: TableName, key: string): Promise<void>;
  /**
   * Deletes a record whose removal may wait: from now on this page no longer reads it, and it goes
   * from disk in the transaction of the next `put` (or on its own within a few seconds). For a write
   * the server has answered: if the page dies first, sending it again with its key is a no-op.
   */
  deleteSoon(table: TableName, key: string): void;
  all<T extends TableName>(table: T): Promise<Row<T>[]>;
  /**
   * One read-write transaction: the first row of `table` that `match` accepts, or else `make()`
   * stored (with any deletes waiting to ride along). For a write-ahead record: the look-up and the
   * write cost one transaction, and no other page can slip the same record in between.
   * `personal`: the record made will hold personal data (see `PendingWrite.personal`).
   */
  findOrPut<T extends TableName>(table: T, match: (row: Row<T>) => boolean, make: () => Row<T> & { key: string }, personal?: boolean): Promise<{ row: Row<T>; found: boolean }>;
  /**
   * Releases the connection (so another page can upgrade or delete the database). `leaving`: the
   * page is being left, so no new transaction is started (see IdbStorage.close).
   */
  close(leaving?: boolean): void;
}

export const DB_NAME = 'fidelio';
export const DB_VERSION = 1;
export const TABLES: readonly TableName[] = ['members', 'pending', 'kv'];
const OPEN_TIMEOUT_MS = 3000;
/** An operation IndexedDB has not answered by then is served from memory (a wedged browser store). */
const OPERATION_TIMEOUT_MS = 5000;

/** Creates the tables of version 1 (the `upgrade` of `openDB`). */
export function createSchema(db: IDBPDatabase<FidelioSchema>): void {
  db.createObjectStore('members', { keyPath: 'key' });
  db.createObjectStore('pending', { keyPath: 'key' }).createIndex('byCreated', 'createdAt');
  db.createObjectStore('kv');
}

export class MemoryStorage implements FidelioStorage {
  readonly kind = 'memory' as const;
  private readonly tables = new Map<TableName, Map<string, unknown>>();

  private table(name: TableName): Map<string, unknown> {
    let table = this.tables.get(name);
    if (!table) this.tables.set(name, (table = new Map()));
    return table;
  }
  async get<T extends TableName>(table: T, key: string): Promise<Row<T> | undefined> {
    const row = this.table(table).get(key);
    // the usual answer for IndexedDB's memory fallback is "nothing here": no clone for that
    return row === undefined ? undefined : (structuredClone(row) as Row<T>);
  }
  async put<T extends TableName>(table: T, key: string, value: Row<T>): Promise<void> {
    this.table(table).set(key, structuredClone(value));
  }
  async delete(table: TableName, key: string): Promise<void> {
    this.table(table).delete(key);
  }
  deleteSoon(table: TableName, key: string): void {
    this.table(table).delete(key);
  }
  async all<T extends TableName>(table: T): Promise<Row<T>[]> {
    return [...this.table(table).values()].map((v) => structuredClone(v)) as Row<T>[];
  }
  async findOrPut<T extends TableName>(table: T, match: (row: Row<T>) => boolean, make: () => Row<T> & { key: string }): Promise<{ row: Row<T>; found: boolean }> {
    const row = (await this.all(table)).find(match);
    if (row) return { row, found: true };
    const made = make();
    await this.put(table, made.key, made);
    return { row: made, found: false };
  }
  close(): void {
    this.tables.clear();
  }
}

/**
 * IndexedDB through idb. A failing operation (quota exceeded, the database closed by the browser)
 * falls back to memory for that operation so the shopper keeps going; a warning says why once.
 */
/** A row's id among the waiting deletes: `table\u0000key`. */
const rowId = (table: TableName, key: string) => `${table}\u0000${key}`;

/** How long a `deleteSoon` waits for a `put` to ride along with. */
const DELETE_SOON_MS = 3000;

/**
 * Rows IndexedDB refused, kept for the page's lifetime rather than one connection's: when the
 * browser closes a connection under a write, the runtime opens a new one, and that one must still
 * read the row (an outbox key, a snapshot) the failed write kept here.
 */
const fallbackRows = new MemoryStorage();

/** Tests: forget the rows kept in memory after IndexedDB failures. */
export function forgetFallbackRows(): void {
  fallbackRows.close();
}

class IdbStorage implements FidelioStorage {
  readonly kind = 'indexeddb' as const;
  private readonly memory = fallbackRows;
  /** `table\u0000key` of the records `deleteSoon` gave up: hidden from reads, deleted with the next write. */
  private readonly doomed = new Map<string, number>();
  /** Counts `deleteSoon` calls, so a commit only settles the deletes it carried (not a newer one of the same row). */
  private doomings = 0;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  constructor(
    private readonly db: IDBPDatabase<FidelioSchema>,
    private readonly onLost: () => void,
  ) {}

  private async guard<R>(what: string, run: () => Promise<R>, fallback: () => Promise<R>): Promise<R> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // A transaction the browser never settles must not stall the widget waiting for it.
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DOMException('IndexedDB did not answer', 'TimeoutError')), OPERATION_TIMEOUT_MS);
      });
      return await Promise.race([run(), late]);
    } catch (error) {
      // A closed connection (another tab upgraded or deleted the database) is reopened next time.
      if ((error as Error)?.name === 'InvalidStateError') this.onLost();
      warnOnce(`idb-${what}`, `IndexedDB ${what} failed (${(error as Error)?.name ?? error}); keeping data in memory for this page.`);
      return fallback();
    } finally {
      clearTimeout(timer);
    }
  }
  /** A row `deleteSoon` gave up: reads no longer see it. */
  private hides(table: TableName, row: unknown): boolean {
    return this.isDoomed(table, (row as { key?: string }).key ?? '');
  }
  private isDoomed(table: TableName, key: string): boolean {
    return this.doomed.size > 0 && this.doomed.has(rowId(table, key));
  }

  get<T extends TableName>(table: T, key: string): Promise<Row<T> | undefined> {
    if (this.isDoomed(table, key)) return Promise.resolve(undefined);
    return this.guard(
      'read',
      async () => ((await this.memory.get(table, key)) ?? (await this.db.get(table, key))) as Row<T> | undefined,
      () => this.memory.get(table, key),
    );
  }
  /** One read-write transaction: this put, and every delete waiting for a write to ride along with. */
  put<T extends TableName>(table: T, key: string, value: Row<T>): Promise<void> {
    this.doomed.delete(rowId(table, key));
    return this.write('write', table, async () => ({ key, value }));
  }
  async findOrPut<T extends TableName>(table: T, match: (row: Row<T>) => boolean, make: () => Row<T> & { key: string }): Promise<{ row: Row<T>; found: boolean }> {
    // rows this page keeps in memory (IndexedDB failed for them) count too
    const inMemory = (await this.memory.all(table)).find(match);
    if (inMemory) return { row: inMemory, found: true };
    let found: Row<T> | undefined;
    let made: (Row<T> & { key: string }) | undefined;
    await this.write('write', table, async (tx) => {
      if (tx) found = ((await tx.objectStore(table).getAll()) as Row<T>[]).find((row) => !this.hides(table, row) && match(row));
      // found on disk and the commit failed afterwards: still found, nothing new to keep in memory
      if (found) return null;
      made ??= make();
      return { key: made.key, value: made };
    });
    return found ? { row: found, found: true } : { row: made!, found: false };
  }
  /**
   * The read-write transaction behind `put` and `findOrPut`: `decide` (which may read in the
   * transaction; without one, IndexedDB has failed) names the row to store, or null; every waiting
   * delete rides along. If IndexedDB fails, the row is kept in memory and the deletes wait.
   */
  private write<T extends TableName>(
    what: string,
    table: T,
    decide: (tx: IDBPTransaction<FidelioSchema, TableName[], 'readwrite'> | null) => Promise<{ key: string; value: Row<T> } | null>,
  ): Promise<void> {
    const riders = this.takeDoomed();
    let chosen: { key: string; value: Row<T> } | null = null;
    return this.guard(
      what,
      async () => {
        const tx = this.db.transaction([...new Set<TableName>([table, ...riders.map(([t]) => t)])], 'readwrite');
        for (const [t, k] of riders) void tx.objectStore(t).delete(k);
        chosen = await decide(tx);
        if (chosen) void tx.objectStore(table).put(chosen.value as never, table === 'kv' ? chosen.key : undefined);
        await tx.done;
        this.settle(riders);
        if (chosen) await this.memory.delete(table, chosen.key);
      },
      async () => {
        // the deletes stay in line for the next write; the row is kept in memory
        if (riders.length) this.flushLater();
        chosen ??= await decide(null);
        if (chosen) await this.memory.put(table, chosen.key, chosen.value);
      },
    );
  }
  delete(table: TableName, key: string): Promise<void> {
    this.doomed.delete(rowId(table, key));
    return this.guard(
      'delete',
      async () => {
        await this.memory.delete(table, key);
        await this.db.delete(table, key);
      },
      () => this.memory.delete(table, key),
    );
  }
  deleteSoon(table: TableName, key: string): void {
    this.doomed.set(rowId(table, key), ++this.doomings);
    void this.memory.delete(table, key);
    this.flushLater();
  }
  /** The waiting deletes go on their own in a few seconds, unless a write carries them first. */
  private flushLater(): void {
    this.flushTimer ??= setTimeout(() => void this.flush(), DELETE_SOON_MS);
  }
  private stopFlushTimer(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }
  /**
   * The waiting deletes, for a transaction to carry. They stay hidden from reads until it has
   * committed (`settle`): until then the rows are still on disk.
   */
  private takeDoomed(): [TableName, string, number][] {
    this.stopFlushTimer();
    return [...this.doomed].map(([id, at]) => [...(id.split('\u0000') as [TableName, string]), at]);
  }
  private settle(riders: [TableName, string, number][]): void {
    for (const [t, k, at] of riders) if (this.doomed.get(rowId(t, k)) === at) this.doomed.delete(rowId(t, k));
  }
  /** No write came along: the waiting deletes go in a transaction of their own. */
  private async flush(): Promise<void> {
    const riders = this.takeDoomed();
    if (!riders.length) return;
    await this.guard(
      'delete',
      async () => {
        const tx = this.db.transaction([...new Set(riders.map(([t]) => t))], 'readwrite');
        for (const [t, k] of riders) void tx.objectStore(t).delete(k);
        await tx.done;
        this.settle(riders);
      },
      async () => undefined,
    );
  }
  all<T extends TableName>(table: T): Promise<Row<T>[]> {
    return this.guard(
      'read',
      async () => [...((await this.db.getAll(table)) as Row<T>[]), ...(await this.memory.all(table))],
      () => this.memory.all(table),
    ).then((rows) => (this.doomed.size ? rows.filter((row) => !this.hides(table, row)) : rows));
  }
  close(leaving = false): void {
    if (leaving) {
      // A transaction begun in pagehide may be frozen with the page in the back-forward cache and
      // hold its stores locked for every other tab (WebKit). The waiting deletes are of writes the
      // server has answered: should their records outlive this page, a replay sends them again
      // under their own keys and the server answers without doing anything twice.
      this.stopFlushTimer();
      this.db.close();
      return;
    }
    // what was waiting to be deleted goes now, before the connection closes
    void this.flush().finally(() => this.db.close());
  }
}

/**
 * Opens the database, or gives memory storage when IndexedDB is missing, blocked or hangs; either
 * way with the outbox's records journaled in localStorage where they may be (JournaledStorage).
 * `onLost` is called when the connection goes away, so the caller can open a new one.
 */
export async function openStorage(onLost: () => void = () => undefined): Promise<FidelioStorage> {
  return new JournaledStorage(await openDatabase(onLost));
}

async function openDatabase(onLost: () => void): Promise<FidelioStorage> {
  let available = false;
  try {
    available = typeof globalThis.indexedDB?.open === 'function';
  } catch {
    // some sandboxed frames throw on the mere access
  }
  if (!available) {
    warnOnce('idb-missing', 'IndexedDB is not available; balances will not be cached between visits.');
    return new MemoryStorage();
  }
  try {
    const opening = openDB<FidelioSchema>(DB_NAME, DB_VERSION, {
      upgrade: createSchema,
      // Another tab wants a newer schema or to delete the database: let it, rather than block it.
      blocking() {
        onLost();
        void opening.then((db) => db.close());
      },
      terminated: onLost,
    });
    // Some browsers leave open() pending forever when storage is blocked: don't wait for them.
    const db = await Promise.race([
      opening,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('open timed out')), OPEN_TIMEOUT_MS)),
    ]);
    return new IdbStorage(db as IDBPDatabase<FidelioSchema>, onLost);
  } catch (error) {
    warnOnce('idb-open', `IndexedDB could not be opened (${(error as Error)?.message ?? error}); balances will not be cached between visits.`);
    return new MemoryStorage();
  }
}
