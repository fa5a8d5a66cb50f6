import type { Clock } from '../core/clock.js';
import type {
  ActivityPage,
  DeletionRequest,
  Birthday,
  BirthdayChange,
  CancelledRedemption,
  Cart,
  CartPreview,
  CouponValidation,
  EnrollRequest,
  Enrollment,
  Member,
  MemberExport,
  MemberUpdate,
  MemberEventRequest,
  MemberEventResult,
  Membership,
  MembershipRequest,
  PointBatch,
  Preferences,
  ProgramSummary,
  Redemption,
  RedemptionItem,
  RedemptionRequest,
  ReferralInfo,
  UnsubscribeFrom,
  UnsubscribeResult,
} from '../contract/types.js';

/** What a backend needs from the SDK: which program, and the shopper's token when there is one. */
export interface BackendContext {
  api: string;
  programId: string;
  timeoutMs: number;
  retries: number;
  clock: Clock;
  /**
   * The current customer token, or null when signed out. `refresh: true` asks the merchant's token
   * provider for a new one (after a 401); it resolves null when there is no provider. Passing the
   * refused token instead of `true` skips the provider when that token was already replaced.
   */
  getToken(refresh?: boolean | string): Promise<string | null>;
}

/**
 * The seam between widgets and a server. `RestBackend` speaks the documented REST contract; a merchant
 * may pass any object with these methods to `Fidelio.init({ backend })`. Methods reject with a
 * FidelioError (code `unauthorized`, `network`, ...), never with anything else.
 */
export interface LoyaltyBackend {
  getProgram(): Promise<ProgramSummary>;
  /** The signed-in member with derived balances; rejects `unauthorized` when signed out. */
  getMember(): Promise<Member>;
  getBatches(): Promise<PointBatch[]>;
  /** Joins the program; the key makes a repeated or replayed request create one member. */
  enroll(request: EnrollRequest, idempotencyKey: string): Promise<Enrollment>;
  /** What a cart would earn (for the signed-in member's tier, when there is one). */
  previewCart(cart: Cart): Promise<CartPreview>;
  /** Checks a code against a cart; refusals reject with the coupon_* code and its params. */
  validateCoupon(code: string, cart: Cart): Promise<CouponValidation>;
  /** Spends points on a reward for a single-use coupon; the same key never debits twice. */
  redeem(request: RedemptionRequest, idempotencyKey: string): Promise<Redemption>;
  /** Cancels an unused redemption: the coupon stops working and the points come back. */
  cancelRedemption(redemptionId: string): Promise<CancelledRedemption>;
  /** The member's referral code, link and funnel. */
  getReferral(): Promise<ReferralInfo>;
  /** A non-purchase action (share, review…) that may earn capped points. */
  recordEvent(event: MemberEventRequest, idempotencyKey: string): Promise<MemberEventResult>;
  /** One page of the member's history, newest first. */
  getActivity(cursor?: string | null, limit?: number): Promise<ActivityPage>;
  getPreferences(): Promise<Preferences>;
  updatePreferences(preferences: Preferences): Promise<Preferences>;
  /** An email's unsubscribe link (from the newsletter, or from statements and reminders); needs no sign-in. */
  unsubscribe(token: string, from?: UnsubscribeFrom): Promise<UnsubscribeResult>;
  startMembership(request: MembershipRequest): Promise<Membership>;
  cancelMembership(): Promise<Membership>;
  changeBirthday(birthday: Birthday): Promise<BirthdayChange>;
  /** The member's redemptions (reward coupons) with their status, newest first. */
  listRedemptions(): Promise<RedemptionItem[]>;
  /** Changes the profile (the name); rejects `validation` with `params.field`. */
  updateMe(update: MemberUpdate): Promise<Member>;
  /** Everything the program holds about the member (data portability). */
  exportMyData(): Promise<MemberExport>;
  /** Records a request to delete the account; asking again answers with the first request. */
  requestDeletion(): Promise<DeletionRequest>;
}
