import { expect } from '@open-wc/testing';
import { API, addDropIn, captureWarnings, until, useBackend, watchPageErrors } from '../helpers/backend.js';
import { DEMO_PROGRAM_ID } from '../../src/mock/index.js';

describe('drop-in without data-api, with an unknown data-locale', () => {
  it('shows a clear state and one warning per problem, then works once Fidelio.init() supplies the api', async () => {
    await useBackend();
    const page = watchPageErrors();
    const warnings = captureWarnings();
    document.body.innerHTML = '<fidelio-points-badge></fidelio-points-badge>';
    const badge = document.querySelector('fidelio-points-badge')!;
    const text = () => badge.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    try {
      await addDropIn('missing', { program: DEMO_PROGRAM_ID, locale: 'tlh' });
      await customElements.whenDefined('fidelio-points-badge');
      await until(() => expect(text()).to.equal('Rewards are not set up on this page yet.'));
      expect(warnings.messages).to.have.length(2);
      expect(warnings.messages).to.include('[fidelio] locale "tlh" is not supported; using English (supported: en, es, ro, zh-CN).');
      expect(warnings.messages.find((m) => m.includes('api is missing'))).to.match(/^\[fidelio\] not configured: api is missing/);

      window.Fidelio!.init({ api: API, locale: 'es' });
      await until(() => expect(text()).to.equal('Únete y gana'));
    } finally {
      warnings.restore();
      page.stop();
    }
    expect(page.errors).to.deep.equal([]);
  });
});
