/** The DOM events Fidelio elements dispatch (all bubble and cross shadow roots). */
export interface FidelioBalanceChangeDetail {
  available: number;
  pending: number;
}

export interface FidelioJoinDetail {
  /** Which widget asked: the signup popup opens for any of them. */
  source: 'badge' | 'api' | 'link' | (string & {});
}

declare global {
  interface HTMLElementEventMap {
    'fidelio-balance-change': CustomEvent<FidelioBalanceChangeDetail>;
    'fidelio-join': CustomEvent<FidelioJoinDetail>;
    'fidelio-badge-click': CustomEvent<{ available: number }>;
  }
}
