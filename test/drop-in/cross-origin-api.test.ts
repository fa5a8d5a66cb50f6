/**
 * A store whose loyalty API lives on another origin (`https://loyalty.example` beside
 * `https://shop.example`), under real CORS: the framed page is served as `localhost` and its stub API
 * as `127.0.0.1` (the test server's two names, two origins), and the stub answers preflights with
 * exactly the policy the README and the contract document (src/contract/cors.json) — a header or
 * method the SDK sends beyond it is refused there, and the test sees the miss.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/backend.js';
import { exerciseEveryWidget, frameCart, LINK_PARAMS, openPage, pageToken, replaceStubAnswers, shadowPart, shippedTags, stubMisses, stubPreflights, stubRequests, useStubBackend } from '../helpers/frames.js';

describe('API on another origin (CORS)', function () {
  this.timeout(60_000);
  const frames: HTMLIFrameElement[] = [];
  let cors: { allowHeaders: string[] };
  before(async () => {
    cors = await (await fetch('/src/contract/cors.json')).json();
    await useStubBackend();
  });
  afterEach(async () => {
    frames.splice(0).forEach((frame) => frame.remove());
    await replaceStubAnswers({});
  });

  async function page(query: string) {
    const opened = await openPage(`api=cross&probe=1&lang=en&${query}`);
    frames.push(opened.frame);
    expect(new URL(opened.doc.querySelector<HTMLScriptElement>('script[data-program]')!.dataset.api!).origin, 'the API is on another origin').not.to.equal(opened.win.location.origin);
    return opened;
  }

  it('runs every widget with only the documented CORS headers', async () => {
    const tags = await shippedTags();
    await stubPreflights();
    const { win, doc } = await page(`tags=${tags.join(',')}&${LINK_PARAMS}`);
    await exerciseEveryWidget(win, doc, tags);
    expect(await stubMisses(), 'requests refused by the documented policy, or not answered').to.deep.equal([]);
    expect(win.__errors, 'errors in the page').to.deep.equal([]);
    const asked = await stubPreflights();
    // the signed-in reads carry the token (a preflight); the writes carry JSON, some an idempotency key
    expect(asked.find((p) => p.method === 'GET' && p.path.endsWith('/me'))?.headers).to.include('authorization');
    expect(asked.find((p) => p.method === 'POST' && p.path.endsWith('/coupons/validate'))?.headers).to.include('content-type');
    const allowed = cors.allowHeaders.map((h) => h.toLowerCase());
    for (const p of asked) expect(p.headers.filter((h) => !allowed.includes(h)), `${p.method} ${p.path}`).to.deep.equal([]);
  });

  it('opens the connection to an API on another origin while the widgets\' code downloads', async () => {
    // a visitor (no token): the coupon field's first request comes after its code, on a connection
    // the drop-in asked for at start-up (its chunk may not even have been requested by then)
    const { win, doc } = await page('tags=fidelio-coupon-field');
    const api = new URL(doc.querySelector<HTMLScriptElement>('script[data-program]')!.dataset.api!).origin;
    await until(() => expect(win.__preconnects).to.deep.equal([{ href: `${api}/`, crossOrigin: 'anonymous' }]), 5000);
    await until(() => expect(shadowPart(doc.querySelector('fidelio-coupon-field'), 'input')).to.exist, 10_000);
    expect(win.__errors).to.deep.equal([]);
  });

  it('asks for no connection of its own when the API is on the store\'s origin, or when the first read already left', async () => {
    const sameOrigin = await openPage('probe=1&lang=en&tags=fidelio-coupon-field');
    frames.push(sameOrigin.frame);
    // signed in on the tag with a badge: GET /me leaves at start-up and opens the connection itself
    const early = await page(`tags=fidelio-points-badge&token=${encodeURIComponent(pageToken())}`);
    await until(() => expect(shadowPart(early.doc.querySelector('fidelio-points-badge'), 'points')?.textContent).to.contain('397'), 10_000);
    await until(() => expect(shadowPart(sameOrigin.doc.querySelector('fidelio-coupon-field'), 'input')).to.exist, 10_000);
    expect(sameOrigin.win.__preconnects, 'same origin').to.deep.equal([]);
    expect(early.win.__preconnects, 'early read').to.deep.equal([]);
  });

  it("reaches an API on the store's origin with the page's credentials (over the page's connections), another origin without", async () => {
    // A request without credentials cannot use the page's open connection: it sets up one of its own.
    document.cookie = 'fidelio_test_store=1; path=/';
    try {
      await stubRequests();
      const token = encodeURIComponent(pageToken());
      const same = await openPage(`probe=1&lang=en&tags=fidelio-points-badge&token=${token}`);
      frames.push(same.frame);
      await until(() => expect(shadowPart(same.doc.querySelector('fidelio-points-badge'), 'points')?.textContent).to.contain('397'), 10_000);
      const sameRequests = await stubRequests();
      expect(sameRequests.filter((r) => r.path === '/me'), "GET /me on the store's origin").to.deep.equal([{ method: 'GET', path: '/me', cookies: true }]);
      const cross = await page(`tags=fidelio-points-badge&token=${token}`);
      await until(() => expect(shadowPart(cross.doc.querySelector('fidelio-points-badge'), 'points')?.textContent).to.contain('397'), 10_000);
      expect((await stubRequests()).filter((r) => r.path === '/me'), 'GET /me on another origin').to.deep.equal([{ method: 'GET', path: '/me', cookies: false }]);
    } finally {
      document.cookie = 'fidelio_test_store=; path=/; max-age=0';
    }
  });

  it("reads the server's Retry-After across origins (exposed by the policy)", async () => {
    // no params.retryAfter in the problem: the wait the shopper is told can only come from the header
    await replaceStubAnswers({
      'POST /coupons/validate': { status: 429, headers: { 'Retry-After': '42' }, body: { type: 'about:blank', title: 'Slow down', status: 429, code: 'too_many_attempts' } },
    });
    const { win, doc } = await page(`tags=fidelio-coupon-field&token=${encodeURIComponent(pageToken())}`);
    await until(() => expect(shadowPart(doc.querySelector('fidelio-coupon-field'), 'input')).to.exist, 10_000);
    await win.Fidelio!.setCart(frameCart);
    const coupon = doc.querySelector('fidelio-coupon-field');
    (shadowPart(coupon, 'input') as HTMLInputElement).value = 'welcome10';
    shadowPart(coupon, 'apply')!.click();
    await until(() => expect(shadowPart(coupon, 'message')?.textContent).to.contain('Please wait 42 seconds'), 10_000);
    expect(win.__errors).to.deep.equal([]);
  });
});
