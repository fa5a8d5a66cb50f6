import { FidelioReferralGreeting } from './referral-greeting.component.js';

export { FidelioReferralGreeting };
FidelioReferralGreeting.define('fidelio-referral-greeting');

declare global {
  interface HTMLElementTagNameMap {
    'fidelio-referral-greeting': FidelioReferralGreeting;
  }
}
