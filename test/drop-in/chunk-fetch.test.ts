import { expect } from '@open-wc/testing';
import { until } from '../helpers/backend.js';
import { lazyChunkEntries, openPage, shadowText, useStubBackend } from '../helpers/frames.js';

describe('drop-in: widget code is fetched at low priority, all at once', function () {
  this.timeout(30_000);
  before(useStubBackend);

  it('asks for each widget chunk and the chunks it needs as low-priority module preloads, and leaves no <link> behind', async () => {
    const { frame, win, doc } = await openPage('probe=1&tags=fidelio-points-badge,fidelio-coupon-field');
    try {
      await until(() => expect(shadowText(doc.querySelector('fidelio-points-badge'))).to.equal('Join & earn'), 10_000);
      await until(() => expect(doc.querySelector('fidelio-coupon-field')?.shadowRoot?.querySelector('input')).to.exist, 10_000);
      const lazy = (await lazyChunkEntries(win, doc)).map((r) => r.name);
      expect(lazy.some((name) => /\/points-badge-[\w-]+\.js$/.test(name)), 'the badge chunk').to.equal(true);
      expect(lazy.some((name) => /\/coupon-field-[\w-]+\.js$/.test(name)), 'the coupon field chunk').to.equal(true);
      // every chunk fetched after the start-up was asked for by a low-priority preload (an import()
      // fetches at high priority), and only those
      const preloaded = win.__preloads.filter((p) => p.fetchpriority === 'low').map((p) => p.href);
      expect(lazy.filter((name) => !preloaded.includes(name)), 'fetched without a low-priority preload').to.deep.equal([]);
      expect(win.__preloads.filter((p) => p.fetchpriority !== 'low')).to.deep.equal([]);
      await until(() => expect(doc.querySelectorAll('link[rel="modulepreload"]').length, 'preload links left in the page').to.equal(0));
      expect(win.__errors).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
