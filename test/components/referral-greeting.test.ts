import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanStores } from 'nanostores';
import '../../src/components/referral-greeting/referral-greeting.js';
import '../../src/components/signup-popup/signup-popup.js';
import type { FidelioReferralGreeting } from '../../src/components/referral-greeting/referral-greeting.component.js';
import { setLocale } from '../../src/i18n/index.js';
import { $program } from '../../src/stores/program.js';
import { $referralCode, rememberReferral } from '../../src/stores/signup.js';
import { configureForTests, resetSdk, signInDemo, until, useBackend, watchPageErrors } from '../helpers/backend.js';

const part = (el: FidelioReferralGreeting, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<fidelio-referral-greeting>', () => {
  let page: ReturnType<typeof watchPageErrors>;

  beforeEach(async () => {
    await useBackend();
    cleanStores($program);
    await resetSdk();
    // A new page: nothing captured yet.
    $referralCode.set(null);
    configureForTests();
    page = watchPageErrors();
  });

  afterEach(async () => {
    document.querySelectorAll('body > fidelio-signup-popup').forEach((popup) => popup.remove());
    await setLocale('en');
    page.stop();
    expect(page.errors, 'uncaught errors or unhandled rejections').to.deep.equal([]);
  });

  const greeting = () => fixture<FidelioReferralGreeting>(html`<fidelio-referral-greeting></fidelio-referral-greeting>`);

  it('shows nothing to a shopper who did not come through a referral link', async () => {
    const el = await greeting();
    await until(() => expect($program.get().status).to.equal('ready'));
    await el.updateComplete;
    expect(part(el, 'base')).to.equal(null);
    expect(el.getBoundingClientRect().height).to.equal(0);
  });

  it("greets a friend with the friend's offer, accessibly and floating over the page", async () => {
    await rememberReferral('ANA2026');
    const el = await greeting();
    await until(() => expect(text(part(el, 'text'))).to.equal('A friend invited you: join and get $10.00 off your first order of $50.00 or more.'));
    expect(getComputedStyle(el).position).to.equal('fixed');
    await expect(el).to.be.accessible();
    await setLocale('ro');
    await until(() => expect(text(part(el, 'text'))).to.equal('Un prieten te-a invitat: înscrie-te și primești 10,00 USD reducere la prima comandă de minimum 50,00 USD.'));
  });

  it('greets as soon as the code from the address is stored, when it appeared first', async () => {
    const el = await greeting();
    await until(() => expect($program.get().status).to.equal('ready'));
    expect(part(el, 'base')).to.equal(null);
    await rememberReferral('ANA2026');
    await until(() => expect(text(part(el, 'text'))).to.contain('A friend invited you'));
  });

  it('opens the signup popup from the keyboard, adding one when the page has none', async () => {
    await rememberReferral('ANA2026');
    const el = await greeting();
    await until(() => expect(part(el, 'join')).to.exist);
    part(el, 'join')!.focus();
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    expect((await oneEvent(el, 'fidelio-join')).detail.source).to.equal('referral');
    await until(() => expect(document.querySelector('body > fidelio-signup-popup')?.shadowRoot?.querySelector('dialog')?.open).to.equal(true));
  });

  it('stays dismissed for that code across page loads, and greets again for a new one', async () => {
    await rememberReferral('ANA2026');
    let el = await greeting();
    await until(() => expect(part(el, 'close')).to.exist);
    part(el, 'close')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(part(el, 'base')).to.equal(null));
    el.remove();
    el = await greeting();
    await until(() => expect($program.get().status).to.equal('ready'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(part(el, 'base'), 'still dismissed on the next page').to.equal(null);
    el.remove();
    await rememberReferral('BEN2026');
    el = await greeting();
    await until(() => expect(part(el, 'base')).to.exist);
  });

  it('never greets a signed-in member', async () => {
    await rememberReferral('BEN2026');
    await signInDemo();
    const el = await greeting();
    await until(() => expect($program.get().status).to.equal('ready'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(part(el, 'base')).to.equal(null);
  });
});
