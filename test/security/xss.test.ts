/**
 * XSS: hostile strings wherever text from outside reaches a widget — names and titles from the
 * server, coupon codes typed or echoed, error bodies, the page's URL parameters. Each payload sets
 * `top.__pwned` if it ever runs; every shadow root is watched from birth for elements or event
 * attributes the widget would not render for harmless text. Shown strings must appear as text,
 * verbatim; server error texts must not appear at all (the shopper gets a translated sentence).
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { cleanStores } from 'nanostores';
import '../../src/components/points-badge/points-badge.js';
import '../../src/components/signup-popup/signup-popup.js';
import '../../src/components/coupon-field/coupon-field.js';
import '../../src/components/points-redeem/points-redeem.js';
import '../../src/components/earn-preview/earn-preview.js';
import '../../src/components/referral-share/referral-share.js';
import '../../src/components/referral-greeting/referral-greeting.js';
import '../../src/components/member-panel/member-panel.js';
import { $panel } from '../../src/stores/panel.js';
import { showUnsubscribeNotice } from '../../src/components/unsubscribe-notice/unsubscribe-notice.js';
import { safeHref } from '../../src/core/safe-url.js';
import { $t } from '../../src/i18n/index.js';
import { DEMO_PROGRAM_ID, type MockBackend } from '../../src/mock/index.js';
import { $cart, $cartPreview } from '../../src/stores/cart.js';
import { $coupon } from '../../src/stores/coupon.js';
import { $member } from '../../src/stores/member.js';
import { $program } from '../../src/stores/program.js';
import { $redeem, resetRedeem } from '../../src/stores/redeem.js';
import { $referral } from '../../src/stores/referral.js';
import { $signup, captureReferral, storedReferral } from '../../src/stores/signup.js';
import { API, captureWarnings, configureForTests, resetSdk, signInDemo, tokenFor, until, useBackend, watchPageErrors } from '../helpers/backend.js';

declare global {
  interface Window {
    __pwned?: string;
  }
}

/** Each payload runs `top.__pwned = '<its name>'` if a browser ever executes it. */
const PAYLOADS: [name: string, payload: string][] = [
  ['script tag', `<script>top.__pwned='script'</script>`],
  ['img onerror', `<img src=x onerror="top.__pwned='img'">`],
  ['svg onload', `<svg onload="top.__pwned='svg'"></svg>`],
  ['script inside svg', `<svg><script>top.__pwned='svg-script'</script></svg>`],
  ['attribute breakout', `"><img src=x onerror=top.__pwned='attr-break'>`],
  ['single-quote breakout', `' onfocus='top.__pwned="quote"' autofocus='`],
  ['javascript: URL', `javascript:top.__pwned='js-url'`],
  ['link with javascript:', `<a href="javascript:top.__pwned='a'">Claim your reward</a>`],
  ['iframe javascript:', `<iframe src="javascript:top.__pwned='iframe'"></iframe>`],
  ['iframe srcdoc', `<iframe srcdoc="<script>top.__pwned='srcdoc'</script>"></iframe>`],
  ['</style> breakout', `</style><img src=x onerror=top.__pwned='style-break'>`],
  ['</textarea> breakout', `</textarea><script>top.__pwned='textarea'</script>`],
  ['</title></noscript> breakout', `</title></noscript><img src=x onerror=top.__pwned='noscript'>`],
  ['template literal', '${top.__pwned="template-literal"}'],
  ['template injection', `{{constructor.constructor("top.__pwned='angular'")()}}`],
  ['translation placeholders', '{program} {name} {count} {code}'],
  ['details ontoggle', `<details open ontoggle="top.__pwned='details'">x</details>`],
  ['mutation XSS', `<math><mtext><table><mglyph><style><img src=x onerror=top.__pwned='mxss'>`],
  ['input autofocus', `<input autofocus onfocus="top.__pwned='input'">`],
  ['object data', `<object data="javascript:top.__pwned='object'"></object>`],
  ['body onload', `<body onload="top.__pwned='body'">`],
  ['HTML entities', `&lt;img src=x onerror=top.__pwned='entity'&gt; &amp;`],
  ['data: URL', 'data:text/html;base64,PHNjcmlwdD50b3AuX19wd25lZD0iZGF0YSI8L3NjcmlwdD4='],
  ['style injection', '<style>*{display:none!important}</style>'],
  ['HTML comment trick', `<!--<img src="--><img src=x onerror=top.__pwned='comment'>`],
  ['NUL bytes', `\u0000<scr\u0000ipt>top.__pwned='nul'</scr\u0000ipt>`],
  ['RTL override', '\u202Eexe.elif\u202C <b>bold</b>'],
  ['zero-width characters', 'AN\u200BA\u200C20\u200D26\uFEFF'],
  ['homoglyphs', 'АNА2026 Ρrоmо'],
  ['very long', `<img src=x onerror=top.__pwned='long'>${'A'.repeat(10_000)}`],
];

/** Elements that run code or load documents: never in a widget's shadow root. */
const ACTIVE = new Set(['SCRIPT', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'BASE', 'META', 'LINK']);
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href'];

/**
 * Watches every shadow root created from now on (Lit attaches them on connection), so an element
 * inserted even for a moment is seen. Returns what was inserted and the roots, to scan at the end.
 */
function watchShadowRoots(): { added: Element[]; roots: ShadowRoot[]; stop(): void } {
  const added: Element[] = [];
  const roots: ShadowRoot[] = [];
  const observers: MutationObserver[] = [];
  const original = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = original.call(this, init);
    roots.push(root);
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') added.push(record.target as Element);
        for (const node of record.addedNodes) if (node instanceof Element) added.push(node, ...node.querySelectorAll('*'));
      }
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    observers.push(observer);
    return root;
  };
  return {
    added,
    roots,
    stop() {
      Element.prototype.attachShadow = original;
      observers.forEach((o) => o.disconnect());
    },
  };
}

/** Why an element could run or load something, or null when it is inert. */
function danger(el: Element, allowedTags: Set<string>): string | null {
  if (ACTIVE.has(el.tagName.toUpperCase())) return `<${el.tagName.toLowerCase()}> element`;
  if (!allowedTags.has(el.tagName.toUpperCase())) return `<${el.tagName.toLowerCase()}> that harmless text does not produce`;
  for (const attribute of el.getAttributeNames()) {
    if (/^on/i.test(attribute)) return `${attribute} attribute on <${el.tagName.toLowerCase()}>`;
    if (URL_ATTRIBUTES.includes(attribute.toLowerCase()) && !/^(https:|mailto:|#|\/|http:\/\/localhost|http:\/\/127\.0\.0\.1)/i.test(el.getAttribute(attribute)!.trim())) {
      return `${attribute}="${el.getAttribute(attribute)!.slice(0, 40)}" on <${el.tagName.toLowerCase()}>`;
    }
  }
  return null;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
/** All the text of an element's shadow tree, nested shadow roots and form values included. */
function deepText(root: ParentNode): string {
  let text = '';
  for (const node of root.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    else if (node instanceof Element) {
      if (node instanceof HTMLInputElement) text += ` ${node.value} `;
      text += ' ' + deepText(node.shadowRoot ?? node) + ' ';
      if (node.shadowRoot) text += deepText(node);
    }
  }
  return text;
}

const get = async (path: string, token?: string) => (await fetch(`${API}/v1/programs/${DEMO_PROGRAM_ID}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} })).json();
const problem = (status: number, text: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json({ type: 'about:blank', title: text, detail: text, status, instance: text, ...extra }, { status, headers: { 'Content-Type': 'application/problem+json' } });

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const cart = { currency: 'USD', lines: [{ id: 'p-can', name: 'Brass watering can', category: 'tools', unitPrice: 5600, quantity: 1 }, { id: 'p-monstera', name: 'Monstera deliciosa', category: 'plants', unitPrice: 4500, quantity: 1 }], subtotal: 10100 };

async function applyCoupon(el: HTMLElement, code: string): Promise<void> {
  (part(el, 'input') as HTMLInputElement).value = code;
  part(el, 'apply').click();
  await until(() => $coupon.get().status !== 'idle' && $coupon.get().status !== 'checking');
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
}

interface Surface {
  name: string;
  /**
   * `shown`: the payload is the shopper's to read, verbatim; `hidden`: it must not reach the screen;
   * a function: the text the payload must appear as (e.g. encoded into a link).
   */
  expect: 'shown' | 'hidden' | ((payload: string) => string);
  /** Puts the payload where the SDK takes it from and resolves with the widget once it shows it. */
  render(backend: MockBackend, payload: string): Promise<HTMLElement>;
}

const SURFACES: Surface[] = [
  {
    name: 'program name (GET /v1/programs/:id) in the signup popup',
    expect: 'shown',
    async render(backend, payload) {
      const program = await get('');
      backend.worker.use(http.get('*/v1/programs/:programId', () => HttpResponse.json({ ...program, name: payload })));
      const el = await fixture<HTMLElement>(html`<fidelio-signup-popup inline></fidelio-signup-popup>`);
      await until(() => $program.get().status === 'ready');
      return el;
    },
  },
  {
    name: 'reward titles (GET /v1/programs/:id) at checkout',
    // The checkout words each reward from its kind and value, in the shopper's language.
    expect: 'hidden',
    async render(backend, payload) {
      const program = await get('');
      backend.worker.use(http.get('*/v1/programs/:programId', () => HttpResponse.json({ ...program, rewards: program.rewards.map((r: object) => ({ ...r, name: payload })) })));
      await signInDemo();
      const el = await fixture<HTMLElement>(html`<fidelio-points-redeem .cart=${cart}></fidelio-points-redeem>`);
      await until(() => $program.get().status === 'ready' && $member.get().status === 'ready');
      await until(() => expect(el.shadowRoot!.querySelector('[part~="reward"]')).to.exist);
      return el;
    },
  },
  {
    name: 'tier name (POST /cart/preview) in the earn preview',
    expect: 'shown',
    async render(backend, payload) {
      backend.worker.use(
        http.post('*/v1/programs/:programId/cart/preview', () =>
          HttpResponse.json({ earn: { points: 101, pendingDays: 30, promotions: [{ id: 'x', name: payload, multiplier: 2, quantity: 1 }] }, tier: { basis: 'points', current: 300, after: 401, next: { id: 'gold', name: payload, threshold: 500 } } }),
        ),
      );
      await signInDemo();
      const el = await fixture<HTMLElement>(html`<fidelio-earn-preview .cart=${cart}></fidelio-earn-preview>`);
      await until(() => $cartPreview.get().status === 'ready');
      await until(() => expect(el.shadowRoot!.querySelector('[part~="tier"]')).to.exist);
      return el;
    },
  },
  {
    name: "member name in the server's enrollment answer (signup welcome)",
    expect: 'shown',
    async render(backend, payload) {
      const token = await tokenFor();
      const me = await get('/me', token);
      backend.worker.use(http.post('*/v1/programs/:programId/members', () => HttpResponse.json({ member: { ...me, name: payload }, token, pointsAwarded: 100 }, { status: 201 })));
      const el = await fixture<HTMLElement>(html`<fidelio-signup-popup inline></fidelio-signup-popup>`);
      el.shadowRoot!.querySelector<HTMLInputElement>('input[name="email"]')!.value = 'new.shopper@example.com';
      part(el, 'submit').click();
      await until(() => $signup.get().status === 'success');
      await until(() => expect(part(el, 'title')).to.exist);
      return el;
    },
  },
  {
    name: 'member name (GET /me) next to the badge',
    expect: 'hidden',
    async render(backend, payload) {
      const token = await tokenFor();
      const me = await get('/me', token);
      backend.worker.use(http.get('*/v1/programs/:programId/me', () => HttpResponse.json({ ...me, name: payload })));
      await signInDemo();
      const el = await fixture<HTMLElement>(html`<fidelio-points-badge></fidelio-points-badge>`);
      await until(() => expect(part(el, 'points')).to.exist);
      return el;
    },
  },
  {
    name: 'member name (GET /me) in the member panel',
    expect: 'shown',
    async render(backend, payload) {
      const token = await tokenFor();
      const me = await get('/me', token);
      backend.worker.use(http.get('*/v1/programs/:programId/me', () => HttpResponse.json({ ...me, name: payload })));
      await signInDemo();
      const el = await fixture<HTMLElement>(html`<fidelio-member-panel></fidelio-member-panel>`);
      // the whole panel, history table included: the baseline must hold every element it renders
      // (the member's answer no longer waits for IndexedDB, so the name may come before the history)
      await until(() => {
        expect(el.shadowRoot!.querySelector('.hello')).to.exist;
        expect(el.shadowRoot!.querySelector('table td')).to.exist;
      });
      return el;
    },
  },
  {
    name: 'URL parameter ?fidelio-unsubscribe= (the unsubscribe notice)',
    expect: 'hidden',
    async render(_backend, payload) {
      // What the drop-in does with the parameter: the token goes to the backend, never to the screen.
      const el = showUnsubscribeNotice(payload);
      await until(() => expect(el.shadowRoot?.querySelector('p')?.textContent).to.be.a('string').and.not.be.oneOf(['', $t.get()('unsub.working')]));
      return el;
    },
  },
  {
    name: 'email address echoed by the unsubscribe answer',
    expect: 'shown',
    async render(backend, payload) {
      backend.worker.use(http.post('*/v1/programs/:programId/unsubscribe', () => HttpResponse.json({ email: payload, newsletter: false })));
      const el = showUnsubscribeNotice('u_m_demo_ana_seed');
      await until(() => expect(el.shadowRoot?.querySelector('p')?.textContent).to.be.a('string').and.not.be.oneOf(['', $t.get()('unsub.working')]));
      return el;
    },
  },
  {
    name: 'coupon code typed by the shopper',
    expect: 'shown',
    async render(_backend, payload) {
      const el = await fixture<HTMLElement>(html`<fidelio-coupon-field .cart=${cart}></fidelio-coupon-field>`);
      await applyCoupon(el, payload);
      return el;
    },
  },
  {
    name: 'coupon code echoed by the server',
    expect: 'shown',
    async render(backend, payload) {
      backend.worker.use(
        http.post('*/v1/programs/:programId/coupons/validate', () =>
          HttpResponse.json({ code: payload, kind: 'fixed', discount: { amount: 1000, currency: 'USD' }, lines: [{ id: 'p-can', discount: 1000 }], appliesTo: payload }),
        ),
      );
      const el = await fixture<HTMLElement>(html`<fidelio-coupon-field .cart=${cart}></fidelio-coupon-field>`);
      await applyCoupon(el, 'WELCOME10');
      expect($coupon.get().status).to.equal('applied');
      return el;
    },
  },
  {
    name: 'coupon refusal parameters from the server (the other code)',
    expect: 'shown',
    async render(backend, payload) {
      backend.worker.use(http.post('*/v1/programs/:programId/coupons/validate', () => problem(422, 'Only one code', { code: 'coupon_already_applied', params: { other: payload } })));
      const el = await fixture<HTMLElement>(html`<fidelio-coupon-field .cart=${cart}></fidelio-coupon-field>`);
      await applyCoupon(el, 'WELCOME10');
      return el;
    },
  },
  {
    name: 'problem+json title and detail (badge)',
    expect: 'hidden',
    async render(backend, payload) {
      backend.worker.use(http.get('*/v1/programs/:programId/me', () => problem(500, payload, { code: payload })));
      await signInDemo();
      const el = await fixture<HTMLElement>(html`<fidelio-points-badge></fidelio-points-badge>`);
      await until(() => expect(part(el, 'message')).to.exist);
      expect(squash(part(el, 'message').textContent!)).to.equal($t.get()('error.server'));
      return el;
    },
  },
  {
    name: 'problem+json title and detail (coupon field)',
    expect: 'hidden',
    async render(backend, payload) {
      backend.worker.use(http.post('*/v1/programs/:programId/coupons/validate', () => problem(400, payload, { params: { code: payload } })));
      const el = await fixture<HTMLElement>(html`<fidelio-coupon-field .cart=${cart}></fidelio-coupon-field>`);
      await applyCoupon(el, 'WELCOME10');
      return el;
    },
  },
  {
    name: 'referral code from the server (share widget)',
    // The code travels inside the member's link, encoded as a query value.
    expect: (payload) => `${location.origin}/?${new URLSearchParams({ ref: payload })}`,
    async render(backend, payload) {
      backend.worker.use(http.get('*/v1/programs/:programId/me/referral', () => HttpResponse.json({ code: payload, link: `${API}/?ref=x`, stats: { invited: 0, joined: 0, ordered: 0, rewarded: 0, pending: 0 } })));
      await signInDemo();
      const el = await fixture<HTMLElement>(html`<fidelio-referral-share></fidelio-referral-share>`);
      await until(() => $referral.get().status === 'ready');
      await until(() => expect(part(el, 'link')).to.exist);
      return el;
    },
  },
  {
    name: 'URL parameter ?ref= (popup greeting, referral greeting)',
    expect: 'hidden',
    async render(_backend, payload) {
      // Added to the runner's own query (which it still needs), and put back afterwards.
      const original = location.href;
      history.replaceState(history.state, '', `${location.pathname}${location.search}&ref=${encodeURIComponent(payload)}`);
      try {
        expect(new URLSearchParams(location.search).get('ref')).to.equal(payload);
        expect(await captureReferral()).to.equal(null);
      } finally {
        history.replaceState(history.state, '', original);
      }
      expect(await storedReferral()).to.equal(null);
      const el = await fixture<HTMLElement>(html`<div><fidelio-signup-popup inline></fidelio-signup-popup><fidelio-referral-greeting></fidelio-referral-greeting></div>`);
      await until(() => $program.get().status === 'ready');
      const popup = el.querySelector('fidelio-signup-popup')!;
      expect(popup.shadowRoot!.querySelector('[part~="greeting"]')).to.equal(null);
      return el;
    },
  },
];

async function resetAll(): Promise<MockBackend> {
  const backend = await useBackend();
  // ($panel too: a panel store still mounted from the last render would miss the next sign-in, its
  // session listener gone with cleanStores($session), and its history would stay "Loading…")
  cleanStores($program, $cartPreview, $coupon, $signup, $cart, $referral, $redeem, $panel);
  await resetSdk();
  $signup.set({ status: 'idle' });
  $coupon.set({ status: 'idle' });
  $cart.set(null);
  $cartPreview.set({ status: 'idle' });
  resetRedeem();
  configureForTests();
  delete window.__pwned;
  return backend;
}

/** Lets anything a payload might have scheduled (an image error, a focus, a load) happen first. */
const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));

describe('XSS: hostile strings render as text and never run', function () {
  this.timeout(120_000);
  let page: ReturnType<typeof watchPageErrors>;
  beforeEach(() => (page = watchPageErrors()));
  afterEach(() => {
    page.stop();
    expect(page.errors, 'uncaught errors or unhandled rejections').to.deep.equal([]);
  });

  it(`has at least 20 hostile strings (${PAYLOADS.length})`, () => {
    expect(PAYLOADS.length).to.be.at.least(20);
    expect(new Set(PAYLOADS.map(([, p]) => p)).size).to.equal(PAYLOADS.length);
  });

  it('would notice a payload that ran or an element it inserted (control)', async () => {
    delete window.__pwned;
    const watch = watchShadowRoots();
    try {
      const host = document.createElement('div');
      document.body.append(host);
      const root = host.attachShadow({ mode: 'open' });
      // What a widget that used innerHTML would do (an image that fails without a request):
      root.innerHTML = `<p><img src="data:," onerror="top.__pwned='img'"></p>`;
      await until(() => window.__pwned === 'img');
      expect(watch.added.map((el) => danger(el, new Set(['P']))).filter(Boolean)).to.include('<img> that harmless text does not produce');
      host.remove();
    } finally {
      watch.stop();
      delete window.__pwned;
    }
  });

  for (const surface of SURFACES) {
    it(surface.name, async () => {
      // What the widget renders for harmless text: the elements hostile text may produce too.
      let backend = await resetAll();
      const baseline = watchShadowRoots();
      let benign: HTMLElement;
      try {
        benign = await surface.render(backend, 'Harmless text 123');
        await settle();
      } finally {
        baseline.stop();
      }
      const allowed = new Set([...baseline.added, ...baseline.roots.flatMap((root) => [...root.querySelectorAll('*')])].map((el) => el.tagName.toUpperCase()));
      fixtureCleanup();
      benign.remove();

      const failures: string[] = [];
      // The SDK's console warnings may quote server text (it is the merchant's console): keep the log short.
      const warnings = captureWarnings();
      try {
        for (const [name, payload] of PAYLOADS) {
          backend = await resetAll();
          const watch = watchShadowRoots();
          let el: HTMLElement;
          try {
            el = await surface.render(backend, payload);
            await settle();
          } finally {
            watch.stop();
          }
          const problems: string[] = [];
          if (window.__pwned) problems.push(`it ran (${window.__pwned})`);
          const inserted = [...watch.added, ...watch.roots.flatMap((root) => [...root.querySelectorAll('*')])];
          for (const found of new Set(inserted.map((node) => danger(node, allowed)).filter(Boolean))) problems.push(`inserted ${found}`);
          const text = squash(deepText(el.shadowRoot ?? el));
          if (surface.expect === 'shown' && !text.includes(squash(payload)) && !text.includes(squash(payload).toUpperCase())) problems.push('not shown as text');
          if (typeof surface.expect === 'function' && !text.includes(surface.expect(payload))) problems.push(`not shown as ${surface.expect(payload).slice(0, 60)}`);
          if (surface.expect === 'hidden' && squash(payload).length > 3 && text.includes(squash(payload))) problems.push('server text reached the screen');
          if (!text) problems.push('the widget is blank');
          if (el.getBoundingClientRect().height === 0) problems.push('the widget collapsed');
          if (problems.length) failures.push(`${name}: ${problems.join('; ')}`);
          fixtureCleanup();
          el.remove();
        }
      } finally {
        warnings.restore();
      }
      expect(failures).to.deep.equal([]);
    });
  }
});

describe('links from the server: https or the page’s own origin only', () => {
  it('safeHref keeps https and same-origin addresses and refuses every other scheme', () => {
    const base = 'http://localhost:8000/shop/cart';
    expect(safeHref('https://shop.example/?ref=ANA2026', base)).to.equal('https://shop.example/?ref=ANA2026');
    expect(safeHref('/rewards', base)).to.equal('http://localhost:8000/rewards');
    expect(safeHref('http://localhost:8000/?ref=A', base)).to.equal('http://localhost:8000/?ref=A');
    for (const hostile of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
      'blob:http://localhost:8000/0b5e1f0c',
      'http://evil.example/?ref=ANA2026',
      'file:///etc/passwd',
      '//evil.example:99999/',
      '',
      '   ',
    ]) {
      expect(safeHref(hostile, base), JSON.stringify(hostile)).to.equal(null);
    }
    expect(safeHref(42, base)).to.equal(null);
    expect(safeHref(null, base)).to.equal(null);
  });

  it('the share widget never offers a link the server gave with another scheme', async () => {
    for (const link of ['javascript:top.__pwned=1//https://shop.example', 'data:text/html,<script>top.__pwned=1</script>', 'http://evil.example/?ref=ANA2026', ' java\tscript:top.__pwned=1']) {
      const backend = await resetAll();
      backend.worker.use(http.get('*/v1/programs/:programId/me/referral', () => HttpResponse.json({ code: 'ANA2026', link, stats: { invited: 0, joined: 0, ordered: 0, rewarded: 0, pending: 0 } })));
      await signInDemo();
      const el = await fixture<HTMLElement>(html`<fidelio-referral-share></fidelio-referral-share>`);
      await until(() => $referral.get().status === 'ready');
      await until(() => expect(part(el, 'link')).to.exist);
      const shown = (part(el, 'link') as HTMLInputElement).value;
      expect(shown, link).to.equal(`${location.origin}/?ref=ANA2026`);
      for (const anchor of el.shadowRoot!.querySelectorAll('a[href]')) {
        expect(anchor.getAttribute('href'), link).to.match(/^(https:|mailto:)/);
        expect(decodeURIComponent(anchor.getAttribute('href')!), link).not.to.match(/javascript:|data:|evil\.example/);
      }
      fixtureCleanup();
    }
  });
});
