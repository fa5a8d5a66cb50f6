import { numberFormat } from './intl.js';

/** Money is an integer number of minor units (cents) and an ISO 4217 code; never a float. */
export interface Money {
  amount: number;
  currency: string;
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money amount must be an integer of minor units, got ${amount}`);
  return { amount, currency };
}

const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has (USD 2, JPY 0, KWD 3), as Intl knows it. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Formats for display only: the division happens here and nowhere in the arithmetic. */
export function formatMoney(value: Money, locale: string): string {
  const digits = minorDigits(value.currency);
  try {
    return numberFormat(locale, { style: 'currency', currency: value.currency }).format(value.amount / 10 ** digits);
  } catch {
    return `${(value.amount / 10 ** digits).toFixed(digits)} ${value.currency}`;
  }
}

/**
 * Splits `total` over `weights` in proportion, with the largest-remainder method: every share is
 * floored, then the units left over go one each to the largest remainders (ties: earlier first).
 * The shares are integers ≥ 0 that sum exactly to `total`; a zero weight gets nothing.
 */
export function splitProportionally(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const T = BigInt(total);
  const S = BigInt(sum);
  const shares = weights.map((w) => {
    const exact = T * BigInt(w);
    return { floor: exact / S, remainder: exact % S };
  });
  let left = total - shares.reduce((s, x) => s + Number(x.floor), 0);
  const order = shares
    .map((s, index) => ({ index, remainder: s.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const out = shares.map((s) => Number(s.floor));
  for (const { index } of order) {
    if (left === 0) break;
    out[index]! += 1;
    left -= 1;
  }
  return out;
}

/**
 * `share` (a fraction such as 0.57) of `amount` minor units, rounded down, in whole-number
 * arithmetic: 10000 × 0.57 is 5699.999… in floating point, which floored to a step less.
 */
export function shareOf(amount: number, share: number): number {
  return Math.floor((amount * Math.round(share * 10_000)) / 10_000);
}

/** The smallest amount whose `share` reaches `part`: what a cart must hold for `part` to stay within it. */
export function wholeFor(part: number, share: number): number {
  const basisPoints = Math.round(share * 10_000);
  return basisPoints > 0 ? Math.ceil((part * 10_000) / basisPoints) : Infinity;
}
