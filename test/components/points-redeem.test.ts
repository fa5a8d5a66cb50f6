import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/components/points-redeem/points-redeem.js';
import '../../src/components/coupon-field/coupon-field.js';
import '../../src/components/member-panel/member-panel.js';
import type { FidelioPointsRedeem } from '../../src/components/points-redeem/points-redeem.component.js';
import { $cart } from '../../src/stores/cart.js';
import { $coupon } from '../../src/stores/coupon.js';
import { $member } from '../../src/stores/member.js';
import { $queued, replayOutbox } from '../../src/stores/outbox.js';
import { $redeem, resetRedeem } from '../../src/stores/redeem.js';
import { setLocale } from '../../src/i18n/index.js';
import { redeem } from '../../src/engine/index.js';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { clock, freshSdkEachTest, signInDemo, until } from '../helpers/backend.js';
import { expectOutlinedInForcedColors } from '../helpers/forced-colors.js';
import { signOut } from '../../src/stores/session.js';

const REDEEM = '*/v1/programs/:programId/me/redemptions';
const line = (id: string, name: string, unitPrice: number) => ({ id, name, unitPrice, quantity: 1, category: 'plants' });
const cart = { currency: 'USD', lines: [line('p-monstera', 'Monstera deliciosa', 4500), line('p-fig', 'Fiddle-leaf fig', 5600)], subtotal: 10_100 };

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const part = (el: Element, name: string) => parts(el, name)[0];
const available = () => {
  const s = $member.get();
  return s.status === 'ready' ? s.member.points.available : -1;
};

describe('<fidelio-points-redeem>', () => {
  let posts: number;

  const backend = freshSdkEachTest(() => {
    $cart.set(null);
    $coupon.set({ status: 'idle' });
    resetRedeem();
  });
  beforeEach(() => {
    posts = 0;
    backend().worker.use(http.post(REDEEM, () => void posts++));
  });

  async function widget(): Promise<FidelioPointsRedeem> {
    const el = await fixture<FidelioPointsRedeem>(html`<fidelio-points-redeem .cart=${cart}></fidelio-points-redeem>`);
    await until(() => expect(part(el, 'balance')).to.exist);
    await until(() => expect(parts(el, 'reward')).to.have.length(3));
    return el;
  }

  it('invites a signed-out shopper to join, accessibly', async () => {
    const el = await fixture<FidelioPointsRedeem>(html`<fidelio-points-redeem .cart=${cart}></fidelio-points-redeem>`);
    expect(text(el)).to.contain('Members pay for part of their order with points.');
    await expect(el).to.be.accessible();
    setTimeout(() => part(el, 'join')!.click());
    expect((await oneEvent(el, 'fidelio-join')).detail).to.deep.equal({ source: 'redeem' });
  });

  it('shows the spendable balance, pending points with their date, and what each reward costs', async () => {
    await signInDemo();
    const el = await widget();
    expect(part(el, 'balance')!.textContent).to.equal('You have 397 points to spend.');
    // (the date kept on one line: a no-break space)
    expect(part(el, 'pending')!.textContent).to.match(/^86 more points become spendable on \w{3}\u00a0\d{1,2}\.$/);
    const rows = parts(el, 'reward').map((r) => r.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows[0]).to.contain('$10.00 off your order · 100 points');
    expect(rows[1]).to.contain('Free shipping · 50 points');
    // 397 points buy 39 steps of $1; half of the $101 order would allow 50.
    expect(rows[2]).to.contain('390 points = $39.00 off');
    expect(rows[2]).to.contain('Points can pay up to 50% of this order.');
    await expect(el).to.be.accessible();
  });

  it('outlines Use in forced colours, which drop its fill (Windows High Contrast)', async () => {
    await signInDemo();
    const el = await widget();
    const button = part(el, 'use')!;
    expectOutlinedInForcedColors(el.shadowRoot!, button);
  });

  it('redeems a reward once, applies its coupon, and gives the points back on request', async () => {
    await signInDemo();
    const el = await widget();
    const redeemed = oneEvent(el, 'fidelio-redeem');
    const applied = oneEvent(el, 'fidelio-coupon-apply');
    const use = part(el, 'use')!;
    use.click();
    use.click();
    const { detail } = await redeemed;
    expect(detail).to.include({ rewardId: 'ten-off', points: 100 });
    expect(detail.code).to.match(/^R-/);
    expect((await applied).detail).to.deep.include({ code: detail.code, discount: { amount: 1000, currency: 'USD' } });
    expect(posts).to.equal(1);
    await until(() => expect(part(el, 'message')?.textContent).to.equal(`100 points used: $10.00 off with code ${detail.code}.`));
    await until(() => expect(available()).to.equal(297));
    expect($coupon.get().status).to.equal('applied');
    await expect(el).to.be.accessible();

    const removed = oneEvent(el, 'fidelio-coupon-remove');
    const cancelled = oneEvent(el, 'fidelio-redeem-cancel');
    part(el, 'cancel')!.click();
    expect((await removed).detail).to.deep.equal({ code: detail.code, reason: 'cancelled' });
    expect((await cancelled).detail.points).to.equal(100);
    await until(() => expect(available()).to.equal(397));
    await until(() => expect(text(el)).to.contain('100 points are back in your balance.'));
    expect($coupon.get().status).to.equal('idle');
  });

  it('says a give-back once (focus on the message, not the status too), and shows why one failed', async () => {
    await signInDemo();
    const el = await widget();
    const status = () => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
    part(el, 'use')!.focus();
    part(el, 'use')!.click();
    await until(() => expect(part(el, 'cancel')).to.exist);
    // (the bought code goes on the order after the redemption's answer: WebKit was still checking it)
    await until(() => expect($coupon.get().status).to.equal('applied'));
    const code = ($redeem.get() as { redemption: { coupon: { code: string } } }).redemption.coupon.code;

    // the server fails the first give-back: the button stays (with focus), the reason is shown and announced
    backend().worker.use(http.delete(`${REDEEM}/:id`, () => HttpResponse.json({ type: 'about:blank', title: 'Boom', status: 503, code: 'server' }, { status: 503 }), { once: true }));
    part(el, 'cancel')!.focus();
    part(el, 'cancel')!.click();
    const said = `Rewards are unavailable right now. Please try again later. Your points are still spent, and code ${code} still works.`;
    await until(() => expect(part(el, 'cancel-error')?.textContent).to.equal(said));
    expect(status()).to.equal(said);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'cancel'));
    expect($coupon.get().status).to.equal('applied');

    // the retry gives them back: the message takes the focus, the status region stays quiet
    part(el, 'cancel')!.click();
    await until(() => expect(part(el, 'message')?.textContent).to.equal('100 points are back in your balance.'));
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement === part(el, 'message')).to.equal(true);
    expect(status()).to.equal('');
    expect(part(el, 'cancel-error')).to.equal(undefined);
  });

  it('buys free shipping: the host is told to waive the shipping charge, and both widgets say so', async () => {
    await signInDemo();
    const withShipping = { ...cart, shipping: 500 };
    const host = await fixture<HTMLElement>(html`<div><fidelio-coupon-field .cart=${withShipping}></fidelio-coupon-field><fidelio-points-redeem .cart=${withShipping}></fidelio-points-redeem></div>`);
    const el = host.querySelector('fidelio-points-redeem')!;
    await until(() => expect(parts(el, 'reward')).to.have.length(3));
    const redeemed = oneEvent(el, 'fidelio-redeem');
    const applied = oneEvent(el, 'fidelio-coupon-apply');
    parts(el, 'use')[1]!.click();
    const { detail } = await redeemed;
    expect(detail).to.deep.include({ rewardId: 'free-shipping', points: 50, freeShipping: true, discount: { amount: 0, currency: 'USD' } });
    const apply = (await applied).detail;
    expect(apply).to.deep.include({ code: detail.code, discount: { amount: 0, currency: 'USD' }, shippingDiscount: { amount: 500, currency: 'USD' } });
    await until(() => expect(part(el, 'message')?.textContent).to.equal(`50 points used: free shipping with code ${detail.code}.`));
    const field = host.querySelector('fidelio-coupon-field')!;
    await until(() => expect(field.shadowRoot!.textContent!.replace(/\s+/g, ' ')).to.contain(`${detail.code}: free shipping on this order.`));
    await expect(el).to.be.accessible();
  });

  it('offers the bought coupon again after a reload, until an order uses it', async () => {
    await signInDemo();
    const first = await widget();
    const redeemed = oneEvent(first, 'fidelio-redeem');
    part(first, 'use')!.click();
    const { code } = (await redeemed).detail;
    await until(() => expect($coupon.get().status).to.equal('applied'));
    // a reload: the page's state is gone, the tab's sessionStorage is not
    first.remove();
    resetRedeem();
    $coupon.set({ status: 'idle' });
    const again = fixture<FidelioPointsRedeem>(html`<fidelio-points-redeem .cart=${cart}></fidelio-points-redeem>`);
    const reapplied = await oneEvent(document, 'fidelio-coupon-apply');
    const el = await again;
    expect(reapplied.detail).to.deep.include({ code, discount: { amount: 1000, currency: 'USD' } });
    await until(() => expect(part(el, 'message')?.textContent).to.equal(`100 points used: $10.00 off with code ${code}.`));
    expect(part(el, 'cancel')).to.exist;
    // the order used it: the next visit to the checkout forgets it and offers the rewards again
    const used = Object.values(backend().state.engine.redemptions).find((r) => r.couponCode === code)!;
    used.status = 'used';
    backend().state.engine.couponUses.push({ programId: DEMO_PROGRAM_ID, code, memberId: DEMO_MEMBER_ID, orderId: 'o-x', at: clock.now() });
    el.remove();
    resetRedeem();
    $coupon.set({ status: 'idle' });
    const later = await fixture<FidelioPointsRedeem>(html`<fidelio-points-redeem .cart=${cart}></fidelio-points-redeem>`);
    await until(() => expect(parts(later, 'reward')).to.have.length(3));
    expect($redeem.get().status).to.equal('idle');
    expect(sessionStorage.getItem('fidelio.redemption')).to.equal(null);
  });

  /** Ana at a checkout with both widgets, the $10 reward bought and its code applied. */
  async function checkoutWithTenOff() {
    await signInDemo();
    const host = await fixture<HTMLElement>(html`<div><fidelio-coupon-field .cart=${cart}></fidelio-coupon-field><fidelio-points-redeem .cart=${cart}></fidelio-points-redeem></div>`);
    const el = host.querySelector('fidelio-points-redeem')!;
    await until(() => expect(parts(el, 'reward')).to.have.length(3));
    part(el, 'use')!.click();
    await until(() => expect($coupon.get().status).to.equal('applied'));
    return { host, el };
  }

  it('takes a code off the order when its reward is cancelled in the member panel, and says so plainly', async () => {
    const { host, el } = await checkoutWithTenOff();
    const code = ($redeem.get() as { redemption: { coupon: { code: string } } }).redemption.coupon.code;
    const field = host.querySelector('fidelio-coupon-field')!;
    const panel = document.createElement('fidelio-member-panel');
    host.append(panel);
    await until(() => expect(panel.shadowRoot?.querySelector(`[data-notice="rewards"]`)).to.exist);
    const cancel = () => [...panel.shadowRoot!.querySelectorAll<HTMLButtonElement>('li.coupon button')].find((b) => /Cancel/.test(b.textContent!));
    await until(() => expect(cancel()).to.exist);
    const removed = oneEvent(field, 'fidelio-coupon-remove');
    cancel()!.click();
    expect((await removed).detail).to.deep.equal({ code, reason: 'cancelled' });
    await until(() => expect(field.shadowRoot!.querySelector('[part~="message"]')?.textContent?.trim()).to.equal(`Code ${code} came off your order: you cancelled its reward, and its points are back.`));
    expect(field.shadowRoot!.querySelector('input')!.getAttribute('aria-invalid')).to.equal('false');
    await until(() => expect(part(el, 'use')).to.exist); // the points widget offers its rewards again
  });

  it('forgets a bought code an order used: no give-back offered that cannot work', async () => {
    const { host, el } = await checkoutWithTenOff();
    const code = ($redeem.get() as { redemption: { coupon: { code: string } } }).redemption.coupon.code;
    const response = await fetch(`${location.origin}/v1/programs/${DEMO_PROGRAM_ID}/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Fidelio-Merchant-Key': backend().state.merchantKey },
      body: JSON.stringify({ orderId: 'used-it', memberId: DEMO_MEMBER_ID, currency: 'USD', lines: cart.lines, shipping: 0, tax: 0, subtotal: cart.subtotal, discounts: 1000, couponCodes: [code], placedAt: new Date(clock.now()).toISOString() }),
    });
    expect(response.status).to.equal(201);
    // the store starts a new cart after the order: the code, checked again, is used up
    const next = { ...cart, lines: [cart.lines[0]!], subtotal: 4500 };
    host.querySelector('fidelio-coupon-field')!.cart = next;
    await until(() => expect($redeem.get().status).to.equal('idle'));
    await until(() => expect(part(el, 'cancel')).to.equal(undefined));
    expect($coupon.get().status).to.equal('idle');
    await until(() => expect(part(el, 'use')).to.exist);
  });

  it('says plainly that points cannot come back for a code an order used meanwhile', async () => {
    const { el } = await checkoutWithTenOff();
    backend().worker.use(http.delete(`${REDEEM}/:id`, () => HttpResponse.json({ type: 'about:blank', title: 'Used', status: 409, code: 'conflict' }, { status: 409 }), { once: true }));
    const code = ($redeem.get() as { redemption: { coupon: { code: string } } }).redemption.coupon.code;
    part(el, 'cancel')!.focus();
    part(el, 'cancel')!.click();
    await until(() => expect(part(el, 'message')?.textContent).to.equal(`Code ${code} was used on an order, so its points cannot come back.`));
    expect(part(el, 'message')!.classList.contains('ok')).to.equal(false);
    expect($redeem.get().status).to.equal('idle');
  });

  it('says when the coupon field took the bought code off the order, and puts it back', async () => {
    const { host, el } = await checkoutWithTenOff();
    expect(part(el, 'off-order')).to.equal(undefined);
    expect(part(el, 'message')!.classList.contains('ok'), 'the spend reads as a success while the code is on').to.equal(true);
    const field = host.querySelector('fidelio-coupon-field')!;
    field.shadowRoot!.querySelector<HTMLButtonElement>('[part~="remove"]')!.click();
    await until(() => expect(part(el, 'off-order')?.textContent).to.match(/^Code R-\w+ is not on this order any more; your points are still spent on it\.$/));
    expect(part(el, 'message')!.classList.contains('ok'), 'not in the success colour once the code is off').to.equal(false);
    // not said again in the status region: the coupon field, where Remove was pressed, says it
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('');
    const reapplied = oneEvent(el, 'fidelio-coupon-apply');
    part(el, 'reapply')!.click();
    expect((await reapplied).detail.discount.amount).to.equal(1000);
    await until(() => expect(part(el, 'off-order')).to.equal(undefined));
    expect($coupon.get().status).to.equal('applied');
  });

  it('takes the reward code of a member off the order when they sign out', async () => {
    const { host, el } = await checkoutWithTenOff();
    const removed = oneEvent(host.querySelector('fidelio-coupon-field')!, 'fidelio-coupon-remove');
    signOut();
    const { code } = (await removed).detail;
    expect((await removed).detail.reason).to.equal('coupon_members_only');
    expect($redeem.get().status).to.equal('idle');
    expect(sessionStorage.getItem('fidelio.redemption')).to.equal(null);
    await until(() => expect(part(el, 'join')).to.exist);
    // the coupon field says why, plainly: the shopper signed out, nothing was wrong with the code
    const field = host.querySelector('fidelio-coupon-field')!;
    await until(() => expect(field.shadowRoot!.querySelector('[part~="message"]')?.textContent?.trim()).to.equal(`Code ${code} came off your order when you signed out. Sign in again to use it.`));
    expect(field.shadowRoot!.querySelector('input')!.getAttribute('aria-invalid')).to.equal('false');
    expect(field.shadowRoot!.querySelector('.refused')).to.equal(null);
    // signed in again: the line about signing out goes
    await signInDemo();
    await until(() => expect($coupon.get().status).to.equal('idle'));
    await until(() => expect(field.shadowRoot!.querySelector('[part~="message"]')?.textContent?.trim() ?? '').not.to.contain('signed out'));
  });

  it('pays with points by keyboard alone, in whole steps', async () => {
    await signInDemo();
    const el = await widget();
    part(el, 'steps')!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(parts(el, 'reward')[2]!.textContent).to.contain('370 points = $37.00 off');
    // its Use button says what it spends, as the other rewards' do
    expect(parts(el, 'use')[2]!.getAttribute('aria-label')).to.equal('Use 370 points for Pay with points');
    const redeemed = oneEvent(el, 'fidelio-redeem');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const { detail } = await redeemed;
    expect(detail).to.deep.include({ rewardId: 'pay-with-points', points: 370, discount: { amount: 3700, currency: 'USD' } });
    await until(() => expect(available()).to.equal(27));
    // the pressed Use is gone: focus is on what replaced it, not back at the top of the page
    const focused = () => el.shadowRoot!.activeElement;
    await until(() => expect(focused()?.getAttribute('part')).to.equal('message'));
    expect(focused()!.textContent).to.contain('370 points used');
    await until(() => expect($coupon.get().status).to.equal('applied'));
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(focused()?.getAttribute('part')).to.equal('cancel');
    await sendKeys({ press: 'Enter' });
    await until(() => expect(focused()?.textContent).to.equal('370 points are back in your balance.'));
  });

  /**
   * The server redeems, then `answer` reaches the shopper instead of the redemption; the widget says
   * `said`, `between` checks what happens before the shopper presses again, and the second press
   * reuses the key: one debit, the code the server made.
   */
  /** Signs the demo member in; the server will do their next redemption, then `answer` instead. The redemptions made since. */
  async function serverDoesItThen(answer: () => Response): Promise<() => { couponCode: string }[]> {
    await signInDemo();
    const mine = () => Object.values(backend().state.engine.redemptions).filter((r) => r.memberId === DEMO_MEMBER_ID);
    const before = mine().length;
    backend().worker.use(
      http.post(
        REDEEM,
        async ({ request }) => {
          const key = request.headers.get('Idempotency-Key')!;
          const body = (await request.json()) as { rewardId: string; cart: { subtotal: number } };
          redeem(backend().state.engine, DEMO_PROGRAM_ID, DEMO_MEMBER_ID, { rewardId: body.rewardId, cartSubtotal: body.cart.subtotal }, clock.now(), key);
          return answer();
        },
        { once: true },
      ),
    );
    return () => mine().slice(before);
  }

  async function doneButLost(answer: () => Response, said: string, between: () => Promise<void> = async () => undefined) {
    const made = await serverDoesItThen(answer);
    const el = await widget();
    part(el, 'use')!.click();
    await until(() => expect($redeem.get().status).to.equal('failed'));
    await el.updateComplete;
    expect(part(el, 'message')!.textContent).to.equal(said);
    await between();
    const redeemed = oneEvent(el, 'fidelio-redeem');
    part(el, 'use')!.click();
    const { detail } = await redeemed;
    const issued = made();
    expect(issued).to.have.length(1);
    expect(detail.code).to.equal(issued[0]!.couponCode);
    await until(() => expect(available()).to.equal(297));
  }

  it('debits once when the connection dropped before the answer and the shopper tries again', () =>
    doneButLost(() => HttpResponse.error(), 'Rewards are unavailable right now (no connection). Saved on this device: it will be sent when you’re back online.'));

  it('does not claim no points were spent when the server failed after doing it, nor spend them behind the shopper’s back', () =>
    doneButLost(
      () => HttpResponse.json({ type: 'about:blank', title: 'Boom', status: 500, code: 'server' }, { status: 500 }),
      'Rewards are unavailable right now. Please try again later. We could not tell whether it went through: press Use again, it will not spend your points twice.',
      async () => {
        // nothing is waiting to be sent, and no replay (another page, back online) sends it
        expect($queued.get()).to.equal(0);
        expect(await replayOutbox()).to.equal(0);
      },
    ));

  it('finds out by itself that the server spent the points after all, and goes on as if the answer had come: the code on the order, said once, one debit', async () => {
    // the server redeems, then fails before answering
    const made = await serverDoesItThen(() => HttpResponse.json({ type: 'about:blank', title: 'Boom', status: 500, code: 'server' }, { status: 500 }));
    const el = await widget();
    const redeemed = oneEvent(el, 'fidelio-redeem');
    part(el, 'use')!.click();
    await until(() => expect($redeem.get().status).to.equal('failed'));
    await el.updateComplete;
    expect(part(el, 'message')!.textContent).to.contain('We could not tell whether it went through');
    // no press: a second later the member's redemptions show the one made with the write's key
    const { detail } = await redeemed;
    const issued = made();
    expect(issued).to.have.length(1);
    expect(detail.code).to.equal(issued[0]!.couponCode);
    await until(() => expect($coupon.get()).to.deep.include({ status: 'applied' }));
    expect(($coupon.get() as { validation: { code: string } }).validation.code).to.equal(issued[0]!.couponCode);
    await el.updateComplete;
    await until(() => expect(part(el, 'message')!.textContent).to.equal(`100 points used: $10.00 off with code ${issued[0]!.couponCode}.`));
    await until(() => expect(available()).to.equal(297));
    // the write is done: nothing held for a later press, nothing for a replay
    expect(await replayOutbox()).to.equal(0);
    expect(made()).to.have.length(1);
  });

  it('shows what became of a press queued offline once the connection is back: the code on the order, as if answered', async () => {
    await signInDemo();
    backend().worker.use(http.post(REDEEM, () => HttpResponse.error(), { once: true }));
    const el = await widget();
    const redeemed = oneEvent(el, 'fidelio-redeem');
    part(el, 'use')!.click();
    await until(() => expect($redeem.get().status).to.equal('failed'));
    await el.updateComplete;
    expect(part(el, 'message')!.textContent).to.contain('it will be sent when you’re back online');
    // back online
    window.dispatchEvent(new Event('online'));
    const { detail } = await redeemed;
    await until(() => expect(($coupon.get() as { validation?: { code: string } }).validation?.code).to.equal(detail.code));
    await until(() => expect(part(el, 'message')!.textContent).to.equal(`100 points used: $10.00 off with code ${detail.code}.`));
    await until(() => expect(available()).to.equal(297));
  });

  it('says no points were spent when the server said it was down', async () => {
    await signInDemo();
    backend().worker.use(http.post(REDEEM, () => HttpResponse.json({ type: 'about:blank', title: 'Down', status: 503, code: 'unavailable' }, { status: 503 }), { once: true }));
    const el = await widget();
    part(el, 'use')!.click();
    await until(() => expect($redeem.get().status).to.equal('failed'));
    await el.updateComplete;
    expect(part(el, 'message')!.textContent).to.equal('Rewards are unavailable right now. Please try again later. No points were spent.');
    expect(await replayOutbox()).to.equal(0);
  });

  it('keeps every Use button at the end of its row on a phone, where long reward names wrap', async () => {
    await signInDemo();
    const el = await widget();
    el.style.width = '300px';
    await el.updateComplete;
    const uses = parts(el, 'use');
    expect(uses.length).to.be.greaterThan(1);
    for (const use of uses) {
      const row = use.closest('li')!.getBoundingClientRect();
      expect(row.right - use.getBoundingClientRect().right, use.getAttribute('aria-label') ?? 'Use').to.be.below(1);
    }
  });

  it('keeps a bought code on one line in a narrow column (it would break at its hyphen)', async () => {
    await signInDemo();
    await setLocale('zh-CN');
    const el = await widget();
    part(el, 'use')!.click();
    await until(() => expect(part(el, 'cancel')).to.exist);
    const { code } = ($redeem.get() as { redemption: { coupon: { code: string } } }).redemption.coupon;
    expect(code).to.contain('-');
    const span = part(el, 'message')!.querySelector('.code')!;
    expect(span.textContent).to.equal(code);
    // every width from a tight phone column down to the code's own: one line box for the code
    for (let width = 220; width >= 120; width -= 4) {
      el.style.width = `${width}px`;
      expect(span.getClientRects().length, `${width}px`).to.equal(1);
    }
  });

  it('says how many points a reward needs when the server finds too few', async () => {
    await signInDemo();
    backend().worker.use(
      http.post(REDEEM, () => HttpResponse.json({ type: 'about:blank', title: 'No', status: 422, code: 'insufficient_points', params: { required: 500, available: 397 } }, { status: 422 }), { once: true }),
    );
    const el = await widget();
    part(el, 'use')!.click();
    await until(() => expect(part(el, 'message')?.textContent).to.equal('This needs 500 points; you have 397.'));
    expect(available()).to.equal(397);
  });

  it('shows how far a member is from rewards they cannot afford yet', async () => {
    await signInDemo();
    // Spend most of the balance first: 39 steps of pay-with-points leave 7 points.
    redeem(backend().state.engine, DEMO_PROGRAM_ID, DEMO_MEMBER_ID, { rewardId: 'pay-with-points', cartSubtotal: 10_100 }, clock.now());
    const el = await widget();
    const rows = parts(el, 'reward').map((r) => r.textContent!.replace(/\s+/g, ' ').trim());
    expect(rows[0]).to.contain('93 more points needed');
    expect(rows[1]).to.contain('43 more points needed');
    expect(rows[2]).to.contain('You need 10 points for the first $1.00 off.');
    expect(parts(el, 'use')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('speaks the shopper’s language', async () => {
    await signInDemo();
    for (const [locale, words] of [
      ['es', 'Tienes 397 puntos para gastar.'],
      ['ro', 'Ai 397 de puncte de folosit.'],
      ['zh-CN', '您有 397 积分可用。'],
    ] as const) {
      await setLocale(locale);
      const el = await widget();
      expect(part(el, 'balance')!.textContent).to.equal(words);
      expect(text(el)).not.to.match(/redeem\.|[{}]/);
      await expect(el).to.be.accessible();
    }
  });
});
