import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/components/earn-preview/earn-preview.js';
import type { FidelioEarnPreview } from '../../src/components/earn-preview/earn-preview.component.js';
import { $cart, $cartPreview, setCart } from '../../src/stores/cart.js';
import { $merchantTexts, setLocale } from '../../src/i18n/index.js';
import { captureWarnings, freshSdkEachTest, signInDemo, until } from '../helpers/backend.js';
import { cleanStores } from 'nanostores';

const line = (id: string, name: string, unitPrice: number, quantity: number, category: string) => ({ id, name, unitPrice, quantity, category });
const cartOf = (...lines: ReturnType<typeof line>[]) => ({ currency: 'USD', lines, subtotal: lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0) });
const monstera = line('p-monstera', 'Monstera deliciosa', 4500, 1, 'plants');
const pots = line('p-pot', 'Terracotta pot', 2000, 2, 'pots');

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<fidelio-earn-preview>', () => {
  const backend = freshSdkEachTest(() => {
    cleanStores($cartPreview);
    $cartPreview.set({ status: 'idle' });
    $cart.set(null);
  });

  async function preview(cart = cartOf(monstera, pots)): Promise<FidelioEarnPreview> {
    const el = await fixture<FidelioEarnPreview>(html`<fidelio-earn-preview .cart=${cart}></fidelio-earn-preview>`);
    await until(() => expect($cartPreview.get().status).to.equal('ready'));
    await el.updateComplete;
    return el;
  }

  it('shows a signed-out shopper what joining would earn on this cart, promotions included', async () => {
    const el = await preview();
    // $85 → 8 points, plus the double-points promotion on the two pots ($40 → 4 more).
    expect(part(el, 'join')!.textContent!.trim()).to.equal('Join and earn 12 points with this order');
    expect(text(el)).to.contain('+ double points on 2 items');
    expect(text(el)).to.contain('+ 100 points for joining');
    await expect(el).to.be.accessible();
    setTimeout(() => part(el, 'join')!.click());
    expect((await oneEvent(el, 'fidelio-join')).detail).to.deep.equal({ source: 'earn-preview' });
  });

  it('is reachable by keyboard: Enter on the join offer asks to join', async () => {
    const el = await preview();
    part(el, 'join')!.focus();
    const joined = oneEvent(el, 'fidelio-join');
    await sendKeys({ press: 'Enter' });
    expect((await joined).detail.source).to.equal('earn-preview');
  });

  it('tells a member what the order earns and the tier it brings them to', async () => {
    await signInDemo();
    const el = await preview();
    expect(part(el, 'points')!.textContent).to.equal('You’ll earn 12 points with this order.');
    expect(text(el)).to.contain('+ double points on 2 items');
    // Ana is $70 short of Silver; $85 of merchandise gets her there.
    expect(part(el, 'tier')!.textContent).to.equal('This order takes you to Silver!');
    expect(text(el)).to.contain('They become spendable 30 days after the order (the return window).');
    await expect(el).to.be.accessible();
  });

  it('names the next tier in the shopper\'s language, reading the program for its translations', async () => {
    await setLocale('ro');
    try {
      await signInDemo();
      const el = await preview();
      // no other widget on this page reads the program: the preview asks for it once
      await until(() => expect(part(el, 'tier')!.textContent).to.equal('Această comandă te duce la nivelul Argint!'));
      expect($merchantTexts.get()?.ro?.['Silver']).to.equal('Argint');
    } finally {
      $merchantTexts.set(null);
      await setLocale('en');
    }
  });

  it('says how far the next tier is after a smaller order, and follows cart changes', async () => {
    await signInDemo();
    const el = await preview(cartOf(monstera));
    expect(part(el, 'points')!.textContent).to.equal('You’ll earn 4 points with this order.');
    expect(part(el, 'tier')!.textContent).to.equal('After this order, spend $25.00 more to reach Silver.');
    expect(part(el, 'promotion')).to.equal(null);
    setCart(cartOf(monstera, pots));
    await until(() => expect(part(el, 'points')?.textContent).to.equal('You’ll earn 12 points with this order.'));
  });

  it('speaks every supported language', async () => {
    await signInDemo();
    const seen = new Set<string>();
    for (const [locale, words] of [
      ['es', 'Ganarás 12 puntos'],
      ['ro', 'Vei câștiga 12 puncte'],
      ['zh-CN', '此订单您将获得 12 积分'],
    ] as const) {
      await setLocale(locale);
      const el = await preview();
      expect(text(el)).to.contain(words);
      expect(text(el)).not.to.match(/earn\.|[{}]/);
      seen.add(text(el));
      await expect(el).to.be.accessible();
    }
    expect(seen.size).to.equal(3);
  });

  it('offers a visitor with an empty cart the joining bonus, not "0 points with this order"', async () => {
    const el = await preview(cartOf());
    expect(part(el, 'join')!.textContent!.trim()).to.equal('Join and get 100 points');
    expect(text(el)).to.equal('Join and get 100 points');
    await expect(el).to.be.accessible();
    setTimeout(() => part(el, 'join')!.click());
    expect((await oneEvent(el, 'fidelio-join')).detail).to.deep.equal({ source: 'earn-preview' });
    await setLocale('ro');
    try {
      await until(() => expect(text(el)).to.equal('Înscrie-te și primești 100 de puncte'));
    } finally {
      await setLocale('en');
    }
  });

  it('says nothing to a member about an order with nothing in it, and speaks once the cart fills', async () => {
    await signInDemo();
    const el = await preview(cartOf());
    expect(text(el)).to.equal('');
    setCart(cartOf(monstera));
    await until(() => expect(part(el, 'points')?.textContent).to.equal('You’ll earn 4 points with this order.'));
  });

  it('tells a member whose cart earns nothing yet the rate points come at, in their language', async () => {
    let programReads = 0;
    backend().worker.use(http.get('*/v1/programs/:programId', () => void programReads++));
    await signInDemo();
    const el = await preview(cartOf(line('p-seeds', 'Seed packet', 500, 1, 'seeds')));
    expect(part(el, 'points')!.textContent).to.equal('You’ll earn 0 points with this order.');
    await until(() => expect(part(el, 'rate')?.textContent).to.equal('Earn 1 point for every $10.00 you spend.'));
    // the rules (and the tier names' translations with them) are read once
    await until(() => expect(text(el)).to.contain('spend $65.00 more to reach Silver'));
    expect(programReads).to.equal(1);
    await expect(el).to.be.accessible();
    await setLocale('es');
    try {
      await until(() => expect(part(el, 'rate')?.textContent).to.match(/^Gana 1 punto por cada 10,00\s?US\$/));
    } finally {
      await setLocale('en');
    }
    // a cart that earns points says how many, not the rate
    setCart(cartOf(monstera));
    await until(() => expect(part(el, 'points')?.textContent).to.equal('You’ll earn 4 points with this order.'));
    expect(part(el, 'rate')).to.equal(null);
  });

  it('tells the developer why the backend refused the cart (here: not the currency of the program)', async () => {
    const warnings = captureWarnings();
    try {
      const el = await fixture<FidelioEarnPreview>(html`<fidelio-earn-preview .cart=${{ ...cartOf(monstera), currency: 'EUR' }}></fidelio-earn-preview>`);
      await until(() => expect($cartPreview.get().status).to.equal('error'));
      await el.updateComplete;
      expect(warnings.messages.filter((m) => m.includes('the backend refused the cart'))).to.deep.equal(['[fidelio] the backend refused the cart from Fidelio.setCart(): /currency must be USD.']);
    } finally {
      warnings.restore();
    }
  });

  it('stays quiet (no broken sentence) when the preview cannot be had', async () => {
    backend().worker.use(http.post('*/v1/programs/:programId/cart/preview', () => HttpResponse.json({ earn: { points: 'many' } })));
    const el = await fixture<FidelioEarnPreview>(html`<fidelio-earn-preview .cart=${cartOf(monstera)}></fidelio-earn-preview>`);
    await until(() => expect($cartPreview.get().status).to.equal('error'));
    await el.updateComplete;
    expect(text(el)).to.equal('');
  });
});
