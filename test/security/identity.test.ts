/** Identity on a shared device: who is signed in comes only from a valid token, kept in memory only. */
import { expect } from '@open-wc/testing';
import { cleanStores } from 'nanostores';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { $member, refreshMember, type MemberState } from '../../src/stores/member.js';
import { getStorage } from '../../src/stores/runtime.js';
import { $session, identify, signOut } from '../../src/stores/session.js';
import { API, freshSdkEachTest, signInDemo, tokenFor, until } from '../helpers/backend.js';

const ANA_KEY = `${DEMO_PROGRAM_ID}:${DEMO_MEMBER_ID}`;

async function everythingStored(): Promise<string> {
  const storage = await getStorage();
  const rows = [...(await storage.all('members')), ...(await storage.all('pending')), ...(await storage.all('kv'))];
  const web = [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`));
  return JSON.stringify(rows) + web.join('\n');
}

describe('identity', () => {
  let stop = () => undefined as void;
  freshSdkEachTest();

  afterEach(() => {
    stop();
    cleanStores($member);
  });

  it('treats a token the server did not sign as signed out, showing nobody’s data', async () => {
    await identify(await tokenFor(DEMO_MEMBER_ID, { secret: 'not-the-merchant-secret' }));
    await refreshMember();
    expect($member.get().status).to.equal('signed-out');
    expect($session.get().status).to.equal('anonymous');
  });

  it('treats an expired token as signed out without asking the server', async () => {
    await identify(await tokenFor(DEMO_MEMBER_ID, { iatOffset: -600, lifetime: 300 }));
    expect($session.get().status).to.equal('anonymous');
  });

  it('keeps the token in memory only: never in IndexedDB, localStorage or sessionStorage', async () => {
    const token = await tokenFor();
    await identify(token);
    await refreshMember();
    await until(() => expect($member.get().status).to.equal('ready'));
    const stored = await everythingStored();
    expect(stored).to.contain('m_demo_ana');
    expect(stored).not.to.contain(token);
    expect(stored).not.to.contain(token.split('.')[2]);
  });

  it('forgets the cached balance of a customer who signs out', async () => {
    stop = $member.listen(() => undefined);
    await signInDemo();
    await until(() => expect($member.get().status).to.equal('ready'));
    await refreshMember();
    const storage = await getStorage();
    expect((await storage.get('members', ANA_KEY))?.member.id).to.equal(DEMO_MEMBER_ID);
    signOut();
    // until() polls synchronously: check the promise's result after it settled.
    let left: unknown = 'unknown';
    await until(() => {
      void storage.get('members', ANA_KEY).then((row) => (left = row));
      return left === undefined;
    });
    expect(left).to.equal(undefined);
  });

  it('never shows a second customer on the same browser the first one’s cache', async () => {
    await signInDemo();
    await refreshMember();
    signOut();
    const response = await fetch(`${API}/v1/programs/${DEMO_PROGRAM_ID}/members`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'second-customer-01' },
      body: JSON.stringify({ email: 'bruno.second@example.com', newsletter: false }),
    });
    const { token, member } = (await response.json()) as { token: string; member: { id: string } };
    const seen: MemberState[] = [];
    stop = $member.listen((state) => void seen.push(state));
    await identify(token);
    await until(() => expect($member.get().status).to.equal('ready'));
    const shown = seen.filter((s): s is Extract<MemberState, { status: 'ready' }> => s.status === 'ready').map((s) => s.member.id);
    expect(shown.length).to.be.above(0);
    expect(shown.every((id) => id === member.id)).to.equal(true);
  });
});
