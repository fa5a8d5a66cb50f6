/** The DOM events Fidelio elements dispatch (all bubble and cross shadow roots). */
export interface FidelioBalanceChangeDetail {
  available: number;
  pending: number;
  /** Set when the balance shown is this device's snapshot, painted before the badge's code ran. */
  cached?: boolean;
}

export interface FidelioJoinDetail {
  /** Which widget asked: the signup popup opens for any of them. */
  source: 'badge' | 'api' | 'link' | 'checkout' | (string & {});
}

export interface FidelioSignInDetail {
  /** The sign-in page the link leads to (`signInUrl`); call preventDefault() to sign in without leaving the page. */
  url: string;
}

export interface FidelioEnrolledDetail {
  memberId: string;
  email: string;
  pointsAwarded: number;
  /** The new member's short-lived customer token (the merchant's site may link its own session). */
  token: string;
}

export interface FidelioCouponApplyDetail {
  code: string;
  /** Total discount in the cart's currency (integer minor units). */
  discount: { amount: number; currency: string };
  /** The discount per cart line (minor units); lines the coupon does not cover are absent. */
  lines: { id: string; discount: number }[];
  /** A free-shipping coupon (`discount` is zero): what to take off the order's shipping, its whole charge. */
  shippingDiscount?: { amount: number; currency: string };
}

export interface FidelioCouponRemoveDetail {
  code: string;
  /** `shopper` when removed by hand, else the machine reason the coupon stopped holding. */
  reason: string;
}

export interface FidelioRedeemDetail {
  rewardId: string;
  /** Points spent. */
  points: number;
  /** The single-use coupon the points bought; a `fidelio-coupon-apply` for it follows. */
  code: string;
  discount: { amount: number; currency: string };
  /** The coupon waives shipping (`discount` is zero); the `fidelio-coupon-apply` that follows says how much. */
  freeShipping?: boolean;
  redemptionId: string;
}

export interface FidelioReferralShareDetail {
  /** How: `copy`, `native` (the device's share sheet), `email`, `whatsapp`, `x`, `facebook`, `wechat`. */
  channel: string;
  link: string;
}

declare global {
  interface HTMLElementEventMap {
    'fidelio-referral-share': CustomEvent<FidelioReferralShareDetail>;
    'fidelio-coupon-apply': CustomEvent<FidelioCouponApplyDetail>;
    'fidelio-coupon-remove': CustomEvent<FidelioCouponRemoveDetail>;
    'fidelio-enrolled': CustomEvent<FidelioEnrolledDetail>;
    'fidelio-signup-open': CustomEvent<{ trigger: string }>;
    'fidelio-signup-close': CustomEvent<{ joined: boolean }>;
    'fidelio-balance-change': CustomEvent<FidelioBalanceChangeDetail>;
    'fidelio-join': CustomEvent<FidelioJoinDetail>;
    'fidelio-sign-in': CustomEvent<FidelioSignInDetail>;
    'fidelio-badge-click': CustomEvent<{ available: number }>;
    'fidelio-redeem': CustomEvent<FidelioRedeemDetail>;
    'fidelio-redeem-cancel': CustomEvent<{ redemptionId: string; points: number; code: string }>;
  }
}
