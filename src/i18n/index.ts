import { atom, computed } from 'nanostores';
import { formatMoney, type Money } from '../core/money.js';
import { warnOnce } from '../core/log.js';
import { LOCALES, matchLocale, type Locale } from '../core/locale.js';
import en, { type Catalog, type Message, type MessageKey } from './locales/en.js';

export type { MessageKey } from './locales/en.js';

export { LOCALES, matchLocale, type Locale } from '../core/locale.js';

// Each non-English catalog is its own lazy chunk: a shopper downloads only their language.
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Catalog }>> = {
  es: () => import('./locales/es.js'),
  ro: () => import('./locales/ro.js'),
  'zh-CN': () => import('./locales/zh-CN.js'),
};

export const $locale = atom<Locale>('en');
const $catalog = atom<Catalog>(en);

let requested = 0;

/**
 * Switches the language of every widget. Unknown tags fall back to English with one warning; a
 * catalog that fails to load (offline) keeps English rather than showing keys.
 */
export async function setLocale(tag: string | null | undefined): Promise<Locale> {
  const locale = matchLocale(tag);
  if (tag && !locale) warnOnce(`locale-${tag}`, `locale "${tag}" is not supported; using English (supported: ${LOCALES.join(', ')}).`);
  const target = locale ?? 'en';
  const ticket = ++requested;
  let catalog: Catalog = en;
  if (target !== 'en') {
    try {
      catalog = (await loaders[target]()).default;
    } catch {
      warnOnce(`locale-load-${target}`, `could not load the "${target}" translations; using English.`);
    }
  }
  if (ticket === requested) {
    $catalog.set(catalog);
    $locale.set(target);
  }
  return target;
}

export type Params = Record<string, string | number | Date | Money | null | undefined>;

function isMoney(value: unknown): value is Money {
  return typeof value === 'object' && value !== null && 'amount' in value && 'currency' in value;
}

function formatParam(value: Params[string], locale: Locale): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  if (value instanceof Date) return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(value);
  if (isMoney(value)) return formatMoney(value, locale);
  return String(value);
}

function pick(message: Message, locale: Locale, count: unknown): string {
  if (typeof message === 'string') return message;
  if (typeof count !== 'number') return message.other;
  if (count === 0 && message.zero) return message.zero;
  const category = new Intl.PluralRules(locale).select(count) as keyof typeof message;
  return message[category] ?? message.other;
}

/** Translates with the given catalog; missing keys use English. Parameters are formatted by Intl. */
export function translate(catalog: Catalog, locale: Locale, key: MessageKey, params: Params = {}): string {
  const message = catalog[key] ?? en[key];
  if (message === undefined) return key;
  const text = pick(message, catalog[key] ? locale : 'en', params.count);
  // A value ending in an abbreviation's dot ("31 dec.") before the sentence's own dot keeps one dot.
  return text.replace(/\{(\w+)\}(\.?)/g, (whole, name: string, dot: string) => {
    if (!(name in params)) return whole;
    const value = formatParam(params[name], locale);
    return value + (dot && value.endsWith('.') ? '' : dot);
  });
}

/** The current translator; components re-render when it changes. */
export const $t = computed([$catalog, $locale], (catalog, locale) => (key: MessageKey, params?: Params) => translate(catalog, locale, key, params));
