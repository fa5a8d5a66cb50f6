/**
 * The member store across shoppers on one page (a single-page app, a shared computer): another
 * shopper's name and balance are never shown, and signing out forgets the device's snapshot even
 * on a page without a member widget.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { $member, refreshMember, type MemberState } from '../../src/stores/member.js';
import { identify, signOut } from '../../src/stores/session.js';
import { getStorage } from '../../src/stores/runtime.js';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { API, eventually, freshSdkEachTest, tokenFor, until } from '../helpers/backend.js';

const ME = '*/v1/programs/:programId/me';

/** Enrolls a second shopper through the contract and returns their token. */
async function enrollBen(): Promise<string> {
  const answer = await fetch(`${API}/v1/programs/${DEMO_PROGRAM_ID}/members`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `ben-${Math.random()}` },
    body: JSON.stringify({ email: 'ben.switch@example.org', name: 'Ben', newsletter: false }),
  });
  return ((await answer.json()) as { token: string }).token;
}

const nameOf = (state: MemberState) => (state.status === 'ready' ? state.member.name : null);

describe('member store across shoppers', () => {
  const backend = freshSdkEachTest();

  it('never shows the previous shopper to the next one signed in over them, while their answer is slow or after it failed', async () => {
    const seen: MemberState[] = [];
    const stop = $member.subscribe((state) => seen.push(state));
    try {
      await identify(await tokenFor());
      await until(() => expect(nameOf($member.get())).to.equal('Ana'));
      const ben = await enrollBen();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      backend().worker.use(http.get(ME, async () => (await gate, HttpResponse.json({ code: 'unavailable', message: 'down' }, { status: 503 }))));
      seen.length = 0;
      await identify(ben);
      // Ben's answer is on its way: Ana is no longer on show
      await until(() => expect($member.get().status).to.equal('loading'));
      release();
      await until(() => expect($member.get().status).to.equal('error'));
      expect(seen.map(nameOf), 'every state shown since Ben signed in').to.not.include('Ana');
      // and his own answer, once the backend is back, is his
      backend().worker.resetHandlers();
      await refreshMember();
      await until(() => expect(nameOf($member.get())).to.equal('Ben'));
      expect(seen.map(nameOf)).to.not.include('Ana');
    } finally {
      stop();
    }
  });

  it('signing out forgets the balance cached on the device, on a page with no member widget', async () => {
    const key = `${DEMO_PROGRAM_ID}:${DEMO_MEMBER_ID}`;
    // a snapshot an earlier page of the store left
    await (await getStorage()).put('members', key, { key, member: { id: DEMO_MEMBER_ID } as never, savedAt: Date.now() });
    await identify(await tokenFor());
    signOut();
    await eventually(async () => expect(await (await getStorage()).get('members', key)).to.equal(undefined));
  });
});
