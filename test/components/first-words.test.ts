import { expect } from '@open-wc/testing';
import '../../src/components/points-badge/points-badge.js';
import { setLocale } from '../../src/i18n/index.js';
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
});
