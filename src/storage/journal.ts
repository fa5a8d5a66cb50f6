import { localStore } from '../core/local-store.js';
import type { FidelioStorage, PendingWrite, Row, TableName } from './db.js';

/** localStorage keys of the outbox's write-ahead records: this prefix, then the write's key. */
export const JOURNAL_PREFIX = 'fidelio.pending.';

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
  /**
   * Whether the database may hold records that are not personal (written while localStorage
   * refused them, or before the journal existed): false once a read found none and this page put
   * none there since. A new journaled record then skips the database's look-up; only another tab
   * whose localStorage refused the same write in the meantime could have put it there.
   */
  private inDatabase = true;
  /** Non-personal records this page put in the database (so a read that began before one does not clear `inDatabase`). */
  private databaseWrites = 0;

  constructor(private readonly inner: FidelioStorage) {}

  private wroteToDatabase(row: PendingWrite): void {
    if (row.personal) return;
    this.databaseWrites += 1;
    this.inDatabase = true;
  }

  private async databaseRows<T extends TableName>(table: T): Promise<Row<T>[]> {
    const before = this.databaseWrites;
    const rows = await this.inner.all(table);
    if (table === 'pending' && before === this.databaseWrites) this.inDatabase = rows.some((row) => !(row as PendingWrite).personal);
    return rows;
  }

  get kind(): FidelioStorage['kind'] {
    return this.inner.kind;
  }

  /** Writes the record to the journal; false when it must go to the database instead. */
  private journal(row: PendingWrite): boolean {
    const store = localStore();
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
    const store = localStore();
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
    const store = localStore();
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
        row = JSON.parse(localStore()?.getItem(JOURNAL_PREFIX + key) ?? 'null');
      } catch {
        row = null;
      }
      if (isPendingWrite(row)) return Promise.resolve(row as Row<T>);
    }
    return this.inner.get(table, key);
  }

  put<T extends TableName>(table: T, key: string, value: Row<T>): Promise<void> {
    if (table === 'pending') {
      if (this.journal(value as PendingWrite)) return Promise.resolve();
      this.wroteToDatabase(value as PendingWrite);
    }
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
    const rows = await this.databaseRows(table);
    return table === 'pending' ? [...(this.journalRows() as Row<T>[]), ...rows] : rows;
  }

  /**
   * For the outbox: the journal is searched first, then the database's records. A personal record
   * is looked for and written in one read-write transaction of the database, as without the journal;
   * another is looked for with a read-only one (none when the database is known to hold no such
   * record, see `inDatabase`: the usual case, the idle-time replay has read it) and goes to the
   * journal (or, refused there, to the database, in a read-write transaction of its own).
   */
  async findOrPut<T extends TableName>(table: T, match: (row: Row<T>) => boolean, make: () => Row<T> & { key: string }, personal = false): Promise<{ row: Row<T>; found: boolean }> {
    if (table !== 'pending') return this.inner.findOrPut(table, match, make, personal);
    const journaled = (this.journalRows() as Row<T>[]).find(match);
    if (journaled) return { row: journaled, found: true };
    if (personal || !localStore()) return this.inner.findOrPut(table, match, make, personal);
    const stored = this.inDatabase ? (await this.databaseRows(table)).find(match) : undefined;
    if (stored) return { row: stored, found: true };
    const made = make();
    if (this.journal(made as PendingWrite)) return { row: made, found: false };
    this.wroteToDatabase(made as PendingWrite);
    return this.inner.findOrPut(table, match, () => made);
  }

  close(leaving?: boolean): void {
    this.inner.close(leaving);
  }
}
