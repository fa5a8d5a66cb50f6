import { expect } from '@open-wc/testing';
import '../../src/components/points-badge/points-badge.js';
import { $locale, setLocale } from '../../src/i18n/index.js';
import { configure } from '../../src/index.js';
import { API } from '../helpers/backend.js';
import { DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { freshSdkEachTest, until } from '../helpers/backend.js';

// (this file must not import a Romanian catalog itself: the test needs its chunk still on its way)
describe('a widget’s first words', () => {
  freshSdkEachTest();

  it('are in the page’s language when its catalog is still on its way: no English first, no change of size', async () => {
    const switching = setLocale('ro'); // its chunk is fetched now
    const el = document.createElement('fidelio-points-badge');
    const seen: string[] = [];
    const look = () => {
      const words = el.shadowRoot?.querySelector('[part~="join"]')?.textContent?.replace(/\s+/g, ' ').trim();
      if (words && seen.at(-1) !== words) seen.push(words);
    };
    document.body.append(el);
    new MutationObserver(look).observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    try {
      await switching;
      await until(() => expect(seen.at(-1)).to.equal('Înscrie-te și câștigă'));
      expect(seen).to.deep.equal(['Înscrie-te și câștigă']);
    } finally {
      el.remove();
      await setLocale('en');
    }
  });

  it('carry their language in a lang attribute, for a screen reader’s voice when it is not the page’s', async () => {
    const el = document.createElement('fidelio-points-badge');
    document.body.append(el);
    try {
      await until(() => expect(el.getAttribute('lang')).to.equal('en'));
      await setLocale('zh-CN');
      await until(() => expect(el.getAttribute('lang')).to.equal('zh-CN'));
    } finally {
      el.remove();
      await setLocale('en');
    }
  });

  it('follow the locale given to the npm entry’s configure(), as Fidelio.init() does', async () => {
    try {
      configure({ api: API, program: DEMO_PROGRAM_ID, locale: 'es' });
      await until(() => expect($locale.get()).to.equal('es'));
    } finally {
      await setLocale('en');
    }
  });
});
