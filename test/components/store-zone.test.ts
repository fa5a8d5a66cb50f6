/**
 * Dates on the store's calendar: a program in Los Angeles shows an instant (an expiry, a history
 * line, a refusal's date) as the date it is there, the date its emails and rules say, while the
 * calendar dates the contract sends as 00:00:00Z (a tier's period end) keep their date.
 */
import { expect } from '@open-wc/testing';
import '../../src/components/member-panel/member-panel.js';
import { cleanStores } from 'nanostores';
import { setStoreZone, storeZone } from '../../src/core/intl.js';
import { setLocale, translate } from '../../src/i18n/index.js';
import en from '../../src/i18n/locales/en.js';
import { $panel } from '../../src/stores/panel.js';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { freshSdkEachTest, signInDemo } from '../helpers/backend.js';
import { mountPanel, part, rows, section, text } from './member-panel.helpers.js';

describe('dates on the store’s calendar', () => {
  const backend = freshSdkEachTest(() => cleanStores($panel));
  afterEach(() => setStoreZone('UTC'));

  it('writes an instant’s date in the store’s zone, and in UTC for a zone this browser does not know', () => {
    const say = () => translate(en, 'en', 'badge.expires', { count: 5, date: new Date('2027-03-01T07:30:00Z') });
    expect(say()).to.contain('Mar\u00a01');
    setStoreZone('America/Los_Angeles');
    expect(storeZone()).to.equal('America/Los_Angeles');
    expect(say()).to.contain('Feb\u00a028');
    setStoreZone('Mars/Olympus_Mons');
    expect(storeZone()).to.equal('UTC');
    expect(say()).to.contain('Mar\u00a01');
    setStoreZone(42);
    expect(storeZone()).to.equal('UTC');
  });

  it('builds no date formatter when the program arrives (it starts ICU: a long task at 4× on a store page that shows no date)', () => {
    const real = Intl.DateTimeFormat;
    let built = 0;
    Intl.DateTimeFormat = new Proxy(real, { construct: (target, args) => (built++, Reflect.construct(target, args)) });
    try {
      setStoreZone('Pacific/Chatham');
      expect(built).to.equal(0);
      expect(storeZone()).to.equal('Pacific/Chatham');
      setStoreZone('UTC');
      expect(storeZone()).to.equal('UTC');
      expect(built).to.equal(1);
    } finally {
      Intl.DateTimeFormat = real;
    }
  });

  it('shows a Los Angeles store’s member their expiry and history on its calendar, and the tier’s period end as sent', async () => {
    const engine = backend().state.engine;
    engine.programs[DEMO_PROGRAM_ID]!.timeZone = 'America/Los_Angeles';
    // 31 Oct 20:00 in Los Angeles is 1 Nov 03:00 UTC: 12 months on, the points expire on 31 Oct 2027 there
    const at = Date.parse('2026-11-01T03:00:00Z');
    engine.ledger.push({ id: 'la-bonus', kind: 'earn', memberId: DEMO_MEMBER_ID, points: 7, at, source: 'action', availableAt: at });
    await signInDemo();
    await setLocale('en');
    const el = await mountPanel();
    const expiring = [...section(el, 'balance').querySelectorAll('li')].map(text);
    expect(expiring).to.include('7 points expire on Oct 31, 2027');
    const line = rows(el).map(text).find((row) => row.includes('+7'));
    expect(line).to.match(/^Oct 31, 2026 /);
    // a calendar date (sent as 31 Dec 00:00:00Z) is not moved back a day by the zone
    expect(text(part(el, 'progress')!.parentElement)).to.contain('Progress counts until Dec 31.');
  });
});
