import { atom, onMount, onSet } from 'nanostores';
import { FidelioError, toFidelioError } from '../core/errors.js';
import type { CouponValidation } from '../contract/types.js';
import type { FidelioCouponApplyDetail } from '../core/events.js';
import { normalizeCode } from '../core/coupon-code.js';
import { $appliedCode, $cart } from './cart.js';
import { $backend, subjectOf, warnConfig } from './runtime.js';
import { $session } from './session.js';

/**
 * `quiet`: a code the points widget bought and puts on the order, whose one sentence tells the
 * shopper the outcome of their press (applied, or refused and off the order), and later that a cart
 * change took it off: the other widgets show this state without announcing it.
 */
export type CouponState =
  | { status: 'idle' }
  | { status: 'checking'; code: string; quiet?: true }
  | { status: 'applied'; validation: CouponValidation; quiet?: true }
  | { status: 'rejected'; code: string; error: FidelioError; quiet?: true }
  /** It was applied, then the cart changed so that it no longer holds. */
  /**
   * `because`: a member's own code that came off for a plain reason, not a refusal — they signed
   * out, another shopper signed in over them, or they cancelled its reward (its points are back).
   */
  | { status: 'removed'; code: string; error: FidelioError; because?: 'signed-out' | 'switched' | 'cancelled'; quiet?: true };

export const $coupon = atom<CouponState>({ status: 'idle' });

/** The state when the order refused the code (now, or after a cart change); not one that came off for a plain reason. */
export const refusedCoupon = (state: CouponState) => (state.status === 'rejected' || (state.status === 'removed' && !state.because) ? state : null);

// The earn preview counts the applied code's discount (points are earned on what the shopper pays).
onSet($coupon, ({ newValue }) => $appliedCode.set(newValue.status === 'applied' ? newValue.validation.code : null));

/** The contract's longest code. */
export const MAX_CODE_LENGTH = 64;


/** One request per attempt: while one is out, further Apply presses and Enter keys do nothing. */
export async function checkCoupon(input: string, quiet?: true): Promise<CouponValidation | null> {
  const code = normalizeCode(input);
  const state = $coupon.get();
  // A second press for the code already in force (or still being checked) changes nothing.
  if (state.status === 'checking' || (state.status === 'applied' && state.validation.code === code)) return null;
  const backend = $backend.get();
  const cart = $cart.get();
  if (!code) {
    $coupon.set({ status: 'rejected', code, error: new FidelioError('coupon_empty', 'no code') });
    return null;
  }
  if (code.length > MAX_CODE_LENGTH) {
    // No code is that long (the contract caps codes at 64): say so without spending a try on it.
    $coupon.set({ status: 'rejected', code: code.slice(0, MAX_CODE_LENGTH), error: new FidelioError('coupon_too_long', 'code too long', { max: MAX_CODE_LENGTH }) });
    return null;
  }
  if (!backend || !cart) {
    if (!backend) warnConfig();
    $coupon.set({ status: 'rejected', code, error: new FidelioError(backend ? 'coupon_no_cart' : 'config', 'no cart') });
    return null;
  }
  $coupon.set({ status: 'checking', code, ...(quiet && { quiet }) });
  try {
    return await backend.validateCoupon(code, cart);
  } catch (caught) {
    $coupon.set({ status: 'rejected', code, error: toFidelioError(caught), ...(quiet && { quiet }) });
    return null;
  }
}

/** What a `fidelio-coupon-apply` tells the host: the coupon field's and the points widget's alike. */
export const applyDetail = ({ code, discount, lines, shippingDiscount }: CouponValidation): FidelioCouponApplyDetail => ({
  code,
  discount,
  lines,
  ...(shippingDiscount ? { shippingDiscount } : {}),
});

/** Whether two validations of a code tell the host the same (amount, lines, shipping). */
export const sameApply = (a: CouponValidation, b: CouponValidation): boolean => JSON.stringify(applyDetail(a)) === JSON.stringify(applyDetail(b));

export function acceptCoupon(validation: CouponValidation, quiet?: true): void {
  $coupon.set({ status: 'applied', validation, ...(quiet && { quiet }) });
}

export function clearCoupon(): void {
  $coupon.set({ status: 'idle' });
}

/** A reward whose code is on the order was cancelled (its points are back): the code comes off. True when it was on. */
export function takeOffCancelled(code: string): boolean {
  if ($appliedCode.get() !== code) return false;
  $coupon.set({ status: 'removed', code, error: new FidelioError('coupon_not_found', 'the reward was cancelled'), because: 'cancelled' });
  return true;
}

/**
 * An applied coupon checked again, and removed (with the reason) if it no longer holds. `shopper`:
 * why it is checked, when the shopper changed (a member's own code then stops holding).
 */
async function recheck(shopper?: 'signed-out' | 'switched'): Promise<void> {
  const state = $coupon.get();
  const backend = $backend.get();
  const cart = $cart.get();
  if (state.status !== 'applied' || !backend) return;
  const { code } = state.validation;
  // the cart emptied (`setCart(null)`): nothing left for the code to take off
  if (!cart) return $coupon.set({ status: 'removed', code, error: new FidelioError('coupon_cart_empty', 'the cart is empty') });
  // A code the points widget bought stays its to speak of: its removal is said there, with the
  // reason; a new amount for it, a change the shopper did not see coming, the coupon field says.
  const quiet = 'quiet' in state ? state.quiet : undefined;
  try {
    const validation = await backend.validateCoupon(code, cart);
    if ($coupon.get() === state) $coupon.set({ status: 'applied', validation, ...(quiet && sameApply(validation, state.validation) && { quiet }) });
  } catch (caught) {
    const error = toFidelioError(caught);
    // A network failure is not a reason to take the discount away.
    if ($coupon.get() === state && error.code.startsWith('coupon_')) {
      $coupon.set({ status: 'removed', code, error, ...(shopper && error.code === 'coupon_members_only' ? { because: shopper } : {}), ...(quiet && { quiet }) });
    }
  }
}

/** The shopper changed from `before` to `now` (subjects; null when signed out). */
function shopperChanged(before: string | null, now: string | null): void {
  // signed in again: the line about signing out has had its day
  const state = $coupon.get();
  if (now !== null && state.status === 'removed' && state.because === 'signed-out') clearCoupon();
  void recheck(now === null ? 'signed-out' : before === null ? undefined : 'switched');
}

/** The cart and shopper the applied code was last checked against, while no widget of the checkout was on the page. */
let leftWith: { cart: unknown; who: string | null } | null = null;

onMount($coupon, () => {
  // the cart changed, or the shopper (signed out, another member signed in)
  let who = subjectOf();
  // Changed while no coupon widget was on the page (a single-page app's other routes): checked now,
  // before the checkout shows the code, so a discount that no longer holds does not stay applied.
  if (leftWith && leftWith.who !== who) shopperChanged(leftWith.who, who);
  else if (leftWith && leftWith.cart !== $cart.get()) void recheck();
  leftWith = null;
  const stopCart = $cart.listen(() => void recheck());
  const stopSession = $session.listen(() => {
    const before = who;
    if (before !== (who = subjectOf())) shopperChanged(before, who);
  });
  return () => {
    stopCart();
    stopSession();
    leftWith = { cart: $cart.get(), who };
  };
});
