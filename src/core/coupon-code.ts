/** Coupon codes as the checkout field sends them and the engine looks them up: one rule for both. */
/**
 * The canonical form of a typed code: trimmed and upper-cased. Inner whitespace is left as it is,
 * so "SUMMER 10" does not match "SUMMER10" (a code never contains whitespace, see
 * `validateCouponDefinition`).
 */
export function normalizeCode(input: string): string {
  return input.trim().toUpperCase();
}
