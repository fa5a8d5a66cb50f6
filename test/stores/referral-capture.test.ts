import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { cleanStores } from 'nanostores';
import { DAY_MS } from '../../src/core/clock.js';
import { createApi } from '../../src/api.js';
import { DB_NAME } from '../../src/storage/db.js';
import { $member } from '../../src/stores/member.js';
import { resetStorage } from '../../src/stores/runtime.js';
import { $session } from '../../src/stores/session.js';
import { captureReferral, rememberReferral, storedReferral } from '../../src/stores/signup.js';
import { NOW, captureWarnings, clock, configureForTests, replaceIndexedDB, resetSdk, watchPageErrors } from '../helpers/backend.js';

/** Visits `search` on this page (as a shopper following a link would) and runs the drop-in's capture. */
async function visit(search: string): Promise<string | null> {
  history.replaceState(null, '', `${location.pathname}${search}`);
  return captureReferral();
}

/** A reload, as far as the SDK knows: its stores and its open database are gone; IndexedDB stays. */
function reload(): void {
  cleanStores($member, $session);
  resetStorage();
}

/** What IndexedDB itself holds for the referral, read without the SDK. */
async function rawReferral(): Promise<unknown> {
  const db = await openDB(DB_NAME);
  try {
    return await db.get('kv', 'referral');
  } finally {
    db.close();
  }
}

describe('referral capture', () => {
  const address = location.pathname + location.search;
  let page: ReturnType<typeof watchPageErrors>;

  beforeEach(async () => {
    clock.set(NOW);
    await resetSdk();
    configureForTests();
    page = watchPageErrors();
  });

  afterEach(() => {
    history.replaceState(null, '', address);
    page.stop();
    expect(page.errors, 'uncaught errors or unhandled rejections').to.deep.equal([]);
  });

  it('remembers a code from the address across a reload, in IndexedDB', async () => {
    expect(await visit('?utm_source=mail&ref=ana2026')).to.equal('ANA2026');
    reload();
    history.replaceState(null, '', address);
    expect(await storedReferral()).to.equal('ANA2026');
    expect(await rawReferral()).to.deep.equal({ code: 'ANA2026', expiresAt: NOW + 30 * DAY_MS });
    expect(await createApi().referral()).to.equal('ANA2026');
  });

  it('keeps a code for 30 days by the injectable clock, then forgets it', async () => {
    await visit('?ref=ANA2026');
    clock.advance(30 * DAY_MS - 1);
    reload();
    expect(await storedReferral()).to.equal('ANA2026');
    clock.advance(1);
    reload();
    expect(await storedReferral()).to.equal(null);
    expect(await createApi().referral()).to.equal(null);
  });

  it('keeps a code for the configured number of days, under the configured parameter name', async () => {
    configureForTests({ referralDays: 7, referralParam: 'invite' });
    expect(await visit('?ref=IGNORED1')).to.equal(null);
    expect(await visit('?invite=BEN_77')).to.equal('BEN_77');
    clock.advance(7 * DAY_MS - 1);
    expect(await storedReferral()).to.equal('BEN_77');
    clock.advance(1);
    expect(await storedReferral()).to.equal(null);
  });

  it('replaces an older code with a newer valid one, and restarts its window', async () => {
    await visit('?ref=ANA2026');
    clock.advance(20 * DAY_MS);
    await visit('?ref=BEN2026');
    clock.advance(20 * DAY_MS);
    expect(await storedReferral()).to.equal('BEN2026');
  });

  it('ignores malformed codes quietly and keeps the valid one it had', async () => {
    await visit('?ref=ANA2026');
    const warnings = captureWarnings();
    try {
      for (const bad of ['<img src=x onerror=alert(1)>', '%3Cb%3Ehi%3C%2Fb%3E', 'AB', 'A'.repeat(33), 'ANA%202026', 'ANA.2026', '']) {
        expect(await visit(`?ref=${bad}`), bad).to.equal(null);
      }
      await rememberReferral('"><script>alert(1)</script>');
    } finally {
      warnings.restore();
    }
    expect(warnings.messages).to.deep.equal([]);
    expect(await storedReferral()).to.equal('ANA2026');
  });

  it('answers Fidelio.referral() with null, without throwing, when IndexedDB is unavailable', async () => {
    resetStorage();
    const restore = replaceIndexedDB(undefined);
    try {
      expect(await createApi().referral()).to.equal(null);
      // In memory for this page only, but still remembered and read back.
      await visit('?ref=ANA2026');
      expect(await createApi().referral()).to.equal('ANA2026');
    } finally {
      restore();
      resetStorage();
    }
  });
});
