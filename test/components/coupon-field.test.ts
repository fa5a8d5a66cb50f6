import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/components/coupon-field/coupon-field.js';
import type { FidelioCouponField } from '../../src/components/coupon-field/coupon-field.component.js';
import { $cart, setCart } from '../../src/stores/cart.js';
import { $coupon } from '../../src/stores/coupon.js';
import { setLocale } from '../../src/i18n/index.js';
import { identify, signOut } from '../../src/stores/session.js';
import { DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { API, configureForTests, freshSdkEachTest, signInDemo, tokenFor, until } from '../helpers/backend.js';
import { expectOutlinedInForcedColors } from '../helpers/forced-colors.js';

const VALIDATE = '*/v1/programs/:programId/coupons/validate';
const line = (id: string, name: string, unitPrice: number, extra: { brand?: string; category?: string } = {}) => ({ id, name, unitPrice, quantity: 1, ...extra });
const cartOf = (...lines: ReturnType<typeof line>[]) => ({ currency: 'USD', lines, subtotal: lines.reduce((s, l) => s + l.unitPrice, 0) });
const monstera = line('p-monstera', 'Monstera deliciosa', 4500, { brand: 'Verde', category: 'plants' });
const can = line('p-can', 'Brass watering can', 5600, { brand: 'Acme Garden', category: 'tools' });

const part = (el: FidelioCouponField, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const message = (el: FidelioCouponField) => el.shadowRoot!.querySelector('[part~="message"] > span')?.textContent!.replace(/\s+/g, ' ').trim() ?? '';

describe('<fidelio-coupon-field>', () => {
  let requests: number;

  const backend = freshSdkEachTest(() => {
    $cart.set(null);
    $coupon.set({ status: 'idle' });
  });
  beforeEach(() => {
    requests = 0;
    backend().worker.use(http.post(VALIDATE, () => void requests++));
  });

  async function field(cart = cartOf(monstera, can)): Promise<FidelioCouponField> {
    const el = await fixture<FidelioCouponField>(html`<fidelio-coupon-field .cart=${cart}></fidelio-coupon-field>`);
    return el;
  }

  async function apply(el: FidelioCouponField, code: string) {
    (part(el, 'input') as HTMLInputElement).value = code;
    part(el, 'apply').click();
    await until(() => expect($coupon.get().status).not.to.equal('checking'));
    await el.updateComplete;
  }

  it('is accessible empty, accepted and refused', async () => {
    const el = await field();
    await expect(el).to.be.accessible();
    await apply(el, 'welcome10');
    await expect(el).to.be.accessible();
    part(el, 'remove').click();
    await el.updateComplete;
    await apply(el, 'NOPE');
    await expect(el).to.be.accessible();
  });

  it('applies a trimmed, case-insensitive code on Enter, once, and tells the host the discount', async () => {
    const el = await field();
    part(el, 'input').focus();
    await sendKeys({ type: '  welcome10 ' });
    const applied = oneEvent(el, 'fidelio-coupon-apply');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Enter' });
    const event = await applied;
    expect(event.detail.code).to.equal('WELCOME10');
    expect(event.detail.discount).to.deep.equal({ amount: 1000, currency: 'USD' });
    expect(event.detail.lines.reduce((sum: number, l: { discount: number }) => sum + l.discount, 0)).to.equal(1000);
    expect(event.cancelable).to.equal(true);
    await until(() => expect(message(el)).to.equal('WELCOME10: $10.00 off your order.'));
    expect(part(el, 'remove').textContent).to.equal('Remove');
    // the live region reads the result alone: its Remove button is beside it, not in it
    expect(part(el, 'message').textContent!.trim()).to.equal('WELCOME10: $10.00 off your order.');
    expect(part(el, 'message').contains(part(el, 'remove'))).to.equal(false);
    expect(requests).to.equal(1);
    // too narrow for both on one line: Remove goes under the sentence, at its start, not indented
    el.style.width = '12em';
    await el.updateComplete;
    const sentence = part(el, 'message').getBoundingClientRect();
    const remove = part(el, 'remove').getBoundingClientRect();
    expect(remove.top).to.be.at.least(sentence.bottom);
    expect(remove.left - sentence.left).to.be.closeTo(0, 0.5);
  });

  const refusals: [string, string, ReturnType<typeof cartOf>][] = [
    ['NOPE', 'We do not know the code NOPE. Please check it for typos.', cartOf(monstera)],
    ['summer20', 'This code expired on Sep 1.', cartOf(monstera)],
    ['EARLYBIRD', 'This code can be used from Dec 1.', cartOf(monstera)],
    ['WELCOME10', 'Spend $5.00 more to use this code (minimum $50.00).', cartOf(monstera)],
    ['SPRING15', 'This code does not apply to Brass watering can (brand Acme Garden).', cartOf(can)],
    ['FLASH5', 'This code has been used as many times as it allows.', cartOf(monstera)],
  ];
  for (const [code, text, cart] of refusals) {
    it(`says why ${code} is refused and keeps the code in the field`, async () => {
      const el = await field(cart);
      await apply(el, code);
      expect(message(el)).to.equal(text);
      expect((part(el, 'input') as HTMLInputElement).value).to.equal(code);
      expect(part(el, 'input').getAttribute('aria-invalid')).to.equal('true');
      expect(part(el, 'message').getAttribute('role')).to.equal('status');
    });
  }

  it('wraps the refusal of a 64-character code inside a phone-wide field instead of widening the page', async () => {
    const el = await field();
    el.style.width = '320px';
    await apply(el, 'X'.repeat(64));
    expect(message(el)).to.contain('X'.repeat(64));
    const box = part(el, 'message')!;
    expect(box.scrollWidth, 'the message overflows its box').to.be.at.most(box.clientWidth + 1);
    expect(el.getBoundingClientRect().width).to.equal(320);
  });

  it('tries a members-only code again once the shopper signs in, and tells the host', async () => {
    const el = await field();
    await apply(el, 'MEMBERS20');
    expect(message(el)).to.equal('This code is for members only.');
    const applied = oneEvent(el, 'fidelio-coupon-apply');
    await signInDemo();
    expect((await applied).detail.code).to.equal('MEMBERS20');
    await until(() => expect(message(el)).to.match(/^MEMBERS20: .+ off/));
    expect(part(el, 'join')).to.equal(null);
  });

  it('offers to join when a code is for members only', async () => {
    const el = await field();
    await apply(el, 'MEMBERS20');
    expect(message(el)).to.equal('This code is for members only.');
    expect(part(el, 'join').textContent).to.equal('Join or sign in');
    setTimeout(() => part(el, 'join').click());
    const event = await oneEvent(el, 'fidelio-join');
    expect(event.detail).to.deep.equal({ source: 'coupon' });
  });

  it('removes an applied code when the cart changes so that it no longer holds, and says why', async () => {
    const el = await field(cartOf(monstera, can));
    await apply(el, 'WELCOME10');
    const removed = oneEvent(el, 'fidelio-coupon-remove');
    setCart(cartOf(monstera));
    expect((await removed).detail).to.deep.equal({ code: 'WELCOME10', reason: 'coupon_min_spend' });
    await until(() => expect(message(el)).to.equal('WELCOME10 no longer applies: Spend $5.00 more to use this code (minimum $50.00).'));
  });

  it('checks an applied code again when the checkout comes back after the cart changed on another route (a single-page app)', async () => {
    const el = await field(cartOf(monstera, can));
    await apply(el, 'WELCOME10');
    const removes: unknown[] = [];
    const count = (event: Event) => removes.push((event as CustomEvent).detail);
    document.addEventListener('fidelio-coupon-remove', count);
    try {
      // the app routes away: no coupon widget on the page, long enough for the store to let go
      const parent = el.parentNode!;
      el.remove();
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      setCart(cartOf(monstera));
      await new Promise((resolve) => setTimeout(resolve, 50));
      parent.appendChild(el);
      await until(() => expect(message(el)).to.equal('WELCOME10 no longer applies: Spend $5.00 more to use this code (minimum $50.00).'));
      expect(removes).to.deep.equal([{ code: 'WELCOME10', reason: 'coupon_min_spend' }]);
    } finally {
      document.removeEventListener('fidelio-coupon-remove', count);
    }
  });

  it('takes the code off when the host empties the cart with setCart(null)', async () => {
    const el = await field(cartOf(monstera, can));
    await apply(el, 'WELCOME10');
    const removed = oneEvent(el, 'fidelio-coupon-remove');
    setCart(null);
    expect((await removed).detail).to.deep.equal({ code: 'WELCOME10', reason: 'coupon_cart_empty' });
    await until(() => expect(message(el)).to.equal('WELCOME10 no longer applies: Your cart is empty.'));
  });

  it('tells the host once when two fields are on the page (a cart drawer and the checkout)', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><fidelio-coupon-field .cart=${cartOf(monstera, can)}></fidelio-coupon-field><fidelio-coupon-field></fidelio-coupon-field></div>`);
    const [first, second] = [...wrapper.querySelectorAll<FidelioCouponField>('fidelio-coupon-field')] as [FidelioCouponField, FidelioCouponField];
    await apply(first, 'WELCOME10');
    const seen: string[] = [];
    const note = (event: Event) => seen.push(event.type);
    document.addEventListener('fidelio-coupon-apply', note);
    document.addEventListener('fidelio-coupon-remove', note);
    try {
      // still holds, for another amount: one apply event
      setCart({ ...cartOf(monstera, can), lines: [{ ...monstera, quantity: 2 }, can], subtotal: 14_600 });
      await until(() => expect(seen).to.deep.equal(['fidelio-coupon-apply']));
      setCart(cartOf(monstera));
      await until(() => expect(message(second)).to.match(/^WELCOME10 no longer applies/));
      await first.updateComplete;
      expect(seen).to.deep.equal(['fidelio-coupon-apply', 'fidelio-coupon-remove']);
    } finally {
      document.removeEventListener('fidelio-coupon-apply', note);
      document.removeEventListener('fidelio-coupon-remove', note);
    }
  });

  it('says the currency is the problem when the cart changes to one the code is not in', async () => {
    const el = await field(cartOf(monstera, can));
    await apply(el, 'WELCOME10');
    setCart({ ...cartOf(monstera, can), currency: 'EUR' });
    await until(() => expect(message(el)).to.equal('WELCOME10 no longer applies: The code WELCOME10 is not valid for orders in EUR.'));
  });

  it('takes a member’s own reward code off, plainly, when another member signs in over them', async () => {
    await signInDemo();
    const bought = await fetch(`${API}/v1/programs/${DEMO_PROGRAM_ID}/me/redemptions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await tokenFor()}`, 'Idempotency-Key': 'switch-reward-1' },
      body: JSON.stringify({ rewardId: 'ten-off' }),
    });
    const { coupon } = (await bought.json()) as { coupon: { code: string } };
    const el = await field(cartOf(monstera, can));
    await apply(el, coupon.code);
    expect($coupon.get().status).to.equal('applied');
    const joined = await fetch(`${API}/v1/programs/${DEMO_PROGRAM_ID}/members`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'switch-ben-1' },
      body: JSON.stringify({ email: 'ben.coupon@example.org', newsletter: false }),
    });
    await identify(((await joined.json()) as { token: string }).token);
    await until(() => expect(message(el)).to.equal(`Code ${coupon.code} came off your order: it belongs to the account that was signed in before.`));
    expect(part(el, 'message').querySelector('.refused')).to.equal(null);
    signOut();
  });

  it('asks nothing again when the host hands over the same cart after its own re-render', async () => {
    const el = await field(cartOf(monstera, can));
    await apply(el, 'WELCOME10');
    expect(requests).to.equal(1);
    setCart(JSON.parse(JSON.stringify(cartOf(monstera, can))));
    await new Promise((r) => setTimeout(r, 300));
    expect(requests).to.equal(1);
    expect($coupon.get().status).to.equal('applied');
  });

  it('tells the host the new amount when the cart changes and the code still holds', async () => {
    const el = await field(cartOf(monstera));
    await apply(el, 'SPRING15');
    const again = oneEvent(el, 'fidelio-coupon-apply');
    setCart(cartOf(monstera, { ...monstera, id: 'p-monstera-2' }));
    const { detail } = await again;
    // 15% of two $45 plants.
    expect(detail).to.deep.include({ code: 'SPRING15', discount: { amount: 1350, currency: 'USD' } });
    expect(detail.lines).to.have.length(2);
  });

  it('lets the host veto the new amount after a cart change too: the code comes off, said, and the host is told', async () => {
    const el = await field(cartOf(monstera));
    await apply(el, 'SPRING15');
    // the README's veto, `if (!myCart.acceptsCoupons) e.preventDefault()`, for every fidelio-coupon-apply
    const again = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('fidelio-coupon-apply', (event) => (event.preventDefault(), resolve(event as CustomEvent)), { once: true }),
    );
    const removed = oneEvent(el, 'fidelio-coupon-remove');
    setCart(cartOf(monstera, { ...monstera, id: 'p-monstera-2' }));
    expect((await again).cancelable, 'the new figures can be vetoed').to.equal(true);
    expect((await removed).detail).to.deep.equal({ code: 'SPRING15', reason: 'coupon_declined' });
    await until(() => expect(message(el)).to.equal('SPRING15 no longer applies: The code SPRING15 cannot be used with this order.'));
    expect($coupon.get().status).to.equal('removed');
  });

  it('lets the host veto an apply, and the shopper remove a code', async () => {
    const el = await field();
    el.addEventListener('fidelio-coupon-apply', (event) => event.preventDefault(), { once: true });
    await apply(el, 'WELCOME10');
    expect($coupon.get().status).to.equal('rejected');
    expect(message(el)).to.equal('The code WELCOME10 cannot be used with this order.');
    await apply(el, 'WELCOME10');
    const removed = oneEvent(el, 'fidelio-coupon-remove');
    part(el, 'remove').click();
    expect((await removed).detail).to.deep.equal({ code: 'WELCOME10', reason: 'shopper' });
    // said in the status line, so a screen reader hears it too; gone with the next code
    await until(() => expect(message(el)).to.equal('Code WELCOME10 removed from your order.'));
    expect(part(el, 'message').getAttribute('role')).to.equal('status');
    await apply(el, 'WELCOME10');
    expect(message(el)).to.contain('WELCOME10: $10.00 off');
  });

  it('asks the shopper to wait when there were too many tries', async () => {
    backend().worker.use(
      http.post(VALIDATE, () =>
        HttpResponse.json({ type: 'about:blank', title: 'Slow down', status: 429, code: 'too_many_attempts', params: { retryAfter: 42 } }, { status: 429, headers: { 'Retry-After': '42' } }),
      ),
    );
    const el = await field();
    await apply(el, 'WELCOME10');
    expect(message(el)).to.equal('Too many tries. Please wait 42 seconds.');
  });

  it('asks for a code when the field is empty, without a request', async () => {
    const el = await field();
    await apply(el, '   ');
    expect(message(el)).to.equal('Enter a coupon code first.');
    expect(requests).to.equal(0);
  });

  it('shows a code with markup as text, never as HTML', async () => {
    const el = await field();
    const hostile = '<img src=x onerror="window.__pwned=1">';
    await apply(el, hostile);
    expect(message(el)).to.contain('<IMG SRC=X ONERROR="WINDOW.__PWNED=1">');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('keeps the cart untouched when the network fails while applying, and a retry works', async () => {
    const { http: h, HttpResponse: R } = await import('msw');
    backend().worker.use(h.post(VALIDATE, () => R.error(), { once: true }));
    const el = await field();
    let applied = 0;
    el.addEventListener('fidelio-coupon-apply', () => applied++);
    await apply(el, 'WELCOME10');
    expect(message(el)).to.equal('Rewards are unavailable right now (no connection).');
    expect(applied).to.equal(0);
    await apply(el, 'WELCOME10');
    expect(message(el)).to.equal('WELCOME10: $10.00 off your order.');
    expect(applied).to.equal(1);
  });

  it('outlines Apply in forced colours, which drop its fill (Windows High Contrast)', async () => {
    const el = await field();
    const button = part(el, 'apply');
    expectOutlinedInForcedColors(el.shadowRoot!, button);
  });

  it('writes in the page\'s text colour when no --fidelio-text is set (a dark store stays readable)', async () => {
    const page = await fixture<HTMLElement>(html`<div style="color: rgb(240, 240, 240); background: #111"><fidelio-coupon-field .cart=${cartOf(monstera)}></fidelio-coupon-field></div>`);
    const el = page.querySelector('fidelio-coupon-field')!;
    await el.updateComplete;
    expect(getComputedStyle(el.shadowRoot!.querySelector('label')!).color).to.equal('rgb(240, 240, 240)');
    // a theme's colour still wins
    el.style.setProperty('--fidelio-text', 'rgb(1, 2, 3)');
    expect(getComputedStyle(el.shadowRoot!.querySelector('label')!).color).to.equal('rgb(1, 2, 3)');
  });

  it('speaks the shopper’s language, with local dates and money', async () => {
    await setLocale('es');
    const el = await field(cartOf(monstera));
    await apply(el, 'WELCOME10');
    expect(message(el)).to.equal('Gasta 5,00 US$ más para usar este código (importe mínimo: 50,00 US$).');
    await apply(el, 'SUMMER20');
    expect(message(el)).to.equal('Este código caducó el 1 sept.');
  });

  it('applies and removes by keyboard alone, focus following the field', async () => {
    const el = await field();
    part(el, 'input').focus();
    await sendKeys({ type: 'WELCOME10' });
    const applied = oneEvent(el, 'fidelio-coupon-apply');
    await sendKeys({ press: 'Enter' });
    await applied;
    // The input gave way to the applied code; focus is on the result, so a second Enter does nothing.
    await until(() => expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('message'));
    expect(el.shadowRoot!.querySelector('input')).to.equal(null);
    await sendKeys({ press: 'Enter' });
    expect($coupon.get().status).to.equal('applied');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('remove');
    const removed = oneEvent(el, 'fidelio-coupon-remove');
    await sendKeys({ press: 'Enter' });
    expect((await removed).detail.reason).to.equal('shopper');
    await until(() => expect(el.shadowRoot!.activeElement?.tagName).to.equal('INPUT'));
    expect($coupon.get().status).to.equal('idle');
  });

  it('refuses a 500-character code at once, without spending a try, and keeps what was typed', async () => {
    const el = await field();
    const long = 'A'.repeat(500);
    await apply(el, long);
    expect(message(el)).to.equal('Coupon codes are at most 64 characters. Please check the code.');
    expect(requests).to.equal(0);
    expect((part(el, 'input') as HTMLInputElement).value).to.equal(long);
  });

  it('says a second code cannot join one the host already applied', async () => {
    const el = await field({ ...cartOf(monstera, can), couponCode: 'WELCOME10' } as ReturnType<typeof cartOf>);
    await apply(el, 'SPRING15');
    expect(message(el)).to.equal('Only one code per order: remove WELCOME10 first.');
  });

  const faults: [string, () => ReturnType<typeof http.post>, string][] = [
    ['a server error', () => http.post(VALIDATE, () => HttpResponse.json({ type: 'about:blank', title: 'Boom', status: 500, code: 'server' }, { status: 500 }), { once: true }), 'Rewards are unavailable right now. Please try again later.'],
    ['a timeout', () => http.post(VALIDATE, () => new Promise<Response>(() => undefined), { once: true }), 'Rewards are taking too long to answer. Please try again later.'],
    // a newer server's reason this version has no words for: a general sentence, not its raw code
    ['a refusal it has no words for', () => http.post(VALIDATE, () => HttpResponse.json({ type: 'about:blank', title: 'Odd', status: 422, code: 'brand_new_reason' }, { status: 422 }), { once: true }), 'Something went wrong with rewards. Please try again later.'],
  ];
  for (const [name, handler, text] of faults) {
    it(`applies nothing after ${name}, leaves the cart alone, and a retry works`, async () => {
      configureForTests({ timeoutMs: 300 });
      backend().worker.use(handler());
      const el = await field();
      const before = JSON.stringify($cart.get());
      let applied = 0;
      el.addEventListener('fidelio-coupon-apply', () => applied++);
      await apply(el, 'WELCOME10');
      expect(message(el)).to.equal(text);
      expect(applied).to.equal(0);
      expect(JSON.stringify($cart.get())).to.equal(before);
      expect($coupon.get().status).to.equal('rejected');
      await apply(el, 'WELCOME10');
      expect(message(el)).to.equal('WELCOME10: $10.00 off your order.');
      expect(applied).to.equal(1);
    });
  }

  // Every refusal in every language: translated (not English, no raw keys or placeholders), with the
  // reason's own numbers and dates formatted the local way.
  const reasons: [string, ReturnType<typeof cartOf>, (locale: string) => string[]][] = [
    ['NOPE', cartOf(monstera), () => ['NOPE']],
    ['SUMMER20', cartOf(monstera), (l) => [new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(2026, 8, 1))]],
    ['EARLYBIRD', cartOf(monstera), (l) => [new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(2026, 11, 1))]],
    ['WELCOME10', cartOf(monstera), (l) => [new Intl.NumberFormat(l, { style: 'currency', currency: 'USD' }).format(5)]],
    ['SPRING15', cartOf(can), () => ['Brass watering can', 'Acme Garden']],
    ['FLASH5', cartOf(monstera), () => []],
    ['MEMBERS20', cartOf(monstera), () => []],
    ['', cartOf(monstera), () => []],
    ['A'.repeat(65), cartOf(monstera), () => ['64']],
  ];
  for (const locale of ['en', 'es', 'ro', 'zh-CN']) {
    it(`explains every refusal in ${locale}`, async () => {
      // So many refusals in a row would trip the guessing limit; this test is about the words.
      const forgetTries = () => Object.keys(backend().state.attempts).forEach((k) => delete backend().state.attempts[k]);
      const english: string[] = [];
      await setLocale('en');
      for (const [code, cart] of reasons) {
        forgetTries();
        const el = await field(cart);
        await apply(el, code);
        english.push(message(el));
      }
      await setLocale(locale);
      for (const [index, [code, cart, expected]] of reasons.entries()) {
        forgetTries();
        const el = await field(cart);
        await apply(el, code);
        const text = message(el);
        expect(text, code).to.have.length.above(5);
        expect(text, code).not.to.match(/[{}]|coupon\.|error\./);
        if (locale !== 'en') expect(text, `${code} in ${locale}`).not.to.equal(english[index]);
        // (a date's Chinese characters are held together by invisible word joiners)
        for (const part of expected(locale)) expect(text.replace(/\u2060/g, ''), `${code} in ${locale}`).to.contain(part.replace(/\s+/g, ' '));
      }
      await expect(await field()).to.be.accessible();
    });
  }
});
