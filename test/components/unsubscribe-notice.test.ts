import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { showUnsubscribeNotice } from '../../src/components/unsubscribe-notice/unsubscribe-notice.js';
import type { FidelioUnsubscribeNotice } from '../../src/components/unsubscribe-notice/unsubscribe-notice.component.js';
import { setLocale } from '../../src/i18n/index.js';
import { DEMO_MEMBER_ID, type MockBackend } from '../../src/mock/index.js';
import { configureForTests, resetSdk, until, useBackend, watchPageErrors } from '../helpers/backend.js';

const UNSUBSCRIBE = '*/v1/programs/:programId/unsubscribe';
const TOKEN = 'u_m_demo_ana_seed';
const text = (el: FidelioUnsubscribeNotice) => el.shadowRoot!.querySelector('p')?.textContent?.trim() ?? '';
const base = (el: FidelioUnsubscribeNotice) => el.shadowRoot!.querySelector('[part~="base"]')!;

describe('<fidelio-unsubscribe-notice>', () => {
  let backend: MockBackend;
  let page: ReturnType<typeof watchPageErrors>;
  const shown: FidelioUnsubscribeNotice[] = [];

  beforeEach(async () => {
    backend = await useBackend();
    await resetSdk();
    configureForTests();
    page = watchPageErrors();
  });

  afterEach(() => {
    shown.splice(0).forEach((el) => el.remove());
    page.stop();
    expect(page.errors, 'uncaught errors or unhandled rejections').to.deep.equal([]);
  });

  const show = (token: string, from: string | null = null) => {
    const el = showUnsubscribeNotice(token, from);
    shown.push(el);
    return el;
  };

  it('unsubscribes without signing in and confirms with the masked address', async () => {
    const el = show(TOKEN);
    await until(() => expect(text(el)).to.equal('a***@example.com will no longer receive our newsletter.'));
    expect(backend.state.engine.members[DEMO_MEMBER_ID]!.newsletter).to.equal(false);
    expect(base(el).getAttribute('role')).to.equal('status');
    expect(getComputedStyle(el).position).to.equal('fixed');
    await expect(el).to.be.accessible();
  });

  it('says the address had already left when the link was used before', async () => {
    const first = show(TOKEN);
    await until(() => expect(text(first)).to.contain('will no longer receive'));
    const again = show(TOKEN);
    await until(() => expect(text(again)).to.equal('a***@example.com was already unsubscribed from our newsletter; nothing more to do.'));
  });

  it('from an account email’s link turns off statements and reminders, keeps the newsletter, and says so in the shopper’s language', async () => {
    const ana = backend.state.engine.members[DEMO_MEMBER_ID]!;
    const el = show(TOKEN, 'statement');
    await until(() => expect(text(el)).to.equal('a***@example.com will no longer receive the monthly points statement or expiry reminders.'));
    expect([ana.statement, ana.newsletter]).to.deep.equal([false, true]);
    await setLocale('es');
    try {
      const again = show(TOKEN, 'statement');
      await until(() => expect(text(again)).to.equal('a***@example.com ya estaba dado de baja del resumen mensual de puntos y de los avisos de caducidad; no hace falta nada más.'));
    } finally {
      await setLocale('en');
    }
    // any other value is the newsletter's link
    const other = show(TOKEN, 'everything');
    await until(() => expect(text(other)).to.equal('a***@example.com will no longer receive our newsletter.'));
  });

  it('says clearly that an invalid link is not valid, in the shopper’s language', async () => {
    const el = show('forged-token');
    await until(() => expect(text(el)).to.equal('This unsubscribe link is not valid. Please use the link in your latest email, or change your email settings in your account.'));
    expect(base(el).getAttribute('role')).to.equal('alert');
    expect(backend.state.engine.members[DEMO_MEMBER_ID]!.newsletter).to.equal(true);
    await expect(el).to.be.accessible();
    await setLocale('ro');
    await until(() => expect(text(el)).to.equal('Acest link de dezabonare nu este valid. Folosește linkul din cel mai recent e-mail sau schimbă setările de e-mail din contul tău.'));
  });

  it('offers a retry after a network failure, and closes with its button', async () => {
    backend.worker.use(http.post(UNSUBSCRIBE, () => HttpResponse.error(), { once: true }));
    const el = show(TOKEN);
    await until(() => expect(text(el)).to.equal('Rewards are unavailable right now (no connection).'));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    await until(() => expect(text(el)).to.equal('a***@example.com will no longer receive our newsletter.'));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="close"]')!.click();
    expect(el.isConnected).to.equal(false);
  });
});
