/**
 * The returning member's balance painted before the badge's code runs (core/badge-snapshot): the
 * badge tag stays undefined in this file until the last test imports the component.
 */
import { expect } from '@open-wc/testing';
import { http } from 'msw';
import { PREPAINT_ATTR, prepaintBadges, readBadgeSnapshot, writeBadgeSnapshot, type BadgeSnapshot } from '../../src/core/badge-snapshot.js';
import { reserveFootprints } from '../../src/core/footprint.js';
import { signOut } from '../../src/stores/session.js';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { expectOutlinedInForcedColors } from '../helpers/forced-colors.js';
import { configureForTests, resetSdk, signInDemo, until, useBackend, watchPageErrors } from '../helpers/backend.js';

const TAG = 'fidelio-points-badge';
const ANA: BadgeSnapshot = { program: DEMO_PROGRAM_ID, subject: DEMO_MEMBER_ID, locale: 'en', available: 4321, pending: 12, text: '4,321 points' };
const WHO = { program: DEMO_PROGRAM_ID, subject: DEMO_MEMBER_ID, locale: 'en' };

function badgeTag(): HTMLElement {
  const el = document.createElement(TAG);
  document.body.append(el);
  return el;
}
const early = (el: Element) => el.querySelector(`[${PREPAINT_ATTR}]`);
const shadowPoints = (el: Element) => el.shadowRoot?.querySelector('[part~="points"]')?.textContent?.trim() ?? null;

describe('badge early paint', () => {
  let page: ReturnType<typeof watchPageErrors>;
  const events: CustomEvent[] = [];
  const record = (event: Event) => events.push(event as CustomEvent);

  beforeEach(async () => {
    await useBackend();
    await resetSdk();
    configureForTests();
    events.length = 0;
    document.addEventListener('fidelio-balance-change', record);
    page = watchPageErrors();
  });

  afterEach(() => {
    document.removeEventListener('fidelio-balance-change', record);
    for (const el of document.querySelectorAll(TAG)) el.remove();
    localStorage.removeItem('fidelio.badge');
    page.stop();
    expect(page.errors, 'uncaught errors or unhandled rejections').to.deep.equal([]);
  });

  it('keeps a snapshot across reads, ignores anything malformed in its slot, and forgets it on sign-out', () => {
    expect(customElements.get(TAG), 'this file needs the badge undefined').to.equal(undefined);
    expect(readBadgeSnapshot()).to.equal(null);
    writeBadgeSnapshot(ANA);
    expect(readBadgeSnapshot()).to.deep.equal(ANA);
    for (const bad of ['{', 'null', '[]', JSON.stringify({ ...ANA, available: -1 }), JSON.stringify({ ...ANA, available: 1.5 }), JSON.stringify({ ...ANA, subject: 7 }), JSON.stringify({ ...ANA, text: 'x'.repeat(81) }), JSON.stringify({ ...ANA, text: '' })]) {
      localStorage.setItem('fidelio.badge', bad);
      expect(readBadgeSnapshot(), bad).to.equal(null);
    }
    writeBadgeSnapshot(ANA);
    signOut();
    expect(localStorage.getItem('fidelio.badge')).to.equal(null);
  });

  it("paints the member's last balance in an undefined badge tag, with an event saying it is cached", () => {
    writeBadgeSnapshot(ANA);
    const el = badgeTag();
    expect(prepaintBadges(document, WHO)).to.equal(1);
    expect(early(el)?.textContent).to.equal('★4,321 points');
    expect(early(el)?.querySelector('[aria-hidden="true"]')?.textContent).to.equal('★');
    expect(events.map((e) => e.detail)).to.deep.equal([{ available: 4321, pending: 12, cached: true }]);
    expect(events[0]!.target).to.equal(el);
    // painted once, however often asked
    prepaintBadges(document, WHO);
    expect(el.querySelectorAll(`[${PREPAINT_ATTR}]`).length).to.equal(1);
    expect(events.length).to.equal(1);
  });

  it("paints nothing for another customer, program or language, nor without a snapshot", () => {
    const el = badgeTag();
    expect(prepaintBadges(document, WHO)).to.equal(0);
    writeBadgeSnapshot(ANA);
    expect(prepaintBadges(document, { ...WHO, subject: 'm_someone_else' })).to.equal(0);
    expect(prepaintBadges(document, { ...WHO, program: 'other-shop' })).to.equal(0);
    expect(prepaintBadges(document, { ...WHO, locale: 'es' })).to.equal(0);
    expect(early(el)).to.equal(null);
    expect(events).to.deep.equal([]);
  });

  it('fills the box the drop-in reserves for the badge (a balance that fits) and moves nothing', () => {
    reserveFootprints();
    writeBadgeSnapshot({ ...ANA, available: 42, text: '42 points' });
    const el = badgeTag();
    const empty = el.getBoundingClientRect();
    prepaintBadges(document, WHO);
    const painted = el.getBoundingClientRect();
    expect([painted.width, painted.height]).to.deep.equal([empty.width, empty.height]);
    const pill = early(el)!.getBoundingClientRect();
    expect([pill.width, pill.height]).to.deep.equal([painted.width, painted.height]);
    expect(getComputedStyle(early(el)!).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
  });

  it('bounds the early pill with a border in forced colours, which drop its fill (Windows High Contrast)', () => {
    reserveFootprints();
    writeBadgeSnapshot(ANA);
    const el = badgeTag();
    prepaintBadges(document, WHO);
    expectOutlinedInForcedColors(document, early(el)!);
  });

  // Last: defines the badge for the rest of this file.
  it('is replaced by the badge, which shows the cached text until the live balance arrives and keeps the new one for next time', async () => {
    writeBadgeSnapshot(ANA);
    const backend = await useBackend();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    backend.worker.use(http.get('*/v1/programs/:programId/me', async () => (await gate, undefined)));
    const el = badgeTag();
    await signInDemo();
    prepaintBadges(document, WHO);
    const box = el.getBoundingClientRect();
    await import('../../src/components/points-badge/points-badge.js');
    await until(() => expect(shadowPoints(el)).to.equal('4,321 points'));
    expect(early(el), 'the early paint leaves the light DOM').to.equal(null);
    const upgraded = el.getBoundingClientRect();
    expect([upgraded.width, upgraded.height]).to.deep.equal([box.width, box.height]);
    release();
    await until(() => expect(shadowPoints(el)).to.equal('397 points'));
    // the cached paint, then the live balance: one event each, none repeated
    await until(() => expect(events.map((e) => e.detail.available)).to.deep.equal([4321, 397]));
    expect(readBadgeSnapshot()).to.include({ available: 397, text: '397 points', subject: DEMO_MEMBER_ID, locale: 'en' });
    // a badge already defined is the badge's own business
    const later = badgeTag();
    expect(prepaintBadges(document, WHO)).to.equal(0);
    expect(early(later)).to.equal(null);
  });
});
