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
  'signup.title': 'Join {program}',
  'signup.incentive': { one: 'Join today and get {count} point.', other: 'Join today and get {count} points.' },
  'signup.earnRule': { one: 'Members earn {count} point for every {amount} they spend.', other: 'Members earn {count} points for every {amount} they spend.' },
  'signup.referral': 'Your friend gave you {amount} off your first order.',
  'signup.email': 'Email',
  'signup.name': 'Name',
  'signup.optional': '(optional)',
  'signup.birthday': 'Birthday',
  'signup.birthdayHint': 'For a birthday treat. The year is optional.',
  'signup.day': 'Day',
  'signup.month': 'Month',
  'signup.year': 'Year',
  'signup.newsletter': 'Email me the newsletter with offers. You can unsubscribe at any time.',
  'signup.terms': 'Program terms',
  'signup.submit': 'Join now',
  'signup.submitting': 'Joining…',
  'signup.close': 'Close',
  'signup.welcome': 'Welcome to {program}!',
  'signup.welcomeName': 'Welcome to {program}, {name}!',
  'signup.welcomePoints': { one: 'You have just earned {count} point.', other: 'You have just earned {count} points.' },
  'signup.welcomeNoPoints': 'You are now a member and will earn points on every order.',
  'signup.done': 'Start shopping',
  'signup.error.invalid_email': 'Please enter a valid email address, like name@example.com.',
  'signup.error.invalid_birthday': 'That date does not exist. Please check the day and month.',
  'signup.error.name': 'Please keep your name under 80 characters, without < or >.',
  'signup.error.already_member': 'This email is already a member. Sign in to see your points.',
  'signup.error.retry': 'Nothing was lost: your details are still here. Please try again.',
  'join.cta': { one: 'Join and earn {count} point on this order', other: 'Join and earn {count} points on this order' },
  'join.ctaPlain': 'Join and earn points on this order',
  'join.earn': { one: 'You will earn {count} point with this order.', other: 'You will earn {count} points with this order.' },
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
