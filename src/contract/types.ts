/**
 * Friendly names for the Fidelio REST contract.
 *
 * Every type here comes from src/contract/openapi.yaml through the generated
 * ./openapi.gen.ts (run `npm run contract` after editing the YAML). Do not hand-write
 * wire types elsewhere: import them from this module.
 */
import type { components, operations, paths } from './openapi.gen.js';

export type { components, operations, paths };

/** All component schemas of the contract, by name. */
export type Schemas = components['schemas'];

// --- primitives
export type Money = Schemas['Money'];
export type CurrencyCode = Schemas['CurrencyCode'];
export type Birthday = Schemas['Birthday'];
export type ItemSelector = Schemas['ItemSelector'];

// --- errors (RFC 9457)
export type Problem = Schemas['Problem'];
export type ProblemParams = Schemas['ProblemParams'];
export type ExcludedItem = Schemas['ExcludedItem'];
export type ValidationIssue = Schemas['ValidationIssue'];
/** Every machine error code the API can return in `Problem.code`. */
export type ErrorCode = Problem['code'];

// --- program
export type ProgramSummary = Schemas['ProgramSummary'];
export type EarnRule = Schemas['EarnRule'];
export type ExpiryPolicy = Schemas['ExpiryPolicy'];
export type ExpiryMode = ExpiryPolicy['mode'];
export type JoinIncentive = Schemas['JoinIncentive'];
export type ActionRule = Schemas['ActionRule'];
export type Reward = Schemas['Reward'];
export type ReferralTerms = Schemas['ReferralTerms'];
export type Tier = Schemas['Tier'];
export type TierBenefits = Schemas['TierBenefits'];
export type Promotion = Schemas['Promotion'];
export type CashbackRule = Schemas['CashbackRule'];
export type SpendLevel = Schemas['SpendLevel'];
export type PunchCardRule = Schemas['PunchCardRule'];
export type MembershipPlan = Schemas['MembershipPlan'];
export type GiftCardTerms = Schemas['GiftCardTerms'];
export type BuyAheadCard = Schemas['BuyAheadCard'];

// --- members
export type EnrollRequest = Schemas['EnrollRequest'];
export type Enrollment = Schemas['Enrollment'];
export type Member = Schemas['Member'];
export type PointsSummary = Schemas['PointsSummary'];
export type NextPending = NonNullable<PointsSummary['nextPending']>;
export type NextExpiry = NonNullable<PointsSummary['nextExpiry']>;
export type MemberTier = Schemas['MemberTier'];
export type TierProgress = Schemas['TierProgress'];
export type Membership = Schemas['Membership'];
export type PunchCardProgress = Schemas['PunchCardProgress'];
export type MembershipBenefits = Schemas['MembershipBenefits'];
export type MembershipStatus = Membership['status'];
export type BirthdayReward = Schemas['BirthdayReward'];
export type BirthdayChange = Schemas['BirthdayChange'];
export type PointBatch = Schemas['PointBatch'];
export type PointBatchSource = PointBatch['source'];
export type PointBatchStatus = PointBatch['status'];
export type PointBatchList = Schemas['PointBatchList'];
export type ActivityEntry = Schemas['ActivityEntry'];
export type ActivityKind = ActivityEntry['kind'];
export type ActivityPage = Schemas['ActivityPage'];

// --- cart & coupons
export type Cart = Schemas['Cart'];
export type CartLine = Schemas['CartLine'];
export type CartPreview = Schemas['CartPreview'];
export type CouponValidationRequest = Schemas['CouponValidationRequest'];
export type CouponValidation = Schemas['CouponValidation'];
export type CouponLineDiscount = Schemas['CouponLineDiscount'];

// --- rewards
export type RedemptionRequest = Schemas['RedemptionRequest'];
export type Redemption = Schemas['Redemption'];
export type RedemptionCoupon = Schemas['RedemptionCoupon'];
export type CancelledRedemption = Schemas['CancelledRedemption'];
export type RedemptionItem = Schemas['RedemptionItem'];
export type RedemptionStatus = RedemptionItem['status'];
export type RedemptionList = Schemas['RedemptionList'];

// --- my data
export type MemberUpdate = Schemas['MemberUpdate'];
export type MemberExport = Schemas['MemberExport'];
export type ExportedOrder = Schemas['ExportedOrder'];
export type DeletionRequest = Schemas['DeletionRequest'];

// --- referral & actions
export type ReferralInfo = Schemas['ReferralInfo'];
export type ReferralStats = Schemas['ReferralStats'];
export type MemberEventRequest = Schemas['MemberEventRequest'];
export type MemberEventType = MemberEventRequest['type'];
export type MemberEventResult = Schemas['MemberEventResult'];

// --- communication
export type Preferences = Schemas['Preferences'];
export type UnsubscribeRequest = Schemas['UnsubscribeRequest'];
/** What an email's unsubscribe link leaves: the newsletter, or the monthly statement and expiry reminders. */
export type UnsubscribeFrom = NonNullable<UnsubscribeRequest['from']>;
export type UnsubscribeResult = Schemas['UnsubscribeResult'];

// --- membership & gift cards
export type MembershipRequest = Schemas['MembershipRequest'];
export type MembershipChargeRequest = Schemas['MembershipChargeRequest'];
export type GiftCardIssueRequest = Schemas['GiftCardIssueRequest'];
export type GiftCard = Schemas['GiftCard'];
export type GiftCardStatus = GiftCard['status'];
export type GiftCardDebitRequest = Schemas['GiftCardDebitRequest'];
export type GiftCardDebit = Schemas['GiftCardDebit'];
export type StoreCreditDebitRequest = Schemas['StoreCreditDebitRequest'];
export type StoreCreditDebit = Schemas['StoreCreditDebit'];
export type MemberStoreCredit = Schemas['MemberStoreCredit'];
export type PaymentRefundRequest = Schemas['PaymentRefundRequest'];
export type StoreCreditRefund = Schemas['StoreCreditRefund'];
export type GiftCardRefund = Schemas['GiftCardRefund'];
export type CouponFlag = Schemas['CouponFlag'];

// --- merchant
export type OrderRequest = Schemas['OrderRequest'];
export type OrderResult = Schemas['OrderResult'];
export type ReturnLine = Schemas['ReturnLine'];
export type ReturnRequest = Schemas['ReturnRequest'];
export type ReturnResult = Schemas['ReturnResult'];
export type ProgramKpis = Schemas['ProgramKpis'];
export type ChurnKpis = Schemas['ChurnKpis'];
export type KpiCounts = Schemas['KpiCounts'];

// --- demo (reference mock backend only)
export type DemoSessionRequest = Schemas['DemoSessionRequest'];
export type DemoSession = Schemas['DemoSession'];
export type OutboxEmail = Schemas['OutboxEmail'];
export type OutboxPage = Schemas['OutboxPage'];
export type TimeTravelRequest = Schemas['TimeTravelRequest'];
export type TimeTravelResult = Schemas['TimeTravelResult'];

/** The operationIds of the contract. */
export type OperationId = keyof operations;
/** The paths of the contract (templated, e.g. `/v1/programs/{programId}/me`). */
export type ApiPath = keyof paths;

/** Runtime list of every `ErrorCode`; the type check below keeps it exhaustive. */
export const ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'not_found',
  'validation',
  'conflict',
  'rate_limited',
  'server',
  'coupon_not_found',
  'coupon_expired',
  'coupon_not_active',
  'coupon_min_spend',
  'coupon_excluded_items',
  'coupon_usage_limit',
  'coupon_members_only',
  'coupon_already_applied',
  'too_many_attempts',
  'insufficient_points',
  'already_member',
  'self_referral',
  'referral_existing_customer',
  'referral_unknown_code',
  'referral_cap_reached',
  'invalid_email',
  'invalid_birthday',
  'expired',
  'insufficient_balance',
  'insufficient_credit',
] as const satisfies readonly ErrorCode[];

type _MissingErrorCode = Exclude<ErrorCode, (typeof ERROR_CODES)[number]>;
const _errorCodesExhaustive: [_MissingErrorCode] extends [never] ? true : _MissingErrorCode = true;
void _errorCodesExhaustive;
