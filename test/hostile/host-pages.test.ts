/**
 * Hostile and unusual host pages, each a frame running the built drop-in (dist/fidelio.js) against
 * the stub backend: the drop-in loaded twice; a host that already owns one of the tag names; a CSS
 * reset that unsets everything with !important; a host that extends Array.prototype and
 * Object.prototype and wraps fetch; a sandboxed frame where storage is refused; and the globals,
 * error handlers and cookies the drop-in leaves behind (none but window.Fidelio).
 */
import { expect } from '@open-wc/testing';
import { eventually, until } from '../helpers/backend.js';
import { ask, frameCart, openPage, pageToken, shadowPart, shadowText, shippedTags, useStubBackend, type FrameWindow } from '../helpers/frames.js';

/** Adds the drop-in's tag to a framed page, as a merchant's template does; resolves once it ran. */
function addDropIn(doc: Document, query = ''): Promise<void> {
  const script = doc.createElement('script');
  script.type = 'module';
  script.src = `/dist/fidelio.js${query}`;
  script.dataset.api = `${location.origin}/__fidelio__/api`;
  script.dataset.program = 'demo-store';
  const loaded = new Promise<void>((resolve, reject) => {
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('the drop-in did not load'));
  });
  doc.head.append(script);
  return loaded;
}


const partText = (el: Element | null, name: string) => shadowPart(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const fidelioWarnings = (win: FrameWindow) => win.__warnings.filter((w) => w.startsWith('[fidelio]'));

/** The widgets a shopper sees first, each with the text that says it works. */
async function expectWorking(win: FrameWindow, doc: Document): Promise<void> {
  await until(() => expect(shadowText(doc.querySelector('fidelio-points-badge'))).to.equal('Join & earn'), 10_000);
  await win.Fidelio!.setCart(frameCart);
  await win.Fidelio!.identify(pageToken());
  await until(() => expect(partText(doc.querySelector('fidelio-points-badge'), 'points')).to.equal('397 points'), 10_000);
  const coupon = doc.querySelector('fidelio-coupon-field');
  if (coupon) {
    await until(() => expect(shadowPart(coupon, 'apply')).to.exist);
    (shadowPart(coupon, 'input') as HTMLInputElement).value = 'welcome10';
    shadowPart(coupon, 'apply')!.click();
    await until(() => expect(shadowText(coupon)).to.contain('WELCOME10: $10.00 off your order.'));
  }
}

describe('hostile and unusual host pages (built drop-in)', function () {
  this.timeout(60_000);
  let tags: string[];
  const frames: HTMLIFrameElement[] = [];

  before(async () => {
    tags = await shippedTags();
    await useStubBackend();
  });
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

  async function page(query: string, options?: Parameters<typeof openPage>[1]) {
    const opened = await openPage(`probe=1&lang=en&${query}`, options);
    frames.push(opened.frame);
    return opened;
  }

  it('adds no global but window.Fidelio, no error handler and no cookie', async () => {
    const { win, doc } = await page(`drop-in=0&tags=${tags.join(',')}`, { waitForBoot: false });
    const before = new Set(Object.getOwnPropertyNames(win));
    const windowListeners: string[] = [];
    const add = win.addEventListener;
    win.addEventListener = function (this: Window, type: string, ...rest: unknown[]) {
      windowListeners.push(type);
      return (add as (...args: unknown[]) => void).call(this, type, ...rest);
    } as typeof win.addEventListener;
    await addDropIn(doc);
    // every widget's code, the popup's when something opens it
    for (const tag of tags.filter((tag) => tag !== 'fidelio-signup-popup')) await until(() => expect(win.customElements.get(tag), `<${tag}>`).to.exist, 10_000);
    await expectWorking(win, doc);
    win.Fidelio!.openSignup();
    await until(() => expect(shadowPart(doc.querySelector('fidelio-signup-popup'), 'dialog')?.hasAttribute('open')).to.equal(true));
    delete (win as { addEventListener?: unknown }).addEventListener; // the recorder above, back to the prototype's
    const added = Object.getOwnPropertyNames(win).filter((name) => !before.has(name));
    expect(added, 'new globals').to.deep.equal(['Fidelio']);
    expect(win.onerror, 'window.onerror').to.equal(null);
    expect(win.onunhandledrejection, 'window.onunhandledrejection').to.equal(null);
    expect(windowListeners.filter((type) => type === 'error' || type === 'unhandledrejection'), 'error listeners on window').to.deep.equal([]);
    expect(doc.cookie, 'cookies').to.equal('');
    expect(win.__errors).to.deep.equal([]);
  });

  it('boots once when the drop-in is on the page twice, with one warning', async () => {
    const { win, doc } = await page('tags=fidelio-points-badge,fidelio-coupon-field');
    const first = win.Fidelio;
    await addDropIn(doc, '?copy=2');
    expect(win.Fidelio).to.equal(first);
    await expectWorking(win, doc);
    expect(doc.querySelectorAll('fidelio-points-badge')).to.have.length(1);
    expect(fidelioWarnings(win)).to.deep.equal(['[fidelio] the Fidelio script is on this page more than once; only the first copy runs.']);
    expect(win.__errors).to.deep.equal([]);
  });

  it("leaves a tag the host already defined to the host's element, with one warning", async () => {
    const { win, doc } = await page('drop-in=0&tags=fidelio-points-badge,fidelio-coupon-field,fidelio-join-link', { waitForBoot: false });
    // The host's own <fidelio-join-link> (an older integration, another vendor), defined first.
    (win as unknown as { eval(code: string): unknown }).eval(
      `customElements.define('fidelio-join-link', class extends HTMLElement { connectedCallback() { this.textContent = 'the host\\'s own link'; } });`,
    );
    const hostClass = win.customElements.get('fidelio-join-link');
    await addDropIn(doc);
    await until(() => expect(fidelioWarnings(win)).to.have.length(1), 10_000);
    await expectWorking(win, doc);
    expect(win.customElements.get('fidelio-join-link')).to.equal(hostClass);
    expect(doc.querySelector('fidelio-join-link')!.textContent).to.equal("the host's own link");
    expect(fidelioWarnings(win)).to.deep.equal(['[fidelio] <fidelio-join-link> is already defined by other code on this page; Fidelio leaves it alone, so that widget does not show.']);
    expect(win.__errors).to.deep.equal([]);
  });

  it('keeps every widget laid out under a host reset that unsets everything with !important', async () => {
    const { win, doc } = await page(`tags=${tags.join(',')}`);
    const reset = doc.createElement('style');
    // A theme's reset at its most aggressive: everything unset, a 10px root font, and the elements
    // widgets are made of hidden (which can only reach the light DOM).
    reset.textContent = `
      * { all: unset !important; }
      html { font-size: 62.5% !important; }
      html, body, main { display: block !important; }
      div, span, p, h2, button, input, select, form, dialog, ul, li, a, label { display: none !important; visibility: hidden !important; opacity: 0 !important; }
    `;
    doc.head.append(reset);
    await expectWorking(win, doc);
    win.Fidelio!.openSignup();
    const popup = doc.querySelector('fidelio-signup-popup');
    await until(() => expect(shadowPart(popup, 'dialog')?.hasAttribute('open')).to.equal(true));
    // The popup fades in (where motion is welcome): measure it once it is there.
    await Promise.all(popup!.shadowRoot!.getAnimations().map((animation) => animation.finished));
    // The key parts of each widget: present, visible, with a usable size.
    const keyParts: [string, string[]][] = [
      ['fidelio-points-badge', ['button', 'points']],
      ['fidelio-coupon-field', ['message']],
      // (the shopper is signed in by now: the popup says they are a member, with its one button)
      ['fidelio-signup-popup', ['dialog', 'title', 'done']],
      ['fidelio-launcher', []],
    ];
    const problems: string[] = [];
    const checkPart = (tag: string, el: Element, name: string) => {
      const node = shadowPart(el, name);
      if (!node) return problems.push(`${tag} [part=${name}] missing`);
      const box = node.getBoundingClientRect();
      const style = win.getComputedStyle(node);
      if (box.width < 8 || box.height < 8) problems.push(`${tag} [part=${name}] is ${box.width}×${box.height}`);
      if (style.visibility !== 'visible' || style.display === 'none') problems.push(`${tag} [part=${name}] is hidden`);
    };
    for (const [tag, parts] of keyParts) {
      const el = doc.querySelector(tag);
      if (!el) continue;
      for (const name of parts) checkPart(tag, el, name);
      // Text stays readable: the page's 10px root font at the smallest, and not transparent.
      const text = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part]')].find((node) => node.textContent?.trim());
      if (text && parseFloat(win.getComputedStyle(text).fontSize) < 10) problems.push(`${tag} text is ${win.getComputedStyle(text).fontSize}`);
      if (text && Number(win.getComputedStyle(text).opacity) < 1) problems.push(`${tag} text is see-through`);
    }
    // and the popup's form, for a visitor
    win.Fidelio!.signOut();
    await until(() => expect(shadowPart(popup, 'form')).to.exist);
    for (const name of ['form', 'submit']) checkPart('fidelio-signup-popup', popup!, name);
    expect(problems).to.deep.equal([]);
    expect(win.__errors).to.deep.equal([]);
  });

  it('works on a host that extends Array.prototype and Object.prototype and wraps fetch', async () => {
    const { win, doc } = await page('drop-in=0&tags=fidelio-points-badge,fidelio-coupon-field,fidelio-join-link,fidelio-signup-popup', { waitForBoot: false });
    (win as unknown as { eval(code: string): unknown }).eval(`
      // Old libraries and shop themes do all of this.
      Array.prototype.unique = function () { return [...new Set(this)]; };
      Array.prototype.last = function () { return this[this.length - 1]; };
      Object.prototype.extend = function (other) { return Object.assign(this, other); };
      Object.prototype.status = 'polluted';
      Object.prototype.code = 'polluted';
      Object.prototype.then = undefined;
      String.prototype.trim = function () { return String(this).replace(/^\\s+|\\s+$/g, ''); };
      const realFetch = window.fetch;
      window.__fetched = [];
      window.fetch = function (input, init) {
        window.__fetched.push(String(input && input.url || input));
        return realFetch.call(window, input, init).then((response) => response);
      };
    `);
    await addDropIn(doc);
    await expectWorking(win, doc);
    await until(() => expect(shadowText(doc.querySelector('fidelio-join-link'))).to.equal('You will earn 10 points with this order.'), 10_000);
    expect((win as unknown as { __fetched: string[] }).__fetched.some((url) => url.includes('/v1/programs/demo-store/me')), 'calls go through the host’s fetch').to.equal(true);
    expect(win.__errors).to.deep.equal([]);
    expect(fidelioWarnings(win)).to.deep.equal([]);
  });

  it('works in a sandboxed frame where storage is refused', async () => {
    const { frame } = await page('tags=fidelio-points-badge,fidelio-coupon-field', { sandbox: 'allow-scripts' });
    type State = { texts: Record<string, string>; errors: string[]; warnings: string[]; fidelio: boolean; storage: string };
    const state = () => ask<State>(frame, 'state');
    await eventually(async () => expect((await state()).fidelio).to.equal(true));
    await eventually(async () => expect((await state()).texts['fidelio-points-badge']).to.equal('Join & earn'));
    await ask(frame, 'identify', pageToken());
    await eventually(async () => expect((await state()).texts['fidelio-points-badge']).to.match(/^★ 397 points(\s|$)/));
    const final = await state();
    expect(final.errors).to.deep.equal([]);
    // An opaque origin may not open IndexedDB: one warning for the merchant, the balance from the server.
    expect(final.warnings.filter((w) => w.includes('IndexedDB'))).to.satisfy((list: string[]) => list.length === 1 && /IndexedDB (could not be opened|is not available)/.test(list[0]!));
  });
});
