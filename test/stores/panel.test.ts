import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { cleanStores } from 'nanostores';
import { $panel, HISTORY_PAGE, loadMoreHistory, loadPanel, loadSection, requestDeletion, savePreferences, cancelMembership, startMembership } from '../../src/stores/panel.js';
import { $member } from '../../src/stores/member.js';
import { $redeem, redeemReward, resetRedeem } from '../../src/stores/redeem.js';
import { signOut } from '../../src/stores/session.js';
import { setLocale } from '../../src/i18n/index.js';
import { DEMO_MEMBER_ID, type MockBackend } from '../../src/mock/index.js';
import { clock, configureForTests, resetSdk, signInDemo, until, useBackend, watchPageErrors } from '../helpers/backend.js';

const ACTIVITY = '*/v1/programs/:programId/me/activity';
const BATCHES = '*/v1/programs/:programId/me/batches';
const PREFERENCES = '*/v1/programs/:programId/me/preferences';

/** Keeps $panel (and so its session and redemption listeners) mounted while a test runs. */
function watch(): () => void {
  return $panel.listen(() => undefined);
}

describe('panel store', () => {
  let backend: MockBackend;
  let page: ReturnType<typeof watchPageErrors>;
  let stop: () => void;

  beforeEach(async () => {
    backend = await useBackend();
    await resetSdk();
    cleanStores($panel);
    resetRedeem();
    configureForTests();
    page = watchPageErrors();
  });

  afterEach(() => {
    stop?.();
    page.stop();
    expect(page.errors, 'uncaught errors or unhandled rejections').to.deep.equal([]);
  });

  const ready = () => until(() => (['batches', 'redemptions', 'preferences', 'history'] as const).forEach((s) => expect($panel.get()[s].status, s).to.not.be.oneOf(['idle', 'loading'])));

  it('loads every section when a member signs in, and empties them on sign-out', async () => {
    stop = watch();
    expect($panel.get().history.status).to.equal('idle');
    await signInDemo();
    await ready();
    const state = $panel.get();
    expect(state.batches.status === 'ready' && state.batches.data.map((b) => [b.status, b.remaining])).to.deep.equal([
      ['spent', 0],
      ['available', 152],
      ['available', 245],
      ['pending', 86],
    ]);
    expect(state.redemptions.status === 'ready' && state.redemptions.data.map((r) => [r.rewardId, r.status])).to.deep.equal([['free-shipping', 'used']]);
    expect(state.preferences.status === 'ready' && state.preferences.data).to.deep.equal({ newsletter: true, statement: true, locale: 'en' });
    expect(state.history.status === 'ready' && [state.history.data.items.length, state.history.data.next]).to.deep.equal([6, null]);
    signOut();
    expect($panel.get().history.status).to.equal('idle');
    expect($panel.get().batches.status).to.equal('idle');
  });

  it('keeps the other sections when one fails, and a reload of it recovers', async () => {
    backend.worker.use(http.get(BATCHES, () => HttpResponse.error()));
    stop = watch();
    await signInDemo();
    await ready();
    const state = $panel.get();
    expect(state.batches.status === 'error' && state.batches.error.code).to.equal('network');
    expect(state.history.status).to.equal('ready');
    expect(state.redemptions.status).to.equal('ready');
    expect(state.preferences.status).to.equal('ready');
    backend.worker.resetHandlers();
    await loadSection('batches');
    expect($panel.get().batches.status).to.equal('ready');
  });

  it('pages the history one request at a time and keeps loaded rows when a page fails', async () => {
    const served: (string | null)[] = [];
    backend.worker.use(
      http.get(ACTIVITY, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        served.push(cursor);
        const start = Number(cursor ?? 0);
        const items = Array.from({ length: HISTORY_PAGE }, (_, i) => ({ id: `e${start + i}`, kind: 'earn', points: 1, at: new Date(clock.now() - (start + i) * 60_000).toISOString() }));
        return HttpResponse.json({ items, nextCursor: start + HISTORY_PAGE < 3_000 ? String(start + HISTORY_PAGE) : null });
      }),
    );
    stop = watch();
    await signInDemo();
    await ready();
    await Promise.all([loadMoreHistory(), loadMoreHistory(), loadMoreHistory()]);
    let history = $panel.get().history;
    expect(history.status === 'ready' && history.data.items.length).to.equal(2 * HISTORY_PAGE);
    expect(served).to.deep.equal([null, String(HISTORY_PAGE)]);
    backend.worker.use(http.get(ACTIVITY, () => HttpResponse.error(), { once: true }));
    await loadMoreHistory();
    history = $panel.get().history;
    expect(history.status === 'ready' && [history.data.items.length, history.data.moreError?.code, history.data.next]).to.deep.equal([2 * HISTORY_PAGE, 'network', String(2 * HISTORY_PAGE)]);
    await loadMoreHistory();
    history = $panel.get().history;
    expect(history.status === 'ready' && [history.data.items.length, history.data.moreError]).to.deep.equal([3 * HISTORY_PAGE, undefined]);
    expect(new Set(history.status === 'ready' ? history.data.items.map((e) => e.id) : []).size).to.equal(3 * HISTORY_PAGE);
  });

  it('saves consents at once, and shows the previous choice again when saving fails', async () => {
    stop = watch();
    await signInDemo();
    await ready();
    await savePreferences({ newsletter: false, statement: true });
    expect(backend.state.engine.members[DEMO_MEMBER_ID]!.newsletter).to.equal(false);
    backend.worker.use(http.put('*/v1/programs/:programId/me/preferences', () => HttpResponse.error()));
    let error: unknown;
    await savePreferences({ newsletter: true, statement: false }).catch((e) => (error = e));
    expect((error as { code?: string })?.code).to.equal('network');
    const prefs = $panel.get().preferences;
    expect(prefs.status === 'ready' && prefs.data).to.deep.equal({ newsletter: false, statement: true, locale: 'en' });
  });

  it('moves the member’s emails to the language the panel opens in, and sends the page’s language with saved consents', async () => {
    const puts: unknown[] = [];
    // (noted, then answered by the reference backend)
    backend.worker.use(http.put(PREFERENCES, async ({ request }) => void puts.push(await request.clone().json())));
    await setLocale('es');
    stop = watch();
    await signInDemo();
    await ready();
    const ana = () => backend.state.engine.members[DEMO_MEMBER_ID]!;
    expect(ana().locale, 'Ana joined in English; the panel opened in Spanish').to.equal('es');
    let prefs = $panel.get().preferences;
    expect(prefs.status === 'ready' && prefs.data).to.deep.equal({ newsletter: true, statement: true, locale: 'es' });
    await setLocale('ro');
    await savePreferences({ newsletter: false, statement: true, locale: 'es' });
    expect([ana().newsletter, ana().locale]).to.deep.equal([false, 'ro']);
    prefs = $panel.get().preferences;
    expect(prefs.status === 'ready' && prefs.data).to.deep.equal({ newsletter: false, statement: true, locale: 'ro' });
    expect(puts).to.deep.equal([
      { newsletter: true, statement: true, locale: 'es' },
      { newsletter: false, statement: true, locale: 'ro' },
    ]);
  });

  it('sends a server that keeps no email language none: no write when the panel opens, none with saved consents', async () => {
    const puts: unknown[] = [];
    backend.worker.use(
      http.get(PREFERENCES, () => HttpResponse.json({ newsletter: true, statement: true })),
      http.put(PREFERENCES, async ({ request }) => {
        const body = await request.json();
        puts.push(body);
        return HttpResponse.json(body);
      }),
    );
    await setLocale('es');
    stop = watch();
    await signInDemo();
    await ready();
    expect(puts, 'opening writes nothing').to.deep.equal([]);
    await savePreferences({ newsletter: false, statement: true });
    expect(puts).to.deep.equal([{ newsletter: false, statement: true }]);
    expect(backend.state.engine.members[DEMO_MEMBER_ID]!.locale).to.equal(undefined);
  });

  it('reloads the codes and batches after a redemption made anywhere (checkout too)', async () => {
    stop = watch();
    await signInDemo();
    await ready();
    const redemption = await redeemReward('ten-off');
    expect($redeem.get().status).to.equal('redeemed');
    await until(() => {
      const state = $panel.get().redemptions;
      expect(state.status === 'ready' && state.data.map((r) => r.id)).to.include(redemption!.id);
    });
    await until(() => {
      const batches = $panel.get().batches;
      expect(batches.status === 'ready' && batches.data.find((b) => b.status === 'available' && b.points === 152)?.remaining).to.equal(52);
    });
  });

  it('runs membership changes and a deletion request, then refreshes the member', async () => {
    stop = watch();
    const offMember = $member.listen(() => undefined);
    try {
      await signInDemo();
      await ready();
      const trial = await startMembership({ planId: 'plus', action: 'trial' });
      expect(trial.status).to.equal('trial');
      await until(() => expect($member.get().status === 'ready' && ($member.get() as { member: { membership?: { status: string } } }).member.membership?.status).to.equal('trial'));
      const cancelled = await cancelMembership();
      expect(cancelled.cancelledAt).to.be.a('string');
      const first = await requestDeletion();
      clock.advance(60_000);
      const again = await requestDeletion();
      expect(again.requestedAt).to.equal(first.requestedAt);
      expect($panel.get().deletion).to.deep.equal(again);
    } finally {
      offMember();
    }
  });

  it('signs the shopper out when a section is refused for an expired token', async () => {
    stop = watch();
    const offMember = $member.listen(() => undefined);
    try {
      await signInDemo();
      await ready();
      backend.worker.use(http.get(ACTIVITY, () => HttpResponse.json({ type: 'about:blank', title: 'expired', status: 401, code: 'unauthorized' }, { status: 401, headers: { 'Content-Type': 'application/problem+json' } })));
      // The refused reload is answered by asking for the member again, which the server refuses too.
      backend.worker.use(http.get('*/v1/programs/:programId/me', () => HttpResponse.json({ type: 'about:blank', title: 'expired', status: 401, code: 'unauthorized' }, { status: 401, headers: { 'Content-Type': 'application/problem+json' } })));
      await loadSection('history');
      await until(() => expect($member.get().status).to.equal('signed-out'));
      expect($panel.get().history.status).to.equal('idle');
    } finally {
      offMember();
    }
  });

  it('loads nothing and reports the configuration when Fidelio is not set up', async () => {
    stop = watch();
    await resetSdk();
    await loadPanel();
    const state = $panel.get();
    expect(state.history.status === 'error' && state.history.error.code).to.equal('config');
  });
});
