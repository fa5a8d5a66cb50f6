import { atom } from 'nanostores';
import { readJwtClaims } from '../core/base64url.js';
import { systemClock } from '../core/clock.js';
import { warnOnce } from '../core/log.js';
import { $config, $resolvedConfig } from './config.js';
import { writeBadgeSnapshot } from '../core/badge-snapshot.js';

/** Returns a fresh customer token from the merchant's server (or null when the shopper is signed out). */
export type TokenProvider = () => string | null | undefined | Promise<string | null | undefined>;

export type SessionState =
  | { status: 'anonymous' }
  | { status: 'identified'; token: string; subject: string; expiresAt: number | null };

export const $session = atom<SessionState>({ status: 'anonymous' });

/** A token is renewed this long before it expires, so a request never leaves with a dying token. */
const REFRESH_MARGIN_MS = 30_000;

let provider: TokenProvider | null = null;
let inflight: Promise<string | null> | null = null;

const now = () => ($config.get().clock ?? systemClock).now();

function accept(token: unknown, from = 'Fidelio.identify()'): string | null {
  if (typeof token !== 'string' || !token.trim()) {
    const got = token === null || token === '' ? String(JSON.stringify(token)) : typeof token;
    warnOnce(`token-shape:${from}:${got}`, `${from} needs a customer token (a JWT string) or a function returning one, not ${got}: signed out.`);
    $session.set({ status: 'anonymous' });
    return null;
  }
  const claims = readJwtClaims(token);
  const exp = typeof claims?.exp === 'number' ? claims.exp * 1000 : null;
  if (exp !== null && exp <= now()) {
    warnOnce('token-expired', 'the customer token given to Fidelio.identify() has already expired; showing the signed-out state.');
    $session.set({ status: 'anonymous' });
    return null;
  }
  const subject = typeof claims?.sub === 'string' ? claims.sub : 'member';
  $session.set({ status: 'identified', token, subject, expiresAt: exp });
  return token;
}

async function askProvider(): Promise<string | null> {
  const current = provider;
  if (!current) return null;
  inflight ??= (async () => {
    try {
      const token = await current();
      return provider === current ? accept(token, 'the token provider given to Fidelio.identify()') : null;
    } catch (error) {
      warnOnce('token-provider', `the token provider passed to Fidelio.identify() failed: ${(error as Error)?.message ?? error}`);
      if (provider === current) $session.set({ status: 'anonymous' });
      return null;
    } finally {
      inflight = null;
    }
  })();
  return inflight;
}

/**
 * Signs the shopper in with a customer token (a JWT signed by the merchant's server), or with a
 * provider the SDK calls again whenever the token is about to expire or is refused.
 */
export async function identify(tokenOrProvider: string | TokenProvider): Promise<void> {
  if (typeof tokenOrProvider === 'function') {
    provider = tokenOrProvider;
    await askProvider();
  } else {
    provider = null;
    accept(tokenOrProvider);
  }
}

/** sessionStorage key of the unused redemption a checkout keeps across reloads (stores/redeem). */
export const KEPT_REDEMPTION = 'fidelio.redemption';

/** Signs the shopper out; the promise settles once the device has forgotten their cached balance. */
export function signOut(): Promise<void> {
  const was = $session.get();
  provider = null;
  // a shared computer: the next shopper must not see this one's balance painted early, nor get
  // the coupon this one's points bought
  writeBadgeSnapshot(null);
  try {
    sessionStorage.removeItem(KEPT_REDEMPTION);
  } catch {
    // no sessionStorage: nothing was kept
  }
  $session.set({ status: 'anonymous' });
  return was.status === 'identified' ? forgetCachedMember(was.subject) : Promise.resolve();
}

/** The key of a shopper's member answer kept on the device (program and subject); null when signed out or not configured. */
export function memberKey(session: { status: string; subject?: string } = $session.get()): string | null {
  const resolved = $resolvedConfig.get();
  return session.status === 'identified' && resolved.ok ? `${resolved.config.program}:${session.subject}` : null;
}

/**
 * Deletes the member answer the device keeps for `subject` (stores/member's snapshot), whether or
 * not a member widget is on this page: the member store forgets it too when it runs, but a page of
 * the store without one would have left it behind.
 */
function forgetCachedMember(subject: string): Promise<void> {
  const key = memberKey({ status: 'identified', subject });
  if (!key) return Promise.resolve();
  return import('./runtime.js')
    .then(async ({ getStorage }) => (await getStorage()).delete('members', key))
    .catch(() => undefined);
}

/**
 * The token to send now; refreshed through the provider when close to expiry or when `refresh` is
 * asked. `refresh` may be the token the server refused: when another call has replaced it meanwhile,
 * that new token is the answer, so parallel calls that met the same expiry renew it only once.
 */
export async function getToken(refresh: boolean | string = false): Promise<string | null> {
  const state = $session.get();
  const fresh = state.status === 'identified' && (state.expiresAt === null || state.expiresAt - now() > REFRESH_MARGIN_MS);
  if (fresh && !refresh) return state.token;
  if (fresh && typeof refresh === 'string' && state.token !== refresh) return state.token;
  if (provider) return askProvider();
  if (state.status === 'identified' && (refresh || (state.expiresAt !== null && state.expiresAt <= now()))) {
    // A plain token that expired or was refused cannot be renewed: the shopper is signed out.
    $session.set({ status: 'anonymous' });
    return null;
  }
  return state.status === 'identified' ? state.token : null;
}
