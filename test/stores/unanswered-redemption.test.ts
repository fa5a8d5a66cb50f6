/**
 * A redemption whose answer never came (a timeout, a server failure mid-way) may have spent the
 * points. The SDK learns which from the member's redemptions (the one made with the write's
 * idempotency key), without sending the write again; where it cannot tell, the write stays held for
 * the shopper's next press, which spends at most once.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { redeem } from '../../src/engine/index.js';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID, type MockBackend } from '../../src/mock/index.js';
import { replayOutbox } from '../../src/stores/outbox.js';
import { $redeem, confirmRedeem, redeemReward, resetRedeem } from '../../src/stores/redeem.js';
import { clock, configureForTests, resetSdk, signInDemo, tokenFor, useBackend } from '../helpers/backend.js';
import { identify, signOut } from '../../src/stores/session.js';

const REDEEM = '*/v1/programs/:programId/me/redemptions';

describe('a redemption left unanswered, confirmed from the member’s redemptions', () => {
  let backend: MockBackend;
  beforeEach(async () => {
    backend = await useBackend();
    await resetSdk();
    resetRedeem();
    configureForTests();
    await signInDemo();
  });
  afterEach(async () => {
    resetRedeem();
    // a write this test left queued is sent now, not by an idle-time replay during the next test
    // (whose same press would get its answer)
    await replayOutbox();
  });

  let seeded = 0;
  beforeEach(() => (seeded = Object.keys(backend.state.engine.redemptions).length));
  /** The member's redemptions made in this test. */
  const mine = () => Object.values(backend.state.engine.redemptions).filter((r) => r.memberId === DEMO_MEMBER_ID).slice(seeded);
  let failing = false;
  /** Redemptions fail with a 500 (retries too) until `failing` is false; `done`: after the server did it. */
  const failNext = (done: boolean) => {
    failing = true;
    backend.worker.use(
      http.post(REDEEM, async ({ request }) => {
        if (!failing) return undefined;
        const body = (await request.clone().json()) as { rewardId: string };
        if (done) redeem(backend.state.engine, DEMO_PROGRAM_ID, DEMO_MEMBER_ID, { rewardId: body.rewardId }, clock.now(), request.headers.get('Idempotency-Key')!);
        return HttpResponse.json({ type: 'about:blank', title: 'Boom', status: 500, code: 'server' }, { status: 500 });
      }),
    );
  };

  it('finds nothing on a server whose list does not carry the keys (an older one): null, the shopper still told to press again', async () => {
    failNext(true);
    backend.worker.use(
      http.get(REDEEM, () =>
        HttpResponse.json({
          items: mine().map((r) => ({ id: r.id, rewardId: r.rewardId, points: r.points, coupon: { code: r.couponCode, discount: { amount: r.discount, currency: 'USD' }, expiresAt: new Date(r.expiresAt).toISOString() }, status: r.status, createdAt: new Date(r.createdAt).toISOString() })),
        }),
      ),
    );
    expect(await redeemReward('free-shipping')).to.equal(null);
    expect(await confirmRedeem([5, 5])).to.equal(null);
    expect($redeem.get().status).to.equal('failed');
    // pressing again gets the coupon the server made, with no second debit
    failing = false;
    const again = await redeemReward('free-shipping');
    expect(again?.coupon.code).to.equal(mine()[0]!.couponCode);
    expect(mine()).to.have.length(1);
  });

  it('leaves a press made meanwhile to its own answer', async () => {
    failNext(true);
    expect(await redeemReward('free-shipping')).to.equal(null);
    const looking = confirmRedeem([50]);
    failing = false;
    const pressed = redeemReward('free-shipping');
    expect(await looking).to.equal(null);
    expect((await pressed)?.coupon.code).to.equal(mine()[0]!.couponCode);
    expect(mine()).to.have.length(1);
  });

  it('does not look after a failure that says nothing was done (503), nor after one the queue will send (offline, which waits for the replay)', async () => {
    backend.worker.use(http.post(REDEEM, () => HttpResponse.json({ type: 'about:blank', title: 'Down', status: 503, code: 'unavailable' }, { status: 503 }), { once: true }));
    expect(await redeemReward('free-shipping')).to.equal(null);
    let listed = 0;
    backend.worker.use(http.get(REDEEM, () => (listed++, HttpResponse.json({ items: [] }))));
    expect(await confirmRedeem([5])).to.equal(null);
    backend.worker.use(http.post(REDEEM, () => HttpResponse.error(), { once: true }));
    expect(await redeemReward('free-shipping')).to.equal(null);
    // (a queued press waits for the replay instead, and stops when the shopper moves on)
    const waiting = confirmRedeem([5]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    resetRedeem();
    expect(await waiting).to.equal(null);
    expect(listed).to.equal(0);
  });
  it('says nothing happened when the server shows no redemption with the key: the write stays held, and pressing again spends once', async () => {
    failNext(false);
    expect(await redeemReward('free-shipping')).to.equal(null);
    const failed = $redeem.get();
    expect(await confirmRedeem([5, 5]), 'the look').to.equal(null);
    expect($redeem.get()).to.equal(failed);
    expect(mine()).to.have.length(0);
    // held, not sent behind the shopper's back; the press sends it with its key
    failing = false;
    expect(await replayOutbox()).to.equal(0);
    expect((await redeemReward('free-shipping'))?.points).to.equal(50);
    expect(mine()).to.have.length(1);
  });


  it('stops looking once another shopper signs in on the page', async () => {
    failNext(true);
    expect(await redeemReward('free-shipping')).to.equal(null);
    let listed = 0;
    backend.worker.use(http.get(REDEEM, () => void listed++));
    await signOut();
    await identify(await tokenFor('m_someone_else'));
    expect(await confirmRedeem([5])).to.equal(null);
    expect(listed).to.equal(0);
  });

  it('a press queued offline learns its outcome from this page’s replay: done, as if answered; the same press after it is a new one', async () => {
    backend.worker.use(http.post(REDEEM, () => HttpResponse.error(), { once: true }));
    expect(await redeemReward('free-shipping')).to.equal(null);
    const waiting = confirmRedeem();
    // back online: the replay sends it
    expect(await replayOutbox()).to.equal(1);
    const done = await waiting;
    expect(done?.coupon.code).to.equal(mine()[0]!.couponCode);
    expect($redeem.get()).to.deep.include({ status: 'redeemed', redemption: done });
    // its answer was that press's: pressing again redeems again
    const again = await redeemReward('free-shipping');
    expect(again?.coupon.code).to.not.equal(done!.coupon.code);
    expect(mine()).to.have.length(2);
  });

  it('a press queued offline that the replay finds refused for good says why', async () => {
    backend.worker.use(http.post(REDEEM, () => HttpResponse.error(), { once: true }));
    expect(await redeemReward('free-shipping')).to.equal(null);
    const waiting = confirmRedeem();
    backend.worker.use(
      http.post(REDEEM, () => HttpResponse.json({ type: 'about:blank', title: 'Not enough points', status: 422, code: 'insufficient_points', params: { required: 50, available: 10 } }, { status: 422 }), { once: true }),
    );
    expect(await replayOutbox()).to.equal(0);
    expect(await waiting).to.equal(null);
    const state = $redeem.get();
    expect(state.status).to.equal('failed');
    expect((state as { error: { code: string; params: { queued?: boolean } } }).error.code).to.equal('insufficient_points');
    expect(mine()).to.have.length(0);
  });
});

