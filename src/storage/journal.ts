import type { FidelioStorage, PendingWrite, Row, TableName } from './db.js';

/** localStorage keys of the outbox's write-ahead records: this prefix, then the write's key. */
export const JOURNAL_PREFIX = 'fidelio.pending.';

function local(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // a sandboxed frame or blocked storage throws on the mere access
    return null;
  }
}

function isPendingWrite(value: unknown): value is PendingWrite {
  const row = value as PendingWrite | null;
  return !!row && typeof row === 'object' && typeof row.key === 'string' && typeof row.op === 'string' && typeof row.createdAt === 'number';
}

/** The journal's records, oldest first; an unreadable item (edited by hand, cut short) is dropped. */
function journalRows(store: Storage): PendingWrite[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(JOURNAL_PREFIX)) keys.push(key);
  }
  const rows: PendingWrite[] = [];
  for (const key of keys) {
    let row: unknown;
    try {
      row = JSON.parse(store.getItem(key) ?? '');
    } catch {
      row = null;
    }
    if (isPendingWrite(row) && JOURNAL_PREFIX + row.key === key) rows.push(row);
    else store.removeItem(key);
  }
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * The outbox's table (`pending`) kept in localStorage, one item per write, in front of the
 * database: storing a write's idempotency key before its request leaves, and removing it once the
 * server has answered, are then synchronous, instead of an IndexedDB read-write transaction each
 * (a redemption cost two, a few milliseconds each, around its request). localStorage is as durable
 * across reloads and shared by the store's tabs. Records whose body holds personal data
 * (`personal`: an enrollment's email and name) stay in the database, since a host page's own
 * scripts read localStorage far more often; so does every record when localStorage is missing or
 * full. Reads see both places; every other table goes straight to the wrapped storage.
 */
export class JournaledStorage implements FidelioStorage {
  constructor(private readonly inner: FidelioStorage) {}

  get kind(): FidelioStorage['kind'] {
    return this.inner.kind;
  }

  /** Writes the record to the journal; false when it must go to the database instead. */
  private journal(row: PendingWrite): boolean {
    const store = local();
    if (!store || row.personal) return false;
    try {
      store.setItem(JOURNAL_PREFIX + row.key, JSON.stringify(row));
      return true;
    } catch {
      // full (the host's own data counts against the same quota) or refused
      return false;
    }
  }

  /** Removes the record from the journal; false when it was not there (so it may be in the database). */
  private unjournal(key: string): boolean {
    const store = local();
    const item = JOURNAL_PREFIX + key;
    try {
      if (!store || store.getItem(item) === null) return false;
      store.removeItem(item);
      return true;
    } catch {
      return false;
    }
  }

  private journalRows(): PendingWrite[] {
    const store = local();
    try {
      return store ? journalRows(store) : [];
    } catch {
      return [];
    }
  }

  get<T extends TableName>(table: T, key: string): Promise<Row<T> | undefined> {
    if (table === 'pending') {
      let row: unknown;
      try {
        row = JSON.parse(local()?.getItem(JOURNAL_PREFIX + key) ?? 'null');
      } catch {
        row = null;
      }
      if (isPendingWrite(row)) return Promise.resolve(row as Row<T>);
    }
    return this.inner.get(table, key);
  }

  put<T extends TableName>(table: T, key: string, value: Row<T>): Promise<void> {
    if (table === 'pending' && this.journal(value as PendingWrite)) return Promise.resolve();
    return this.inner.put(table, key, value);
  }

  delete(table: TableName, key: string): Promise<void> {
    if (table === 'pending' && this.unjournal(key)) return Promise.resolve();
    return this.inner.delete(table, key);
  }

  deleteSoon(table: TableName, key: string): void {
    if (table === 'pending' && this.unjournal(key)) return;
    this.inner.deleteSoon(table, key);
  }

  async all<T extends TableName>(table: T): Promise<Row<T>[]> {
    const rows = await this.inner.all(table);
    return table === 'pending' ? [...(this.journalRows() as Row<T>[]), ...rows] : rows;
  }

  /**
   * For the outbox: the journal is searched first, then the database's records. A personal record
   * is looked for and written in one read-write transaction of the database, as without the journal;
   * another is looked for with a read-only one and goes to the journal (or, refused there, to the
   * database, in a read-write transaction of its own).
   */
  async findOrPut<T extends TableName>(table: T, match: (row: Row<T>) => boolean, make: () => Row<T> & { key: string }, personal = false): Promise<{ row: Row<T>; found: boolean }> {
    if (table !== 'pending') return this.inner.findOrPut(table, match, make, personal);
    const journaled = (this.journalRows() as Row<T>[]).find(match);
    if (journaled) return { row: journaled, found: true };
    if (personal || !local()) return this.inner.findOrPut(table, match, make, personal);
    const stored = (await this.inner.all(table)).find(match);
    if (stored) return { row: stored, found: true };
    const made = make();
    if (this.journal(made as PendingWrite)) return { row: made, found: false };
    return this.inner.findOrPut(table, match, () => made);
  }

  close(leaving?: boolean): void {
    this.inner.close(leaving);
  }
}
