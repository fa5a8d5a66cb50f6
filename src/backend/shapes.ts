import { array, date, int, nullable, obj, oneOf, optional, str, moneyShape, type Check } from '../core/validate.js';
import type { CartPreview, CouponValidation, Enrollment, Member, PointBatch, ProgramSummary } from '../contract/types.js';

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

export const cartPreviewShape = obj({ earn: obj({ points: int, pendingDays: int }), discount: optional(moneyShape) }) as unknown as Check<CartPreview>;

export const couponShape = obj({
  code: str,
  kind: oneOf('fixed', 'percent'),
  discount: moneyShape,
  lines: array(obj({ id: str, discount: int })),
  appliesTo: str,
}) as unknown as Check<CouponValidation>;
