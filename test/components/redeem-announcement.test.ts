/**
 * One press of Use at checkout, one thing said: the redemption's result. The coupon field checking
 * and applying the bought code, the badge's new balance and the earn preview's new points are shown,
 * not announced, for that press (they are its consequences, and the sentence covers them).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/components/points-badge/points-badge.js';
import '../../src/components/earn-preview/earn-preview.js';
import '../../src/components/coupon-field/coupon-field.js';
import '../../src/components/points-redeem/points-redeem.js';
import { $cart, $cartPreview, setCart } from '../../src/stores/cart.js';
import { $coupon } from '../../src/stores/coupon.js';
import { $redeem, resetRedeem } from '../../src/stores/redeem.js';
import { setLocale } from '../../src/i18n/index.js';
import { clock, freshSdkEachTest, signInDemo, until } from '../helpers/backend.js';
import { redeem } from '../../src/engine/index.js';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID } from '../../src/mock/index.js';

const line = (id: string, name: string, unitPrice: number) => ({ id, name, unitPrice, quantity: 1, category: 'plants' });
const cart = { currency: 'USD', lines: [line('p-monstera', 'Monstera deliciosa', 4500), line('p-fig', 'Fiddle-leaf fig', 5600)], subtotal: 10_100 };

const LIVE = '[role="status"], [role="alert"], [aria-live]';
const isLive = (el: Element) => el.getAttribute('aria-live') !== 'off';
const spoken = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * Records what every live region in the widgets' shadow roots comes to say (a non-empty text it did
 * not hold before, while live), until stopped.
 */
function recordAnnouncements(widgets: Element[]): { said: string[]; stop(): void } {
  const said: string[] = [];
  const last = new WeakMap<Element, string>();
  const regions = () => widgets.flatMap((w) => [...w.shadowRoot!.querySelectorAll(LIVE)]);
  for (const region of regions()) last.set(region, spoken(region));
  const check = () => {
    for (const region of regions()) {
      const text = spoken(region);
      if (text === last.get(region)) continue;
      last.set(region, text);
      if (text && isLive(region)) said.push(text);
    }
  };
  const observer = new MutationObserver(check);
  for (const w of widgets) observer.observe(w.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
  return {
    said,
    stop() {
      check();
      observer.disconnect();
    },
  };
}

describe('Use at checkout, announced once', () => {
  const backend = freshSdkEachTest(() => {
    $cart.set(null);
    $cartPreview.set({ status: 'idle' });
    $coupon.set({ status: 'idle' });
    resetRedeem();
  });
  afterEach(() => setLocale('en'));

  async function checkout() {
    await signInDemo();
    const page = await fixture<HTMLElement>(html`<div>
      <fidelio-points-badge></fidelio-points-badge>
      <fidelio-earn-preview .cart=${cart}></fidelio-earn-preview>
      <fidelio-coupon-field></fidelio-coupon-field>
      <fidelio-points-redeem></fidelio-points-redeem>
    </div>`);
    const widgets = [...page.children];
    const redeem = page.querySelector('fidelio-points-redeem')!;
    const inRedeem = (selector: string) => redeem.shadowRoot!.querySelector<HTMLElement>(selector);
    await until(() => expect(inRedeem('[part~="use"]')).to.exist);
    await until(() => expect(page.querySelector('fidelio-earn-preview')!.shadowRoot!.querySelector('[part~="points"]')).to.exist);
    await until(() => expect(page.querySelector('fidelio-points-badge')!.shadowRoot!.querySelector('[part~="points"]')).to.exist);
    return { page, widgets, inRedeem };
  }

  /** Every widget done with the press: the code on the order, the new balance and earnings shown. */
  async function settled(page: HTMLElement) {
    await until(() => expect($coupon.get().status).to.equal('applied'));
    await until(() => expect(page.querySelector('fidelio-points-badge')!.shadowRoot!.querySelector('[part~="points"]')!.textContent).to.match(/297/));
    // (the earn preview asks again 150 ms after the code changed)
    await new Promise((resolve) => setTimeout(resolve, 400));
    await until(() => expect($cartPreview.get().status).to.equal('ready'));
    for (const w of page.children) await (w as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const code = () => ($redeem.get() as { redemption: { coupon: { code: string } } }).redemption.coupon.code;

  for (const [locale, sentence] of [
    ['en', (c: string) => `100 points used: $10.00 off with code ${c}.`],
    ['es', (c: string) => `100 puntos usados: 10,00 US$ de descuento con el código ${c}.`],
  ] as const) {
    it(`says the result of a press once, in ${locale}: nothing else in any widget speaks`, async () => {
      await setLocale(locale);
      const { page, widgets, inRedeem } = await checkout();
      const recorder = recordAnnouncements(widgets);
      inRedeem('[part~="use"]')!.click();
      await settled(page);
      recorder.stop();
      expect(recorder.said).to.deep.equal([sentence(code())]);
    });
  }

  it('reads the result once from the keyboard: the message that replaces Use takes focus, and no live region repeats it', async () => {
    const { page, widgets, inRedeem } = await checkout();
    inRedeem('[part~="use"]')!.focus();
    const recorder = recordAnnouncements(widgets);
    await sendKeys({ press: 'Enter' });
    await settled(page);
    recorder.stop();
    expect(recorder.said).to.deep.equal([]);
    const message = inRedeem('[part~="message"]')!;
    expect(page.querySelector('fidelio-points-redeem')!.shadowRoot!.activeElement).to.equal(message);
    expect(spoken(message)).to.equal(`100 points used: $10.00 off with code ${code()}.`);
  });

  it('says a failed press once, where the press stays', async () => {
    const { widgets, inRedeem } = await checkout();
    // (down for the whole test: the outbox keeps a write that failed this way and sends it again when
    // the page is idle, which in WebKit, without requestIdleCallback, came 200 ms after the widgets
    // mounted, during this test: the redemption then went through and the badge said the new balance)
    backend().worker.use(http.post('*/v1/programs/:programId/me/redemptions', () => HttpResponse.json({ type: 'about:blank', title: 'Boom', status: 503, code: 'server' }, { status: 503 })));
    const recorder = recordAnnouncements(widgets);
    inRedeem('[part~="use"]')!.click();
    await until(() => expect(inRedeem('.bad')).to.exist);
    await new Promise((resolve) => setTimeout(resolve, 300));
    recorder.stop();
    expect(recorder.said).to.deep.equal([spoken(inRedeem('.bad')!)]);
  });

  it('says a lost answer, then once that the points were spent after all when the SDK finds out: nothing else speaks', async () => {
    const { page, widgets, inRedeem } = await checkout();
    // the server redeems, then fails before answering
    backend().worker.use(
      http.post(
        '*/v1/programs/:programId/me/redemptions',
        async ({ request }) => {
          const body = (await request.json()) as { rewardId: string; cart: { subtotal: number } };
          redeem(backend().state.engine, DEMO_PROGRAM_ID, DEMO_MEMBER_ID, { rewardId: body.rewardId, cartSubtotal: body.cart.subtotal }, clock.now(), request.headers.get('Idempotency-Key')!);
          return HttpResponse.json({ type: 'about:blank', title: 'Boom', status: 500, code: 'server' }, { status: 500 });
        },
        { once: true },
      ),
    );
    const recorder = recordAnnouncements(widgets);
    inRedeem('[part~="use"]')!.click();
    await until(() => expect($redeem.get().status).to.equal('redeemed'), 5000);
    await settled(page);
    recorder.stop();
    expect(recorder.said).to.deep.equal([
      'Rewards are unavailable right now. Please try again later. We could not tell whether it went through: press Use again, it will not spend your points twice.',
      `100 points used: $10.00 off with code ${code()}.`,
    ]);
  });

  it('says once that Remove took a bought code off: the coupon field, where the press was, speaks; the points widget shows it', async () => {
    const { page, inRedeem } = await checkout();
    inRedeem('[part~="use"]')!.click();
    await settled(page);
    const field = page.querySelector('fidelio-coupon-field')!;
    field.shadowRoot!.querySelector<HTMLElement>('[part~="remove"]')!.focus();
    const recorder = recordAnnouncements([field, page.querySelector('fidelio-points-redeem')!, page.querySelector('fidelio-points-badge')!, page.querySelector('fidelio-earn-preview')!]);
    await sendKeys({ press: 'Enter' });
    await until(() => expect(inRedeem('[part~="off-order"]')).to.exist);
    await new Promise((resolve) => setTimeout(resolve, 400));
    for (const w of page.children) await (w as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    recorder.stop();
    // the earn preview then says the order's new points, as after any code the shopper removes, and
    // not its "Counting your points…" before them
    expect(recorder.said).to.deep.equal([`Code ${code()} removed from your order.`, 'You’ll earn 10 points with this order.']);
    // (what it means for the points is on show beside Apply it again)
    expect(spoken(inRedeem('[part~="off-order"]')!)).to.equal(`Code ${code()} is not on this order any more; your points are still spent on it.`);
  });

  it('says once that the store’s checkout vetoed the code a press bought', async () => {
    const { page, widgets, inRedeem } = await checkout();
    page.addEventListener('fidelio-coupon-apply', (event) => event.preventDefault(), { once: true });
    const recorder = recordAnnouncements(widgets);
    inRedeem('[part~="use"]')!.click();
    await until(() => expect(inRedeem('[part~="off-order"]')).to.exist);
    await new Promise((resolve) => setTimeout(resolve, 400));
    for (const w of page.children) await (w as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    recorder.stop();
    expect(recorder.said).to.deep.equal([`Code ${code()} is not on this order any more; your points are still spent on it.`]);
  });

  /** The coupon check refuses the next code it is asked about: the cart is below the code's minimum. */
  const refuseNextCheck = () =>
    backend().worker.use(
      http.post('*/v1/programs/:programId/coupons/validate', () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Minimum spend not reached', status: 422, code: 'coupon_min_spend', params: { minSpend: { amount: 15_000, currency: 'USD' }, missing: { amount: 4_900, currency: 'USD' } } },
          { status: 422 },
        ),
      { once: true },
      ),
    );
  const refusal = 'Spend $49.00 more to use this code (minimum $150.00).';
  /** What the pressed widget says: the code off the order, its points still spent, and why. */
  const offOrder = (c: string) => `Your points are still spent on code ${c}, but it is not on this order: ${refusal}`;

  /** The bought code refused: off the order in the redeem widget, the reason on show in the coupon field. */
  async function refused(page: HTMLElement, inRedeem: (selector: string) => HTMLElement | null, reason = refusal) {
    await until(() => expect(inRedeem('[part~="off-order"]')).to.exist);
    await until(() => expect(spoken(page.querySelector('fidelio-coupon-field')!.shadowRoot!.querySelector('[part~="message"]')!)).to.equal(reason));
    await new Promise((resolve) => setTimeout(resolve, 400));
    for (const w of page.children) await (w as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  }

  for (const [locale, reason, sentence] of [
    ['en', refusal, offOrder],
    [
      'es',
      'Gasta 49,00 US$ más para usar este código (importe mínimo: 150,00 US$).',
      (c: string) => `Los puntos que canjeaste por el código ${c} siguen descontados, pero el código no está en este pedido: Gasta 49,00 US$ más para usar este código (importe mínimo: 150,00 US$).`,
    ],
  ] as const) {
    it(`says once, with the reason, that the order refused the code a press bought, in ${locale}: the pressed widget speaks, the coupon field shows why without a word`, async () => {
      await setLocale(locale);
      const { page, widgets, inRedeem } = await checkout();
      refuseNextCheck();
      const recorder = recordAnnouncements(widgets);
      inRedeem('[part~="use"]')!.click();
      await refused(page, inRedeem, reason);
      recorder.stop();
      expect(recorder.said).to.deep.equal([sentence(code())]);
    });
  }

  it('says once, with the reason, that a cart change took a bought code off: the points widget speaks, the coupon field shows it', async () => {
    const { page, widgets, inRedeem } = await checkout();
    inRedeem('[part~="use"]')!.click();
    await settled(page);
    refuseNextCheck();
    const recorder = recordAnnouncements(widgets);
    // the shopper takes the fig out of the cart: the code is checked again, and refused
    setCart({ ...cart, lines: [cart.lines[0]!], subtotal: 4500 });
    await refused(page, inRedeem, `${code()} no longer applies: ${refusal}`);
    recorder.stop();
    // (and the earn preview the order's new points, as after any change to the cart)
    expect(recorder.said).to.deep.equal([offOrder(code()), 'You’ll earn 4 points with this order.']);
  });

  it('says a refused bought code once from the keyboard too', async () => {
    const { page, widgets, inRedeem } = await checkout();
    refuseNextCheck();
    inRedeem('[part~="use"]')!.focus();
    const recorder = recordAnnouncements(widgets);
    await sendKeys({ press: 'Enter' });
    await refused(page, inRedeem);
    recorder.stop();
    expect(recorder.said).to.deep.equal([offOrder(code())]);
  });

  it('says the result of Apply it again once, refused or applied', async () => {
    const { page, widgets, inRedeem } = await checkout();
    refuseNextCheck();
    inRedeem('[part~="use"]')!.click();
    await refused(page, inRedeem);

    refuseNextCheck();
    let recorder = recordAnnouncements(widgets);
    inRedeem('[part~="reapply"]')!.click();
    await until(() => expect(inRedeem('[part~="reapply"]')).to.exist);
    await refused(page, inRedeem);
    recorder.stop();
    expect(recorder.said).to.deep.equal([offOrder(code())]);

    recorder = recordAnnouncements(widgets);
    inRedeem('[part~="reapply"]')!.click();
    await settled(page);
    recorder.stop();
    expect(recorder.said).to.deep.equal([`100 points used: $10.00 off with code ${code()}.`]);
  });
});
