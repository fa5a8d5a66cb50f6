import { FidelioReferralShare } from './referral-share.component.js';

export { FidelioReferralShare };
FidelioReferralShare.define('fidelio-referral-share');

declare global {
  interface HTMLElementTagNameMap {
    'fidelio-referral-share': FidelioReferralShare;
  }
}
