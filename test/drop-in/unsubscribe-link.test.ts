import { expect } from '@open-wc/testing';
import { API, addDropIn, until, useBackend, watchPageErrors } from '../helpers/backend.js';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID, type MockBackend } from '../../src/mock/index.js';

const shadowText = (el: Element | null) => el?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('drop-in: an email’s unsubscribe link, the member panel and the launcher', () => {
  const page = watchPageErrors();
  let backend: MockBackend;

  before(async () => {
    backend = await useBackend();
    // The shopper followed the link from a newsletter: any page of the store, nobody signed in.
    history.replaceState(null, '', `${location.pathname}?fidelio-unsubscribe=u_m_demo_ana_seed`);
    await addDropIn('unsubscribe', { api: API, program: DEMO_PROGRAM_ID, locale: 'en' });
  });

  after(() => {
    history.replaceState(null, '', location.pathname);
    page.stop();
    expect(page.errors).to.deep.equal([]);
  });

  it('confirms the unsubscribe without signing in', async () => {
    await until(() => expect(shadowText(document.querySelector('fidelio-unsubscribe-notice'))).to.contain('a***@example.com will no longer receive our newsletter.'));
    expect(backend.state.engine.members[DEMO_MEMBER_ID]!.newsletter).to.equal(false);
    expect(window.Fidelio).to.exist;
  });

  it('loads the launcher (and not the panel) when its tag is on the page, and the panel with its own tag', async () => {
    expect(customElements.get('fidelio-member-panel')).to.equal(undefined);
    const launcher = document.createElement('fidelio-launcher');
    document.body.append(launcher);
    await customElements.whenDefined('fidelio-launcher');
    expect(customElements.get('fidelio-member-panel')).to.equal(undefined);
    const panel = document.createElement('fidelio-member-panel');
    document.body.append(panel);
    await customElements.whenDefined('fidelio-member-panel');
    await until(() => expect(shadowText(panel)).to.contain('Join or sign in'));
    launcher.remove();
    panel.remove();
  });
});
