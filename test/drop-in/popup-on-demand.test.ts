import { expect } from '@open-wc/testing';
import { until } from '../helpers/backend.js';
import { chunkFetched, framedPages, pageToken, pastIdle, type FrameWindow } from '../helpers/frames.js';

// The armed signup popup's code (built drop-in, framed store pages) comes only when something may
// open it: one of its own triggers for a visitor, or a request to join.

const TAG = 'fidelio-signup-popup';
const fetched = (win: FrameWindow) => chunkFetched(win, 'signup-popup');
const dialogOpen = (doc: Document) => doc.querySelector(TAG)?.shadowRoot?.querySelector('dialog')?.open === true;

/** The triggers the popup reported when it opened. */
function openings(doc: Document): string[] {
  const seen: string[] = [];
  doc.addEventListener('fidelio-signup-open', (event) => seen.push((event as CustomEvent<{ trigger: string }>).detail.trigger));
  return seen;
}

/** A mouse that can hover: exit intent is a desktop gesture. */
function fineMouse(win: FrameWindow): void {
  win.matchMedia = ((query: string) => ({ matches: query.includes('pointer: fine'), media: query, addEventListener() {}, removeEventListener() {} })) as unknown as typeof win.matchMedia;
}

/** A host's "join" link pressed: the popup opens and the page stays where it is. */
async function pressSignupLink(win: FrameWindow, doc: Document): Promise<void> {
  const link = doc.createElement('a');
  link.href = '#left-the-page';
  link.dataset.fidelioSignup = '';
  link.textContent = 'Join our rewards';
  doc.body.append(link);
  link.click();
  await until(() => expect(dialogOpen(doc)).to.equal(true), 10_000);
  // it opens with its form, focus in the email field: what the shopper types goes there
  const root = doc.querySelector(TAG)!.shadowRoot!;
  // (booleans: a failing comparison of another frame's elements stalls the runner's report)
  expect(!!root.querySelector('input[name="email"]'), 'the form, as it opens').to.equal(true);
  expect(root.activeElement === root.querySelector('input[name="email"]'), 'focus in the email field').to.equal(true);
  expect(win.location.hash).to.equal('');
  expect(win.__errors).to.deep.equal([]);
}

describe('drop-in: the signup popup’s code comes when something may open it', function () {
  this.timeout(40_000);
  const open = framedPages();

  it('fetches nothing for a popup without triggers, nor for a member whatever fires, and then at once when asked', async () => {
    const plain = await open(`tags=${TAG}`);
    const member = await open(`tags=${TAG}:delay=0.2:exit-intent:add-to-cart:scroll-depth=1&token=${encodeURIComponent(pageToken())}`);
    fineMouse(member.win);
    member.doc.dispatchEvent(new CustomEvent('fidelio-add-to-cart'));
    member.doc.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, relatedTarget: null }));
    await Promise.all([pastIdle(plain.win), pastIdle(member.win)]);
    expect(fetched(plain.win), 'a popup nothing opens').to.equal(false);
    expect(fetched(member.win), 'a member’s popup').to.equal(false);
    expect(plain.win.customElements.get(TAG)).to.equal(undefined);

    const plainOpenings = openings(plain.doc);
    plain.win.Fidelio!.openSignup();
    await until(() => expect(dialogOpen(plain.doc), 'Fidelio.openSignup()').to.equal(true), 10_000);
    expect(plainOpenings).to.deep.equal(['request']);
    // asked for: it opens for a member too
    member.doc.dispatchEvent(new CustomEvent('fidelio-join', { detail: { source: 'badge' } }));
    await until(() => expect(dialogOpen(member.doc), 'fidelio-join').to.equal(true), 10_000);
    expect(plain.win.__errors.concat(member.win.__errors)).to.deep.equal([]);
  });

  it('fetches and opens it when its delay is up, not before (not even when the page is idle)', async () => {
    const { win, doc } = await open(`tags=${TAG}:delay=4`);
    const seen = openings(doc);
    await pastIdle(win);
    expect(fetched(win), 'before the delay').to.equal(false);
    await until(() => expect(dialogOpen(doc)).to.equal(true), 10_000);
    expect(seen).to.deep.equal(['delay']);
    expect(win.__errors).to.deep.equal([]);
  });

  it('opens for exit intent before its code was there', async () => {
    const { win, doc } = await open(`tags=${TAG}:exit-intent`);
    const seen = openings(doc);
    fineMouse(win);
    doc.dispatchEvent(new MouseEvent('mouseout', { clientY: 40, relatedTarget: null }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fetched(win), 'the pointer still in the window').to.equal(false);
    doc.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, relatedTarget: null }));
    await until(() => expect(dialogOpen(doc)).to.equal(true), 10_000);
    expect(seen).to.deep.equal(['exit-intent']);
  });

  it('opens from a [data-fidelio-signup] link pressed before its code was there, and the page stays where it is', async () => {
    const { win, doc } = await open(`tags=${TAG}`);
    await pressSignupLink(win, doc);
  });

  it('warns about trigger settings it cannot use as the page loads, before (and without) fetching the popup', async () => {
    const { win } = await open(`tags=${TAG}:scroll-depth=150:delay=soon:cap-days=never`);
    await pastIdle(win);
    expect(fetched(win)).to.equal(false);
    expect(win.__warnings).to.include.members([
      '[fidelio] <fidelio-signup-popup delay> must be a number ≥ 0; ignoring it.',
      '[fidelio] <fidelio-signup-popup scroll-depth> must be a number from 0 to 100 (a percentage of the page); ignoring it.',
      '[fidelio] <fidelio-signup-popup cap-days> must be a number ≥ 0; ignoring it.',
    ]);
  });

  it('fetches nothing when the host handles fidelio-join itself (preventDefault)', async () => {
    const { win, doc } = await open(`tags=${TAG}`);
    doc.addEventListener('fidelio-join', (event) => event.preventDefault());
    doc.dispatchEvent(new CustomEvent('fidelio-join', { cancelable: true, bubbles: true, detail: { source: 'badge' } }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(fetched(win), 'the popup’s code').to.equal(false);
    expect(dialogOpen(doc)).to.equal(false);
  });

  it('brings the popup for a [data-fidelio-signup] link on a page without its tag', async () => {
    const { win, doc } = await open('tags=fidelio-points-badge');
    expect(doc.querySelector(TAG)).to.equal(null);
    await pressSignupLink(win, doc);
    expect(doc.querySelectorAll(TAG)).to.have.length(1);
  });
});
