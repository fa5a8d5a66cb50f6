import { expect } from '@open-wc/testing';
import { FOOTPRINT, reservationCss, reserveFootprints, type FootprintTag } from '../../src/core/footprint.js';
import { $cartPreview, setCart } from '../../src/stores/cart.js';
import { $member } from '../../src/stores/member.js';
import { configureForTests, resetSdk, signInDemo, until, useBackend, watchPageErrors } from '../helpers/backend.js';

// This file must not import any component module statically: the boxes are first measured while
// the tags are still undefined (the drop-in's situation before a widget's code has arrived).
const TAGS = Object.keys(FOOTPRINT) as FootprintTag[];
const cart = {
  currency: 'USD',
  lines: [
    { id: 'p-monstera', name: 'Monstera deliciosa', unitPrice: 4500, quantity: 1, category: 'plants' },
    { id: 'p-pot', name: 'Terracotta pot', unitPrice: 2000, quantity: 2, category: 'pots' },
  ],
  subtotal: 8500,
};

type Box = { width: number; height: number };
const boxes = (root: HTMLElement) =>
  Object.fromEntries(TAGS.map((tag) => {
    const r = root.querySelector(tag)!.getBoundingClientRect();
    return [tag, { width: r.width, height: r.height }];
  })) as Record<FootprintTag, Box>;

/** A narrow checkout column in the host's own font, like a store's order summary. */
function column(font: string): HTMLElement {
  const root = document.createElement('section');
  root.style.cssText = `inline-size: 300px; font: ${font};`;
  for (const tag of TAGS) {
    const row = document.createElement('div');
    row.append(document.createElement(tag));
    root.append(row);
  }
  document.body.append(root);
  return root;
}

describe('widget footprints (no layout shift)', () => {
  let page: ReturnType<typeof watchPageErrors>;
  const roots: HTMLElement[] = [];

  before(async () => {
    await useBackend();
    await resetSdk();
    configureForTests();
    page = watchPageErrors();
    expect(reserveFootprints()).to.equal(true);
  });

  after(() => {
    page.stop();
    roots.forEach((r) => r.remove());
    expect(page.errors).to.deep.equal([]);
  });

  it('writes one :not(:defined) rule per tag, in the stylesheet the build ships', () => {
    const css = reservationCss();
    for (const tag of TAGS) expect(css).to.contain(`${tag}:not(:defined){${FOOTPRINT[tag]}}`);
    // the document holds the rules: an undefined coupon field already takes room
    const probe = document.createElement('fidelio-coupon-field');
    document.body.append(probe);
    expect(probe.matches(':defined')).to.equal(false);
    expect(probe.getBoundingClientRect().height).to.be.greaterThan(40);
    probe.remove();
  });

  it('keeps every widget the size it reserved, from before its code arrives to the member\'s data', async () => {
    const fonts = ['16px/1.5 Georgia, serif', '600 14px/1.2 system-ui, sans-serif'];
    const before = fonts.map((font) => {
      const root = column(font);
      roots.push(root);
      return boxes(root);
    });
    for (const box of Object.values(before[0]!)) expect(box.height).to.be.greaterThan(10);

    await signInDemo();
    setCart(cart);
    await Promise.all([
      import('../../src/components/points-badge/points-badge.js'),
      import('../../src/components/coupon-field/coupon-field.js'),
      import('../../src/components/earn-preview/earn-preview.js'),
      import('../../src/components/join-link/join-link.js'),
    ]);
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.not.equal(undefined);
    await until(() => expect($cartPreview.get().status).to.equal('ready'));
    await until(() => expect($member.get().status).to.equal('ready'));
    const all = roots.flatMap((root) => TAGS.map((tag) => root.querySelector(tag) as HTMLElement & { updateComplete: Promise<unknown> }));
    await Promise.all(all.map((el) => el.updateComplete));
    // the data is on screen: the badge shows a balance, the preview a sentence
    expect(roots[0]!.querySelector('fidelio-earn-preview')!.shadowRoot!.textContent).to.match(/earn \d+ points/);
    expect(roots[0]!.querySelector('fidelio-points-badge')!.shadowRoot!.textContent).to.match(/\d+\s*points/);

    roots.forEach((root, i) => {
      const after = boxes(root);
      for (const tag of TAGS) {
        expect(after[tag].height, `${tag} height in ${fonts[i]}`).to.be.closeTo(before[i]![tag].height, 0.5);
        expect(after[tag].width, `${tag} width in ${fonts[i]}`).to.be.closeTo(before[i]![tag].width, 0.5);
      }
    });
  });
});
