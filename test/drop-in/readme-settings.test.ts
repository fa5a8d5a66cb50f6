import { expect } from '@open-wc/testing';
import { API, emptySdkDatabase, until, useBackend, watchPageErrors } from '../helpers/backend.js';
import { DEMO_PROGRAM_ID } from '../../src/mock/index.js';

// Promises of the README about the drop-in that its own page checks: `loading="eager"` brings "a
// tag whose code must be there at once" wherever it sits — the floating widgets too (launcher,
// referral greeting, signup popup), which otherwise wait for the page to be idle or for something
// to open them.

const shadowText = (el: Element | null) => el?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('drop-in: settings the README promises', function () {
  this.timeout(20_000);
  const page = watchPageErrors();
  const address = location.pathname + location.search;
  const win = window as { requestIdleCallback?: unknown };
  const idle = win.requestIdleCallback;

  before(async () => {
    await useBackend();
    await emptySdkDatabase();
    // A page that is never idle: what comes "at idle time" never comes, what is eager does.
    win.requestIdleCallback = () => 0;
    const script = document.createElement('script');
    script.type = 'module';
    script.src = '/src/drop-in.ts?readme-settings';
    Object.assign(script.dataset, { api: API, program: DEMO_PROGRAM_ID, locale: 'en' });
    const loaded = new Promise((resolve) => (script.onload = resolve));
    document.head.append(script);
    await loaded;
  });

  after(() => {
    win.requestIdleCallback = idle;
    history.replaceState(null, '', address);
    page.stop();
    expect(page.errors).to.deep.equal([]);
  });

  it('fetches the launcher’s code at once for loading="eager", not at idle time', async () => {
    const launcher = document.createElement('fidelio-launcher');
    launcher.setAttribute('loading', 'eager');
    try {
      document.body.append(launcher);
      await until(() => expect(customElements.get('fidelio-launcher'), 'defined on a page that is never idle').to.exist, 5000);
      await until(() => expect(shadowText(launcher)).to.contain('My rewards'));
    } finally {
      launcher.remove();
    }
  });

  it('fetches an armed signup popup’s code at once for loading="eager", and it still opens only when asked', async () => {
    const popup = document.createElement('fidelio-signup-popup');
    popup.setAttribute('delay', '600');
    popup.setAttribute('loading', 'eager');
    try {
      document.body.append(popup);
      await until(() => expect(customElements.get('fidelio-signup-popup'), 'defined with no trigger fired').to.exist, 5000);
      await new Promise((r) => setTimeout(r, 300));
      expect(popup.shadowRoot?.querySelector('dialog')?.open ?? false, 'not opened by loading').to.equal(false);
      window.Fidelio!.openSignup();
      await until(() => expect(popup.shadowRoot?.querySelector('dialog')?.open).to.equal(true));
    } finally {
      popup.remove();
    }
  });
});
