/** The npm entry: components (registered on import), the JS API, the backend seam and types. */
export { FidelioPointsBadge } from './components/points-badge/points-badge.js';
export { FidelioElement } from './components/base/fidelio-element.js';
export { createApi, type FidelioApi } from './api.js';
export { identify, signOut, getToken, $session, type TokenProvider, type SessionState } from './stores/session.js';
export { configure, $config } from './stores/config.js';
export { $member, refreshMember, type MemberState } from './stores/member.js';
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
