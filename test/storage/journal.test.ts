import { expect } from '@open-wc/testing';
import { MemoryStorage, type PendingWrite } from '../../src/storage/db.js';
import { JOURNAL_PREFIX, JournaledStorage } from '../../src/storage/journal.js';

/** The journal's own rules, on a memory database (the outbox's tests cover it through IndexedDB). */
describe('JournaledStorage', () => {
  const record = (key: string, op = 'redeem'): PendingWrite => ({ key, op, body: { reward: 'ten-off' }, createdAt: 1 });
  const sameWrite = (row: PendingWrite) => row.op === 'redeem';
  const clearJournal = () => {
    for (const item of Object.keys(localStorage)) if (item.startsWith(JOURNAL_PREFIX)) localStorage.removeItem(item);
  };
  let setItem: typeof Storage.prototype.setItem;

  beforeEach(() => {
    clearJournal();
    setItem = Storage.prototype.setItem;
  });
  afterEach(() => {
    Storage.prototype.setItem = setItem;
    clearJournal();
  });

  const refuseJournal = () => {
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (key.startsWith(JOURNAL_PREFIX)) throw new DOMException('full', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  };

  it('finds a record it had to put in the database after a read had found the database empty', async () => {
    const inner = new MemoryStorage();
    const storage = new JournaledStorage(inner);
    // the idle-time replay's read: nothing in the database, so later look-ups may skip it
    expect(await storage.all('pending')).to.deep.equal([]);
    refuseJournal();
    const first = await storage.findOrPut('pending', sameWrite, () => record('k1'));
    Storage.prototype.setItem = setItem;
    expect(first).to.deep.equal({ row: record('k1'), found: false });
    expect(await inner.all('pending'), 'in the database, localStorage having refused it').to.deep.equal([record('k1')]);
    // the same write again, with no read in between: it must look in the database, not make a second key
    const again = await storage.findOrPut('pending', sameWrite, () => record('k2'));
    expect(again).to.deep.equal({ row: record('k1'), found: true });
    expect(Object.keys(localStorage).filter((item) => item.startsWith(JOURNAL_PREFIX))).to.deep.equal([]);
  });

  it('finds a record put in the database by a plain put after an empty read', async () => {
    const inner = new MemoryStorage();
    const storage = new JournaledStorage(inner);
    expect(await storage.all('pending')).to.deep.equal([]);
    refuseJournal();
    await storage.put('pending', 'k1', record('k1'));
    Storage.prototype.setItem = setItem;
    expect(await storage.findOrPut('pending', sameWrite, () => record('k2'))).to.deep.equal({ row: record('k1'), found: true });
  });

  it('journals a new record without reading the database once a read found it empty', async () => {
    const inner = new MemoryStorage();
    const storage = new JournaledStorage(inner);
    expect(await storage.all('pending')).to.deep.equal([]);
    let reads = 0;
    const all = inner.all.bind(inner);
    inner.all = ((table: Parameters<typeof all>[0]) => (reads++, all(table))) as typeof inner.all;
    expect(await storage.findOrPut('pending', sameWrite, () => record('k1'))).to.deep.equal({ row: record('k1'), found: false });
    expect(reads).to.equal(0);
    expect(JSON.parse(localStorage.getItem(`${JOURNAL_PREFIX}k1`)!)).to.deep.equal(record('k1'));
    expect(await inner.all('pending')).to.deep.equal([]);
  });
});
