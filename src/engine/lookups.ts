/**
 * Lookups by coupon code over the state's append-only lists, built once per state and kept up as
 * the lists grow: an order with a code looked at every use and every redemption, so importing
 * orders in bulk was quadratic. The state itself stays plain JSON; these live beside it.
 */
import { mailboxOf } from './members.js';
import type { EngineState } from './state.js';

type Use = EngineState['couponUses'][number];
type Redemption = EngineState['redemptions'][string];

interface UseIndex {
  seen: number;
  byCode: Map<string, Use[]>;
  byMember: Map<string, Use[]>;
  byMailbox: Map<string, Use[]>;
}

const uses = new WeakMap<EngineState, UseIndex>();

function useIndex(state: EngineState): UseIndex {
  let index = uses.get(state);
  // (a list shorter than indexed was replaced: start over)
  if (!index || index.seen > state.couponUses.length) uses.set(state, (index = { seen: 0, byCode: new Map(), byMember: new Map(), byMailbox: new Map() }));
  const add = (map: Map<string, Use[]>, key: string, use: Use) => {
    const list = map.get(key);
    if (list) list.push(use);
    else map.set(key, [use]);
  };
  for (; index.seen < state.couponUses.length; index.seen++) {
    const use = state.couponUses[index.seen]!;
    const key = `${use.programId}:${use.code}`;
    add(index.byCode, key, use);
    if (use.memberId !== null) add(index.byMember, `${key}:${use.memberId}`, use);
    if (use.email) add(index.byMailbox, `${key}:${mailboxOf(use.email)}`, use);
  }
  return index;
}

/** The recorded uses of `code` in `programId` (in the order they were made). */
export function usesOf(state: EngineState, programId: string, code: string): readonly Use[] {
  return useIndex(state).byCode.get(`${programId}:${code}`) ?? [];
}

/** How often one customer used `code`: as the member `memberId`, or under the mailbox `mailbox` (aliases, guest orders). */
export function customerUses(state: EngineState, programId: string, code: string, memberId: string | null, mailbox: string | null): number {
  const index = useIndex(state);
  const key = `${programId}:${code}`;
  const asMember = memberId !== null ? (index.byMember.get(`${key}:${memberId}`)?.length ?? 0) : 0;
  const byAddress = mailbox !== null ? (index.byMailbox.get(`${key}:${mailbox}`) ?? []).filter((use) => memberId === null || use.memberId !== memberId).length : 0;
  return asMember + byAddress;
}

const redemptions = new WeakMap<EngineState, Map<string, Redemption>>();

/**
 * The redemption whose coupon is `code` in `programId`, if any. Redemptions are only ever added,
 * by redeem(), which tells the index (noteRedemption); a state it has not seen (loaded, cloned) is
 * indexed on its first lookup.
 */
export function redemptionOf(state: EngineState, programId: string, code: string): Redemption | undefined {
  let byCode = redemptions.get(state);
  if (!byCode) {
    byCode = new Map();
    for (const r of Object.values(state.redemptions)) byCode.set(`${r.programId}:${r.couponCode}`, r);
    redemptions.set(state, byCode);
  }
  return byCode.get(`${programId}:${code}`);
}

/** A new redemption, told to the index (if one was built). */
export function noteRedemption(state: EngineState, redemption: Redemption): void {
  redemptions.get(state)?.set(`${redemption.programId}:${redemption.couponCode}`, redemption);
}
