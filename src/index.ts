/** The npm entry: components (registered on import), the JS API, the backend seam and types. */
export { FidelioPointsBadge } from './components/points-badge/points-badge.js';
export { FidelioSignupPopup } from './components/signup-popup/signup-popup.js';
export { FidelioJoinLink } from './components/join-link/join-link.js';
export { FidelioCouponField } from './components/coupon-field/coupon-field.js';
export { FidelioReferralShare } from './components/referral-share/referral-share.js';
export { FidelioReferralGreeting } from './components/referral-greeting/referral-greeting.js';
export { $referral, loadReferral, recordShare, shareLink, type ReferralState } from './stores/referral.js';
export { FidelioPointsRedeem } from './components/points-redeem/points-redeem.js';
export { FidelioEarnPreview } from './components/earn-preview/earn-preview.js';
export { FidelioMemberPanel } from './components/member-panel/member-panel.js';
export { FidelioLauncher } from './components/launcher/launcher.js';
export { FidelioUnsubscribeNotice, showUnsubscribeNotice } from './components/unsubscribe-notice/unsubscribe-notice.js';
export { $panel, loadPanel, loadSection, loadMoreHistory, type PanelState, type Section, type History } from './stores/panel.js';
export { rulesText } from './components/member-panel/rules-text.js';
export { $redeem, redeemReward, confirmRedeem, cancelRedeem, type RedeemState } from './stores/redeem.js';
export { $coupon, type CouponState } from './stores/coupon.js';
export { $cart, $cartPreview, setCart, type PreviewState } from './stores/cart.js';
export { FidelioElement } from './components/base/fidelio-element.js';
export { createApi, type FidelioApi } from './api.js';
export { identify, signOut, getToken, $session, type TokenProvider, type SessionState } from './stores/session.js';
export { $config } from './stores/config.js';
import { applyLocale, configure as configureStores } from './stores/config.js';
import type { FidelioConfig as Config } from './core/config.js';

/**
 * Configures Fidelio, as `Fidelio.init` does for the drop-in: the backend, the program, and the
 * widgets' language (the `locale` given, else the page's `<html lang>`, followed as it changes).
 */
export function configure(config: Config): void {
  configureStores(config);
  applyLocale();
}
export { $member, refreshMember, type MemberState } from './stores/member.js';
export { $program, type ProgramState } from './stores/program.js';
export { $signup, submitSignup, captureReferral, storedReferral, type SignupState, type SignupForm } from './stores/signup.js';
export { setLocale, $locale, LOCALES, type Locale } from './i18n/index.js';
export { RestBackend, type RetryPolicy } from './backend/rest.js';
export type { LoyaltyBackend, BackendContext } from './backend/types.js';
export { FidelioError, type FidelioErrorCode } from './core/errors.js';
export type { FidelioConfig } from './core/config.js';
export type { Money } from './core/money.js';
export type { Clock } from './core/clock.js';
export { ManualClock, systemClock } from './core/clock.js';
export type * from './contract/types.js';
export type * from './core/events.js';
export { VERSION } from './version.js';
