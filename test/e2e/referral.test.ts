/**
 * Referrals end to end against the reference backend in the page: a member shares her link, a
 * friend arrives through it, joins, orders, and the referrer is rewarded after the return window;
 * then every way a referral is refused, each said in words to the person it concerns.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http } from 'msw';
import { cleanStores } from 'nanostores';
import '../../src/components/referral-share/referral-share.js';
import '../../src/components/referral-greeting/referral-greeting.js';
import '../../src/components/signup-popup/signup-popup.js';
import type { FidelioReferralShare } from '../../src/components/referral-share/referral-share.component.js';
import type { FidelioReferralGreeting } from '../../src/components/referral-greeting/referral-greeting.component.js';
import type { FidelioSignupPopup } from '../../src/components/signup-popup/signup-popup.component.js';
import { createApi } from '../../src/api.js';
import { DAY_MS } from '../../src/core/clock.js';
import { DEMO_MEMBER_ID, DEMO_MERCHANT_KEY, DEMO_PROGRAM_ID, type MockBackend } from '../../src/mock/index.js';
import { $member, refreshMember } from '../../src/stores/member.js';
import { $program } from '../../src/stores/program.js';
import { $referral } from '../../src/stores/referral.js';
import { identify } from '../../src/stores/session.js';
import { $signup, captureReferral, deviceId, rememberReferral, storedReferral } from '../../src/stores/signup.js';
import { API, NOW, captureWarnings, configureForTests, resetSdk, signInDemo, tokenFor, until, useBackend, watchPageErrors, eventually } from '../helpers/backend.js';

const MEMBERS = '*/v1/programs/:programId/members';
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** Opens this page at `search`, as a visitor following a link, and runs the drop-in's capture. */
async function land(search: string): Promise<string | null> {
  history.replaceState(null, '', `${location.pathname}${search}`);
  return captureReferral();
}

/** Joins through the signup popup as a shopper would; resolves with the popup in its final state. */
async function joinWithPopup(email: string): Promise<FidelioSignupPopup> {
  const el = await fixture<FidelioSignupPopup>(html`<fidelio-signup-popup inline></fidelio-signup-popup>`);
  await until(() => expect(part(el, 'submit')).to.exist);
  el.shadowRoot!.querySelector<HTMLInputElement>('input[name="email"]')!.value = email;
  part(el, 'submit')!.click();
  await until(() => expect($signup.get().status).to.be.oneOf(['success', 'error']));
  await el.updateComplete;
  return el;
}

async function merchantOrder(order: Record<string, unknown>): Promise<Response> {
  return fetch(`${API}/v1/programs/${DEMO_PROGRAM_ID}/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Fidelio-Merchant-Key': DEMO_MERCHANT_KEY },
    body: JSON.stringify(order),
  });
}

/** Records the body of every enrollment request, then lets the backend answer it. */
function recordEnrollments(backend: MockBackend): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  backend.worker.use(
    http.post(MEMBERS, async ({ request }) => {
      bodies.push((await request.clone().json()) as Record<string, unknown>);
      return undefined;
    }),
  );
  return bodies;
}

describe('referrals end to end', () => {
  const address = location.pathname + location.search;
  let backend: MockBackend;
  let page: ReturnType<typeof watchPageErrors>;
  let restoreClipboard: (() => void) | null = null;

  beforeEach(async () => {
    backend = await useBackend();
    cleanStores($referral, $program);
    await resetSdk();
    $signup.set({ status: 'idle' });
    configureForTests();
    page = watchPageErrors();
  });

  afterEach(() => {
    restoreClipboard?.();
    restoreClipboard = null;
    history.replaceState(null, '', address);
    page.stop();
    expect(page.errors, 'uncaught errors or unhandled rejections').to.deep.equal([]);
  });

  it('rewards Ana after a friend who came through her copied link joins, orders and keeps the order past the return window', async () => {
    // Ana copies her link.
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (value: string) => void copied.push(value) }, configurable: true });
    restoreClipboard = () => void delete (navigator as unknown as Record<string, unknown>).clipboard;
    await signInDemo();
    const share = await fixture<FidelioReferralShare>(html`<fidelio-referral-share></fidelio-referral-share>`);
    await until(() => expect(part(share, 'copy')).to.exist);
    part(share, 'copy')!.click();
    await until(() => expect(copied).to.have.length(1));
    const link = copied[0]!;
    expect(link).to.equal(`${API}/?ref=ANA2026`);
    // Sharing earns the capped share points once the backend has counted it.
    await until(() => expect(text(part(share, 'status'))).to.equal('Link copied. You earned 10 points for sharing.'));
    share.remove();

    // A new visitor (another browser: nothing stored, signed out) opens it.
    cleanStores($referral, $program);
    await resetSdk();
    configureForTests();
    expect(await land(new URL(link).search)).to.equal('ANA2026');
    expect(await createApi().referral()).to.equal('ANA2026');
    const greeting = await fixture<FidelioReferralGreeting>(html`<fidelio-referral-greeting></fidelio-referral-greeting>`);
    await until(() => expect(text(part(greeting, 'text'))).to.equal('A friend invited you: join and get $10.00 off your first order of $50.00 or more.'));

    // ... joins through the popup, with the code ...
    const bodies = recordEnrollments(backend);
    const popup = await joinWithPopup('nina@example.com');
    expect(bodies[0]).to.include({ referralCode: 'ANA2026' });
    const state = $signup.get();
    if (state.status !== 'success') throw new Error(`joining failed: ${JSON.stringify(state)}`);
    const welcome = state.enrollment.referral;
    expect(welcome).to.deep.include({ status: 'applied' });
    const coupon = welcome?.status === 'applied' ? welcome.welcomeCoupon : null;
    expect(text(part(popup, 'referral'))).to.equal(`Your friend’s gift: use code ${coupon} for $10.00 off your first order.`);
    await until(() => expect(part(greeting, 'text'), 'the greeting goes once the friend has joined').to.equal(null));

    // ... and orders $60 of plants, which the merchant's server records with the code.
    const friendId = state.enrollment.member.id;
    const order = await merchantOrder({
      orderId: 'o_nina_1',
      memberId: friendId,
      currency: 'USD',
      lines: [{ id: 'p-monstera', name: 'Monstera deliciosa', unitPrice: 6_000, quantity: 1 }],
      shipping: 500,
      tax: 0,
      subtotal: 6_000,
      discounts: 0,
      placedAt: new Date(NOW).toISOString(),
      referralCode: await createApi().referral(),
    });
    expect(order.status).to.equal(201);

    // Ana: the reward waits for the return window.
    await identify(await tokenFor(DEMO_MEMBER_ID));
    await refreshMember();
    // A refresh started by the sign-in may land after ours: wait for the settled balance.
    await until(() => expect($member.get().status).to.equal('ready'));
    const before = $member.get();
    if (before.status !== 'ready') throw new Error('no balance');
    expect(before.member.points.pending).to.equal(86 + 500);
    const available = before.member.points.available;

    // 31 days later, the order can no longer be returned: the 500 points are Ana's.
    await backend.advance(31);
    await identify(await tokenFor(DEMO_MEMBER_ID, { iatOffset: 31 * 86_400 }));
    await refreshMember();
    await until(() => expect($member.get().status).to.equal('ready'));
    const after = $member.get();
    if (after.status !== 'ready') throw new Error('no balance');
    expect(after.member.points.pending).to.equal(0);
    // Her 86 pending points ripened and 152 expired on day 9, as in the seed; the referral adds 500.
    expect(after.member.points.available).to.equal(available + 86 - 152 + 500);
    const referral = await (await fetch(`${API}/v1/programs/${DEMO_PROGRAM_ID}/me/referral`, { headers: { Authorization: `Bearer ${await tokenFor(DEMO_MEMBER_ID, { iatOffset: 31 * 86_400 })}` } })).json();
    expect(referral.stats).to.include({ joined: 2, ordered: 1, rewarded: 1, pending: 0 });
  });

  describe('fraud and bad input', () => {
    it('refuses a self-referral from the referrer’s own device, and tells the new member why', async () => {
      backend.state.engine.members[DEMO_MEMBER_ID]!.deviceId = await deviceId();
      await rememberReferral('ANA2026');
      const popup = await joinWithPopup('ana.second@example.com');
      expect($signup.get().status).to.equal('success');
      expect(text(part(popup, 'referral'))).to.equal('This invitation link is your own, so it cannot give you a welcome discount.');
      expect(await storedReferral(), 'a refused code is forgotten').to.equal(null);
      expect(backend.state.engine.referrals.filter((r) => r.referrerId === DEMO_MEMBER_ID)).to.have.length(1);
    });

    it('refuses a self-referral with the referrer’s own email: that email is already a member', async () => {
      await rememberReferral('ANA2026');
      const popup = await joinWithPopup(' Ana@Example.com ');
      expect($signup.get().status).to.equal('error');
      expect(text(part(popup, 'error'))).to.equal('This email is already a member. Sign in to see your points.');
      expect(backend.state.engine.referrals.filter((r) => r.referrerId === DEMO_MEMBER_ID)).to.have.length(1);
    });

    it('drops the referrer’s own code when she opens her own link signed in, and never greets her', async () => {
      expect(await land('?ref=ana2026')).to.equal('ANA2026');
      await signInDemo();
      const greeting = await fixture<FidelioReferralGreeting>(html`<fidelio-referral-greeting></fidelio-referral-greeting>`);
      const share = await fixture<FidelioReferralShare>(html`<fidelio-referral-share></fidelio-referral-share>`);
      await until(() => expect(part(share, 'copy')).to.exist);
      await eventually(async () => expect(await storedReferral()).to.equal(null));
      expect(await createApi().referral()).to.equal(null);
      expect(part(greeting, 'base')).to.equal(null);
    });

    it('tells an existing customer that invitation discounts are for new customers', async () => {
      await rememberReferral('ANA2026');
      // Bea bought as a guest 40 days ago.
      const popup = await joinWithPopup('bea@example.com');
      expect(text(part(popup, 'referral'))).to.equal('Invitation discounts are for new customers, and you have ordered from us before.');
      expect(text(part(popup, 'incentive'))).to.equal('You have just earned 100 points.');
    });

    it('lets a friend join, without the discount, once the referrer reached her monthly cap', async () => {
      for (let n = 0; n < 5; n++) {
        backend.state.engine.referrals.push({ id: `ref_cap_${n}`, programId: DEMO_PROGRAM_ID, referrerId: DEMO_MEMBER_ID, friendId: `m_cap_${n}`, friendEmail: `cap${n}@example.com`, joinedAt: NOW - DAY_MS, status: 'ordered', orderId: `o_cap_${n}`, rewardAt: NOW });
      }
      await rememberReferral('ANA2026');
      const popup = await joinWithPopup('late.friend@example.com');
      expect($signup.get().status).to.equal('success');
      expect(text(part(popup, 'referral'))).to.equal('Your friend has invited as many friends as allowed this month, so this invitation brings no discount.');
      // The referrer, for her part, sees the monthly limit beside her link.
      await identify(await tokenFor(DEMO_MEMBER_ID));
      const share = await fixture<FidelioReferralShare>(html`<fidelio-referral-share></fidelio-referral-share>`);
      await until(() => expect(text(part(share, 'cap'))).to.equal('Up to 5 friends a month earn you points.'));
    });

    it('lets a visitor with an unknown code join and says the code was not recognised', async () => {
      expect(await land('?ref=NOSUCH1')).to.equal('NOSUCH1');
      const popup = await joinWithPopup('stranger@example.com');
      expect(text(part(popup, 'referral'))).to.equal('We did not recognise the invitation code, so there is no welcome discount this time.');
      expect(await createApi().referral()).to.equal(null);
    });

    it('ignores a malformed code or one with markup quietly: no greeting, no code sent, nothing rendered', async () => {
      const warnings = captureWarnings();
      const bodies = recordEnrollments(backend);
      try {
        expect(await land(`?ref=${encodeURIComponent('<img src=x onerror="window.hacked=1">')}`)).to.equal(null);
        expect(await land('?ref=x')).to.equal(null);
        const greeting = await fixture<FidelioReferralGreeting>(html`<fidelio-referral-greeting></fidelio-referral-greeting>`);
        const popup = await joinWithPopup('careful@example.com');
        expect($signup.get().status).to.equal('success');
        expect(bodies[0]).to.not.have.property('referralCode');
        expect(part(popup, 'referral')).to.equal(null);
        expect(part(greeting, 'base')).to.equal(null);
        expect(document.querySelector('img')).to.equal(null);
        expect((window as unknown as { hacked?: number }).hacked).to.equal(undefined);
      } finally {
        warnings.restore();
      }
      expect(warnings.messages).to.deep.equal([]);
    });
  });
});
