import { expect } from '@open-wc/testing';
import { DAY_MS, ManualClock } from '../../src/core/clock.js';
import type { SetupWorker } from 'msw/browser';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID, MOCK_DB_NAME, clearMockState, createMockBackend, loadMockState, signCustomerToken, startMockBackend, type MockBackendCore } from '../../src/mock/index.js';
import { MOCK_STATE_VERSION } from '../../src/mock/persist.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const PROGRAM = `${location.origin}/v1/programs/${DEMO_PROGRAM_ID}`;

async function token(backend: MockBackendCore, sub: string): Promise<string> {
  const iat = Math.floor(backend.state.clock.now() / 1000);
  return signCustomerToken(backend.state.secret, { sub, prg: DEMO_PROGRAM_ID, iat, exp: iat + 300 });
}

const me = async (backend: MockBackendCore, sub: string) => {
  const response = await fetch(`${PROGRAM}/me`, { headers: { Authorization: `Bearer ${await token(backend, sub)}` } });
  return { status: response.status, body: await response.json() };
};

describe('reference backend persistence (fidelio-mock)', () => {
  const clock = new ManualClock(NOW);
  // One worker for the file, never stopped (MSW's worker unregisters itself when its last client
  // leaves, which would race with other test pages); each backend is swapped into it instead, as a
  // reload would start a new one.
  let worker: SetupWorker;
  let backend: MockBackendCore;
  const start = async (options: { persist?: boolean } = {}) => {
    backend = await createMockBackend({ clock, ...options });
    worker.resetHandlers(...backend.handlers);
    return backend;
  };

  before(async () => {
    worker = (await startMockBackend({ clock })).worker;
  });

  beforeEach(async () => {
    clock.set(NOW);
    await clearMockState();
  });

  after(() => clearMockState());

  it('keeps nothing unless asked', async () => {
    await start();
    await fetch(`${PROGRAM}/members`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'persist-none-1' }, body: JSON.stringify({ email: 'ola@example.com', newsletter: false }) });
    expect(await loadMockState()).to.equal(null);
  });

  it('saves after every write and a new backend starts from the stored state', async () => {
    await start({ persist: true });
    // Seeded and saved at once, so a reload before any write still finds the demo.
    expect((await loadMockState())!.engine.members[DEMO_MEMBER_ID]!.email).to.equal('ana@example.com');
    const joined = await fetch(`${PROGRAM}/members`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'persist-join-1' },
      body: JSON.stringify({ email: 'ola@example.com', name: 'Ola', newsletter: true }),
    });
    expect(joined.status).to.equal(201);
    const memberId = (await joined.json()).member.id as string;
    const redeemed = await fetch(`${PROGRAM}/me/redemptions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'persist-redeem-1', Authorization: `Bearer ${await token(backend, memberId)}` },
      body: JSON.stringify({ rewardId: 'ten-off' }),
    });
    expect(redeemed.status).to.equal(201);
    const stored = (await loadMockState())!;
    expect(stored.engine.members[memberId]!.email).to.equal('ola@example.com');
    expect(stored.engine).to.deep.equal(JSON.parse(JSON.stringify(backend.state.engine)));

    // A reload: a new backend over the stored state answers as the first one did.
    await start({ persist: true });
    expect(backend.state.engine.members[memberId]!.name).to.equal('Ola');
    const again = await me(backend, memberId);
    expect(again.status).to.equal(200);
    expect(again.body.points).to.include({ available: 50, pending: 0 });
    expect((await me(backend, DEMO_MEMBER_ID)).body.points).to.include({ available: 397, pending: 86 });
    // The idempotency records came along: a retried redemption does not spend twice.
    const retried = await fetch(`${PROGRAM}/me/redemptions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'persist-redeem-1', Authorization: `Bearer ${await token(backend, memberId)}` },
      body: JSON.stringify({ rewardId: 'ten-off' }),
    });
    expect((await retried.json()).balance.available).to.equal(50);
  });

  it('starts afresh from a state saved in an older format (its orders lack what returns now read)', async () => {
    await start({ persist: true });
    const joined = await fetch(`${PROGRAM}/members`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'persist-old-1' }, body: JSON.stringify({ email: 'old@example.com', newsletter: false }) });
    expect(joined.status).to.equal(201);
    // the same record as an older demo wrote it
    const request = indexedDB.open(MOCK_DB_NAME, 1);
    const db = await new Promise<IDBDatabase>((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error))));
    const tx = db.transaction('state', 'readwrite');
    const store = tx.objectStore('state');
    const current = await new Promise<{ version: number }>((resolve) => (store.get('current').onsuccess = (e) => resolve((e.target as IDBRequest).result)));
    store.put({ ...current, version: MOCK_STATE_VERSION - 1 }, 'current');
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
    expect(await loadMockState()).to.equal(null);
    // a reload seeds the demo again, without the member the old state had
    const again = await start({ persist: true });
    expect(Object.values(again.state.engine.members).some((m) => m.email === 'old@example.com')).to.equal(false);
    expect((await loadMockState())!.version).to.equal(MOCK_STATE_VERSION);
  });

  it('persists time travel', async () => {
    await start({ persist: true });
    await backend.advance(30);
    expect((await loadMockState())!.offsetMs).to.equal(30 * DAY_MS);
    await start({ persist: true });
    expect(backend.state.clock.now()).to.equal(NOW + 30 * DAY_MS);
    expect((await me(backend, DEMO_MEMBER_ID)).body.points).to.include({ pending: 0, available: 331 });
    await backend.reset();
    expect(backend.state.clock.now()).to.equal(NOW);
    expect((await loadMockState())!.offsetMs).to.equal(0);
  });
});
