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

/**
 * The store's time zone (the program's `timeZone`): an instant (an expiry, a day points become
 * spendable, a history line) is shown as the date it is on the store's calendar, the date its emails
 * and rules say, not UTC's (a Los Angeles batch ending 28 Feb 23:30 there read "Mar 1"). Calendar
 * dates sent as 00:00:00Z (a tier's requalify-by day) are read in UTC. A zone this browser does not
 * know is UTC.
 */
let zone: unknown = 'UTC';
let checked = 'UTC';
/**
 * Checked when a date is first written, not when the program arrives: building a DateTimeFormat
 * starts ICU (tens of ms at 4× on the bench page, a long task), and most page loads write no date.
 */
export function storeZone(): string {
  if (zone !== checked) {
    try {
      checked = typeof zone === 'string' && zone && zone !== 'UTC' ? (dateFormat('en', { timeZone: zone }), zone) : 'UTC';
    } catch {
      checked = 'UTC';
    }
    zone = checked;
  }
  return checked;
}
export function setStoreZone(value: unknown): void {
  zone = value;
}

/**
 * Digit grouping of whole numbers in the locales Fidelio ships (CLDR): the separator, and how many
 * digits must stand before the first one for grouping to apply (Spanish writes 1234 but 12.345).
 */
const GROUPING: Record<string, readonly [string, number]> = { en: [',', 1], 'zh-CN': [',', 1], es: ['.', 2], ro: ['.', 1] };

/**
 * A whole number as `Intl.NumberFormat(locale)` writes it, without building one for the shipped
 * locales: a page's first NumberFormat costs ~25 ms of ICU start-up, paid by every store page that
 * shows a points badge. Other values and locales go through Intl.
 */
export function formatInteger(value: number, locale: string): string {
  const rule = GROUPING[locale];
  if (!rule || !Number.isSafeInteger(value) || Object.is(value, -0)) return numberFormat(locale).format(value);
  const digits = String(Math.abs(value));
  const grouped = digits.length >= 3 + rule[1] ? digits.replace(/\B(?=(\d{3})+$)/g, rule[0]) : digits;
  return value < 0 ? `-${grouped}` : grouped;
}

/**
 * A date kept on one line: "Jan 1." broke as "Jan / 1." and "1 ian. 2027" before its year at a
 * phone's width, and Chinese "2027年3月7日" between any two of its characters. Its spaces become
 * no-break spaces, and Chinese characters are joined by word joiners (U+2060, invisible and not
 * read aloud): a date is read, not copied into a field.
 */
export function dateText(locale: string, options: Intl.DateTimeFormatOptions, value: Date | number): string {
  const text = dateFormat(locale, options).format(value).replace(/ /g, '\u00a0');
  return locale.startsWith('zh') ? [...text].join('\u2060') : text;
}
