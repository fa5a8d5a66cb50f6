import type { Money } from '../../contract/types.js';
import type { MessageKey, Params } from '../../i18n/index.js';

/*
 * A refusal's `params` are optional in the contract (a Problem may come without them): the widgets
 * read each one only when it is there and of the documented kind, and say the sentence without it
 * otherwise, never with a blank, "NaN" or an invalid date in it.
 */

/** A date-time param, when the server sent one. */
export const dateParam = (value: unknown): Date | null => {
  const date = typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
};

/** A Money param, when the server sent one. */
export const moneyParam = (value: unknown): Money | null =>
  value && typeof value === 'object' && Number.isSafeInteger((value as Money).amount) && typeof (value as Money).currency === 'string' ? (value as Money) : null;

/** An integer param (points), when the server sent one. */
export const intParam = (value: unknown): number | null => (Number.isSafeInteger(value) ? (value as number) : null);

/** "Spend $5.00 more to use this code (minimum $50.00).", or without the amounts when the server sent none. */
export function minSpendText(t: (key: MessageKey, params?: Params) => string, params: Record<string, unknown>): string {
  const missing = moneyParam(params.missing);
  const minSpend = moneyParam(params.minSpend);
  return missing && minSpend ? t('coupon.error.coupon_min_spend', { missing, minSpend }) : t('coupon.minSpendPlain');
}
