/**
 * The widgets of the fault matrix, one descriptor each: how to put it on the page, what the
 * shopper (or host) does that needs the backend, what it shows when that failed, and how one tries
 * again once the fault is gone. Adding a widget to the matrix is adding one entry to WIDGETS.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { cleanStores, type ReadableAtom } from 'nanostores';
import '../../src/components/points-badge/points-badge.js';
import '../../src/components/signup-popup/signup-popup.js';
import '../../src/components/join-link/join-link.js';
import '../../src/components/coupon-field/coupon-field.js';
import '../../src/components/earn-preview/earn-preview.js';
import '../../src/components/points-redeem/points-redeem.js';
import '../../src/components/referral-share/referral-share.js';
import '../../src/components/member-panel/member-panel.js';
import { showUnsubscribeNotice } from '../../src/components/unsubscribe-notice/unsubscribe-notice.js';
import { $t, ownText, type MessageKey, type Params } from '../../src/i18n/index.js';
import { $member } from '../../src/stores/member.js';
import { $signup } from '../../src/stores/signup.js';
import { $program } from '../../src/stores/program.js';
import { $cartPreview, setCart } from '../../src/stores/cart.js';
import { $coupon } from '../../src/stores/coupon.js';
import { $redeem } from '../../src/stores/redeem.js';
import { $referral } from '../../src/stores/referral.js';
import { getStorage, resetStorage } from '../../src/stores/runtime.js';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { eventually, until } from '../helpers/backend.js';
import type { Outcome } from './faults.js';

/** The active translator (the runner switches locales between cells). */
export type T = (key: MessageKey, params?: Params) => string;
export type Failure = Extract<Outcome, { kind: 'message' }>;

export interface WidgetCase {
  tag: string;
  /** The column's name when one tag appears in several situations. */
  label?: string;
  /** Who uses it in the matrix: `member` signs in with a token provider first. */
  shopper: 'member' | 'visitor';
  /** Whether the widget's action writes, or only reads, the SDK's storage (so a storage fault must show). */
  usesStorage: 'writes' | 'reads' | false;
  /** Runs before the fault is put in place (e.g. an earlier, healthy visit that filled the cache). */
  prepare?(): Promise<void>;
  /**
   * Network faults start after the widget mounted and loaded (its action is what must survive them,
   * e.g. spending points); storage faults always start before, as the storage opens on first use.
   */
  faultAfterMount?: boolean;
  /**
   * By design the widget shows nothing rather than a failure (a promise of points it cannot make,
   * a greeting without its offer): the matrix checks it stays empty and quiet instead.
   */
  quietWhenDegraded?: boolean;
  /** Puts the widget on the page (the fault is already in place) and waits for its first paint. */
  mount(): Promise<HTMLElement>;
  /** What the shopper or the host does that needs the backend; resolves once the widget settled. */
  act(el: HTMLElement): Promise<void>;
  /** The widget says the action failed, in the shopper's language, and keeps what they typed. */
  expectDegraded(el: HTMLElement, failure: Failure, t: T): void;
  /** The widget shows the action's normal result (also after a fault the SDK works around). */
  expectHealthy(el: HTMLElement, t: T): void;
  /** Tries again the way a shopper or the host would, once the fault is gone; resolves once settled. */
  retry(el: HTMLElement): Promise<void>;
  /** The state after a successful retry (defaults to expectHealthy). */
  expectRecovered?(el: HTMLElement, t: T): void;
}

export const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
/** Resolves at the store's next change to a value that passes `settled` (rejects if none comes). */
function nextChange<V>(store: ReadableAtom<V>, settled: (value: V) => boolean, timeout = 6000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`the store did not change (still ${JSON.stringify(store.get()).slice(0, 120)})`));
    }, timeout);
    const off = store.listen((value) => {
      if (!settled(value)) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const partText = (el: HTMLElement, name: string) => squash(part(el, name)?.textContent);

/** The demo shopper's balance in the reference backend. */
const DEMO_AVAILABLE = 397;

const pointsBadge: WidgetCase = {
  tag: 'fidelio-points-badge',
  usesStorage: 'writes',
  shopper: 'member',
  async mount() {
    return fixture(html`<fidelio-points-badge></fidelio-points-badge>`);
  },
  async act(el) {
    // The badge's action is its own load: it asks for the balance as soon as it is on the page.
    await until(() => {
      const state = $member.get();
      return state.status === 'error' || state.status === 'signed-out' || (state.status === 'ready' && (!state.stale || state.error !== undefined));
    });
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  },
  expectDegraded(el, failure, t) {
    expect(partText(el, 'message')).to.equal(t(failure.key));
    expect(part(el, 'message')!.getAttribute('role')).to.equal('status');
  },
  expectHealthy(el, t) {
    expect(partText(el, 'points'), JSON.stringify($member.get()).slice(0, 200)).to.equal(t('badge.points', { count: DEMO_AVAILABLE }));
  },
  async retry(el) {
    // The browser says the connection is back (the host may also call Fidelio.refresh()).
    const answered = nextChange($member, (state) => state.status !== 'loading' && !(state.status === 'ready' && state.stale && !state.error));
    window.dispatchEvent(new Event('online'));
    await answered;
    await this.act(el);
  },
};

/** The badge of a returning member: the last balance is in IndexedDB from an earlier visit. */
const cachedBadge: WidgetCase = {
  ...pointsBadge,
  label: 'points-badge (cached)',
  // A returning visit whose balance did not change writes nothing.
  usesStorage: 'reads',
  async prepare() {
    const el = await pointsBadge.mount();
    await pointsBadge.act(el);
    expect($member.get().status).to.equal('ready');
    // the snapshot is written after the answer is shown: the next page reads it only once it is there
    // (left out, a busy run now and then reached the next page first, and it had no balance to show)
    const key = `${DEMO_PROGRAM_ID}:${DEMO_MEMBER_ID}`;
    await eventually(async () => expect(await (await getStorage()).get('members', key)).to.exist);
    el.remove();
    // The page is left: the member store forgets everything but what it saved, and the next page
    // opens the storage anew.
    cleanStores($member);
    $member.set({ status: 'idle' });
    resetStorage();
  },
  expectDegraded(el, _failure, t) {
    // The last known balance stays on screen, with a note that it may be out of date.
    expect(partText(el, 'points')).to.equal(t('badge.points', { count: DEMO_AVAILABLE }));
    expect(partText(el, 'stale')).to.equal(t('badge.stale'));
  },
};

const SIGNUP_EMAIL = 'fault.matrix@example.com';
// as the merchant wrote it; the widgets show it in the page's language where the program translates it
const PROGRAM_NAME = 'Casa Verde Rewards';

const signupPopup: WidgetCase = {
  tag: 'fidelio-signup-popup',
  usesStorage: 'writes',
  shopper: 'visitor',
  async mount() {
    const el = await fixture<HTMLElement>(html`<fidelio-signup-popup inline></fidelio-signup-popup>`);
    await until(() => $program.get().status !== 'loading');
    return el;
  },
  async act(el) {
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="email"]')!.value = SIGNUP_EMAIL;
    await submitSignup(el);
  },
  expectDegraded(el, failure, t) {
    // A connection failure keeps the enrollment queued for when the shopper is back online.
    const next = failure.code === 'network' ? t('error.queued') : t('signup.error.retry');
    expect(partText(el, 'error')).to.equal(`${t(failure.key)} ${next}`);
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    // "Nothing was lost": the form still holds what the shopper typed.
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('input[name="email"]')!.value).to.equal(SIGNUP_EMAIL);
    expect(partText(el, 'submit')).to.equal(t('signup.submit'));
    // The program's own request failed as well: the heading does without its name.
    expect(partText(el, 'title')).to.be.oneOf([t('signup.titleGeneric'), t('signup.title', { program: ownText(PROGRAM_NAME) })]);
  },
  expectHealthy(el, t) {
    expect(partText(el, 'title'), JSON.stringify($signup.get()).slice(0, 200)).to.equal(t('signup.welcome', { program: ownText(PROGRAM_NAME) }));
    expect(partText(el, 'incentive')).to.equal(t('signup.welcomePoints', { count: 100 }));
  },
  async retry(el) {
    await submitSignup(el);
    // Joining signed the shopper in, which also fetches the program's name again.
    await until(() => $program.get().status === 'ready');
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  },
};

async function submitSignup(el: HTMLElement): Promise<void> {
  part(el, 'submit')!.click();
  await until(() => $signup.get().status !== 'idle' && $signup.get().status !== 'submitting');
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
}

const fernCart = (unitPrice: number) => ({ currency: 'USD', lines: [{ id: 'p-fern', name: 'Boston fern', category: 'plants', unitPrice, quantity: 1 }], subtotal: unitPrice });

async function previewSettled(): Promise<void> {
  await until(() => $cartPreview.get().status === 'ready' || $cartPreview.get().status === 'error');
}

const joinLink: WidgetCase = {
  tag: 'fidelio-join-link',
  usesStorage: false,
  shopper: 'visitor',
  async mount() {
    return fixture(html`<fidelio-join-link .cart=${fernCart(9550)}></fidelio-join-link>`);
  },
  async act(el) {
    await previewSettled();
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  },
  expectDegraded(el, _failure, t) {
    // Without a preview the reminder still invites, only without a number.
    expect(partText(el, 'link')).to.equal(t('join.ctaPlain'));
  },
  expectHealthy(el, t) {
    expect(partText(el, 'link')).to.equal(t('join.cta', { count: 9 }));
  },
  async retry(el) {
    // The host tells Fidelio about the cart again (a quantity stepper, the next page).
    const answered = nextChange($cartPreview, (state) => state.status === 'ready' || state.status === 'error');
    setCart(fernCart(9550));
    await answered;
    await this.act(el);
  },
};

const couponCart = { currency: 'USD', lines: [{ id: 'p-can', name: 'Brass watering can', brand: 'Acme Garden', category: 'tools', unitPrice: 5600, quantity: 1 }, { id: 'p-monstera', name: 'Monstera deliciosa', brand: 'Verde', category: 'plants', unitPrice: 4500, quantity: 1 }], subtotal: 10100 };

async function applyCoupon(el: HTMLElement): Promise<void> {
  part(el, 'apply')!.click();
  await until(() => $coupon.get().status !== 'idle' && $coupon.get().status !== 'checking');
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
}

const couponMessage = (el: HTMLElement) => squash(el.shadowRoot!.querySelector('[part~="message"] > span')?.textContent);

const couponField: WidgetCase = {
  tag: 'fidelio-coupon-field',
  usesStorage: false,
  shopper: 'member',
  async mount() {
    return fixture(html`<fidelio-coupon-field .cart=${couponCart}></fidelio-coupon-field>`);
  },
  async act(el) {
    (part(el, 'input') as HTMLInputElement).value = 'welcome10';
    await applyCoupon(el);
  },
  expectDegraded(el, failure, t) {
    const expected = failure.code === 'rate_limited' ? t('coupon.error.too_many_attempts', { count: failure.retryAfter ?? 0 }) : t(failure.key);
    expect(couponMessage(el)).to.equal(squash(expected));
    expect((part(el, 'input') as HTMLInputElement).value).to.equal('welcome10');
  },
  expectHealthy(el, t) {
    expect(couponMessage(el)).to.equal(squash(t('coupon.applied', { code: 'WELCOME10', amount: { amount: 1000, currency: 'USD' } })));
  },
  async retry(el) {
    await applyCoupon(el);
  },
};

const settled = async (el: HTMLElement) => (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;

const earnPreview: WidgetCase = {
  tag: 'fidelio-earn-preview',
  shopper: 'member',
  usesStorage: false,
  quietWhenDegraded: true,
  async mount() {
    return fixture(html`<fidelio-earn-preview .cart=${couponCart}></fidelio-earn-preview>`);
  },
  async act(el) {
    await previewSettled();
    await settled(el);
  },
  expectDegraded(el) {
    // No number it cannot vouch for: the checkout stays as it was.
    expect(part(el, 'points')).to.equal(null);
  },
  expectHealthy(el, t) {
    const state = $cartPreview.get();
    expect(state.status).to.equal('ready');
    expect(partText(el, 'points')).to.equal(squash(t('earn.points', { count: state.status === 'ready' ? state.preview.earn.points : -1 })));
  },
  async retry(el) {
    const answered = nextChange($cartPreview, (state) => state.status === 'ready' || state.status === 'error');
    setCart({ ...couponCart });
    await answered;
    await this.act(el);
  },
};

/** Spending points: the redemption itself meets the fault, and a retry debits the points once. */
const pointsRedeem: WidgetCase = {
  tag: 'fidelio-points-redeem',
  shopper: 'member',
  usesStorage: 'writes',
  faultAfterMount: true,
  async mount() {
    const el = await fixture<HTMLElement>(html`<fidelio-points-redeem .cart=${couponCart}></fidelio-points-redeem>`);
    await until(() => $member.get().status === 'ready' && $program.get().status === 'ready').catch(() => {
      throw new Error(`not ready: ${JSON.stringify($member.get()).slice(0, 150)} ${JSON.stringify($program.get()).slice(0, 150)}`);
    });
    await until(() => !!tenOff(el));
    return el;
  },
  async act(el) {
    await useReward(el);
  },
  expectDegraded(el, failure, t) {
    const text = partText(el, 'message');
    // on the way: queued; a timeout or a server error: unknown whether it was done; else: nothing was spent
    const after = failure.key === 'error.network' ? 'error.queued' : failure.key === 'error.timeout' || failure.key === 'error.server' ? 'redeem.unsure' : 'redeem.failed';
    expect(text).to.equal(squash(`${t(failure.key)} ${t(after)}`));
    expect(tenOff(el), 'the reward can be tried again').to.exist;
  },
  expectHealthy(el) {
    const state = $redeem.get();
    expect(state.status).to.equal('redeemed');
    if (state.status === 'redeemed') expect(squash(el.shadowRoot!.textContent)).to.contain(state.redemption.coupon.code);
  },
  async retry(el) {
    await useReward(el);
  },
};

/** The "Use" button of the $10-off reward (100 points). */
function tenOff(el: HTMLElement): HTMLElement | null {
  const reward = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="reward"]')].find((r) => /100/.test(r.textContent ?? '') && r.querySelector('[part~="use"]'));
  return reward?.querySelector<HTMLElement>('[part~="use"]') ?? null;
}

async function useReward(el: HTMLElement): Promise<void> {
  const answered = nextChange($redeem, (state) => state.status === 'redeemed' || state.status === 'failed');
  tenOff(el)!.click();
  await answered;
  await settled(el);
}

const referralShare: WidgetCase = {
  tag: 'fidelio-referral-share',
  shopper: 'member',
  usesStorage: 'reads',
  async mount() {
    return fixture(html`<fidelio-referral-share></fidelio-referral-share>`);
  },
  async act(el) {
    await until(() => $referral.get().status === 'ready' || $referral.get().status === 'error' || $referral.get().status === 'signed-out');
    await settled(el);
  },
  expectDegraded(el, failure, t) {
    expect(partText(el, 'error')).to.equal(squash(t(failure.key)));
    expect(partText(el, 'retry')).to.equal(t('referral.retry'));
  },
  expectHealthy(el) {
    expect((part(el, 'link') as HTMLInputElement).value).to.equal(`${location.origin}/?ref=ANA2026`);
  },
  async retry(el) {
    // A changed configuration (the API back at its address) already reloaded it by itself.
    if ($referral.get().status === 'error') {
      const answered = nextChange($referral, (state) => state.status === 'ready' || state.status === 'error');
      part(el, 'retry')!.click();
      await answered;
    }
    await this.act(el);
  },
};

const memberPanel: WidgetCase = {
  tag: 'fidelio-member-panel',
  shopper: 'member',
  usesStorage: 'writes',
  async mount() {
    return fixture(html`<fidelio-member-panel></fidelio-member-panel>`);
  },
  act: (el) => pointsBadge.act(el),
  expectDegraded(el, failure, t) {
    // The balance could not load: the reason and a retry; the program's rules still say how to earn.
    expect(partText(el, 'error')).to.equal(squash(`${t(failure.key)} ${t('panel.retry')}`));
  },
  expectHealthy(el) {
    expect(partText(el, 'available')).to.contain(String(DEMO_AVAILABLE));
  },
  async retry(el) {
    // A changed configuration (the API back at its address) already reloaded it by itself.
    if ($member.get().status === 'error') {
      const answered = nextChange($member, (state) => state.status === 'ready' || state.status === 'error');
      part(el, 'error')!.querySelector('button')!.click();
      await answered;
    }
    await this.act(el);
  },
};

const UNSUBSCRIBE_TOKEN = 'u_m_demo_ana_seed';

/** An email's unsubscribe link opened on the store: no sign-in, one request. */
const unsubscribeNotice: WidgetCase = {
  tag: 'fidelio-unsubscribe-notice',
  shopper: 'visitor',
  usesStorage: false,
  async mount() {
    const el = showUnsubscribeNotice(UNSUBSCRIBE_TOKEN);
    await settled(el);
    return el;
  },
  async act(el) {
    await until(() => {
      const shown = squash(el.shadowRoot!.querySelector('p')?.textContent);
      return shown !== '' && shown !== squash($t.get()('unsub.working'));
    });
    await settled(el);
  },
  expectDegraded(el, failure, t) {
    expect(squash(el.shadowRoot!.querySelector('p')?.textContent)).to.equal(squash(t(failure.key)));
    expect(partText(el, 'retry')).to.equal(t('panel.retry'));
  },
  expectHealthy(el) {
    expect(squash(el.shadowRoot!.querySelector('p')?.textContent)).to.match(/^a\*\*\*@example\.com /);
  },
  async retry(el) {
    part(el, 'retry')!.click();
    await until(() => !part(el, 'retry'));
    await this.act(el);
  },
};

export const WIDGETS: WidgetCase[] = [pointsBadge, cachedBadge, signupPopup, joinLink, couponField, earnPreview, pointsRedeem, referralShare, memberPanel, unsubscribeNotice];
