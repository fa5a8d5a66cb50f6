/**
 * `data-token` on the drop-in's tag: a signed-in page hands over the shopper's token with the tag,
 * so the shopper is known while the drop-in boots, and the last balance is painted before the
 * document has finished loading (in the page's first frame) instead of after the page's own script.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/backend.js';
import { lazyChunkEntries, openPage, pageToken, shadowPart, useStubBackend, type FrameWindow } from '../helpers/frames.js';
import { DEMO_MEMBER_ID } from '../../src/mock/index.js';

const SNAPSHOT = 'fidelio.badge';
const points = (doc: Document) => shadowPart(doc.querySelector('fidelio-points-badge'), 'points')?.textContent?.replace(/\s+/g, ' ').trim();
/** What the badge showed this shopper on an earlier visit. */
const rememberBalance = () =>
  localStorage.setItem(SNAPSHOT, JSON.stringify({ program: 'demo-store', subject: DEMO_MEMBER_ID, locale: 'en', available: 380, pending: 0, text: '380 points' }));
const fidelioWarnings = (win: FrameWindow) => win.__warnings.filter((w) => w.startsWith('[fidelio]'));
/** When the page first called fetch() for an address matching `path` (the probe logs each call). */
const askedAt = (win: FrameWindow, path: RegExp) => win.__fetches.find((f) => path.test(f.url))?.at ?? Infinity;

describe('drop-in data-token (built drop-in in a frame)', function () {
  this.timeout(60_000);
  const frames: HTMLIFrameElement[] = [];
  before(() => useStubBackend());
  afterEach(() => {
    frames.splice(0).forEach((frame) => frame.remove());
    localStorage.removeItem(SNAPSHOT);
  });

  async function page(token: string, extra = '') {
    const opened = await openPage(`probe=1&lang=en&tags=fidelio-points-badge&token=${encodeURIComponent(token)}${extra}`);
    frames.push(opened.frame);
    return opened;
  }

  it('signs the shopper in while booting, painting the last balance before DOMContentLoaded', async () => {
    rememberBalance();
    const { win, doc } = await page(pageToken());
    expect(win.__balances[0], 'the cached balance, announced while the document was still loading').to.deep.include({ available: 380, cached: true, beforeDomContentLoaded: true });
    // then the live one, with no identify() call from the page
    await until(() => expect(points(doc)).to.equal('397 points'), 10_000);
    expect(fidelioWarnings(win)).to.deep.equal([]);
    expect(win.__errors).to.deep.equal([]);
  });

  it('lets the browser show the cached balance before it fetches any widget code', async () => {
    rememberBalance();
    const { win, doc } = await page(pageToken());
    await until(() => expect(points(doc)).to.equal('397 points'), 10_000);
    const frame = win.__timeline.frameAfterCached;
    expect(frame, 'a frame followed the cached balance').to.be.a('number');
    // the drop-in's own start-up chunks are its static imports; the widgets' code waits for that frame
    const chunks = await lazyChunkEntries(win, doc);
    expect(chunks.length, 'widget code was fetched').to.be.greaterThan(0);
    // Firefox rounds both clocks to whole milliseconds, so the fetch may start in the frame's own millisecond;
    // without the wait it starts during the drop-in's boot, before the frame was even asked for
    expect(Math.min(...chunks.map((r) => r.startTime))).to.be.at.least(frame!);
  });

  it('still loads the widgets when the page makes no frame after the early paint (a tab hidden at once: no animation frame, no intersection reported)', async () => {
    rememberBalance();
    const { win, doc } = await page(pageToken(), '&no-frames=1');
    expect(win.__balances[0]).to.deep.include({ available: 380, cached: true });
    await until(() => expect(points(doc)).to.equal('397 points'), 10_000);
    expect(win.__errors).to.deep.equal([]);
  });

  it('asks for the balance as it starts, so the answer travels while the badge’s code does: one request, sent before that code had run', async () => {
    const { win, doc } = await page(pageToken());
    await until(() => expect(points(doc)).to.equal('397 points'), 10_000);
    // the badge may show 397 from an earlier page's snapshot before the answer: wait for the request's entry
    await until(() => expect(win.performance.getEntriesByType('resource').filter((r) => /\/v1\/programs\/demo-store\/me$/.test(r.name))).to.have.length(1), 5000);
    const entries = win.performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const me = entries.filter((r) => /\/v1\/programs\/demo-store\/me$/.test(r.name));
    const badge = entries.find((r) => /\/chunks\/points-badge-[\w-]+\.js$/.test(r.name));
    expect(me.map((r) => r.name), 'one request for the member').to.have.length(1);
    expect(badge, 'the badge chunk was fetched').to.not.equal(undefined);
    // (it used to leave from the badge's own start, after its element was defined)
    expect(askedAt(win, /\/v1\/programs\/demo-store\/me$/), 'the request was asked for before the badge’s element was defined').to.be.below(win.__timeline.badgeDefined!);
    expect(win.__errors).to.deep.equal([]);
  });

  it('asks for the balance as early when the page\'s own script signs the shopper in (identify() right after the drop-in)', async () => {
    const opened = await openPage(`probe=1&lang=en&tags=fidelio-points-badge&identify=${encodeURIComponent(pageToken())}`);
    frames.push(opened.frame);
    const { win, doc } = opened;
    await until(() => expect(points(doc)).to.equal('397 points'), 10_000);
    // the badge may show 397 from an earlier page's snapshot before the answer: wait for the request's entry
    const meRequests = () => (win.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => /\/v1\/programs\/demo-store\/me$/.test(r.name));
    await until(() => expect(meRequests(), 'one request for the member').to.have.length(1), 5000);
    expect(askedAt(win, /\/v1\/programs\/demo-store\/me$/), 'the request was asked for before the badge’s element was defined').to.be.below(win.__timeline.badgeDefined!);
    expect(win.__errors).to.deep.equal([]);
  });

  it("asks for the program's rules as it starts too, when a widget that reads them waits for its code (a redeem widget): one request, sent before that code had run", async () => {
    const opened = await openPage(`probe=1&lang=en&tags=fidelio-points-redeem&token=${encodeURIComponent(pageToken())}`);
    frames.push(opened.frame);
    const { win } = opened;
    const reads = (path: RegExp) => (win.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => path.test(r.name));
    await until(() => expect(win.__timeline.redeemDefined, 'the redeem widget defined').to.be.a('number'), 10_000);
    await until(() => expect(reads(/\/v1\/programs\/demo-store\/me$/)).to.have.length(1), 5000);
    // time for the widget's own stores to have asked, had they not found the answers on their way
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const program = reads(/\/v1\/programs\/demo-store$/);
    expect(program, 'one request for the program').to.have.length(1);
    expect(askedAt(win, /\/v1\/programs\/demo-store$/), 'the request was asked for before the redeem widget’s element was defined').to.be.below(win.__timeline.redeemDefined!);
    expect(reads(/\/v1\/programs\/demo-store\/me$/), 'one request for the member').to.have.length(1);
    expect(win.__errors).to.deep.equal([]);
  });

  it('treats an expired token like identify() does: one warning, the signed-out badge, nothing painted from the cache', async () => {
    rememberBalance();
    const { win, doc } = await page(pageToken(-600));
    await until(() => expect(shadowPart(doc.querySelector('fidelio-points-badge'), 'button')?.textContent?.trim()).to.equal('Join & earn'), 10_000);
    expect(win.__balances.filter((b) => b.cached)).to.deep.equal([]);
    expect(fidelioWarnings(win)).to.deep.equal(['[fidelio] the customer token given to Fidelio.identify() has already expired; showing the signed-out state.']);
    expect(win.__errors).to.deep.equal([]);
  });
});
