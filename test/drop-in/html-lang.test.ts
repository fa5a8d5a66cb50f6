import { expect } from '@open-wc/testing';
import { API, until, useBackend } from '../helpers/backend.js';
import { DEMO_PROGRAM_ID } from '../../src/mock/index.js';

describe('drop-in locale from <html lang>', () => {
  it('follows the page language, also when an SPA changes it', async () => {
    await useBackend();
    document.documentElement.lang = 'ro-RO';
    document.body.innerHTML = '<fidelio-points-badge></fidelio-points-badge>';
    const script = document.createElement('script');
    script.type = 'module';
    script.src = '/src/drop-in.ts?lang';
    Object.assign(script.dataset, { api: API, program: DEMO_PROGRAM_ID });
    const loaded = new Promise((resolve) => (script.onload = resolve));
    document.head.append(script);
    await loaded;
    const badge = document.querySelector('fidelio-points-badge')!;
    const text = () => badge.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    await until(() => expect(text()).to.equal('Înscrie-te și câștigă'));
    document.documentElement.lang = 'zh-CN';
    await until(() => expect(text()).to.equal('加入赚积分'));
  });
});
