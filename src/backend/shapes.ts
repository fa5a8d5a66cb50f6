import { array, bool, date, int, nullable, num, obj, oneOf, optional, str, moneyShape, type Check } from '../core/validate.js';
import type {
  ActivityPage,
  DeletionRequest,
  BirthdayChange,
  CancelledRedemption,
  CartPreview,
  CouponValidation,
  Enrollment,
  Member,
  MemberExport,
  MemberEventResult,
  Membership,
  PointBatch,
  Preferences,
  ProgramSummary,
  Redemption,
  RedemptionItem,
  ReferralInfo,
  UnsubscribeResult,
} from '../contract/types.js';

/* Runtime checks mirroring the contract's schemas for the fields widgets rely on. */

export const pointsSummaryShape = obj({
  available: int,
  pending: int,
  lifetime: int,
  nextPending: nullable(obj({ points: int, availableOn: date })),
  nextExpiry: nullable(obj({ points: int, expiresOn: date })),
});

export const memberShape = obj({
  id: str,
  email: str,
  name: nullable(str),
  currency: str,
  points: pointsSummaryShape,
  updatedAt: date,
}) as unknown as Check<Member>;

export const enrollmentShape = obj({ member: memberShape, token: str, pointsAwarded: int }) as unknown as Check<Enrollment>;

/**
 * The merchant's translations of their own words are cosmetic: an entry that is not text is left
 * out rather than refusing the whole program (names then show as written). Objects without a
 * prototype, so a name like "constructor" or "__proto__" is only ever a name.
 */
const translationsShape: Check<Record<string, Record<string, string>> | undefined> = (v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const out: Record<string, Record<string, string>> = Object.create(null);
  for (const [locale, words] of Object.entries(v)) {
    if (typeof words !== 'object' || words === null || Array.isArray(words)) continue;
    const kept: Record<string, string> = Object.create(null);
    for (const [text, translation] of Object.entries(words)) if (typeof translation === 'string' && translation.trim()) kept[text] = translation;
    out[locale] = kept;
  }
  return out;
};

export const programShape = obj({
  id: str,
  name: str,
  currency: str,
  earn: obj({ points: int, perMinor: int }),
  pendingDays: int,
  expiry: obj({ mode: oneOf('fixed', 'rolling', 'none'), months: int }),
  pointValue: moneyShape,
  joinIncentive: nullable(obj({ points: int, description: optional(str) })),
  referral: optional(obj({ referrerPoints: int, friendDiscount: moneyShape })),
  rewards: optional(
    array(
      obj({
        id: str,
        name: str,
        points: int,
        kind: oneOf('fixed', 'percent', 'free_shipping', 'free_product', 'pay_with_points'),
        value: optional(moneyShape),
        stepValue: optional(moneyShape),
        maxShare: optional(num),
        minSpend: optional(moneyShape),
      }),
    ),
  ),
  translations: translationsShape,
}) as unknown as Check<ProgramSummary>;

export const batchShape = obj({
  id: str,
  points: int,
  remaining: int,
  status: oneOf('pending', 'available', 'expired', 'spent', 'reversed'),
  earnedAt: date,
  availableOn: date,
  expiresOn: nullable(date),
}) as unknown as Check<PointBatch>;

export const batchListShape = obj({ items: array(batchShape) });

export const cartPreviewShape = obj({
  earn: obj({
    points: int,
    pendingDays: int,
    multiplier: optional(num),
    promotions: optional(array(obj({ id: str, name: str, multiplier: num, quantity: int }))),
    asMember: optional(bool),
    joinPoints: optional(int),
  }),
  tier: optional(obj({ basis: oneOf('spend', 'points'), current: int, after: int, next: obj({ id: str, name: str, threshold: int }), reaches: optional(bool) })),
  discount: optional(moneyShape),
}) as unknown as Check<CartPreview>;

export const couponShape = obj({
  code: str,
  kind: oneOf('fixed', 'percent', 'free_shipping'),
  discount: moneyShape,
  shippingDiscount: optional(moneyShape),
  lines: array(obj({ id: str, discount: int })),
  appliesTo: str,
}) as unknown as Check<CouponValidation>;

export const redemptionShape = obj({
  id: str,
  rewardId: str,
  points: int,
  coupon: obj({ code: str, discount: moneyShape, expiresAt: date, freeShipping: optional(bool) }),
  balance: optional(pointsSummaryShape),
}) as unknown as Check<Redemption>;

const redemptionItemShape = obj({
  id: str,
  rewardId: str,
  points: int,
  coupon: obj({ code: str, discount: moneyShape, expiresAt: date, freeShipping: optional(bool) }),
  status: oneOf('issued', 'used', 'cancelled'),
  createdAt: date,
  idempotencyKey: optional(str),
}) as unknown as Check<RedemptionItem>;

export const redemptionListShape = obj({ items: array(redemptionItemShape) });

/** Only what the download needs to be trusted as an export; the rest is passed on as it came. */
export const exportShape = obj({ exportedAt: date, member: memberShape, activity: array(obj({ id: str, at: date })) }) as unknown as Check<MemberExport>;

export const deletionShape = obj({ status: oneOf('received'), requestedAt: date }) as unknown as Check<DeletionRequest>;

export const cancelledShape = obj({ id: str, status: oneOf('cancelled'), points: int, balance: optional(pointsSummaryShape) }) as unknown as Check<CancelledRedemption>;

export const referralShape = obj({
  code: str,
  link: str,
  stats: obj({ invited: int, joined: int, ordered: int, rewarded: int, pending: int, nextRewardOn: optional(date) }),
}) as unknown as Check<ReferralInfo>;

export const eventResultShape = obj({ pointsAwarded: int, capped: bool }) as unknown as Check<MemberEventResult>;

/** What a clawback pays back only picks its words: a value that is not text is left out (the line then reads as a return's) rather than refusing the page. */
const paysShape: Check<string | undefined> = (v) => (typeof v === 'string' ? v : undefined);

export const activityPageShape = obj({
  items: array(obj({ id: str, kind: str, points: int, at: date, orderId: optional(nullable(str)), pays: paysShape, description: optional(str) })),
  nextCursor: nullable(str),
}) as unknown as Check<ActivityPage>;

export const preferencesShape = obj({ newsletter: bool, statement: bool }) as unknown as Check<Preferences>;

export const unsubscribeShape = obj({ email: str, newsletter: bool }) as unknown as Check<UnsubscribeResult>;

export const membershipShape = obj({
  planId: str,
  status: oneOf('trial', 'active', 'past_due', 'cancelled', 'expired'),
  startedAt: date,
  renewsOn: nullable(date),
  trialEndsOn: nullable(date),
}) as unknown as Check<Membership>;

export const birthdayChangeShape = obj({ birthday: obj({ month: int, day: int }), changed: bool, nextChangeOn: date }) as unknown as Check<BirthdayChange>;
