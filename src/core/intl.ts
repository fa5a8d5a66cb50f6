/**
 * Intl formatters are slow to build and cheap to reuse: every widget render formats numbers, dates
 * and plurals, so each (kind, locale, options) is built once per page.
 */
const cache = new Map<string, unknown>();

function cached<T>(kind: string, locale: string, options: object | undefined, make: () => T): T {
  const key = `${kind}|${locale}|${options ? JSON.stringify(options) : ''}`;
  let value = cache.get(key) as T | undefined;
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}

export const numberFormat = (locale: string, options?: Intl.NumberFormatOptions) => cached('n', locale, options, () => new Intl.NumberFormat(locale, options));
export const dateFormat = (locale: string, options?: Intl.DateTimeFormatOptions) => cached('d', locale, options, () => new Intl.DateTimeFormat(locale, options));
export const pluralRules = (locale: string, options?: Intl.PluralRulesOptions) => cached('p', locale, options, () => new Intl.PluralRules(locale, options));
export const listFormat = (locale: string, options?: Intl.ListFormatOptions) => cached('l', locale, options, () => new Intl.ListFormat(locale, options));
