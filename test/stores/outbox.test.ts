import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { RestBackend } from '../../src/backend/rest.js';
import { replayOutbox, sendOnce } from '../../src/stores/outbox.js';
import { getStorage } from '../../src/stores/runtime.js';
import { DB_NAME, DB_VERSION, type FidelioSchema } from '../../src/storage/db.js';
import { JOURNAL_PREFIX } from '../../src/storage/journal.js';
import { openDB } from 'idb';
import { FidelioError } from '../../src/core/errors.js';
import { DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { API, clock, configureForTests, resetSdk, tokenFor, useBackend } from '../helpers/backend.js';
import { identify, signOut } from '../../src/stores/session.js';

/** The outbox records journaled in localStorage, by key. */
const journal = () => Object.keys(localStorage).filter((k) => k.startsWith(JOURNAL_PREFIX));

/** The keys of the outbox records in the database itself, read past the SDK. */
async function rawPending(): Promise<string[]> {
  const db = await openDB<FidelioSchema>(DB_NAME, DB_VERSION);
  try {
    return await db.getAllKeys('pending');
  } finally {
    db.close();
  }
}

/** Answers `POST /things`, noting each time where the write's record was while its request was out. */
async function whereRecordWaits(): Promise<{ journaled: boolean; inDatabase: boolean }[]> {
  const backend = await useBackend();
  const seen: { journaled: boolean; inDatabase: boolean }[] = [];
  backend.worker.use(
    http.post('*/v1/programs/:programId/things', async ({ request }) => {
      const key = request.headers.get('Idempotency-Key') ?? '';
      seen.push({ journaled: journal().length > 0, inDatabase: (await rawPending()).includes(key) });
      return HttpResponse.json({ ok: true });
    }),
  );
  return seen;
}

describe('outbox (idempotent writes)', () => {
  beforeEach(async () => {
    await useBackend();
    await resetSdk();
    configureForTests();
  });

  const rest = () => new RestBackend({ api: API, programId: DEMO_PROGRAM_ID, retries: 2, timeoutMs: 2000, clock, getToken: async () => null }, { baseMs: 5, capMs: 10 });

  it('stores the idempotency key before the first send and reuses it on every retry', async () => {
    const backend = await useBackend();
    const seen: { key: string | null; storedBeforeSend: boolean; journaled: boolean }[] = [];
    backend.worker.use(
      http.post('*/v1/programs/:programId/things', async ({ request }) => {
        const key = request.headers.get('Idempotency-Key');
        const stored = await (await getStorage()).get('pending', key ?? '');
        seen.push({ key, storedBeforeSend: stored?.op === 'thing', journaled: localStorage.getItem(JOURNAL_PREFIX + key) !== null });
        return seen.length < 3 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ ok: true });
      }),
    );
    const result = await sendOnce('thing', { a: 1 }, (key) => rest().request('POST', '/things', { body: { a: 1 }, idempotencyKey: key, check: (v) => v }));
    expect(result).to.deep.equal({ ok: true });
    expect(seen).to.have.length(3);
    expect(new Set(seen.map((s) => s.key)).size).to.equal(1);
    expect(seen.every((s) => s.storedBeforeSend)).to.equal(true);
    expect(seen.every((s) => s.journaled), 'in localStorage, not in a database transaction').to.equal(true);
    expect(await (await getStorage()).all('pending')).to.deep.equal([]);
    expect(journal()).to.deep.equal([]);
  });

  it('keeps an enrollment (personal data) out of localStorage: its record waits in IndexedDB', async () => {
    const seen = await whereRecordWaits();
    await sendOnce('enroll', { email: 'private.pat@example.com' }, (key) => rest().request('POST', '/things', { body: {}, idempotencyKey: key, check: (v) => v }));
    expect(seen).to.deep.equal([{ journaled: false, inDatabase: true }]);
  });

  it('falls back to IndexedDB when localStorage refuses the record (full), and sends it the same', async () => {
    const seen = await whereRecordWaits();
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (key.startsWith(JOURNAL_PREFIX)) throw new DOMException('full', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
    try {
      expect(await sendOnce('thing', { a: 9 }, (key) => rest().request('POST', '/things', { body: {}, idempotencyKey: key, check: (v) => v }))).to.deep.equal({ ok: true });
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(seen).to.deep.equal([{ journaled: false, inDatabase: true }]);
    expect(await (await getStorage()).all('pending')).to.deep.equal([]);
  });

  it('starts no database transaction before the send once a read found no record there, and still finds one written there since', async () => {
    const storage = await getStorage();
    // as the idle-time replay does on every page
    expect(await storage.all('pending')).to.deep.equal([]);
    const transactions: string[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      transactions.push(`${[args[0]].flat().join('+')}:${args[1] ?? 'readonly'}`);
      return transaction.apply(this, args);
    };
    const atSend: string[][] = [];
    try {
      await sendOnce('thing', { a: 10 }, async () => (atSend.push([...transactions]), null));
    } finally {
      IDBDatabase.prototype.transaction = transaction;
    }
    expect(atSend).to.deep.equal([[]]);
    // A record that had to go to the database (localStorage full at the time) is found there later.
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (key.startsWith(JOURNAL_PREFIX)) throw new DOMException('full', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
    const keys: string[] = [];
    try {
      await sendOnce('thing', { a: 11 }, async (key) => {
        keys.push(key);
        throw new FidelioError('network', 'offline');
      }).catch(() => undefined);
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(await rawPending()).to.deep.equal(keys);
    await sendOnce('thing', { a: 11 }, async (key) => (keys.push(key), null));
    expect(keys[1], 'the same key, found in the database').to.equal(keys[0]);
  });

  it('drops an unreadable journal item instead of failing the outbox', async () => {
    localStorage.setItem(`${JOURNAL_PREFIX}broken`, '{"key":"broken",');
    localStorage.setItem(`${JOURNAL_PREFIX}wrong`, JSON.stringify({ key: 'other', op: 'thing', body: {}, createdAt: 1 }));
    expect(await (await getStorage()).all('pending')).to.deep.equal([]);
    expect(journal()).to.deep.equal([]);
    expect(await replayOutbox()).to.equal(0);
  });

  it('asks the browser for the replay lock only when something is waiting to be sent', async () => {
    const locks = navigator.locks;
    const asked: string[] = [];
    const request = locks.request;
    locks.request = ((name: string, ...rest: unknown[]) => (asked.push(name), (request as (...a: unknown[]) => unknown).call(locks, name, ...rest))) as typeof locks.request;
    try {
      expect(await replayOutbox()).to.equal(0);
      expect(asked, 'an empty outbox').to.deep.equal([]);
      const storage = await getStorage();
      await storage.put('pending', 'waiting-1', { key: 'waiting-1', op: 'unknown-op', body: {}, createdAt: Date.now(), subject: null });
      await replayOutbox();
      expect(asked).to.deep.equal(['fidelio-outbox']);
      await storage.delete('pending', 'waiting-1');
    } finally {
      locks.request = request;
    }
  });

  it('keeps the write for a later replay after a transient failure, drops it after a final refusal', async () => {
    const backend = await useBackend();
    backend.worker.use(http.post('*/v1/programs/:programId/things', () => HttpResponse.error()));
    const send = () => sendOnce('thing', { a: 2 }, (key) => rest().request('POST', '/things', { body: {}, idempotencyKey: key, check: (v) => v }));
    await send().catch((e) => expect(e.code).to.equal('network'));
    const kept = await (await getStorage()).all('pending');
    expect(kept.map((w) => [w.op, w.body])).to.deep.equal([['thing', { a: 2 }]]);
    await (await getStorage()).delete('pending', kept[0]!.key);
    backend.worker.use(http.post('*/v1/programs/:programId/things', () => HttpResponse.json({ code: 'validation', title: 'no', status: 422, type: 'about:blank' }, { status: 422 })));
    await send().catch((e) => expect(e.code).to.equal('validation'));
    expect(await (await getStorage()).all('pending')).to.deep.equal([]);
  });

  it('gives an identical write made after the first was answered a key of its own, even while the first record is still on disk', async () => {
    const backend = await useBackend();
    const keys: (string | null)[] = [];
    backend.worker.use(http.post('*/v1/programs/:programId/things', ({ request }) => (keys.push(request.headers.get('Idempotency-Key')), HttpResponse.json({ ok: true }))));
    const send = () => sendOnce('thing', { a: 3 }, (key) => rest().request('POST', '/things', { body: { a: 3 }, idempotencyKey: key, check: (v) => v }));
    await send();
    // The record of the answered write outlives its delete (the connection closed first, say).
    const storage = await getStorage();
    await storage.put('pending', keys[0]!, { key: keys[0]!, op: 'thing', body: { a: 3 }, createdAt: Date.now(), subject: null });
    // Sharing the same link twice is two shares, not a retry of the first.
    await send();
    expect(keys).to.have.length(2);
    expect(keys[1]).to.not.equal(keys[0]);
  });

  it('gives the answer a replay got for a press only to the shopper who pressed: another member pressing the same write sends their own', async () => {
    await identify(await tokenFor());
    const body = { rewardId: 'free-shipping' };
    // pressed offline: queued, then sent by the replay once back online
    const offline = await sendOnce('redeem', body, () => Promise.reject(new FidelioError('network', 'offline'))).catch((error: FidelioError) => error);
    expect((offline as FidelioError).params.queued).to.equal(true);
    expect(await replayOutbox()).to.equal(1);
    // another member signs in on this page and presses the same reward
    await signOut();
    await identify(await tokenFor('m_someone_else'));
    let sent = 0;
    const answer = await sendOnce('redeem', body, async () => (sent++, 'their own'));
    expect(answer).to.equal('their own');
    expect(sent).to.equal(1);
  });

  it('gives a replay’s answer to the same press for ten minutes only: later, the same press is a new action', async () => {
    await identify(await tokenFor());
    const body = { rewardId: 'free-shipping' };
    await sendOnce('redeem', body, () => Promise.reject(new FidelioError('network', 'offline'))).catch(() => undefined);
    expect(await replayOutbox()).to.equal(1);
    const now = Date.now;
    Date.now = () => now() + 11 * 60 * 1000;
    try {
      let sent = 0;
      expect(await sendOnce('redeem', body, async () => (sent++, 'a new one'))).to.equal('a new one');
      expect(sent).to.equal(1);
    } finally {
      Date.now = now;
    }
  });
});
