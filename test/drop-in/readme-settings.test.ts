import { expect } from '@open-wc/testing';
import { API, addDropIn, emptySdkDatabase, eventually, until, useBackend, watchPageErrors } from '../helpers/backend.js';
import { openDB } from 'idb';
import { DAY_MS } from '../../src/core/clock.js';
import { DB_NAME } from '../../src/storage/db.js';
import { DEMO_PROGRAM_ID } from '../../src/mock/index.js';

// Promises of the README about the drop-in that its own page checks: `Fidelio.init()` "merges over
// the tag's attributes" (so `referralParam` and `referralDays` given there count as
// data-referral-param and data-referral-days do), and `loading="eager"` brings "a tag whose code
// must be there at once" wherever it sits — the floating widgets too (launcher, referral greeting,
// signup popup), which otherwise wait for the page to be idle or for something to open them.

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
    // The shopper followed a link of a store whose referral links use ?friend= (set with init(), not on the tag).
    history.replaceState(null, '', `${location.pathname}?friend=CARLA7`);
    await addDropIn('readme-settings', { api: API, program: DEMO_PROGRAM_ID, locale: 'en' });
  });

  after(() => {
    win.requestIdleCallback = idle;
    history.replaceState(null, '', address);
    page.stop();
    expect(page.errors).to.deep.equal([]);
  });

  it('remembers the code under the referral parameter that Fidelio.init() names, as under data-referral-param', async () => {
    expect(await window.Fidelio!.referral(), 'the tag’s parameter is ref').to.equal(null);
    window.Fidelio!.init({ referralParam: 'friend' });
    await eventually(async () => expect(await window.Fidelio!.referral()).to.equal('CARLA7'));
    // and for as many days as init() says (data-referral-days' counterpart)
    window.Fidelio!.init({ referralDays: 2 });
    await eventually(async () => {
      const db = await openDB(DB_NAME);
      try {
        const kept = (await db.get('kv', 'referral')) as { code: string; expiresAt: number };
        expect(kept.code).to.equal('CARLA7');
        expect(kept.expiresAt - Date.now()).to.be.within(2 * DAY_MS - 60_000, 2 * DAY_MS);
      } finally {
        db.close();
      }
    });
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
