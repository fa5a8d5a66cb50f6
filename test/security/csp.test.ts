/**
 * Strict CSP + Trusted Types: every widget of the built drop-in runs in a page served with
 *   Content-Security-Policy: script-src 'self'; style-src 'self'; require-trusted-types-for 'script'
 * (and again with a `trusted-types` allow-list, in a page that made its own `lit-html` policy
 * first, as a host running its own copy of Lit does), and the page records no violation.
 *
 * The page is a frame served by test/helpers/test-pages.mjs with the policy in its response header;
 * its backend is a stub in the test server, answering with what the reference backend (MSW, in
 * this test's own page) answered to the same requests. MSW's service worker and the test runner
 * stay out of the policed page, so every violation seen there would be the SDK's.
 */
import { expect } from '@open-wc/testing';
import { encodeBase64Url } from '../../src/core/base64url.js';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { API, tokenFor, until, useBackend } from '../helpers/backend.js';

type Violation = { directive: string; blocked: string; sample: string; source: string; line: number };
type FrameWindow = Window & {
  __violations: Violation[];
  __errors: string[];
  Fidelio?: { identify(token: string): Promise<void>; setCart(cart: unknown): Promise<boolean>; openSignup(): void };
  trustedTypes?: { createPolicy(name: string, rules: object): unknown };
};

const cart = { currency: 'USD', lines: [{ id: 'p-can', name: 'Brass watering can', category: 'tools', unitPrice: 5600, quantity: 1 }, { id: 'p-monstera', name: 'Monstera deliciosa', category: 'plants', unitPrice: 4500, quantity: 1 }], subtotal: 10100 };

/** The page is visited through a referral link and an email's unsubscribe link at once. */
const LINK_PARAMS = 'ref=ANA2026&fidelio-unsubscribe=csp-unsubscribe-token';

/** Every tag the built drop-in knows how to load: "every widget" is whatever it ships. */
async function shippedTags(): Promise<string[]> {
  const response = await fetch('/dist/fidelio.js');
  expect(response.ok, 'dist/fidelio.js is missing: run `npm run build` first').to.equal(true);
  return [...new Set((await response.text()).match(/fidelio-[a-z]+(?:-[a-z]+)*/g) ?? [])].filter((tag) => tag !== 'fidelio-unsubscribe').sort();
}

/** A token the policed page accepts by the real clock (the stub backend does not check signatures). */
function pageToken(): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => encodeBase64Url(new TextEncoder().encode(JSON.stringify(value)));
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: DEMO_MEMBER_ID, prg: DEMO_PROGRAM_ID, iat: now, exp: now + 3600 })}.c3R1Yg`;
}

/** What the reference backend answers to each request the widgets make, for the stub to repeat. */
async function captureFixtures(): Promise<Record<string, { status: number; body: unknown }>> {
  const backend = await useBackend();
  const token = await tokenFor();
  const base = `${API}/v1/programs/${DEMO_PROGRAM_ID}`;
  const fixtures: Record<string, { status: number; body: unknown }> = {};
  const capture = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `csp-${path}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    fixtures[`${method} ${path.replace(/\?.*$/, '')}`] = { status: response.status, body: await response.json() };
  };
  for (const path of ['', '/me', '/me/batches', '/me/referral', '/me/activity?limit=20', '/me/preferences', '/me/redemptions']) await capture('GET', path);
  await capture('POST', '/cart/preview', cart);
  await capture('POST', '/coupons/validate', { code: 'WELCOME10', cart });
  await capture('POST', '/members', { email: 'csp.shopper@example.com', newsletter: false, deviceId: 'csp-device' });
  await capture('POST', '/unsubscribe', { token: 'csp-unsubscribe-token' });
  // MSW answers a frame's requests for its top page: stopped, it lets them reach the stub.
  backend.worker.stop();
  return fixtures;
}

async function openPage(query: string): Promise<{ frame: HTMLIFrameElement; win: FrameWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 700px; border: 0';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/__fidelio__/page?${query}`;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as FrameWindow;
  await until(() => expect(win.Fidelio, 'the drop-in booted').to.exist, 10_000);
  return { frame, win, doc: frame.contentDocument! };
}

const text = (el: Element | null | undefined) => el?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const part = (el: Element | null | undefined, name: string) => el?.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

/** Runs every widget through its main paths in the policed page (opened with ?ref= and an unsubscribe link). */
async function exercise(win: FrameWindow, doc: Document, tags: string[]): Promise<void> {
  for (const tag of tags) await until(() => expect(win.customElements.get(tag), `<${tag}> defined`).to.exist, 10_000);
  // Some widgets show nothing in some states (the referral greeting to a member): each must have
  // shown something at one stage or another.
  const seen = new Set<string>();
  const look = () => tags.forEach((tag) => text(doc.querySelector(tag)) && seen.add(tag));
  // A visitor first: the referral greeting, join prompts, the popup, the checkout reminder.
  await win.Fidelio!.setCart(cart);
  await until(() => expect(text(doc.querySelector('fidelio-unsubscribe-notice'))).not.to.equal(''), 10_000);
  if (tags.includes('fidelio-referral-greeting')) await until(() => expect(text(doc.querySelector('fidelio-referral-greeting'))).not.to.equal(''), 10_000);
  look();
  await until(() => expect(text(doc.querySelector('fidelio-points-badge'))).not.to.equal(''));
  win.Fidelio!.openSignup();
  await until(() => expect(part(doc.querySelector('fidelio-signup-popup'), 'dialog')?.hasAttribute('open')).to.equal(true));
  // Then the member: balance, checkout, referral, the panel through the launcher.
  await win.Fidelio!.identify(pageToken());
  await until(() => expect(part(doc.querySelector('fidelio-points-badge'), 'points')).to.exist, 10_000);
  const coupon = doc.querySelector('fidelio-coupon-field');
  if (coupon) {
    (part(coupon, 'input') as HTMLInputElement).value = 'welcome10';
    part(coupon, 'apply')!.click();
    await until(() => expect(text(coupon)).to.contain('WELCOME10'));
  }
  const launcher = doc.querySelector('fidelio-launcher');
  if (launcher) {
    launcher.shadowRoot!.querySelector('button')!.click();
    await until(() => expect(win.customElements.get('fidelio-member-panel')).to.exist, 10_000);
  }
  // Anything lazy (a locale, a panel section) gets its chance to run.
  await new Promise((resolve) => setTimeout(resolve, 300));
  look();
  expect(tags.filter((tag) => !seen.has(tag)), 'widgets that never rendered').to.deep.equal([]);
}

describe('strict CSP and Trusted Types', function () {
  this.timeout(60_000);
  let tags: string[];
  const frames: HTMLIFrameElement[] = [];

  before(async () => {
    tags = await shippedTags();
    const response = await fetch('/__fidelio__/fixtures', { method: 'POST', body: JSON.stringify(await captureFixtures()) });
    expect(response.status).to.equal(204);
  });

  after(() => frames.splice(0).forEach((frame) => frame.remove()));

  it('ships the widgets it is about to check', () => {
    expect(tags).to.include.members(['fidelio-points-badge', 'fidelio-signup-popup', 'fidelio-join-link', 'fidelio-coupon-field']);
  });

  it(`runs every widget under "script-src 'self'; style-src 'self'; require-trusted-types-for 'script'" with no violation`, async () => {
    const { frame, win, doc } = await openPage(`csp=strict&probe=1&lang=en&tags=${tags.join(',')}&${LINK_PARAMS}`);
    frames.push(frame);
    await exercise(win, doc, tags);
    expect(win.__violations, 'CSP violations').to.deep.equal([]);
    expect(win.__errors, 'errors in the page').to.deep.equal([]);
    expect(await (await fetch('/__fidelio__/misses')).json(), 'requests the stub backend could not answer').to.deep.equal([]);
    console.log(`CSP: ${tags.length} widgets, 0 violations; Trusted Types ${win.trustedTypes ? 'enforced' : 'not supported'} in this browser`);

    // The page does report violations: an inline style element and, where Trusted Types are
    // enforced, a string handed to innerHTML are both refused and recorded.
    const style = doc.createElement('style');
    style.textContent = 'main { outline: 1px solid red }';
    doc.head.append(style);
    await until(() => expect(win.__violations.map((v) => v.directive)).to.include('style-src-elem'));
    if (win.trustedTypes) {
      expect(() => (doc.createElement('div').innerHTML = '<b>raw</b>')).to.throw();
      await until(() => expect(win.__violations.map((v) => v.directive)).to.include('require-trusted-types-for'));
    }
  });

  it("also runs with a trusted-types allow-list, beside the host's own Lit", async () => {
    // The host's copy of Lit made its `lit-html` policy first; Fidelio's Lit makes a second one.
    const { frame, win, doc } = await openPage(`csp=strict-tt&probe=1&host-lit=1&lang=en&tags=${tags.join(',')}&${LINK_PARAMS}`);
    frames.push(frame);
    await exercise(win, doc, tags);
    expect(win.__violations, 'CSP violations').to.deep.equal([]);
    expect(win.__errors, 'errors in the page').to.deep.equal([]);
  });
});
