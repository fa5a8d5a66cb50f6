import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/components/points-badge/points-badge.js';
import type { FidelioPointsBadge } from '../../src/components/points-badge/points-badge.component.js';
import { cleanStores } from 'nanostores';
import { refreshMember, $member } from '../../src/stores/member.js';
import { setLocale } from '../../src/i18n/index.js';
import { identify } from '../../src/stores/session.js';
import { getStorage, resetStorage } from '../../src/stores/runtime.js';
import { DEMO_MEMBER_ID } from '../../src/mock/index.js';
import { DAY_MS } from '../../src/core/clock.js';
import { captureWarnings, clock, eventually, freshSdkEachTest, narrowWindow, replaceIndexedDB, signInDemo, tokenFor, until } from '../helpers/backend.js';
import { expectOutlinedInForcedColors } from '../helpers/forced-colors.js';

const ME = '*/v1/programs/:programId/me';

const part = (el: FidelioPointsBadge, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: FidelioPointsBadge, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

/** Stands in for indexedDB, handing each open() request to `watch` before the SDK sees it; returns the undo. */
function watchIndexedDBOpens(watch: (request: IDBOpenDBRequest) => void): () => void {
  return replaceIndexedDB(
    new Proxy(window.indexedDB, {
      get(target, key) {
        if (key !== 'open') {
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return (...args: Parameters<IDBFactory['open']>) => {
          const request = target.open(...args);
          watch(request);
          return request;
        };
      },
    }),
  );
}

describe('<fidelio-points-badge>', () => {
  const backend = freshSdkEachTest();

  async function badge(): Promise<FidelioPointsBadge> {
    const el = await fixture<FidelioPointsBadge>(html`<fidelio-points-badge></fidelio-points-badge>`);
    return el;
  }

  it('is accessible signed in and signed out', async () => {
    await signInDemo();
    const el = await badge();
    await until(() => expect(text(el, 'points')).to.equal('397 points'));
    await expect(el).to.be.accessible();
    const out = await fixture<FidelioPointsBadge>(html`<div><fidelio-points-badge></fidelio-points-badge></div>`);
    expect(out).to.exist;
  });

  it('names the member’s button for what it is, and says it opens a dialog when a launcher is on the page', async () => {
    await signInDemo();
    // (the launcher's tag, as the drop-in leaves it before its code loads at idle time)
    const host = await fixture<HTMLElement>(html`<div><fidelio-points-badge></fidelio-points-badge><fidelio-launcher></fidelio-launcher></div>`);
    const el = host.querySelector('fidelio-points-badge')!;
    await until(() => expect(text(el, 'points')).to.equal('397 points'));
    const button = part(el, 'button')!;
    expect(button.getAttribute('aria-label')).to.equal('Rewards: 397 points');
    expect(button.getAttribute('aria-haspopup')).to.equal('dialog');
    await setLocale('ro');
    await el.updateComplete;
    expect(button.getAttribute('aria-label')).to.equal('Recompense: 397 de puncte');
    await setLocale('en');
    host.remove();
    // without a launcher a press only tells the host page: no popup is promised
    const alone = await badge();
    await until(() => expect(text(alone, 'points')).to.equal('397 points'));
    expect(part(alone, 'button')!.hasAttribute('aria-haspopup')).to.equal(false);
    expect(part(alone, 'button')!.getAttribute('aria-label')).to.equal('Rewards: 397 points');
  });

  it('shows a "Join & earn" call to action to a signed-out shopper that emits fidelio-join', async () => {
    const el = await badge();
    await until(() => expect(text(el, 'join')).to.equal('Join & earn'));
    await expect(el).to.be.accessible();
    setTimeout(() => part(el, 'join')!.click());
    const event = await oneEvent(el, 'fidelio-join');
    expect(event.detail).to.deep.equal({ source: 'badge' });
    expect(event.composed && event.bubbles).to.equal(true);
  });

  it('shows the available balance, and pending points and the next expiry on keyboard focus', async () => {
    await signInDemo();
    const el = await badge();
    await until(() => expect(text(el, 'points')).to.equal('397 points'));
    const details = part(el, 'details')!;
    expect(getComputedStyle(details).display).to.equal('none');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'button'));
    expect(getComputedStyle(details).display).to.equal('block');
    await el.updateComplete;
    expect(details.textContent).to.contain('86 points pending, available on');
    expect(details.textContent).to.match(/152 points expire on \w{3}\u00a0\d{1,2}/);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(getComputedStyle(details).display).to.equal('none');
  });

  it('closes a tooltip shown by hovering alone on Escape, wherever focus is', async () => {
    await signInDemo();
    const el = await badge();
    await until(() => expect(text(el, 'points')).to.equal('397 points'));
    const details = part(el, 'details')!;
    const box = el.getBoundingClientRect();
    try {
      await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
      await until(() => expect(getComputedStyle(details).display).to.equal('block'));
      expect(el.shadowRoot!.activeElement).to.equal(null);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(getComputedStyle(details).display).to.equal('none');
    } finally {
      // the pointer leaves, for the tests after this one
      await sendMouse({ type: 'move', position: [0, 0] });
      await resetMouse();
    }
  });

  it('keeps the tooltip inside a phone-wide window, at the start and at the end of a header', async function () {
    const before = { width: innerWidth, height: innerHeight };
    if (!(await narrowWindow({ width: 390, height: 844 }))) return this.skip();
    try {
      await signInDemo();
      for (const justify of ['start', 'end']) {
        const header = await fixture<HTMLElement>(html`<div style="display: flex; justify-content: ${justify}"><fidelio-points-badge></fidelio-points-badge></div>`);
        const el = header.querySelector<FidelioPointsBadge>('fidelio-points-badge')!;
        await until(() => expect(text(el, 'points')).to.equal('397 points'));
        part(el, 'button')!.focus();
        const details = part(el, 'details')!;
        await until(() => expect(details.textContent).to.contain('86 points pending'));
        await el.updateComplete;
        const box = details.getBoundingClientRect();
        expect(box.width, justify).to.be.above(200);
        expect(box.left, `${justify}: left edge`).to.be.at.least(0);
        expect(box.right, `${justify}: right edge`).to.be.at.most(innerWidth);
        part(el, 'button')!.blur();
      }
    } finally {
      await setViewport(before);
    }
  });

  it('outlines the pill in forced colours, which drop its fill (Windows High Contrast)', async () => {
    await signInDemo();
    const el = await badge();
    await until(() => expect(text(el, 'points')).to.equal('397 points'));
    const button = part(el, 'button')!;
    expectOutlinedInForcedColors(el.shadowRoot!, button);
  });

  it('writes the tooltip at the first hover or focus, so painting the balance needs no date formatter', async () => {
    await signInDemo();
    const el = await badge();
    await until(() => expect(text(el, 'points')).to.equal('397 points'));
    const details = part(el, 'details')!;
    await new Promise((r) => setTimeout(r, 300));
    expect(details.textContent!.trim()).to.equal('');
    el.dispatchEvent(new Event('pointerenter'));
    await el.updateComplete;
    expect(details.textContent).to.contain('86 points pending, available on');
  });

  it('formats the balance in the page locale', async () => {
    backend().state.engine.ledger.push({ id: 'big', kind: 'earn', memberId: 'm_demo_ana', points: 12_000, at: clock.now() - 40 * DAY_MS, source: 'adjustment', availableAt: clock.now() - 40 * DAY_MS });
    await signInDemo();
    const el = await badge();
    await until(() => expect(text(el, 'points')).to.equal('12,397 points'));
    await setLocale('es');
    await el.updateComplete;
    expect(text(el, 'points')).to.equal('12.397 puntos');
    await setLocale('ro');
    await el.updateComplete;
    expect(text(el, 'points')).to.equal('12.397 de puncte');
    await setLocale('zh-CN');
    await el.updateComplete;
    expect(text(el, 'points')).to.equal('12,397 积分');
  });

  it('paints the cached balance at once on a return visit, before the server answers', async () => {
    await signInDemo();
    let el = await badge();
    await until(() => expect(text(el, 'points')).to.equal('397 points'));
    el.remove();
    cleanStores($member);
    // Next visit: the server is slow and the balance has changed meanwhile.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    backend().worker.use(http.get(ME, async () => (await gate, undefined)));
    backend().state.engine.ledger.push({ id: 'bonus', kind: 'earn', memberId: 'm_demo_ana', points: 3, at: clock.now() - 31 * DAY_MS, source: 'action', availableAt: clock.now() - DAY_MS });
    resetStorage();
    el = await badge();
    await until(() => expect(text(el, 'points')).to.equal('397 points'));
    release();
    await until(() => expect(text(el, 'points')).to.equal('400 points'));
  });

  it('announces a balance change politely and emits fidelio-balance-change', async () => {
    await signInDemo();
    const el = await badge();
    await until(() => expect(text(el, 'points')).to.equal('397 points'));
    const live = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
    expect(live.textContent!.trim()).to.equal('');
    backend().state.engine.ledger.push({ id: 'r-x', kind: 'redeem', memberId: 'm_demo_ana', points: 100, at: clock.now(), ref: 'x' });
    setTimeout(() => void refreshMember());
    const event = await oneEvent(el, 'fidelio-balance-change');
    expect(event.detail).to.deep.equal({ available: 297, pending: 86 });
    await el.updateComplete;
    expect(live.textContent!.trim()).to.equal('Your balance is now 297 points');
  });

  it('announces a balance change once with two badges on the page (header and checkout)', async () => {
    await signInDemo();
    const host = await fixture<HTMLElement>(html`<div><fidelio-points-badge></fidelio-points-badge><fidelio-points-badge></fidelio-points-badge></div>`);
    const badges = [...host.querySelectorAll('fidelio-points-badge')];
    for (const el of badges) await until(() => expect(text(el, 'points')).to.equal('397 points'));
    backend().state.engine.ledger.push({ id: 'r-two', kind: 'redeem', memberId: 'm_demo_ana', points: 100, at: clock.now(), ref: 'two' });
    await refreshMember();
    for (const el of badges) await until(() => expect(text(el, 'points')).to.equal('297 points'));
    await Promise.all(badges.map((el) => el.updateComplete));
    const said = badges.map((el) => el.shadowRoot!.querySelector('[aria-live]')!.textContent!.trim());
    expect(said.filter(Boolean), 'one live region speaks').to.deep.equal(['Your balance is now 297 points']);
  });

  it('asks the server for the balance while IndexedDB opens, not after it', async () => {
    // the member's request leaves before the database has opened (it used to wait for the open and
    // a read); an open that never settles (WebKit, now and then) counts as settling at the end of time
    // (the order of events, not clock readings: WebKit's clock has 1 ms steps, and both came in one)
    let order = 0;
    let fetched = Infinity;
    let opened = Infinity;
    const settled = () => (opened = Math.min(opened, ++order));
    const restoreIdb = watchIndexedDBOpens((request) => ['success', 'error'].forEach((type) => request.addEventListener(type, settled)));
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (/\/me$/.test(input instanceof Request ? input.url : String(input))) fetched = Math.min(fetched, ++order);
      return realFetch(input, init);
    };
    try {
      await signInDemo();
      const el = await badge();
      await until(() => expect(text(el, 'points')).to.equal('397 points'));
    } finally {
      window.fetch = realFetch;
      restoreIdb();
    }
    expect(fetched, 'the request for the member').to.be.below(Infinity);
    expect(fetched, 'asked before the database had opened').to.be.below(opened);
  });

  it('shows the server’s answer without waiting for IndexedDB to open, and stores it once open', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // the database opens only when the test says so (the upgrade itself runs as usual)
    const restoreIdb = watchIndexedDBOpens((request) => {
      const add = request.addEventListener.bind(request);
      request.addEventListener = ((type: string, listener: EventListener, options?: AddEventListenerOptions) =>
        add(type, type === 'success' ? (event: Event) => void gate.then(() => listener.call(request, event)) : listener, options)) as typeof request.addEventListener;
    });
    try {
      await signInDemo();
      const el = await badge();
      // well before the storage's own 3 s limit on opening (after which it would go on without a disk)
      await until(() => expect(text(el, 'points')).to.equal('397 points'), 1500);
      release();
      const storage = await getStorage();
      await eventually(async () => expect((await storage.get('members', `demo-store:${DEMO_MEMBER_ID}`))?.member.points.available).to.equal(397));
    } finally {
      release();
      restoreIdb();
    }
  });

  it('keeps the same size while loading, signed out, signed in and failing (no layout shift)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    backend().worker.use(http.get(ME, async () => (await gate, undefined)));
    await signInDemo();
    const el = await badge();
    await until(() => expect(part(el, 'skeleton')).to.exist);
    const loading = el.getBoundingClientRect();
    release();
    await until(() => expect(text(el, 'points')).to.equal('397 points'));
    const ready = el.getBoundingClientRect();
    expect([ready.width, ready.height]).to.deep.equal([loading.width, loading.height]);
  });

  const failures: [string, () => Response | Promise<Response>, RegExp][] = [
    ['the network is down', () => HttpResponse.error(), /no connection/],
    ['the server answers 500', () => new HttpResponse('Internal error', { status: 500 }), /unavailable right now/],
    ['the answer is malformed JSON', () => new HttpResponse('{"points": ', { headers: { 'Content-Type': 'application/json' } }), /unexpected answer/],
    ['the answer has the wrong shape', () => HttpResponse.json({ balance: 'many' }), /unexpected answer/],
  ];
  for (const [fault, respond, message] of failures) {
    it(`shows a short translated message and warns once when ${fault}`, async () => {
      backend().worker.use(http.get(ME, respond));
      await signInDemo();
      const warnings = captureWarnings();
      let el: FidelioPointsBadge;
      try {
        el = await badge();
        await until(() => expect(text(el, 'message')).to.match(message));
        await refreshMember();
      } finally {
        warnings.restore();
      }
      expect(warnings.messages).to.have.length(1);
      expect(warnings.messages[0]).to.match(/^\[fidelio\] could not load the member's balance/);
      expect(part(el!, 'message')!.getAttribute('role')).to.equal('status');
      // the failure fits the reserved box (9.5em wide) instead of widening it: the page does not shift
      expect(el!.getBoundingClientRect().width).to.be.at.most(parseFloat(getComputedStyle(el!).fontSize) * 9.5 + 0.5);
      expect(part(el!, 'message')!.title).to.match(message);
      // ...and recovers when the fault ends.
      backend().worker.resetHandlers();
      await refreshMember();
      await until(() => expect(text(el!, 'points')).to.equal('397 points'));
    });
  }

  it('shows the last known balance with a note when a refresh fails', async () => {
    await signInDemo();
    const el = await badge();
    await until(() => expect(text(el, 'points')).to.equal('397 points'));
    backend().worker.use(http.get(ME, () => HttpResponse.error()));
    const warnings = captureWarnings();
    try {
      await refreshMember();
    } finally {
      warnings.restore();
    }
    expect(text(el, 'points')).to.equal('397 points');
    expect(text(el, 'stale')).to.contain('last known balance');
  });

  it('shows the signed-out state, not an error, when the token has expired or is forged', async () => {
    await signInDemo();
    const el = await badge();
    await until(() => expect(text(el, 'points')).to.equal('397 points'));
    clock.advance(301_000);
    await refreshMember();
    await until(() => expect(text(el, 'join')).to.equal('Join & earn'));
    await identify(await tokenFor(undefined, { secret: 'forged' }));
    await until(() => expect(text(el, 'join')).to.equal('Join & earn'));
    expect(part(el, 'message')).to.equal(null);
  });

  it('works without IndexedDB', async () => {
    const restore = replaceIndexedDB(undefined);
    const warnings = captureWarnings();
    try {
      resetStorage();
      await signInDemo();
      const el = await badge();
      await until(() => expect(text(el, 'points')).to.equal('397 points'));
    } finally {
      restore();
      warnings.restore();
    }
    expect(warnings.messages).to.deep.equal(['[fidelio] IndexedDB is not available; balances will not be cached between visits.']);
  });

  it('themes through --fidelio-* custom properties and ::part', async () => {
    const el = await fixture<FidelioPointsBadge>(html`<fidelio-points-badge style="--fidelio-accent: rgb(10, 20, 30)"></fidelio-points-badge>`);
    await until(() => expect(part(el, 'join')).to.exist);
    expect(getComputedStyle(part(el, 'join')!).backgroundColor).to.equal('rgb(10, 20, 30)');
  });
});
