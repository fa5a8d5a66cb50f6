/**
 * The built drop-in ships each non-English catalog as an array in the English key order (see
 * vite.config.ts, compactCatalogs): a framed store page in each language shows the words of that
 * language's source catalog, plural forms included.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/backend.js';
import { frameCart, openPage, pageToken, shadowPart, shadowText, useStubBackend } from '../helpers/frames.js';
import { translate } from '../../src/i18n/index.js';
import type { Catalog } from '../../src/i18n/locales/en.js';
import es from '../../src/i18n/locales/es.js';
import ro from '../../src/i18n/locales/ro.js';
import zhCN from '../../src/i18n/locales/zh-CN.js';

const sources: [string, 'es' | 'ro' | 'zh-CN', Catalog][] = [
  ['es', 'es', es],
  ['ro-RO', 'ro', ro],
  ['zh-CN', 'zh-CN', zhCN],
];

describe('built locales (the drop-in in a frame)', function () {
  this.timeout(60_000);
  before(() => useStubBackend());

  for (const [lang, locale, catalog] of sources) {
    it(`speaks ${locale} from the built catalog, plural forms included`, async () => {
      const { frame, win, doc } = await openPage(`probe=1&lang=${lang}&tags=fidelio-points-badge`);
      try {
        const badge = doc.querySelector('fidelio-points-badge');
        await until(() => expect(shadowText(badge)).to.equal(translate(catalog, locale, 'badge.join')), 10_000);
        expect(shadowPart(badge, 'join')?.getAttribute('title')).to.equal(translate(catalog, locale, 'badge.joinHint'));
        await win.Fidelio!.setCart(frameCart);
        await win.Fidelio!.identify(pageToken());
        const points = translate(catalog, locale, 'badge.points', { count: 397 });
        expect(points).to.not.equal(translate(null, 'en', 'badge.points', { count: 397 }));
        await until(() => expect(shadowPart(badge, 'points')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal(points), 10_000);
        expect(win.__errors).to.deep.equal([]);
      } finally {
        frame.remove();
      }
    });
  }
});
