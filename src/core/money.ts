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
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
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
    return new Intl.NumberFormat(locale, { style: 'currency', currency: value.currency }).format(value.amount / 10 ** digits);
  } catch {
    return `${(value.amount / 10 ** digits).toFixed(digits)} ${value.currency}`;
  }
}
