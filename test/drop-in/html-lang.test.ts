import { expect } from '@open-wc/testing';
import { API, addDropIn, until, useBackend } from '../helpers/backend.js';
import { openPage, shadowText } from '../helpers/frames.js';
import { DEMO_PROGRAM_ID } from '../../src/mock/index.js';

describe('drop-in locale from <html lang>', () => {
  it('follows the page language, also when an SPA changes it', async () => {
    await useBackend();
    document.documentElement.lang = 'ro-RO';
    document.body.innerHTML = '<fidelio-points-badge></fidelio-points-badge>';
    await addDropIn('lang', { api: API, program: DEMO_PROGRAM_ID });
    const badge = document.querySelector('fidelio-points-badge')!;
    const text = () => badge.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    await until(() => expect(text()).to.equal('Înscrie-te și câștigă'));
    document.documentElement.lang = 'zh-CN';
    await until(() => expect(text()).to.equal('加入赚积分'));
    // a language the page's script chose stays when <html lang> changes afterwards
    await window.Fidelio!.setLocale('es');
    await until(() => expect(text()).to.equal('Únete y gana'));
    document.documentElement.lang = 'ro';
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(text()).to.equal('Únete y gana');
    // and the page cannot swap the API's methods or version
    expect(Object.isFrozen(window.Fidelio)).to.equal(true);
  });

  it('speaks English, without a warning, on a page whose <html> has no lang at all', async () => {
    // A page of its own (the built drop-in in a frame): this one's <html> had a lang to begin with.
    const { frame, win, doc } = await openPage('probe=1&tags=fidelio-points-badge');
    try {
      expect(doc.documentElement.hasAttribute('lang')).to.equal(false);
      await until(() => expect(shadowText(doc.querySelector('fidelio-points-badge'))).to.equal('Join & earn'), 10_000);
      expect(win.__warnings.filter((w) => w.startsWith('[fidelio]'))).to.deep.equal([]);
      expect(win.__errors).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
