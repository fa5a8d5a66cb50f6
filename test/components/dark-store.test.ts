/**
 * The checkout's in-page widgets write on the store's own background in its text colour: their green
 * (points earned, a code accepted) and red (a refusal, a failed redemption) must read at 4.5:1 on
 * a light store and on a dark one alike (WCAG 1.4.3).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/components/earn-preview/earn-preview.js';
import '../../src/components/coupon-field/coupon-field.js';
import '../../src/components/points-redeem/points-redeem.js';
import '../../src/components/join-link/join-link.js';
import { $cart, $cartPreview } from '../../src/stores/cart.js';
import { $coupon } from '../../src/stores/coupon.js';
import { resetRedeem } from '../../src/stores/redeem.js';
import { freshSdkEachTest, signInDemo, until } from '../helpers/backend.js';
import { contrastRatio } from '../helpers/contrast.js';

const line = (id: string, name: string, unitPrice: number) => ({ id, name, unitPrice, quantity: 1, category: 'plants' });
const cart = { currency: 'USD', lines: [line('p-monstera', 'Monstera deliciosa', 4500), line('p-fig', 'Fiddle-leaf fig', 5600)], subtotal: 10_100 };

/** Two light stores and two dark ones, each with its own text colour. */
const THEMES = [
  { background: 'rgb(255, 255, 255)', color: 'rgb(31, 35, 48)' },
  { background: 'rgb(255, 255, 255)', color: 'rgb(0, 0, 0)' },
  { background: 'rgb(240, 240, 240)', color: 'rgb(89, 89, 89)' },
  { background: 'rgb(17, 17, 17)', color: 'rgb(240, 240, 240)' },
  { background: 'rgb(30, 30, 30)', color: 'rgb(204, 204, 204)' },
];

const inside = (host: Element, tag: string, selector: string) => host.querySelector(tag)!.shadowRoot!.querySelector<HTMLElement>(selector);

describe('checkout widgets on a light and a dark store', () => {
  const backend = freshSdkEachTest(() => {
    $cart.set(null);
    $cartPreview.set({ status: 'idle' });
    $coupon.set({ status: 'idle' });
    resetRedeem();
  });

  /** The text's colour against the page's background, in every theme. */
  function expectReadable(page: HTMLElement, what: string, text: HTMLElement | null | undefined): void {
    expect(text, what).to.exist;
    for (const { background, color } of THEMES) {
      page.style.background = background;
      page.style.color = color;
      const ratio = contrastRatio(getComputedStyle(text!).color, background);
      expect(ratio, `${what}: ${getComputedStyle(text!).color} on ${background} (text ${color})`).to.be.at.least(4.5);
    }
  }

  it('shows the points earned, an accepted code and a refusal at 4.5:1 or more, and a theme’s colours still win', async () => {
    await signInDemo();
    const page = await fixture<HTMLElement>(html`<div>
      <fidelio-earn-preview .cart=${cart}></fidelio-earn-preview>
      <fidelio-coupon-field></fidelio-coupon-field>
      <fidelio-points-redeem></fidelio-points-redeem>
    </div>`);
    await until(() => expect(inside(page, 'fidelio-earn-preview', '[part~="points"]')).to.exist);
    expectReadable(page, 'earn preview', inside(page, 'fidelio-earn-preview', '[part~="points"]'));

    (inside(page, 'fidelio-coupon-field', 'input') as HTMLInputElement).value = 'NOPE';
    inside(page, 'fidelio-coupon-field', '[part~="apply"]')!.click();
    await until(() => expect(inside(page, 'fidelio-coupon-field', '.refused')).to.exist);
    expectReadable(page, 'coupon refusal', inside(page, 'fidelio-coupon-field', '.refused'));
    // the documented property still sets the colour outright
    page.style.setProperty('--fidelio-danger', 'rgb(4, 5, 6)');
    expect(getComputedStyle(inside(page, 'fidelio-coupon-field', '.refused')!).color).to.equal('rgb(4, 5, 6)');
    page.style.removeProperty('--fidelio-danger');

    // a redemption the server fails, then one that goes through
    await until(() => expect(inside(page, 'fidelio-points-redeem', '[part~="use"]')).to.exist);
    backend().worker.use(http.post('*/v1/programs/:programId/me/redemptions', () => HttpResponse.json({ type: 'about:blank', title: 'Boom', status: 503, code: 'server' }, { status: 503 }), { once: true }));
    inside(page, 'fidelio-points-redeem', '[part~="use"]')!.click();
    await until(() => expect(inside(page, 'fidelio-points-redeem', '.bad')).to.exist);
    expectReadable(page, 'failed redemption', inside(page, 'fidelio-points-redeem', '.bad'));
    inside(page, 'fidelio-points-redeem', '[part~="use"]')!.click();
    await until(() => expect(inside(page, 'fidelio-points-redeem', '.ok')).to.exist);
    expectReadable(page, 'redemption', inside(page, 'fidelio-points-redeem', '.ok'));
    await until(() => expect(inside(page, 'fidelio-coupon-field', '.accepted')).to.exist);
    expectReadable(page, 'accepted code', inside(page, 'fidelio-coupon-field', '.accepted'));

    page.style.setProperty('--fidelio-success', 'rgb(1, 2, 3)');
    expect(getComputedStyle(inside(page, 'fidelio-coupon-field', '.accepted')!).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(inside(page, 'fidelio-earn-preview', '[part~="points"]')!).color).to.equal('rgb(1, 2, 3)');
  });

  it('writes the join offers’ links at 4.5:1 or more, and --fidelio-link still sets their colour', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <fidelio-join-link .cart=${cart}></fidelio-join-link>
      <fidelio-earn-preview .cart=${cart}></fidelio-earn-preview>
    </div>`);
    await until(() => expect(inside(page, 'fidelio-join-link', '.link')).to.exist);
    await until(() => expect(inside(page, 'fidelio-earn-preview', '.link')).to.exist);
    expectReadable(page, 'join link', inside(page, 'fidelio-join-link', '.link'));
    expectReadable(page, 'earn preview join', inside(page, 'fidelio-earn-preview', '.link'));

    page.style.setProperty('--fidelio-link', 'rgb(7, 8, 9)');
    expect(getComputedStyle(inside(page, 'fidelio-join-link', '.link')!).color).to.equal('rgb(7, 8, 9)');
    expect(getComputedStyle(inside(page, 'fidelio-earn-preview', '.link')!).color).to.equal('rgb(7, 8, 9)');
  });
});
