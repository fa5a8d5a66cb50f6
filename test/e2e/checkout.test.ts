/**
 * The demo store end to end, as a shopper uses it: the real demo page (its own reference backend,
 * persisted in IndexedDB, and the drop-in from source) in a frame, driven through its DOM.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/backend.js';
import { clearMockState } from '../../src/mock/index.js';

type FrameWindow = Window & typeof globalThis & { Fidelio?: { refresh(): Promise<void> } };

/** The text of an element's shadow root, spaces collapsed. */
const shadowText = (el: Element | null) => (el?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
const textOf = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const inShadow = <T extends Element>(host: Element | null, selector: string) => host?.shadowRoot?.querySelector<T>(selector) ?? null;

describe('demo store, end to end: coupon, points and the order', function () {
  // The demo seeds two years of history for 250 customers on first load.
  this.timeout(60_000);
  let frame: HTMLIFrameElement;

  before(async () => {
    localStorage.removeItem('casa-verde-cart');
    sessionStorage.clear();
    // emptied, never deleted: a deletion blocked by another page's connection stalls later opens
    await clearMockState();
  });

  after(() => frame?.remove());

  it('refuses a brand-excluded code with the reason, applies a good one, redeems points and places the order', async () => {
    frame = document.createElement('iframe');
    frame.style.cssText = 'width: 1000px; height: 1400px';
    frame.src = '/demo/index.html?signed-in&lang=en';
    document.body.append(frame);
    const win = () => frame.contentWindow as FrameWindow;
    const doc = () => frame.contentDocument!;
    await until(() => expect(doc().querySelectorAll('#products button')).to.have.length(6), 30_000);
    const add = (name: string) => {
      const item = [...doc().querySelectorAll('#products li')].find((li) => li.querySelector('strong')!.textContent === name)!;
      item.querySelector('button')!.click();
    };
    const badge = () => doc().querySelector('#checkout fidelio-points-badge');
    const availableOnBadge = () => Number(inShadow(badge(), '[part~="points"]')?.textContent?.replace(/\D/g, '') ?? NaN);

    // 1. Only the watering can (brand Acme Garden) in the cart: SPRING15 excludes that brand.
    add('Brass watering can');
    win().location.hash = '#checkout';
    await until(() => expect(inShadow(doc().querySelector('fidelio-coupon-field'), 'input')).to.exist, 10_000);
    const field = () => doc().querySelector('fidelio-coupon-field')!;
    const apply = async (code: string) => {
      inShadow<HTMLInputElement>(field(), 'input')!.value = code;
      inShadow<HTMLButtonElement>(field(), '[part~="apply"]')!.click();
    };
    await apply('SPRING15');
    await until(() => expect(textOf(inShadow(field(), '[part~="message"]'))).to.equal('This code does not apply to Brass watering can (brand Acme Garden).'));

    // 2. More plants and pots: WELCOME10 ($10 off $50) holds, and the host shows the new total.
    win().location.hash = '';
    add('Monstera deliciosa');
    add('Terracotta pot 20 cm');
    const before = field();
    win().location.hash = '#checkout';
    await until(() => expect(field() !== before && inShadow(field(), 'input') !== null).to.equal(true));
    // Fidelio has the new cart once the preview counts it: $119, 11 points plus 1 for the pot.
    const earn = () => doc().querySelector('fidelio-earn-preview')!;
    await until(() => expect(shadowText(earn())).to.contain('You’ll earn 12 points with this order.'), 10_000);
    await apply('welcome10');
    await until(() => expect(doc().getElementById('discount-line')!.textContent).to.equal('WELCOME10:−$10.00'));
    // $119 of goods, $5 shipping, $10 off: the host's total says what the shopper pays
    expect(doc().getElementById('order-total')!.textContent).to.equal('$114.00');
    expect(textOf(inShadow(field(), '[part~="message"]'))).to.equal('WELCOME10: $10.00 off your order.');
    expect(textOf(inShadow(field(), '[part~="remove"]'))).to.equal('Remove');

    // 3. Ana (signed in) pays with points instead: the reward's coupon replaces WELCOME10.
    const redeem = () => doc().querySelector('fidelio-points-redeem')!;
    await until(() => expect(inShadow(redeem(), '[part~="balance"]')?.textContent).to.equal('You have 397 points to spend.'), 10_000);
    const firstUse = inShadow<HTMLButtonElement>(redeem(), '[part~="use"]')!;
    expect(firstUse.getAttribute('aria-label')).to.equal('Use 100 points for $10.00 off your order');
    firstUse.click();
    await until(() => expect(doc().getElementById('discount-line')!.textContent).to.match(/^R-\w+:−\$10\.00$/), 10_000);
    expect(doc().getElementById('order-total')!.textContent).to.equal('$114.00');
    await until(() => expect(inShadow(redeem(), '[part~="balance"]')?.textContent).to.equal('You have 297 points to spend.'));
    // Earned on what Ana pays: $109 after the reward.
    await until(() => expect(shadowText(earn())).to.contain('You’ll earn 11 points with this order.'));
    await until(() => expect(availableOnBadge()).to.equal(297));
    badge()!.dispatchEvent(new Event('pointerenter')); // the shopper points at the badge: its tooltip is written
    await until(() => expect(textOf(inShadow(badge(), '[part~="details"]'))).to.contain('86 points pending'));

    // 4. Place the order (the demo plays the merchant's server): it earns pending points.
    doc().getElementById('place-order')!.click();
    await until(() => expect(doc().getElementById('order-status')!.textContent).to.match(/web-/), 10_000);
    // the checkout was drawn again (Place order with it): focus is on the confirmation, not the page's top
    expect(doc().activeElement === doc().getElementById('order-status')).to.equal(true);
    // $119 of merchandise less the $10 reward: 10 points, plus 1 for the pot at double points.
    await until(() => {
      badge()!.dispatchEvent(new Event('pointerenter'));
      expect(textOf(inShadow(badge(), '[part~="details"]'))).to.contain('97 points pending');
    }, 10_000);
    expect(availableOnBadge()).to.equal(297);
  });

  it('moves the widgets’ dates with the demo’s time travel: a pending line reads as earned a month on', async () => {
    frame?.remove();
    await clearMockState();
    frame = document.createElement('iframe');
    frame.style.cssText = 'width: 1000px; height: 1400px';
    frame.src = '/demo/index.html?signed-in&lang=en#rewards';
    document.body.append(frame);
    const doc = () => frame.contentDocument!;
    const panel = () => doc().querySelector('#rewards fidelio-member-panel');
    const line = () => [...(panel()?.shadowRoot?.querySelectorAll('table[part~="history"] tbody tr') ?? [])].map(textOf).find((row) => row.includes('o_1003')) ?? '';
    await until(() => expect(line()).to.contain('Pending'), 30_000);
    doc().getElementById('travel')!.click();
    await until(() => expect(line()).to.match(/Earned/), 10_000);
  });

  it('lets a member who is not signed in sign in from the signup popup (the store signs in on the page)', async () => {
    frame?.remove();
    sessionStorage.clear();
    frame = document.createElement('iframe');
    frame.style.cssText = 'width: 1000px; height: 900px';
    frame.src = '/demo/index.html?lang=en';
    document.body.append(frame);
    const doc = () => frame.contentDocument!;
    await until(() => expect(doc().querySelectorAll('#products button')).to.have.length(6), 30_000);
    const popup = () => doc().querySelector('fidelio-signup-popup');
    doc().getElementById('join')!.click();
    await until(() => expect(inShadow<HTMLDialogElement>(popup(), 'dialog')?.open).to.equal(true), 10_000);
    const signIn = inShadow(popup(), '[part~="sign-in"]');
    expect(textOf(signIn)).to.equal('Already a member? Sign in');
    signIn!.querySelector('a')!.click();
    await until(() => expect(inShadow<HTMLDialogElement>(popup(), 'dialog')?.open).to.equal(false));
    expect(frame.contentWindow!.location.hash, 'the store signed in on the page').to.equal('');
    await until(() => expect(doc().getElementById('sign-out')!.hidden).to.equal(false), 10_000);
    await until(() => expect(inShadow(doc().querySelector('header fidelio-points-badge'), '[part~="points"]')?.textContent).to.match(/^\d+ points$/), 10_000);
  });
});
