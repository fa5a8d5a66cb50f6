import type { LedgerEntry } from './points.js';
import type { ProgramConfig } from './program.js';
import type { CouponDefinition } from './coupons.js';
import { emptyCashbackState, type CashbackState } from './cashback.js';
import { emptyGiftCardState, type GiftCardState } from './giftcards.js';
import { emptyMembershipState, type MembershipState } from './membership.js';
import { emptyBirthdayState, type BirthdayState } from './birthday.js';
import { emptyOutbox, type OutboxState } from './emails.js';

import type { Birthday } from '../core/person.js';

export type { Birthday };

export interface MemberRecord {
  id: string;
  programId: string;
  email: string;
  name: string | null;
  birthday: Birthday | null;
  /** Newsletter consent: explicit, separate from joining, off unless given. */
  newsletter: boolean;
  statement: boolean;
  joinedAt: number;
  referralCode: string;
  referredBy: string | null;
  deviceId: string | null;
  unsubscribeToken: string;
  /** Times the member shared their link (rewarded or not). */
  shares: number;
  /** Unsubscribed from every email (newsletter, statements and reminders). */
  emailOptOut?: boolean;
  /** Language for emails (en, es, ro, zh-CN). */
  locale?: string;
}

export interface OrderLine {
  id: string;
  name?: string;
  brand?: string;
  category?: string;
  unitPrice: number;
  quantity: number;
}

/** A line as recorded: what it was worth after the order's discounts, and the promotion multiplier it earned at. */
export interface RecordedLine extends OrderLine {
  net: number;
  promo: number;
}

/**
 * Units returned per line, from units returned per line id. Lines sharing an id give back their
 * dearest units first (net per unit, then the higher promotion), whatever order the store listed
 * them in: the same return reads the same, and the member keeps the least the return allows.
 */
export function unitsPerLine(lines: readonly (OrderLine & { net?: number; promo?: number })[], units: Readonly<Record<string, number>>): number[] {
  const left = { ...units };
  const unitNet = (l: (typeof lines)[number]) => (l.quantity > 0 ? (l.net ?? l.unitPrice * l.quantity) / l.quantity : 0);
  const dearestFirst = lines.map((_, i) => i).sort((a, b) => unitNet(lines[b]!) - unitNet(lines[a]!) || (lines[b]!.promo ?? 1) - (lines[a]!.promo ?? 1) || a - b);
  const back = lines.map(() => 0);
  for (const i of dearestFirst) {
    const l = lines[i]!;
    back[i] = Math.max(0, Math.min(l.quantity, left[l.id] ?? 0));
    left[l.id] = (left[l.id] ?? 0) - back[i]!;
  }
  return back;
}

export interface OrderRecord {
  programId: string;
  orderId: string;
  memberId: string | null;
  email: string;
  currency: string;
  lines: RecordedLine[];
  shipping: number;
  tax: number;
  discounts: number;
  placedAt: number;
  /** Merchandise (+ shipping/tax if the program says so) after discounts: what points are earned on. */
  earnBase: number;
  points: number;
  /** Merchandise amount returned so far, and the returns already applied (idempotency). */
  returned: number;
  returnIds: string[];
  pointsReversed: number;
  couponCodes: string[];
  /** Units returned per line id (returns given by lines), so punches and cards undo exactly. */
  returnedUnits?: Record<string, number>;
  /** Merchandise returned as amounts (returns not given by lines). */
  returnedAmount?: number;
  /** The tier or membership multiplier the order earned at, its earn rate, and the shipping and tax it earned on. */
  multiplier: number;
  earnRate: { points: number; perMinor: number };
  earnExtras: number;
  /** Codes on the order that were not valid for it when it was placed (see auditCoupons). */
  couponFlags?: CouponFlag[];
}

/**
 * A code on a posted order that was not valid for it: the store's checkout let it through (it
 * checked before the code was used up, cancelled or limited). `reason` is the refusal validation
 * would have given (a coupon error code, or `redemption_cancelled`); a reward code had again is
 * paid again with the reward's points (`pointsCharged`).
 */
export interface CouponFlag {
  code: string;
  reason: string;
  params?: Record<string, unknown>;
  pointsCharged?: number;
}

export interface RedemptionRecord {
  id: string;
  programId: string;
  memberId: string;
  rewardId: string;
  points: number;
  couponCode: string;
  /** Discount in minor units (0 for free shipping). */
  discount: number;
  kind: 'fixed' | 'free_shipping' | 'product' | 'pay_with_points';
  createdAt: number;
  expiresAt: number;
  status: 'issued' | 'used' | 'cancelled';
  /** The client's Idempotency-Key it was made with (listed back, so an unanswered client can tell it was done). */
  idempotencyKey?: string;
}

export interface ReferralRecord {
  id: string;
  programId: string;
  referrerId: string;
  friendId: string;
  friendEmail: string;
  joinedAt: number;
  /** `ordered`: the friend's qualifying order is in; the referrer's points wait for its return window. */
  status: 'joined' | 'ordered' | 'returned' | 'capped';
  orderId: string | null;
  rewardAt: number | null;
}

/** The engine's whole state: plain JSON, so the reference backend can keep it in IndexedDB. */
export interface EngineState {
  programs: Record<string, ProgramConfig>;
  members: Record<string, MemberRecord>;
  ledger: LedgerEntry[];
  orders: Record<string, OrderRecord>;
  redemptions: Record<string, RedemptionRecord>;
  referrals: ReferralRecord[];
  /** Coupons issued to one member (rewards, referral welcome), by canonical code. */
  issuedCoupons: Record<string, CouponDefinition & { programId: string }>;
  /** Each code on each order; `email` is the buyer's, so a customer's uses count as a guest too. */
  couponUses: { programId: string; code: string; memberId: string | null; email?: string; orderId: string; at: number }[];
  /** Idempotency keys of writes: same key and body → same answer, nothing done twice. */
  idempotency: Record<string, { fingerprint: string; result: unknown }>;
  /** Emails of people who already bought before joining (the merchant's customer list). */
  customers: Record<string, string[]>;
  cashback: CashbackState;
  giftCards: GiftCardState;
  memberships: MembershipState;
  birthdays: BirthdayState;
  outbox: OutboxState;
  seq: number;
}

export function emptyState(): EngineState {
  return {
    programs: {},
    members: {}, ledger: [], orders: {}, redemptions: {}, referrals: [], issuedCoupons: {}, couponUses: [], idempotency: {},
    customers: {},
    cashback: emptyCashbackState(),
    giftCards: emptyGiftCardState(),
    memberships: emptyMembershipState(),
    birthdays: emptyBirthdayState(),
    outbox: emptyOutbox(),
    seq: 0,
  };
}

/** Deterministic ids (tests and property runs replay exactly). */
export function nextId(state: EngineState, prefix: string): string {
  state.seq += 1;
  return `${prefix}_${state.seq.toString(36)}`;
}

/** Each ledger's entries per member, brought up to date as the ledger grows (it is only appended to). */
const byMember = new WeakMap<LedgerEntry[], { length: number; members: Map<string, LedgerEntry[]> }>();

/**
 * One member's ledger entries, in ledger order, without scanning every member's: the index takes
 * in what was appended since the last call. Read-only: the list is shared between calls.
 */
export function memberLedger(state: EngineState, memberId: string): readonly LedgerEntry[] {
  const { ledger } = state;
  let index = byMember.get(ledger);
  // a ledger that shrank was rewritten by hand (tests): index it afresh
  if (!index || index.length > ledger.length) byMember.set(ledger, (index = { length: 0, members: new Map() }));
  for (let i = index.length; i < ledger.length; i++) {
    const entry = ledger[i]!;
    let list = index.members.get(entry.memberId);
    if (!list) index.members.set(entry.memberId, (list = []));
    list.push(entry);
  }
  index.length = ledger.length;
  return index.members.get(memberId) ?? [];
}
