/**
 * English, the source catalog and the fallback for every missing key. `{name}` is a parameter;
 * an object picks a plural form by the `count` parameter (Intl.PluralRules categories).
 */
const en = {
  'badge.points': { one: '{count} point', other: '{count} points' },
  'badge.label': 'Your loyalty points',
  'badge.pending': { one: '{count} point pending, available on {date}', other: '{count} points pending, available on {date}' },
  'badge.noPending': 'No points pending',
  'badge.expires': { one: '{count} point expires on {date}', other: '{count} points expire on {date}' },
  'badge.noExpiry': 'No points expiring soon',
  'badge.join': 'Join & earn',
  'badge.joinHint': 'Join the rewards program to earn points on every order',
  'badge.loading': 'Loading your points…',
  'badge.stale': 'Showing your last known balance; it will update when the connection is back.',
  'badge.announce': { one: 'Your balance is now {count} point', other: 'Your balance is now {count} points' },
  'error.network': 'Rewards are unavailable right now (no connection).',
  'error.timeout': 'Rewards are taking too long to answer. Please try again later.',
  'error.server': 'Rewards are unavailable right now. Please try again later.',
  'error.unavailable': 'Rewards are unavailable right now. Please try again later.',
  'error.rate_limited': 'Too many requests. Please wait a moment and try again.',
  'error.invalid_response': 'Rewards are unavailable right now (unexpected answer).',
  'error.config': 'Rewards are not set up on this page yet.',
  'error.unknown': 'Something went wrong with rewards. Please try again later.',
} as const;

export type MessageKey = keyof typeof en;
export type Message = string | { readonly one?: string; readonly other: string; readonly zero?: string; readonly two?: string; readonly few?: string; readonly many?: string };
export type Catalog = { readonly [K in MessageKey]?: Message };

export default en as Catalog & Record<MessageKey, Message>;
