import { atom } from 'nanostores';
import { DAY_MS, systemClock } from '../core/clock.js';
import { referralParamOf } from '../core/config.js';
import { FidelioError, toFidelioError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Birthday, Enrollment } from '../contract/types.js';
import { $locale } from '../i18n/locale-store.js';
import { $config } from './config.js';
import { refreshMember } from './member.js';
import { sendOnce } from './outbox.js';
import { $backend, getStorage, warnConfig } from './runtime.js';
import { $session, identify } from './session.js';

export const DEFAULT_CAP_DAYS = 14;
export const DEFAULT_REFERRAL_DAYS = 30;
const DISMISSED_KEY = 'signup:dismissedAt';
const JOINED_KEY = 'signup:joinedAt';
const REFERRAL_KEY = 'referral';
const DEVICE_KEY = 'device';

export interface SignupForm {
  email: string;
  name?: string;
  birthday?: Birthday | null;
  newsletter: boolean;
}

export type SignupState =
  | { status: 'idle' }
  | { status: 'submitting' }
  | { status: 'success'; enrollment: Enrollment }
  | { status: 'error'; error: FidelioError };

export const $signup = atom<SignupState>({ status: 'idle' });

const now = () => ($config.get().clock ?? systemClock).now();

/**
 * The code last remembered or forgotten on this page: widgets that read the stored code when they
 * appeared listen to it, since the drop-in's capture may finish after they did.
 */
export const $referralCode = atom<string | null>(null);

/** A referral code this browser arrived with (`?ref=CODE`), while it is still within its window. */
export async function storedReferral(): Promise<string | null> {
  const saved = (await (await getStorage()).get('kv', REFERRAL_KEY)) as { code: string; expiresAt: number } | undefined;
  return saved && saved.expiresAt > now() ? saved.code : null;
}

/** Codes are short identifiers; anything else (markup, junk) is not a code. */
export const isReferralCode = (code: unknown): code is string => typeof code === 'string' && /^[A-Za-z0-9_-]{3,32}$/.test(code);

/**
 * Remembers a referral code for `days` (the configured `referralDays`, else 30) by the injectable
 * clock; a newer valid code replaces an older one, anything that is not a code is ignored quietly.
 */
export async function rememberReferral(code: string, days = $config.get().referralDays): Promise<void> {
  if (!isReferralCode(code)) return;
  const keep = days !== undefined && Number.isFinite(days) && days > 0 ? days : DEFAULT_REFERRAL_DAYS;
  await (await getStorage()).put('kv', REFERRAL_KEY, { code: code.toUpperCase(), expiresAt: now() + keep * DAY_MS });
  $referralCode.set(code.toUpperCase());
}

/** Reads the referral parameter (configurable name) of a page address and remembers its code. */
export async function captureReferral(search = globalThis.location?.search ?? ''): Promise<string | null> {
  const code = new URLSearchParams(search).get(referralParamOf($config.get()));
  if (!isReferralCode(code)) return null;
  await rememberReferral(code);
  return code.toUpperCase();
}

export async function forgetReferral(): Promise<void> {
  await (await getStorage()).delete('kv', REFERRAL_KEY);
  $referralCode.set(null);
}

/** This browser's id, sent with enrollment so a referrer cannot join again from the same device. */
export async function deviceId(): Promise<string> {
  const storage = await getStorage();
  let id = (await storage.get('kv', DEVICE_KEY)) as string | undefined;
  if (!id) await storage.put('kv', DEVICE_KEY, (id = newId()));
  return id;
}

/**
 * Whether the popup may open by itself: never for a member or someone who just joined, and not
 * again within `capDays` of a dismissal. (Opening on request is always allowed.)
 */
export async function mayAutoOpen(capDays = DEFAULT_CAP_DAYS): Promise<boolean> {
  if ($session.get().status === 'identified') return false;
  const storage = await getStorage();
  if (await storage.get('kv', JOINED_KEY)) return false;
  const dismissed = (await storage.get('kv', DISMISSED_KEY)) as number | undefined;
  return dismissed === undefined || now() - dismissed >= capDays * DAY_MS;
}

export async function recordDismissal(): Promise<void> {
  await (await getStorage()).put('kv', DISMISSED_KEY, now());
}

/**
 * Joins the program with one request (its idempotency key stored first, so a double click or a
 * retry after a network error creates one member), then signs the shopper in for this browser.
 */
export async function submitSignup(form: SignupForm): Promise<Enrollment | null> {
  if ($signup.get().status === 'submitting') return null;
  const backend = $backend.get();
  if (!backend) {
    warnConfig();
    $signup.set({ status: 'error', error: new FidelioError('config', 'not configured') });
    return null;
  }
  $signup.set({ status: 'submitting' });
  try {
    const referralCode = await storedReferral();
    const body = {
      email: form.email.trim(),
      newsletter: form.newsletter === true,
      ...(form.name?.trim() ? { name: form.name.trim() } : {}),
      ...(form.birthday ? { birthday: form.birthday } : {}),
      ...(referralCode ? { referralCode } : {}),
      deviceId: await deviceId(),
      // (the member's emails are written in the language they joined in)
      locale: $locale.get(),
    };
    const enrollment = await sendOnce('enroll', body, (key) => backend.enroll(body, key));
    await (await getStorage()).put('kv', JOINED_KEY, now());
    // A refused code (own link, unknown, existing customer, capped) would only be refused again: let it go.
    if (enrollment.referral?.status === 'rejected') await forgetReferral();
    await identify(enrollment.token);
    $signup.set({ status: 'success', enrollment });
    void refreshMember();
    return enrollment;
  } catch (caught) {
    $signup.set({ status: 'error', error: toFidelioError(caught) });
    return null;
  }
}

export function resetSignup(): void {
  if ($signup.get().status !== 'submitting') $signup.set({ status: 'idle' });
}
