import { listFormat } from '../../core/intl.js';
import type { FidelioError } from '../../core/errors.js';
import { errorSentence, isMessageKey, type MessageKey, type Params } from '../../i18n/index.js';
import type { Cart } from '../../contract/types.js';
import { dateParam, minSpendText } from './refusal-params.js';

/**
 * Why the order refused a coupon code, in the shopper's words, with the refusal's params (dates,
 * amounts, items) when the server sent them: the coupon field's line, and the reason the points
 * widget says when the code the points bought is refused.
 */
export function refusalText(t: (key: MessageKey, params?: Params) => string, locale: string, cart: Cart | null, code: string, error: FidelioError): string {
  const params = error.params as Record<string, unknown>;
  switch (error.code) {
    // (a server may leave a refusal's params out: the sentence then does without them)
    case 'coupon_expired': {
      const date = dateParam(params.expiredOn);
      return date ? t('coupon.error.coupon_expired', { date }) : t('coupon.expiredNoDate');
    }
    case 'coupon_not_active': {
      const date = dateParam(params.startsOn);
      return date ? t('coupon.error.coupon_not_active', { date }) : t('coupon.notActiveNoDate');
    }
    case 'coupon_min_spend':
      return minSpendText(t, params);
    case 'coupon_excluded_items': {
      const lines = cart?.lines ?? [];
      const excluded = Array.isArray(params.excluded) ? (params.excluded as { id: string; reason: string; value: string }[]) : [];
      if (!excluded.length) return t('coupon.excludedPlain');
      const items = excluded.map((x) => {
        const item = lines.find((l) => l.id === x.id)?.name ?? x.id;
        const key = x.reason === 'brand' ? 'coupon.excludedBrand' : x.reason === 'category' ? 'coupon.excludedCategory' : 'coupon.excludedProduct';
        return t(key, { item, value: x.value });
      });
      return t('coupon.error.coupon_excluded_items', { items: listFormat(locale, { type: 'conjunction' }).format(items) });
    }
    case 'coupon_usage_limit':
      return t(params.scope === 'customer' ? 'coupon.error.coupon_usage_limit_customer' : 'coupon.error.coupon_usage_limit');
    case 'coupon_already_applied':
      return params.other ? t('coupon.error.coupon_other_applied', { other: String(params.other) }) : t('coupon.error.coupon_already_applied');
    case 'coupon_not_found':
      // a code of the program's currency on a cart in another: it exists, the currency is the problem
      return params.reason === 'currency' && cart ? t('coupon.error.coupon_currency', { code, currency: cart.currency }) : t('coupon.error.coupon_not_found', { code });
    case 'too_many_attempts':
    case 'rate_limited':
      return t('coupon.error.too_many_attempts', { count: Number(params.retryAfter ?? error.retryAfter ?? 60) });
    default: {
      // (else the failure's own sentence, as FidelioElement.errorText says it)
      const key = `coupon.error.${error.code}`;
      return isMessageKey(key) ? t(key, { ...(params as Params), code }) : errorSentence(t, error);
    }
  }
}
