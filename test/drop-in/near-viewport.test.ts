import { expect } from '@open-wc/testing';
import { until } from '../helpers/backend.js';
import { chunkFetched, framedPages, pastIdle, shadowText } from '../helpers/frames.js';

// A widget's code comes when one of its elements is near the viewport (built drop-in, framed store
// pages): at once for what the shopper sees, when they scroll towards a widget far down the page,
// at idle time for one the page hides (a closed menu) so that it is ready when shown; at once for a
// tag marked loading="eager".

const SHARE = 'fidelio-referral-share';

describe('drop-in: widget code comes when the widget is near the viewport', function () {
  this.timeout(40_000);
  const open = framedPages();

  it('fetches a widget three screens down only when the shopper scrolls towards it', async () => {
    const { win, doc } = await open(`tags=fidelio-points-badge,gap,${SHARE}`);
    await until(() => expect(shadowText(doc.querySelector('fidelio-points-badge'))).to.equal('Join & earn'), 10_000);
    await pastIdle(win);
    expect(chunkFetched(win, 'referral-share'), 'the far widget’s chunk, before any scroll').to.equal(false);
    expect(win.customElements.get(SHARE)).to.equal(undefined);

    // scrolled to within a screen of it: fetched and rendered before it is in view
    const share = doc.querySelector(SHARE)!;
    win.scrollTo(0, share.getBoundingClientRect().top + win.scrollY - 2 * win.innerHeight);
    await until(() => expect(win.customElements.get(SHARE), 'defined once near').to.exist, 10_000);
    expect(chunkFetched(win, 'referral-share')).to.equal(true);
    expect(share.getBoundingClientRect().top, 'still below the fold').to.be.greaterThan(win.innerHeight);
    expect(win.__errors).to.deep.equal([]);
  });

  it('starts a far widget’s code when the shopper presses a link to the part of the page it is in', async () => {
    const { win, doc } = await open(`tags=jump,fidelio-points-badge,gap,part>${SHARE}`);
    await until(() => expect(shadowText(doc.querySelector('fidelio-points-badge'))).to.equal('Join & earn'), 10_000);
    await pastIdle(win);
    expect(chunkFetched(win, 'referral-share'), 'the far widget’s chunk, before the press').to.equal(false);
    // the press only (a pointerdown comes before its click and the jump)
    doc.getElementById('jump')!.dispatchEvent(new win.PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await until(() => expect(win.customElements.get(SHARE), 'defined on the press').to.exist, 10_000);
    expect(win.scrollY, 'no scroll happened').to.equal(0);
    expect(win.__errors).to.deep.equal([]);
  });

  it('fetches a far widget at once when its tag says loading="eager"', async () => {
    const { win } = await open(`tags=gap,${SHARE}:loading=eager`);
    await until(() => expect(win.customElements.get(SHARE), 'defined without a scroll').to.exist, 10_000);
    expect(win.scrollY).to.equal(0);
  });

  it('does not make a floating widget wait for its tag to be near: the referral greeting at the end of the page loads', async () => {
    const { win } = await open('tags=gap,fidelio-referral-greeting');
    await until(() => expect(win.customElements.get('fidelio-referral-greeting'), 'defined without a scroll').to.exist, 10_000);
    expect(win.scrollY).to.equal(0);
  });

  it('fetches a widget the page hides at idle time, ready for when the page shows it', async () => {
    const { win, doc } = await open('tags=hidden>fidelio-points-badge');
    const badge = doc.querySelector('fidelio-points-badge')!;
    expect(badge.getBoundingClientRect().height, 'no box while hidden').to.equal(0);
    await until(() => expect(win.customElements.get('fidelio-points-badge'), 'defined while hidden').to.exist, 10_000);
    (badge.parentElement as HTMLElement).hidden = false;
    await until(() => expect(shadowText(badge)).to.equal('Join & earn'), 10_000);
  });

  it('watches the widgets a single-page app adds: one in view loads, one far down waits', async () => {
    const { win, doc } = await open('tags=gap');
    const far = doc.createElement(SHARE);
    doc.querySelector('main')!.append(far);
    const near = doc.createElement('fidelio-coupon-field');
    doc.querySelector('main')!.prepend(near);
    await until(() => expect(near.shadowRoot?.querySelector('input'), 'the coupon field in view').to.exist, 10_000);
    await pastIdle(win);
    expect(chunkFetched(win, 'referral-share'), 'the far widget’s chunk').to.equal(false);
    // the app moves it to the top of the page
    doc.querySelector('main')!.prepend(far);
    await until(() => expect(win.customElements.get(SHARE), 'defined once in view').to.exist, 10_000);
  });

  it('loads a widget inside a shadow root of the page’s own components when asked, with Fidelio.load()', async () => {
    const { win, doc } = await open('tags=gap');
    await until(() => expect(win.Fidelio).to.exist, 10_000);
    // an app shell that renders its own markup into a shadow root: the drop-in does not see inside
    const shell = doc.createElement('div');
    const root = shell.attachShadow({ mode: 'open' });
    root.innerHTML = '<fidelio-points-badge></fidelio-points-badge>';
    doc.body.prepend(shell);
    await pastIdle(win);
    expect(win.customElements.get('fidelio-points-badge'), 'not seen inside the shadow root').to.equal(undefined);
    const warnings: string[] = [];
    const warn = win.console.warn;
    win.console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      await win.Fidelio!.load('fidelio-points-badge', 'fidelio-nope');
    } finally {
      win.console.warn = warn;
    }
    expect(win.customElements.get('fidelio-points-badge'), 'defined once asked').to.exist;
    await until(() => expect(shadowText(root.querySelector('fidelio-points-badge'))).to.equal('Join & earn'), 10_000);
    expect(warnings.join('\n')).to.match(/Fidelio\.load\(\) knows no widget fidelio-nope/);
    expect(win.__errors).to.deep.equal([]);
  });
});
