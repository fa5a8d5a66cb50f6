/** The DOM events Fidelio elements dispatch (all bubble and cross shadow roots). */
export interface FidelioBalanceChangeDetail {
  available: number;
  pending: number;
}

export interface FidelioJoinDetail {
  /** Which widget asked: the signup popup opens for any of them. */
  source: 'badge' | 'api' | 'link' | 'checkout' | (string & {});
}

export interface FidelioEnrolledDetail {
  memberId: string;
  email: string;
  pointsAwarded: number;
  /** The new member's short-lived customer token (the merchant's site may link its own session). */
  token: string;
}

declare global {
  interface HTMLElementEventMap {
    'fidelio-enrolled': CustomEvent<FidelioEnrolledDetail>;
    'fidelio-signup-open': CustomEvent<{ trigger: string }>;
    'fidelio-signup-close': CustomEvent<{ joined: boolean }>;
    'fidelio-balance-change': CustomEvent<FidelioBalanceChangeDetail>;
    'fidelio-join': CustomEvent<FidelioJoinDetail>;
    'fidelio-badge-click': CustomEvent<{ available: number }>;
  }
}
