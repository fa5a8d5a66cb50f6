/**
 * The page bench's redemption probe (bundled for the browser by bench/page.mjs): it drives the
 * redeem store directly, the same call `<fidelio-points-redeem>` makes (outbox record in IndexedDB,
 * the request, the member refresh), without the widget's rendering.
 */
import { configure } from '../src/stores/config.js';
import { identify } from '../src/stores/session.js';
import { $member, refreshMember } from '../src/stores/member.js';
import { redeemReward } from '../src/stores/redeem.js';

(window as unknown as Record<string, unknown>).fidelioBench = {
  async start(api: string, program: string, token: string): Promise<number | null> {
    configure({ api, program });
    await identify(token);
    // Subscribed, as the widget is: an unwatched store would mount for each read and refresh on
    // mounting, and that refresh's write could land in the middle of the timed redemption.
    $member.listen(() => undefined);
    await refreshMember();
    const state = $member.get();
    return state.status === 'ready' ? state.member.points.available : null;
  },
  /** One redemption, timed from the call to its result (ms), with what it returned. */
  async redeem(rewardId: string): Promise<{ ms: number; ok: boolean }> {
    const started = performance.now();
    const redemption = await redeemReward(rewardId);
    return { ms: performance.now() - started, ok: redemption !== null };
  },
};
