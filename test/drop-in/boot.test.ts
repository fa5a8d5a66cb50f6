import { expect } from '@open-wc/testing';
import { API, addDropIn, captureWarnings, until, useBackend, watchPageErrors } from '../helpers/backend.js';
import { DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { openPage, useStubBackend } from '../helpers/frames.js';

const shadowText = (el: Element | null) => el?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('drop-in script tag', () => {
  const page = watchPageErrors();
  after(() => {
    page.stop();
    expect(page.errors).to.deep.equal([]);
  });

  before(async () => {
    await useBackend();
  });

  it('boots from its own tag, exposes window.Fidelio and loads no component code before a tag appears', async () => {
    expect(window.Fidelio).to.equal(undefined);
    await addDropIn('first', { api: API, program: DEMO_PROGRAM_ID, locale: 'en' });
    expect(window.Fidelio).to.exist;
    expect(Object.keys(window.Fidelio!).sort()).to.deep.equal(['identify', 'init', 'load', 'openSignup', 'referral', 'refresh', 'setCart', 'setLocale', 'signOut', 'version']);
    expect(window.Fidelio!.version).to.match(/^\d+\.\d+\.\d+/);
    expect(customElements.get('fidelio-points-badge')).to.equal(undefined);
  });

  it('defines a component when an SPA adds its tag later, with no refresh call', async () => {
    const host = document.createElement('div');
    host.innerHTML = '<nav><fidelio-points-badge></fidelio-points-badge></nav>';
    document.body.append(host);
    await customElements.whenDefined('fidelio-points-badge');
    await until(() => expect(shadowText(host.querySelector('fidelio-points-badge'))).to.contain('Join & earn'));
    host.remove();
  });

  it('loads a popup without triggers not even when the page is idle, and at once (opening it) when a shopper asks to join', async () => {
    const popup = document.createElement('fidelio-signup-popup');
    try {
      document.body.append(popup);
      // past the 1.5 s deadline of an idle callback
      await new Promise((r) => setTimeout(r, 2000));
      expect(customElements.get('fidelio-signup-popup')).to.equal(undefined);
      document.dispatchEvent(new CustomEvent('fidelio-join', { detail: { source: 'badge' } }));
      await until(() => expect(popup.shadowRoot?.querySelector('dialog')?.open).to.equal(true));
    } finally {
      popup.remove();
    }
  });

  it('loads the launcher when the page is idle, and at once when the badge is pressed first, opening the panel for that press', async () => {
    const win = window as { requestIdleCallback?: unknown };
    const idle = win.requestIdleCallback;
    win.requestIdleCallback = () => 0; // a page that is never idle
    const launcher = document.createElement('fidelio-launcher');
    const badge = document.createElement('button');
    badge.textContent = 'badge';
    try {
      document.body.append(launcher, badge);
      await new Promise((r) => setTimeout(r, 400));
      expect(customElements.get('fidelio-launcher')).to.equal(undefined);
      badge.dispatchEvent(new CustomEvent('fidelio-badge-click', { bubbles: true, composed: true, detail: { available: 1 } }));
      await until(() => expect(launcher.shadowRoot?.querySelector('dialog')?.open).to.equal(true));
    } finally {
      win.requestIdleCallback = idle;
      launcher.remove();
      badge.remove();
    }
  });

  it('opens the signup popup from Fidelio.openSignup(), adding one when the page has none', async () => {
    expect(document.querySelector('fidelio-signup-popup')).to.equal(null);
    window.Fidelio!.openSignup();
    await until(() => expect(document.querySelector('fidelio-signup-popup')?.shadowRoot?.querySelector('dialog')?.open).to.equal(true));
    document.querySelector('fidelio-signup-popup')!.remove();
  });

  it('boots once when the tag is on the page twice, and says so once', async () => {
    const first = window.Fidelio;
    const warnings = captureWarnings();
    try {
      await addDropIn('second', { api: 'https://elsewhere.test', program: 'other' });
      await addDropIn('third', { api: 'https://elsewhere.test', program: 'other' });
    } finally {
      warnings.restore();
    }
    expect(window.Fidelio).to.equal(first);
    expect(warnings.messages).to.deep.equal(['[fidelio] the Fidelio script is on this page more than once; only the first copy runs.']);
  });

  it('never throws into the host from its API, whatever it is given', async () => {
    const warnings = captureWarnings();
    try {
      window.Fidelio!.init(null as never);
      window.Fidelio!.init('nonsense' as never);
      await window.Fidelio!.identify(42 as never);
      await window.Fidelio!.setLocale({} as never);
      window.Fidelio!.signOut();
    } finally {
      warnings.restore();
    }
    expect(warnings.messages.every((m) => m.startsWith('[fidelio] '))).to.equal(true);
  });
});

describe('drop-in: an add to the cart before the armed popup’s code arrived', function () {
  this.timeout(30_000);

  it('opens an add-to-cart popup for it once the code is there, and one without that rule stays shut (its code not even fetched)', async () => {
    await useStubBackend();
    const dialogOpen = (doc: Document) => doc.querySelector('fidelio-signup-popup')?.shadowRoot?.querySelector('dialog')?.open === true;
    // early-cart: the page dispatches fidelio-add-to-cart right after the drop-in booted, before any
    // popup code is there.
    const armed = await openPage('probe=1&early-cart=1&tags=fidelio-signup-popup:add-to-cart');
    const plain = await openPage('probe=1&early-cart=1&tags=fidelio-signup-popup');
    try {
      await until(() => expect(dialogOpen(armed.doc), 'the add-to-cart popup opened').to.equal(true), 10_000);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(plain.win.customElements.get('fidelio-signup-popup'), 'the plain popup is not loaded').to.equal(undefined);
      expect(dialogOpen(plain.doc), 'a popup without add-to-cart does not open').to.equal(false);
      expect(armed.win.__errors).to.deep.equal([]);
      expect(plain.win.__errors).to.deep.equal([]);
    } finally {
      armed.frame.remove();
      plain.frame.remove();
    }
  });
});
