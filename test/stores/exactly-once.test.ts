/**
 * Exactly once across failures, reloads and tabs: writes queued offline are replayed once, a page
 * that died mid-request does not double its write when it comes back, and tabs share the balance.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { cleanStores } from 'nanostores';
import { redeem } from '../../src/engine/index.js';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID, type MockBackend } from '../../src/mock/index.js';
import { $member, refreshMember } from '../../src/stores/member.js';
import { $queued, replayOutbox, sendOnce } from '../../src/stores/outbox.js';
import { redeemReward, resetRedeem } from '../../src/stores/redeem.js';
import { getStorage, resetStorage } from '../../src/stores/runtime.js';
import { $session } from '../../src/stores/session.js';
import { $signup, submitSignup } from '../../src/stores/signup.js';
import { resetSync } from '../../src/stores/sync.js';
import { JOURNAL_PREFIX } from '../../src/storage/journal.js';
import { clock, configureForTests, eventually, resetSdk, signInDemo, until, useBackend, watchPageErrors } from '../helpers/backend.js';

const MEMBERS = '*/v1/programs/:programId/members';
const REDEEM = '*/v1/programs/:programId/me/redemptions';
const available = () => {
  const s = $member.get();
  return s.status === 'ready' ? s.member.points.available : -1;
};

describe('exactly once: offline queue, reloads, tabs', () => {
  let backend: MockBackend;
  let page: ReturnType<typeof watchPageErrors>;
  let watching: () => void;

  beforeEach(async () => {
    backend = await useBackend();
    await resetSdk();
    resetRedeem();
    $signup.set({ status: 'idle' });
    configureForTests();
    page = watchPageErrors();
    watching = () => undefined;
  });

  afterEach(async () => {
    watching();
    cleanStores($member);
    // Let an idle-time replay started by this test finish before the next one resets storage.
    await new Promise((r) => setTimeout(r, 250));
    await replayOutbox();
    page.stop();
    expect(page.errors).to.deep.equal([]);
  });

  /** A redemption an earlier page wrote to the outbox and never saw answered. */
  const leftByEarlierPage = async (key: string, rewardId: string, subject = DEMO_MEMBER_ID) =>
    (await getStorage()).put('pending', key, { key, op: 'redeem', body: { rewardId }, createdAt: Date.now(), subject });

  /** A page with a widget on it: the member store is in use. */
  const mountMember = () => (watching = $member.listen(() => undefined));

  it('queues an enrollment made offline and sends it once when the browser is back online', async () => {
    backend.worker.use(http.post(MEMBERS, () => HttpResponse.error()));
    const email = 'offline.olga@example.com';
    expect(await submitSignup({ email, newsletter: false })).to.equal(null);
    const state = $signup.get();
    expect(state.status === 'error' && state.error.params.queued).to.equal(true);
    await until(() => expect($queued.get()).to.equal(1));
    const enrolled = new Promise<CustomEvent>((resolve) => document.addEventListener('fidelio-enrolled', (e) => resolve(e as CustomEvent), { once: true }));
    mountMember();
    // Still offline: the idle-time replay keeps the write.
    await new Promise((r) => setTimeout(r, 400));
    expect($queued.get()).to.equal(1);
    backend.worker.resetHandlers();
    window.dispatchEvent(new Event('online'));
    expect((await enrolled).detail.email).to.equal(email);
    await until(() => expect($queued.get()).to.equal(0));
    expect(Object.values(backend.state.engine.members).filter((m) => m.email === email)).to.have.length(1);
    await until(() => expect($session.get().status).to.equal('identified'));
    // A second "online" has nothing left to send.
    expect(await replayOutbox()).to.equal(0);
  });

  it('costs one read-write transaction per redemption, the new balance after it: the key before the send is journaled in localStorage', async () => {
    await signInDemo();
    mountMember();
    await until(() => expect(available()).to.equal(397));
    await new Promise((r) => setTimeout(r, 300)); // the idle-time replay of an empty outbox
    const writes: string[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
      if (mode === 'readwrite') writes.push([stores].flat().join('+'));
      return transaction.call(this, stores, mode, options);
    } as typeof transaction;
    const journaled: (string | null)[] = [];
    backend.worker.use(
      http.post(REDEEM, ({ request }) => {
        // returns nothing: the mock backend's own handler answers
        journaled.push(localStorage.getItem(JOURNAL_PREFIX + request.headers.get('Idempotency-Key')));
      }),
    );
    try {
      expect(await redeemReward('ten-off')).to.not.equal(null);
      await until(() => expect(available()).to.equal(297));
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      IDBDatabase.prototype.transaction = transaction;
    }
    expect(writes).to.deep.equal(['members']);
    expect(journaled, 'on disk while the request was out').to.have.length(1);
    expect(JSON.parse(journaled[0]!)).to.deep.include({ op: 'redeem', body: { rewardId: 'ten-off' }, subject: DEMO_MEMBER_ID });
    expect(Object.keys(localStorage).filter((k) => k.startsWith(JOURNAL_PREFIX)), 'gone once answered').to.deep.equal([]);
    // the answered write is gone from disk too, not only hidden from this page
    const raw = await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('fidelio');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const count = open.result.transaction('pending').objectStore('pending').count();
        count.onsuccess = () => {
          resolve(count.result);
          open.result.close();
        };
      };
    });
    expect(raw).to.equal(0);
    expect(await replayOutbox()).to.equal(0);
  });

  it('deletes an answered write on its own within seconds when no other write comes along', async () => {
    await signInDemo();
    const storage = await getStorage();
    // a personal record: kept in IndexedDB itself (a journaled one goes from localStorage at once)
    await storage.put('pending', 'answered-1', { key: 'answered-1', op: 'event', body: {}, createdAt: Date.now(), subject: DEMO_MEMBER_ID, personal: true });
    storage.deleteSoon('pending', 'answered-1');
    expect(await storage.get('pending', 'answered-1')).to.equal(undefined);
    expect((await storage.all('pending')).map((w) => w.key)).to.not.include('answered-1');
    const onDisk = () =>
      new Promise<unknown>((resolve) => {
        const open = indexedDB.open('fidelio');
        open.onsuccess = () => {
          const get = open.result.transaction('pending').objectStore('pending').get('answered-1');
          get.onsuccess = () => {
            resolve(get.result);
            open.result.close();
          };
        };
      });
    expect(await onDisk()).to.not.equal(undefined);
    await eventually(async () => expect(await onDisk()).to.equal(undefined), 6000);
  });

  it('never sends an answered write again, even when its record is still on disk', async () => {
    await signInDemo();
    const storage = await getStorage();
    const body = { type: 'share', channel: 'copy' };
    await storage.put('pending', 'answered-3', { key: 'answered-3', op: 'event', body, createdAt: Date.now(), subject: DEMO_MEMBER_ID });
    let sends = 0;
    await sendOnce('event', body, async (key) => {
      expect(key).to.equal('answered-3'); // the stored key is reused
      sends++;
      return null;
    });
    // the browser closed the connection before the record's delete went out: it is back on disk
    await storage.put('pending', 'answered-3', { key: 'answered-3', op: 'event', body, createdAt: Date.now(), subject: DEMO_MEMBER_ID });
    expect(await replayOutbox()).to.equal(0);
    expect(sends).to.equal(1);
    await storage.delete('pending', 'answered-3');
  });

  it('does not double a redemption whose page was closed after the server did it', async () => {
    await signInDemo();
    const mine = () => Object.values(backend.state.engine.redemptions).filter((r) => r.memberId === DEMO_MEMBER_ID && r.status === 'issued').length;
    const before = mine();
    // The dead page: its key was on disk, the server did the work, the answer never arrived.
    await leftByEarlierPage('crash-key-0001', 'ten-off');
    redeem(backend.state.engine, DEMO_PROGRAM_ID, DEMO_MEMBER_ID, { rewardId: 'ten-off' }, clock.now(), 'crash-key-0001');
    // The reload: module state is gone, IndexedDB is not.
    resetStorage();
    cleanStores($member);
    mountMember();
    await until(() => expect($queued.get()).to.equal(0));
    await until(() => expect(available()).to.equal(297));
    expect(mine()).to.equal(before + 1);
  });

  it('sends a redemption the closed page never got out, once, on the next visit', async () => {
    await signInDemo();
    const shipping = () => Object.values(backend.state.engine.redemptions).filter((r) => r.memberId === DEMO_MEMBER_ID && r.rewardId === 'free-shipping').length;
    const before = shipping();
    await leftByEarlierPage('crash-key-0002', 'free-shipping');
    resetStorage();
    mountMember();
    await until(() => expect(available()).to.equal(347));
    await until(() => expect($queued.get()).to.equal(0));
    // Sending again (another tab, another "online") finds nothing, and the server has one.
    await replayOutbox();
    await refreshMember();
    expect(available()).to.equal(347);
    expect(shipping()).to.equal(before + 1);
  });

  it('answers a second press of a write a replay sent meanwhile with the replay’s answer, not “already a member”', async () => {
    backend.worker.use(http.post(MEMBERS, () => HttpResponse.error()));
    const email = 'twice.tess@example.com';
    expect(await submitSignup({ email, newsletter: false })).to.equal(null);
    backend.worker.resetHandlers();
    // back online: the queued enrollment goes through in the background before the shopper presses again
    expect(await replayOutbox()).to.equal(1);
    const again = await submitSignup({ email, newsletter: false });
    expect(again?.member.email, JSON.stringify($signup.get())).to.equal(email);
    expect(Object.values(backend.state.engine.members).filter((m) => m.email === email)).to.have.length(1);
  });

  it('does not answer a new press with the replay of a write an earlier page made', async () => {
    await signInDemo();
    const redeemed = () => Object.values(backend.state.engine.redemptions).filter((r) => r.memberId === DEMO_MEMBER_ID && r.rewardId === 'free-shipping').length;
    const before = redeemed();
    await leftByEarlierPage('earlier-key-0005', 'free-shipping');
    expect(await replayOutbox()).to.equal(1);
    expect(redeemed()).to.equal(before + 1);
    // the same reward pressed in this page is a redemption of its own
    const mine = await redeemReward('free-shipping');
    expect(mine?.rewardId).to.equal('free-shipping');
    expect(redeemed()).to.equal(before + 2);
  });

  it('leaves another customer’s queued write alone', async () => {
    await signInDemo();
    const storage = await getStorage();
    await leftByEarlierPage('other-key-0003', 'ten-off', 'm_someone_else');
    expect(await replayOutbox()).to.equal(0);
    expect((await storage.all('pending')).map((w) => w.key)).to.deep.equal(['other-key-0003']);
  });

  it('queues a redemption that failed on the way and replays it with the same key', async () => {
    await signInDemo();
    mountMember();
    await until(() => expect(available()).to.equal(397));
    const keys: string[] = [];
    backend.worker.use(
      http.post(REDEEM, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key')!);
        return HttpResponse.error();
      }, { once: true }),
    );
    expect(await redeemReward('ten-off')).to.equal(null);
    await until(() => expect($queued.get()).to.equal(1));
    window.dispatchEvent(new Event('online'));
    await until(() => expect(available()).to.equal(297));
    await until(() => expect($queued.get()).to.equal(0));
    const [write] = keys;
    expect(write).to.be.a('string');
  });

  it('holds a write that failed other than on the way: never replayed, reused by the next press, made sendable by a connection failure, let go after a day', async () => {
    await signInDemo();
    const keys: string[] = [];
    let answer: 'down' | 'offline' | 'ok' = 'down';
    backend.worker.use(
      http.post(REDEEM, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key')!);
        if (answer === 'down') return HttpResponse.json({ type: 'about:blank', title: 'Down', status: 503, code: 'unavailable' }, { status: 503 });
        if (answer === 'offline') return HttpResponse.error();
        return undefined;
      }),
    );
    const storage = await getStorage();
    expect(await redeemReward('free-shipping')).to.equal(null);
    const [held] = await storage.all('pending');
    expect(held).to.deep.include({ op: 'redeem', held: true });
    expect(await replayOutbox()).to.equal(0);
    expect(keys).to.have.length(1);
    await until(() => expect($queued.get()).to.equal(0));
    // pressed again, it fails on the way: the shopper is told it will be sent, so now it is sendable
    answer = 'offline';
    resetRedeem();
    expect(await redeemReward('free-shipping')).to.equal(null);
    expect(keys[1]).to.equal(keys[0]);
    expect((await storage.all('pending'))[0]!.held).to.equal(false);
    await until(() => expect($queued.get()).to.equal(1));
    answer = 'ok';
    expect(await replayOutbox()).to.equal(1);
    expect(keys[2]).to.equal(keys[0]);
    // a held write nobody pressed again is let go after a day
    await storage.put('pending', 'held-old', { key: 'held-old', op: 'redeem', body: { rewardId: 'ten-off' }, createdAt: Date.now() - 25 * 3600_000, subject: DEMO_MEMBER_ID, held: true });
    await storage.put('pending', 'held-new', { key: 'held-new', op: 'redeem', body: { rewardId: 'ten-off' }, createdAt: Date.now() - 3600_000, subject: DEMO_MEMBER_ID, held: true });
    expect(await replayOutbox()).to.equal(0);
    expect((await storage.all('pending')).map((w) => w.key)).to.deep.equal(['held-new']);
    await storage.delete('pending', 'held-new');
  });

  it('lets only one tab replay: while another holds the lock, this one waits its turn', async function () {
    if (!navigator.locks) this.skip();
    await signInDemo();
    const storage = await getStorage();
    await leftByEarlierPage('lock-key-0004', 'free-shipping');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = navigator.locks.request('fidelio-outbox', () => held);
    expect(await replayOutbox()).to.equal(0);
    expect(await storage.all('pending')).to.have.length(1);
    release();
    await holding;
    expect(await replayOutbox()).to.equal(1);
  });

  it('shows a balance changed in another tab within moments, and tells other tabs its own', async () => {
    await signInDemo();
    mountMember();
    await until(() => expect(available()).to.equal(397));
    const otherTab = new BroadcastChannel('fidelio');
    try {
      const heard: unknown[] = [];
      otherTab.onmessage = (event) => heard.push(event.data);
      const snapshot = ($member.get() as { member: { points: { available: number }; updatedAt: string } }).member;
      const later = { ...snapshot, updatedAt: new Date(Date.parse(snapshot.updatedAt) + 1000).toISOString(), points: { ...snapshot.points, available: 297 } };
      const sent = performance.now();
      otherTab.postMessage({ type: 'member', key: `${DEMO_PROGRAM_ID}:${DEMO_MEMBER_ID}`, member: later });
      await until(() => expect(available()).to.equal(297), 500);
      expect(performance.now() - sent).to.be.below(500);
      // Someone else's balance on the same channel is not ours to show.
      otherTab.postMessage({ type: 'member', key: `${DEMO_PROGRAM_ID}:m_other`, member: { ...later, points: { ...later.points, available: 1 } } });
      await new Promise((r) => setTimeout(r, 100));
      expect(available()).to.equal(297);
      // This tab's own refresh is announced to the others.
      await refreshMember();
      await until(() => expect(heard.some((m) => (m as { key: string }).key === `${DEMO_PROGRAM_ID}:${DEMO_MEMBER_ID}`)).to.equal(true));
    } finally {
      otherTab.close();
    }
  });

  it('falls back to storage events where BroadcastChannel is missing', async () => {
    const original = window.BroadcastChannel;
    try {
      (window as { BroadcastChannel?: unknown }).BroadcastChannel = undefined;
      resetSync();
      await signInDemo();
      mountMember();
      await until(() => expect(available()).to.equal(397));
      const snapshot = ($member.get() as { member: { points: { available: number }; updatedAt: string } }).member;
      const later = { ...snapshot, updatedAt: new Date(Date.parse(snapshot.updatedAt) + 1000).toISOString(), points: { ...snapshot.points, available: 297 } };
      // What another tab's publish() looks like here: a storage event for the sync key.
      window.dispatchEvent(new StorageEvent('storage', { key: 'fidelio:sync', newValue: JSON.stringify({ type: 'member', key: `${DEMO_PROGRAM_ID}:${DEMO_MEMBER_ID}`, member: later }) }));
      await until(() => expect(available()).to.equal(297), 500);
      // Garbage under the key is ignored.
      window.dispatchEvent(new StorageEvent('storage', { key: 'fidelio:sync', newValue: '{not json' }));
      expect(available()).to.equal(297);
    } finally {
      window.BroadcastChannel = original;
      resetSync();
    }
  });
});
