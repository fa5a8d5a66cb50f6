import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/points-redeem/points-redeem.js';
import '../../src/components/referral-share/referral-share.js';
import type { FidelioMemberPanel } from '../../src/components/member-panel/member-panel.component.js';
import { captureWarnings, freshSdkEachTest, signInDemo, until } from '../helpers/backend.js';
import { mountPanel } from './member-panel.helpers.js';

/** The headings' levels, in document order, as assistive technology reads them. */
const levels = (el: Element) => [...el.shadowRoot!.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));

/**
 * A widget's title belongs to the host page's outline, which only the host knows: `heading-level`
 * moves it there (a checkout's "Pay with your points" under its h1 is an h2; in a sidebar under an
 * h3 it is an h4), and the panel's sections follow their title.
 */
describe('heading-level', () => {
  freshSdkEachTest();

  it('puts the points and referral widgets\' titles at level 2 by default and where the attribute says', async () => {
    for (const tag of ['fidelio-points-redeem', 'fidelio-referral-share']) {
      const plain = await fixture(`<${tag}></${tag}>`);
      await until(() => expect(plain.shadowRoot!.querySelector('#title')?.textContent).to.match(/\w/));
      expect(levels(plain), tag).to.deep.equal([2]);
      plain.remove();
      // in a sidebar under an h3
      const outline = await fixture(`<main><h1>Checkout</h1><h2>Order</h2><h3>Extras</h3><${tag} heading-level="4"></${tag}></main>`);
      const placed = outline.querySelector(tag)!;
      await until(() => expect(placed.shadowRoot!.querySelector('#title')?.textContent).to.match(/\w/));
      expect(levels(placed), tag).to.deep.equal([4]);
      // the title still names the widget's region
      expect(placed.shadowRoot!.querySelector('section')!.getAttribute('aria-labelledby')).to.equal('title');
      expect(placed.shadowRoot!.querySelector('h4')!.id).to.equal('title');
      await expect(outline).to.be.accessible();
      outline.remove();
    }
  });

  it('moves the member panel\'s title, its sections and their sub-headings together, and follows a change', async () => {
    await signInDemo();
    const el = await mountPanel(true, await fixture<FidelioMemberPanel>(html`<fidelio-member-panel heading-level="3"></fidelio-member-panel>`));
    const found = levels(el);
    expect(found[0], 'the title').to.equal(3);
    expect(new Set(found.slice(1))).to.deep.equal(new Set([4, 5]));
    expect(el.shadowRoot!.querySelector('section.balance')!.querySelector('h4')!.id).to.equal('balance-h');
    el.setAttribute('heading-level', '1');
    await el.updateComplete;
    expect(new Set(levels(el))).to.deep.equal(new Set([1, 2, 3]));
    // a framework that sets the property instead
    el.headingLevel = 2;
    await el.updateComplete;
    expect(new Set(levels(el))).to.deep.equal(new Set([2, 3, 4]));
    expect(el.getAttribute('heading-level'), 'the attribute is not rewritten').to.equal('1');
    await expect(el).to.be.accessible();
  });

  it('keeps the default, with one warning, for a level that is not 1 to 6', async () => {
    const warnings = captureWarnings();
    try {
      for (const value of ['9', 'two', '2.5']) {
        const el = await fixture(`<fidelio-points-redeem heading-level="${value}"></fidelio-points-redeem>`);
        await until(() => expect(el.shadowRoot!.querySelector('#title')).to.exist);
        expect(levels(el), value).to.deep.equal([2]);
      }
    } finally {
      warnings.restore();
    }
    expect(warnings.messages).to.deep.equal(['[fidelio] <fidelio-points-redeem heading-level> must be a whole number from 1 to 6; using 2.']);
  });
});
