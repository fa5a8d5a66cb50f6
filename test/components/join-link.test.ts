import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/join-link/join-link.js';
import '../../src/components/signup-popup/signup-popup.js';
import type { FidelioJoinLink } from '../../src/components/join-link/join-link.component.js';
import { $cart, setCart } from '../../src/stores/cart.js';
import { identify } from '../../src/stores/session.js';
import { enrollMember } from '../../src/engine/index.js';
import { DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { captureWarnings, clock, freshSdkEachTest, tokenFor, until } from '../helpers/backend.js';

const cart = (unitPrice: number, quantity = 1) => ({ currency: 'USD', lines: [{ id: 'p-fern', name: 'Boston fern', category: 'plants', unitPrice, quantity }], subtotal: unitPrice * quantity });
const text = (el: FidelioJoinLink) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();

describe('<fidelio-join-link>', () => {
  const backend = freshSdkEachTest(() => $cart.set(null));

  it('invites a signed-out shopper to join with the points this order would earn, and opens the popup', async () => {
    const host = await fixture<HTMLElement>(html`<div><fidelio-join-link .cart=${cart(9550)}></fidelio-join-link><fidelio-signup-popup></fidelio-signup-popup></div>`);
    const el = host.querySelector('fidelio-join-link')!;
    await until(() => expect(text(el)).to.equal('Join and earn 9 points on this order'));
    await expect(el).to.be.accessible();
    setTimeout(() => el.shadowRoot!.querySelector('button')!.click());
    const event = await oneEvent(el, 'fidelio-join');
    expect(event.detail).to.deep.equal({ source: 'checkout' });
    const popup = host.querySelector('fidelio-signup-popup')!;
    await until(() => expect(popup.shadowRoot!.querySelector('dialog')!.open).to.equal(true));
  });

  it('follows the cart as it changes, and tells a member what they will earn', async () => {
    const { member } = enrollMember(backend().state.engine, DEMO_PROGRAM_ID, { email: 'new.member@example.com' }, clock.now());
    await identify(await tokenFor(member.id));
    const el = await fixture<FidelioJoinLink>(html`<fidelio-join-link></fidelio-join-link>`);
    setCart(cart(2000, 10));
    await until(() => expect(text(el)).to.equal('You will earn 20 points with this order.'));
    el.cart = cart(1000, 1);
    await until(() => expect(text(el)).to.equal('You will earn 1 point with this order.'));
  });

  it('refuses a malformed cart with one warning and keeps the previous one', async () => {
    setCart(cart(5000));
    const warnings = captureWarnings();
    try {
      expect(setCart({ currency: 'usd', lines: [], subtotal: 1 })).to.equal(false);
      expect(setCart({ currency: 'USD', lines: [{ id: 'x', name: 'x', unitPrice: 10.5, quantity: 1 }], subtotal: 10 })).to.equal(false);
    } finally {
      warnings.restore();
    }
    expect($cart.get()!.subtotal).to.equal(5000);
    expect(warnings.messages).to.have.length(2);
    expect(warnings.messages[1]).to.match(/^\[fidelio\] Fidelio\.setCart\(\) ignored a malformed cart: cart\.lines\[0\]\.unitPrice: expected an integer/);
  });

  it('says nothing wrong when the preview fails: the plain invitation stays', async () => {
    const { http, HttpResponse } = await import('msw');
    backend().worker.use(http.post('*/v1/programs/:programId/cart/preview', () => HttpResponse.error()));
    const el = await fixture<FidelioJoinLink>(html`<fidelio-join-link .cart=${cart(9550)}></fidelio-join-link>`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(text(el)).to.equal('Join and earn points on this order');
  });
});
