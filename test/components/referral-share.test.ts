import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { cleanStores } from 'nanostores';
import '../../src/components/referral-share/referral-share.js';
import '../../src/components/signup-popup/signup-popup.js';
import type { FidelioReferralShare } from '../../src/components/referral-share/referral-share.component.js';
import { setLocale } from '../../src/i18n/index.js';
import { DEMO_MERCHANT_KEY, DEMO_PROGRAM_ID, type MockBackend } from '../../src/mock/index.js';
import { $program } from '../../src/stores/program.js';
import { $referral } from '../../src/stores/referral.js';
import { API, clock, configureForTests, resetSdk, signInDemo, until, useBackend, watchPageErrors } from '../helpers/backend.js';

const REFERRAL = '*/v1/programs/:programId/me/referral';
const EVENTS = '*/v1/programs/:programId/me/events';
const LINK = `${API}/?ref=ANA2026`;

const root = (el: FidelioReferralShare) => el.shadowRoot!;
const part = <T extends HTMLElement = HTMLElement>(el: FidelioReferralShare, name: string) => root(el).querySelector<T>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const stats = (el: FidelioReferralShare) =>
  Object.fromEntries([...root(el).querySelectorAll('[part~="stats"] div')].map((row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]));

/** Replaces a navigator member (Web Share, Clipboard) until the returned function puts the browser's back. */
function stubNavigator(name: 'share' | 'clipboard', value: unknown): () => void {
  Object.defineProperty(navigator, name, { value, configurable: true, writable: true });
  return () => void delete (navigator as unknown as Record<string, unknown>)[name];
}

/** A clipboard whose writeText succeeds (recording the text) or is refused like a denied permission. */
function stubClipboard(allow: boolean): { written: string[]; restore: () => void } {
  const written: string[] = [];
  const writeText = (value: string) => (allow ? (written.push(value), Promise.resolve()) : Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')));
  return { written, restore: stubNavigator('clipboard', { writeText }) };
}

describe('<fidelio-referral-share>', () => {
  let backend: MockBackend;
  let page: ReturnType<typeof watchPageErrors>;
  const restores: (() => void)[] = [];

  beforeEach(async () => {
    backend = await useBackend();
    // Unmounted first, so clearing the configuration does not make them reload (and warn).
    cleanStores($referral, $program);
    await resetSdk();
    configureForTests();
    // Chromium on Linux and Firefox have no share sheet; a test that wants one stubs it.
    restores.push(stubNavigator('share', undefined));
    page = watchPageErrors();
  });

  afterEach(async () => {
    restores.splice(0).forEach((restore) => restore());
    document.querySelectorAll('body > fidelio-signup-popup').forEach((popup) => popup.remove());
    await setLocale('en');
    page.stop();
    expect(page.errors, 'uncaught errors or unhandled rejections').to.deep.equal([]);
  });

  async function widget(): Promise<FidelioReferralShare> {
    const host = await fixture<HTMLElement>(html`<div><button id="before">Before</button><fidelio-referral-share></fidelio-referral-share></div>`);
    return host.querySelector('fidelio-referral-share')!;
  }

  async function ready(el: FidelioReferralShare): Promise<void> {
    await until(() => expect(part<HTMLInputElement>(el, 'link')?.value).to.equal(LINK));
    await until(() => expect(text(part(el, 'offer'))).to.not.equal(''));
  }

  it('invites a signed-out shopper to join first, and opens the signup popup', async () => {
    const el = await widget();
    await until(() => expect(part(el, 'join')).to.exist);
    await until(() => expect(text(part(el, 'offer'))).to.equal('Give your friends $10.00 off their first order of $50.00 or more, get 500 points when they order.'));
    expect(text(part(el, 'hint'))).to.equal('Join first to get your own link and earn points for every friend who orders.');
    expect(part(el, 'link')).to.equal(null);
    await expect(el).to.be.accessible();
    setTimeout(() => part(el, 'join')!.click());
    const event = await oneEvent(el, 'fidelio-join');
    expect(event.detail.source).to.equal('referral');
    // The page had no popup: one is added and opened.
    await until(() => expect(document.querySelector('body > fidelio-signup-popup')?.shadowRoot?.querySelector('dialog')?.open).to.equal(true));
  });

  it('is accessible while loading, with the link ready, and after copying', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    backend.worker.use(http.get(REFERRAL, async () => (await gate, undefined)));
    const clipboard = stubClipboard(true);
    restores.push(clipboard.restore);
    await signInDemo();
    const el = await widget();
    await until(() => expect(text(root(el).querySelector('[role="status"]'))).to.equal('Loading your referral link…'));
    await expect(el).to.be.accessible();
    release();
    await ready(el);
    expect(text(part(el, 'offer'))).to.equal('Give your friends $10.00 off their first order of $50.00 or more, get 500 points when they order.');
    expect(text(part(el, 'cap'))).to.equal('Up to 5 friends a month earn you points.');
    expect(stats(el)).to.deep.equal({ 'Times shared': '3', Joined: '1', Ordered: '0', Rewarded: '0', Pending: '0' });
    await expect(el).to.be.accessible();
    part(el, 'copy')!.click();
    await until(() => expect(text(part(el, 'status'))).to.equal('Link copied. You earned 10 points for sharing.'));
    expect(clipboard.written).to.deep.equal([LINK]);
    await until(() => expect(stats(el)['Times shared']).to.equal('4'));
    await expect(el).to.be.accessible();
  });

  /** A signed-in member's widget after Copy, the browser's clipboard allowing it or not, once its status line reads `status`. */
  async function copiedAsMember(clipboardWorks = true, status = 'Link copied. You earned 10 points for sharing.') {
    const clipboard = stubClipboard(clipboardWorks);
    restores.push(clipboard.restore);
    await signInDemo();
    const el = await widget();
    await ready(el);
    part(el, 'copy')!.click();
    await until(() => expect(text(part(el, 'status'))).to.equal(status));
    return el;
  }

  it('says "Link copied." once: the points earned are announced on their own', async () => {
    const el = await copiedAsMember();
    // what each live region says (a role=status region is read whole when it changes)
    const regions = [...root(el).querySelectorAll('[role="status"], [aria-live]')].map(text).filter(Boolean);
    expect(regions).to.deep.equal(['Link copied.', 'You earned 10 points for sharing.']);
  });

  it('says what was done in the language chosen after it', async () => {
    const el = await copiedAsMember();
    await setLocale('es');
    await until(() => expect(text(part(el, 'status'))).to.equal('Enlace copiado. Has ganado 10 puntos por compartir.'));
    await setLocale('zh-CN');
    await until(() => expect(text(part(el, 'status'))).to.equal('链接已复制。分享成功，您获得了 10 积分。'));
  });

  it('copies and shares with the keyboard alone, through the share sheet when the browser has one', async () => {
    const shared: ShareData[] = [];
    restores.push(stubNavigator('share', (data: ShareData) => (shared.push(data), Promise.resolve())));
    const clipboard = stubClipboard(true);
    restores.push(clipboard.restore);
    const channels: string[] = [];
    await signInDemo();
    const el = await widget();
    el.addEventListener('fidelio-referral-share', (event) => channels.push(event.detail.channel));
    await ready(el);
    el.parentElement!.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement === part(el, 'link'), 'focus on the link').to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement === part(el, 'copy'), 'focus on Copy link').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await until(() => expect(text(part(el, 'status'))).to.equal('Link copied. You earned 10 points for sharing.'));
    expect(clipboard.written).to.deep.equal([LINK]);
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement === part(el, 'share'), 'focus on Share').to.equal(true);
    await sendKeys({ press: 'Enter' });
    // The same link earns its share points once; the share is still counted.
    await until(() => expect(text(part(el, 'status'))).to.equal('Thanks for sharing your link.'));
    expect(shared).to.deep.equal([{ title: 'Refer a friend', text: 'Join me at Casa Verde Rewards: sign up with my link and get $10.00 off your first order.', url: LINK }]);
    await until(() => expect(stats(el)['Times shared']).to.equal('5'));
    expect(channels).to.deep.equal(['copy', 'native']);
  });

  it('offers email, WhatsApp, X and Facebook without a share sheet, each opening safely', async () => {
    await signInDemo();
    const el = await widget();
    await ready(el);
    expect(part(el, 'share'), 'no share sheet button').to.equal(null);
    const mail = part<HTMLAnchorElement>(el, 'email')!;
    const url = new URL(mail.href);
    expect(url.protocol).to.equal('mailto:');
    expect(url.searchParams.get('subject')).to.equal('A gift for you: $10.00 off at Casa Verde Rewards');
    expect(url.searchParams.get('body')).to.equal(`Join me at Casa Verde Rewards: sign up with my link and get $10.00 off your first order.\n\n${LINK}`);
    const networks = (['whatsapp', 'x', 'facebook'] as const).map((name) => part<HTMLAnchorElement>(el, name)!);
    for (const link of networks) {
      expect(new URL(link.href).protocol, link.href).to.equal('https:');
      expect(link.target).to.equal('_blank');
      expect(link.rel).to.equal('noopener noreferrer');
      expect(decodeURIComponent(link.href)).to.contain(LINK);
    }
    expect(networks.map((link) => new URL(link.href).hostname)).to.deep.equal(['wa.me', 'x.com', 'www.facebook.com']);
    expect(text(networks[0])).to.equal('WhatsApp (opens in a new tab)');
    expect(part(el, 'wechat'), 'the WeChat QR code is for Chinese').to.equal(null);
    // A click counts as a share (the new tab itself is not opened here).
    el.addEventListener('click', (event) => event.preventDefault(), { capture: true });
    setTimeout(() => networks[0]!.click());
    expect((await oneEvent(el, 'fidelio-referral-share')).detail).to.deep.equal({ channel: 'whatsapp', link: LINK });
    await until(() => expect(stats(el)['Times shared']).to.equal('4'));
  });

  it('falls back to selecting the link when the browser denies the clipboard', async () => {
    const el = await copiedAsMember(false, 'Your link is selected: press Ctrl+C (⌘C on a Mac) to copy it.');
    const input = part<HTMLInputElement>(el, 'link')!;
    expect(root(el).activeElement === input, 'focus on the link').to.equal(true);
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([0, LINK.length]);
    expect(stats(el)['Times shared'], 'nothing counted before the shopper copies').to.equal('3');
    await expect(el).to.be.accessible();
    // The shopper copies the selected link themselves.
    input.dispatchEvent(new Event('copy', { bubbles: true, composed: true }));
    await until(() => expect(text(part(el, 'status'))).to.equal('Link copied. You earned 10 points for sharing.'));
    await until(() => expect(stats(el)['Times shared']).to.equal('4'));
  });

  it('says in the shopper’s language when the link cannot be loaded, and Try again works', async () => {
    await setLocale('es');
    backend.worker.use(http.get(REFERRAL, () => HttpResponse.json({ type: 'about:blank', title: 'boom', status: 500, code: 'server' }, { status: 500 })));
    await signInDemo();
    const el = await widget();
    await until(() => expect(text(part(el, 'error'))).to.equal('Las recompensas no están disponibles ahora. Inténtalo más tarde.'));
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    backend.worker.resetHandlers();
    part(el, 'retry')!.focus();
    await sendKeys({ press: 'Enter' });
    await ready(el);
    expect(text(part(el, 'offer'))).to.equal('Regala a tus amigos 10,00 US$ de descuento en su primer pedido de 50,00 US$ o más y gana 500 puntos cuando lo hagan.');
    expect(root(el).activeElement === part(el, 'copy'), 'focus moves to Copy link').to.equal(true);
  });

  it('keeps showing the link when a share cannot be recorded', async () => {
    backend.worker.use(http.post(EVENTS, () => HttpResponse.error()));
    const clipboard = stubClipboard(true);
    restores.push(clipboard.restore);
    await signInDemo();
    const el = await widget();
    await ready(el);
    part(el, 'copy')!.click();
    await until(() => expect(text(part(el, 'status'))).to.equal('Link copied.'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(part<HTMLInputElement>(el, 'link')!.value).to.equal(LINK);
    expect(text(part(el, 'status'))).to.equal('Link copied.');
  });

  it('renders a server code with markup as text, and builds the link under the configured parameter', async () => {
    configureForTests({ referralParam: 'invite' });
    const code = '<img src=x onerror=alert(1)>';
    backend.worker.use(http.get(REFERRAL, () => HttpResponse.json({ code, link: 'javascript:alert(1)', stats: { invited: 0, joined: 0, ordered: 0, rewarded: 0, pending: 0 } })));
    await signInDemo();
    const el = await widget();
    const url = new URL('/', location.origin);
    url.searchParams.set('invite', code);
    const expected = url.href;
    await until(() => expect(part<HTMLInputElement>(el, 'link')?.value).to.equal(expected));
    expect(root(el).querySelector('img')).to.equal(null);
    expect(new URL(part<HTMLAnchorElement>(el, 'facebook')!.href).searchParams.get('u')).to.equal(expected);
  });

  it('shows when a pending referral reward is due', async () => {
    const ben = Object.values(backend.state.engine.members).find((m) => m.email === 'ben@example.com')!;
    const order = {
      orderId: 'o_ben_1',
      memberId: ben.id,
      currency: 'USD',
      lines: [{ id: 'p-monstera', name: 'Monstera', unitPrice: 6_000, quantity: 1 }],
      shipping: 0,
      tax: 0,
      subtotal: 6_000,
      discounts: 0,
      placedAt: new Date(clock.now()).toISOString(),
    };
    const response = await fetch(`${API}/v1/programs/${DEMO_PROGRAM_ID}/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Fidelio-Merchant-Key': DEMO_MERCHANT_KEY },
      body: JSON.stringify(order),
    });
    expect(response.status).to.equal(201);
    await signInDemo();
    const el = await widget();
    await ready(el);
    expect(stats(el)).to.deep.include({ Joined: '1', Ordered: '1', Rewarded: '0', Pending: '1' });
    expect(text(part(el, 'next'))).to.equal('Next reward on Dec 23.');
  });

  it('draws a WeChat QR code in Chinese, downloading the encoder only when asked', async () => {
    await setLocale('zh-CN');
    await signInDemo();
    const el = await widget();
    await ready(el);
    // The resource timing buffer fills up with the test runner's own modules: start from empty.
    performance.clearResourceTimings();
    const encoderLoaded = () => performance.getEntriesByType('resource').some((entry) => /referral-share\/qr\.ts/.test(entry.name));
    expect(encoderLoaded(), 'no QR code library before it is asked for').to.equal(false);
    const toggle = part<HTMLButtonElement>(el, 'wechat')!;
    expect(text(toggle)).to.equal('微信二维码');
    // no space before a full-width bracket
    expect(text(part(el, 'whatsapp'))).to.equal('WhatsApp（在新标签页中打开）');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await until(() => expect(part(el, 'qr-code')).to.exist);
    expect(encoderLoaded(), 'the QR code library was loaded on demand').to.equal(true);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const code = part(el, 'qr-code')!;
    expect(code.getAttribute('role')).to.equal('img');
    expect(code.getAttribute('aria-label')).to.equal('您的邀请链接二维码');
    const modules = Number(code.getAttribute('viewBox')!.split(' ')[2]);
    // Version 2 or more with a 4-module quiet zone on each side.
    expect(modules).to.be.at.least(25 + 8);
    expect(code.querySelector('path')!.getAttribute('d')!.length).to.be.above(100);
    expect(text(part(el, 'offer'))).to.equal('好友首单满 US$50.00 立减 US$10.00，好友下单后您可获得 500 积分。');
    await expect(el).to.be.accessible();
    // the first showing counted as a share and earned its points...
    await until(() => expect(text(part(el, 'status'))).to.equal('分享成功，您获得了 10 积分。'));
    toggle.click();
    await until(() => expect(part(el, 'qr-code')).to.equal(null));
    expect(text(part(el, 'status')), 'closed: the points are not claimed again').not.to.contain('积分');
    // ...and a later showing that earns none (the monthly cap) does not repeat that claim
    let answered = false;
    backend.worker.use(http.post(EVENTS, () => ((answered = true), HttpResponse.json({ pointsAwarded: 0, capped: true }))));
    toggle.click();
    await until(() => expect(part(el, 'qr-code')).to.exist);
    await until(() => expect(answered).to.equal(true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(text(part(el, 'status'))).not.to.contain('积分');
  });
});
