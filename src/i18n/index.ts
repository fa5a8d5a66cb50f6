import { computed } from 'nanostores';
import { dateText, formatInteger, pluralRules, storeZone } from '../core/intl.js';
import { formatMoney, type Money } from '../core/money.js';
import type { Locale } from '../core/locale.js';
import en, { type Catalog, type CompactCatalog, type Message, type MessageKey } from './locales/en.js';

export type { MessageKey } from './locales/en.js';

export { LOCALES, matchLocale, type Locale } from '../core/locale.js';

export { $locale, $catalog, $merchantTexts, setLocale } from './locale-store.js';
import { $catalog, $locale, $merchantTexts } from './locale-store.js';
import { closeChineseGaps, merchantText, wordsFor } from './merchant-text.js';

export { merchantText } from './merchant-text.js';

export type Params = Record<string, string | number | Date | Money | null | undefined>;

function isMoney(value: unknown): value is Money {
  return typeof value === 'object' && value !== null && 'amount' in value && 'currency' in value;
}

function formatParam(value: Params[string], locale: Locale): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatInteger(value, locale);
  if (value instanceof Date) return dateText(locale, { day: 'numeric', month: 'short', timeZone: storeZone() }, value);
  if (isMoney(value)) return formatMoney(value, locale);
  return String(value);
}

function pick(message: Message, locale: Locale, count: unknown): string {
  if (typeof message === 'string') return message;
  if (typeof count !== 'number') return message.other;
  if (count === 0 && message.zero) return message.zero;
  const category = pluralRules(locale).select(count) as keyof typeof message;
  return message[category] ?? message.other;
}

let positions: Map<string, number> | undefined;

/** A key's message in a catalog: keyed in the sources, an array in English key order once built. */
function lookup(catalog: Catalog | CompactCatalog | null, key: MessageKey): Message | undefined {
  if (!Array.isArray(catalog)) return (catalog as Catalog | null)?.[key];
  positions ??= new Map(Object.keys(en).map((name, index) => [name, index]));
  const message = (catalog as CompactCatalog)[positions.get(key) ?? -1];
  return message === 0 ? undefined : message;
}

/**
 * Whether `key` names a message. A key built from what a server sent (an error's code, an activity's
 * kind or source) may name none: a newer server's word this version has no text for.
 */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** A failure's own sentence ("Rewards are unavailable right now…"), or the general one for a code without words. */
export function errorSentence(t: (key: MessageKey, params?: Params) => string, error: { code: string; params: object }): string {
  const key = `error.${error.code}`;
  return isMessageKey(key) ? t(key, error.params as Params) : t('error.unknown');
}

/** Translates with the given catalog; missing keys use English. Parameters are formatted by Intl. */
export function translate(catalog: Catalog | CompactCatalog | null, locale: Locale, key: MessageKey, params: Params = {}): string {
  const own = lookup(catalog, key);
  const message = own ?? en[key];
  if (message === undefined) return key;
  const text = pick(message, own ? locale : 'en', params.count);
  // A value ending in an abbreviation's dot ("31 dec.") before the sentence's own dot keeps one dot.
  const filled = text.replace(/\{(\w+)\}(\.?)/g, (whole, name: string, dot: string) => {
    if (!(name in params)) return whole;
    const value = formatParam(params[name], locale);
    return value + (dot && value.endsWith('.') ? '' : dot);
  });
  return own && locale === 'zh-CN' ? closeChineseGaps(filled) : filled;
}

/**
 * A name the merchant wrote (a reward, tier, card, plan, promotion, the program's own) in the
 * shopper's language when the program gives a translation for it; as written otherwise.
 */
export function ownText(text: string): string;
export function ownText(text: string | null | undefined): string | null | undefined;
export function ownText(text: string | null | undefined): string | null | undefined {
  return merchantText($merchantTexts.get(), $locale.get(), text);
}

/**
 * The current translator; components re-render when it changes: with the language, and when the
 * program's translations of the merchant's names for this language arrive (read through `ownText`;
 * a page whose language has none does not re-render when the program arrives).
 */
export const $t = computed([$catalog, $locale, computed([$merchantTexts, $locale], wordsFor)], (catalog, locale) => (key: MessageKey, params?: Params) => translate(catalog, locale, key, params));
