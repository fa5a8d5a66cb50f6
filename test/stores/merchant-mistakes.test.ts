import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/points-badge/points-badge.js';
import { createApi } from '../../src/api.js';
import { configFromDataset, usableConfig } from '../../src/core/config.js';
import { $config } from '../../src/stores/config.js';
import { $backend, BACKEND_METHODS } from '../../src/stores/runtime.js';
import { $session } from '../../src/stores/session.js';
import type { LoyaltyBackend } from '../../src/backend/types.js';
import { captureWarnings, freshSdkEachTest, signInDemo, until } from '../helpers/backend.js';

// What a merchant's developer gets wrong in Fidelio.init() and identify(): each mistake costs that
// setting only, with a warning that names it, and never a TypeError thrown into their page
// (freshSdkEachTest fails a test on any error that reaches the page).

type Missing = Exclude<keyof LoyaltyBackend, (typeof BACKEND_METHODS)[number]>;
/** Fails to compile when LoyaltyBackend gains a method BACKEND_METHODS does not list. */
const everyMethodListed: [Missing] extends [never] ? true : Missing = true;

const badgeText = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();

describe('merchant mistakes in the configuration and the token', () => {
  freshSdkEachTest();
  let warnings: ReturnType<typeof captureWarnings>;
  beforeEach(() => (warnings = captureWarnings()));
  afterEach(() => warnings.restore());

  it('drops each setting of the wrong kind with a warning naming it (and its data attribute)', () => {
    const said: string[] = [];
    const kept = usableConfig(
      { api: 'https://x.example', backend: 5 as never, clock: 'x' as never, timeoutMs: Number('soon'), retries: -1, locale: 7 as never, referralParam: 'a b', referralDays: 0, signInUrl: 42 as never },
      (message) => said.push(message),
    );
    expect(kept).to.deep.equal({ api: 'https://x.example' });
    expect(said).to.have.length(8);
    expect(said.join('\n')).to.contain('backend must be a LoyaltyBackend object').and.contain('clock must be an object with a now() method').and.contain('(data-timeout)').and.contain('(data-referral-param)').and.contain('signInUrl must be an address (data-sign-in-url)');
    // the tag's attributes come through as given, so a bad one is warned about rather than lost
    expect(configFromDataset({ timeout: 'soon', referralDays: 'x' })).to.deep.equal({ timeoutMs: NaN, referralDays: NaN });
    expect(everyMethodListed).to.equal(true);
  });

  it('keeps working when init() gets a clock without now() or a backend that is not one', async () => {
    const api = createApi();
    api.init({ clock: 'x' as never });
    await signInDemo();
    expect($session.get().status).to.equal('identified');
    api.init({ backend: 5 as never });
    expect(warnings.messages.join('\n')).to.contain('clock must be an object with a now() method').and.contain('backend must be a LoyaltyBackend object');
    expect($config.get().backend).to.equal(undefined);
  });

  it('answers with "not set up" for the methods a custom backend lacks, instead of throwing', async () => {
    createApi().init({ backend: { getProgram: () => Promise.reject(new Error('unused')) } as never });
    await signInDemo();
    const el = await fixture<HTMLElement>(html`<fidelio-points-badge></fidelio-points-badge>`);
    await until(() => expect(badgeText(el)).to.equal('Rewards are not set up on this page yet.'));
    const said = warnings.messages.filter((m) => m.startsWith('[fidelio] the custom backend has no'));
    expect(said).to.have.length(1);
    expect(said[0]).to.contain('getMember').and.contain('requestDeletion').and.not.contain('getProgram');
    const failure = await $backend.get()!.getMember().catch((caught: { code?: string }) => caught);
    expect(failure).to.have.property('code', 'config');
  });

  it('says what identify() got when it is not a token, and a factory that throws is named', async () => {
    const api = createApi();
    await api.identify(123 as never);
    await api.identify(null as never);
    expect($session.get().status).to.equal('anonymous');
    expect(warnings.messages.filter((m) => m.includes('needs a customer token'))).to.have.length(2);
    expect(warnings.messages.join('\n')).to.contain('not number').and.contain('not null');
    api.init({
      backend: () => {
        throw new Error('no keys');
      },
    });
    expect($backend.get()).to.equal(null);
    expect(warnings.messages.join('\n')).to.contain("the custom backend's factory threw: no keys");
  });

  it('says so when the backend refuses a plain token (not a provider), which signs the shopper out', async () => {
    const api = createApi();
    await api.identify('notatoken');
    expect($session.get().status).to.equal('identified');
    const el = await fixture<HTMLElement>(html`<fidelio-points-badge></fidelio-points-badge>`);
    await until(() => expect($session.get().status).to.equal('anonymous'));
    await until(() => expect(warnings.messages.some((m) => m.startsWith('[fidelio] the backend refused the customer token'))).to.equal(true));
    expect(badgeText(el)).not.to.contain('points');
  });
});
