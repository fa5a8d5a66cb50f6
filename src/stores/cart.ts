import { atom, onMount } from 'nanostores';
import { toFidelioError, type FidelioError } from '../core/errors.js';
import { warnOnce } from '../core/log.js';
import { array, int, obj, optional, str, ShapeError } from '../core/validate.js';
import type { Cart, CartPreview } from '../contract/types.js';
import { $backend } from './runtime.js';
import { $session } from './session.js';

/** The host's cart, as it told us (`Fidelio.setCart(cart)` or a widget's `cart` property). */
export const $cart = atom<Cart | null>(null);

/** The coupon code in force at checkout (kept by the coupon store), sent with the preview. */
export const $appliedCode = atom<string | null>(null);

export type PreviewState = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; preview: CartPreview } | { status: 'error'; error: FidelioError };

/** What the current cart earns, re-asked whenever the cart or the shopper changes. */
export const $cartPreview = atom<PreviewState>({ status: 'idle' });

const atLeast = (min: number) => (v: unknown, p: string) => {
  const n = int(v, p);
  if (n < min) throw new ShapeError(`${p}: expected an integer ≥ ${min}, not ${n}`);
  return n;
};
const nonNegative = atLeast(0);
const cartShape = obj({
  // (the value is in the message: "usd" after a missing currency is another mistake, warned about too)
  currency: (v, p) => (typeof v === 'string' && /^[A-Z]{3}$/.test(v) ? v : (() => { throw new ShapeError(`${p}: expected a currency code such as USD, not ${JSON.stringify(v)}`); })()),
  lines: array(obj({ id: str, name: str, unitPrice: nonNegative, quantity: atLeast(1), brand: optional(str), category: optional(str) })),
  subtotal: nonNegative,
  shipping: optional(nonNegative),
});

/**
 * Takes the host's cart. A malformed cart is refused with one warning naming the field, and the
 * previous cart stays: prices are the host's, Fidelio never guesses them.
 */
export function setCart(cart: unknown): boolean {
  if (cart === null) {
    $cart.set(null);
    return true;
  }
  try {
    const next = cartShape(cart, 'cart') as Cart;
    // Themes hand the cart over again after every render: the same cart asks the backend nothing.
    const current = $cart.get();
    if (!current || JSON.stringify(current) !== JSON.stringify(next)) $cart.set(next);
    // ...unless its preview failed: the same cart handed over again is then a chance to try again.
    else if ($cartPreview.get().status === 'error') void refreshPreview();
    return true;
  } catch (error) {
    warnOnce(`cart-${(error as Error).message}`, `Fidelio.setCart() ignored a malformed cart: ${(error as Error).message} (amounts are integer minor units).`);
    return false;
  }
}

let ticket = 0;

export async function refreshPreview(): Promise<void> {
  const mine = ++ticket;
  const cart = $cart.get();
  const backend = $backend.get();
  if (!cart || !backend) {
    $cartPreview.set({ status: 'idle' });
    return;
  }
  $cartPreview.set({ status: 'loading' });
  try {
    const code = $appliedCode.get();
    const preview = await backend.previewCart(code && !cart.couponCode ? { ...cart, couponCode: code } : cart);
    if (mine === ticket) $cartPreview.set({ status: 'ready', preview });
  } catch (caught) {
    const error = toFidelioError(caught);
    // the backend refused the cart itself (another currency than the program's...): the host's to fix
    const errors = error.code === 'validation' && Array.isArray(error.params.errors) ? (error.params.errors as { path?: unknown; message?: unknown }[]) : [];
    if (errors.length) {
      const said = errors.map((e) => `${String(e.path ?? '')} ${String(e.message ?? '')}`.trim()).join('; ');
      warnOnce(`cart-refused:${said}`, `the backend refused the cart from Fidelio.setCart(): ${said}.`);
    }
    if (mine === ticket) $cartPreview.set({ status: 'error', error });
  }
}

onMount($cartPreview, () => {
  // Carts change in bursts (quantity steppers): ask once things settle.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refreshPreview(), 150);
  };
  const offCart = $cart.subscribe(schedule);
  const offSession = $session.listen(schedule);
  const offCode = $appliedCode.listen(schedule);
  return () => {
    clearTimeout(timer);
    ticket++;
    offCart();
    offSession();
    offCode();
  };
});
