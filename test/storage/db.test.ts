import { expect } from '@open-wc/testing';
import { openStorage, MemoryStorage, type FidelioStorage } from '../../src/storage/db.js';
import { captureWarnings, replaceIndexedDB } from '../helpers/backend.js';
import { resetWarnings } from '../../src/core/log.js';
import type { Member } from '../../src/contract/types.js';
import { getStorage, resetStorage } from '../../src/stores/runtime.js';

const member: Member = {
  id: 'm1',
  email: 'a@example.com',
  name: null,
  currency: 'USD',
  points: { available: 10, pending: 0, lifetime: 10, nextPending: null, nextExpiry: null },
  updatedAt: '2026-11-23T12:00:00.000Z',
};


/**
 * Runs `run` while `proto[method]` throws `error` (a full disk, a closed connection), with warnings
 * captured; puts the method back. Returns the warnings printed meanwhile.
 */
async function whileThrowing(proto: object, method: string, error: DOMException, run: () => Promise<unknown>): Promise<string[]> {
  const target = proto as Record<string, unknown>;
  const original = target[method];
  target[method] = () => {
    throw error;
  };
  const warnings = captureWarnings();
  try {
    await run();
  } finally {
    target[method] = original;
    warnings.restore();
  }
  return warnings.messages.map(String);
}

describe('storage', () => {
  // Other test files share this origin's database: never leave a connection open behind a test.
  const opened: FidelioStorage[] = [];
  const open = async () => {
    const storage = await openStorage();
    opened.push(storage);
    return storage;
  };
  beforeEach(() => resetWarnings());
  afterEach(() => opened.splice(0).forEach((storage) => storage.close()));

  it('keeps a member snapshot in IndexedDB across openings', async () => {
    // Keys of this run only: deleting the database first could wait on a connection another test
    // page of this origin still holds (WebKit keeps a left page alive for a moment).
    const run = Math.random().toString(36).slice(2);
    const first = await open();
    expect(first.kind).to.equal('indexeddb');
    await first.put('members', `p:${run}`, { key: `p:${run}`, member, savedAt: 1 });
    await first.put('kv', `device-${run}`, 'd-1');
    first.close();
    const second = await open();
    expect((await second.get('members', `p:${run}`))?.member.points.available).to.equal(10);
    expect(await second.get('kv', `device-${run}`)).to.equal('d-1');
    await second.delete('kv', `device-${run}`);
    expect(await second.get('kv', `device-${run}`)).to.equal(undefined);
    await second.delete('members', `p:${run}`);
  });

  it('falls back to memory with one warning when IndexedDB is missing', async () => {
    const restore = replaceIndexedDB(undefined);
    const warnings = captureWarnings();
    try {
      const storage = await open();
      await open();
      expect(storage.kind).to.equal('memory');
      await storage.put('kv', 'x', 1);
      expect(await storage.get('kv', 'x')).to.equal(1);
    } finally {
      warnings.restore();
      restore();
    }
    expect(warnings.messages).to.deep.equal(['[fidelio] IndexedDB is not available; balances will not be cached between visits.']);
  });

  it('falls back to memory when opening IndexedDB throws (private mode, blocked storage)', async () => {
    const restore = replaceIndexedDB({
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const warnings = captureWarnings();
    try {
      const storage = await open();
      expect(storage.kind).to.equal('memory');
    } finally {
      warnings.restore();
      restore();
    }
    expect(warnings.messages[0]).to.match(/^\[fidelio\] IndexedDB could not be opened/);
  });

  it('keeps writing to memory when an IndexedDB write fails (quota exceeded)', async () => {
    const storage = await open();
    expect(storage.kind).to.equal('indexeddb');
    const warnings = await whileThrowing(IDBObjectStore.prototype, 'put', new DOMException('Quota exceeded', 'QuotaExceededError'), async () => {
      await storage.put('kv', 'q', 'kept');
      expect(await storage.get('kv', 'q')).to.equal('kept');
    });
    expect(warnings[0]).to.match(/^\[fidelio\] IndexedDB write failed \(QuotaExceededError\)/);
  });

  it('finds a matching row or writes a new one in one read-write transaction, in memory when IndexedDB fails', async () => {
    const run = Math.random().toString(36).slice(2);
    const storage = await open();
    // personal records: the outbox keeps them in IndexedDB itself, whose transactions this is about
    const row = (key: string, op: string) => ({ key: `${key}-${run}`, op: `${op}-${run}`, body: { run }, createdAt: 1, subject: null, personal: true });
    const isOp = (op: string) => (w: { op: string }) => w.op === `${op}-${run}`;
    const made = await storage.findOrPut('pending', isOp('redeem'), () => row('a', 'redeem'), true);
    expect([made.found, made.row.key]).to.deep.equal([false, `a-${run}`]);
    expect((await storage.get('pending', `a-${run}`))?.op).to.equal(`redeem-${run}`);
    const modes: string[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      modes.push(args[1] ?? 'readonly');
      return transaction.apply(this, args);
    };
    try {
      const again = await storage.findOrPut(
        'pending',
        isOp('redeem'),
        () => {
          throw new Error('an existing row must not be made again');
        },
        true,
      );
      expect([again.found, again.row.key]).to.deep.equal([true, `a-${run}`]);
      expect(modes).to.deep.equal(['readwrite']);
    } finally {
      IDBDatabase.prototype.transaction = transaction;
    }
    const warnings = await whileThrowing(IDBObjectStore.prototype, 'getAll', new DOMException('gone', 'UnknownError'), async () => {
      const kept = await storage.findOrPut('pending', isOp('event'), () => row('m', 'event'), true);
      expect([kept.found, kept.row.key]).to.deep.equal([false, `m-${run}`]);
      // kept in memory for this page: found again, not made twice
      const found = await storage.findOrPut('pending', isOp('event'), () => row('twice', 'event'), true);
      expect([found.found, found.row.key]).to.deep.equal([true, `m-${run}`]);
    });
    expect(warnings[0]).to.match(/^\[fidelio\] IndexedDB write failed \(UnknownError\)/);
    await storage.delete('pending', `a-${run}`);
    await storage.delete('pending', `m-${run}`);
  });

  it('keeps a row written as the browser closed the connection readable through the next connection', async () => {
    resetStorage();
    const key = `lost-${Math.random().toString(36).slice(2)}`;
    const first = await getStorage();
    expect(first.kind).to.equal('indexeddb');
    await whileThrowing(IDBDatabase.prototype, 'transaction', new DOMException('The database connection is closing.', 'InvalidStateError'), () =>
      // a personal record, which the outbox keeps in IndexedDB itself
      first.put('pending', key, { key, op: 'redeem', body: { rewardId: 'r' }, createdAt: 1, subject: 's', personal: true }),
    );
    const second = await getStorage();
    expect(second, 'the runtime opened a new connection').to.not.equal(first);
    expect((await second.get('pending', key))?.op).to.equal('redeem');
    expect((await second.all('pending')).map((row) => row.key)).to.include(key);
    await second.delete('pending', key);
    expect(await second.get('pending', key)).to.equal(undefined);
    resetStorage();
  });

  it('gives copies, so a caller cannot change stored data by mutating a result', async () => {
    const storage = new MemoryStorage();
    await storage.put('members', 'k', { key: 'k', member, savedAt: 1 });
    const read = await storage.get('members', 'k');
    read!.member.points.available = 999;
    expect((await storage.get('members', 'k'))!.member.points.available).to.equal(10);
  });

  it('keeps a row given up again while an earlier delete of it is in flight hidden after that delete commits', async () => {
    resetStorage();
    const storage = await getStorage();
    // personal records: kept in IndexedDB itself, whose delayed deletes this is about
    const write = (key: string, createdAt: number) => ({ key, op: 'event', body: {}, createdAt, subject: null, personal: true });
    await storage.put('pending', 'doomed-row', write('doomed-row', 1));
    storage.deleteSoon('pending', 'doomed-row');
    // this write carries the delete; before it commits, the row is written again and given up again
    const carrying = storage.put('pending', 'other-row', write('other-row', 2));
    const rewrite = storage.put('pending', 'doomed-row', write('doomed-row', 3));
    storage.deleteSoon('pending', 'doomed-row');
    await carrying;
    expect(await storage.get('pending', 'doomed-row'), 'the newer delete still holds').to.equal(undefined);
    await rewrite;
    expect(await storage.get('pending', 'doomed-row'), 'also once the rewrite is on disk').to.equal(undefined);
    expect((await storage.all('pending')).map((row) => row.key), 'and it is not listed').to.deep.equal(['other-row']);
    await storage.delete('pending', 'doomed-row');
    await storage.delete('pending', 'other-row');
    resetStorage();
  });

  it('lets go of the database when the page is hidden, and opens it again on the next use', async () => {
    resetStorage();
    const before = getStorage();
    const first = await before;
    let closed = 0;
    const close = first.close.bind(first);
    first.close = () => {
      closed++;
      close();
    };
    dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(closed).to.equal(1);
    const after = getStorage();
    expect(after).to.not.equal(before);
    const second = await after;
    expect(second.kind).to.equal('indexeddb');
    await second.put('kv', 'after-hide', 1);
    expect(await second.get('kv', 'after-hide')).to.equal(1);
    await second.delete('kv', 'after-hide');
    resetStorage();
  });

  it('starts no transaction while the page is being left, even with deletes waiting', async () => {
    // One begun in pagehide can freeze with the page in the back-forward cache and lock the stores
    // for every other tab (WebKit).
    resetStorage();
    const storage = await getStorage();
    await storage.put('kv', 'doomed-at-hide', 1);
    storage.deleteSoon('kv', 'doomed-at-hide');
    const begun: string[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, stores: string | string[], ...rest: unknown[]) {
      begun.push(String(stores));
      return (transaction as (...args: unknown[]) => IDBTransaction).call(this, stores, ...rest);
    } as typeof transaction;
    try {
      dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      IDBDatabase.prototype.transaction = transaction;
    }
    expect(begun).to.deep.equal([]);
    // The page came back: the next use opens the database again and works.
    const again = await getStorage();
    expect(again).to.not.equal(storage);
    await again.delete('kv', 'doomed-at-hide');
    expect(await again.get('kv', 'doomed-at-hide')).to.equal(undefined);
    resetStorage();
  });
});
