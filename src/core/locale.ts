/** The languages Fidelio speaks; widgets and the engine's emails map any tag to one of them. */
export const LOCALES = ['en', 'es', 'ro', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** Maps any BCP 47 tag to a supported locale: es-MX → es, zh / zh-Hans → zh-CN, unknown → null. */
export function matchLocale(tag: unknown): Locale | null {
  if (typeof tag !== 'string' || !tag) return null;
  const lower = tag.trim().toLowerCase().replace(/_/g, '-');
  const language = lower.split('-')[0];
  if (language === 'zh') return lower.includes('hant') || /-(tw|hk|mo)\b/.test(lower) ? null : 'zh-CN';
  return (LOCALES as readonly string[]).includes(language ?? '') ? (language as Locale) : null;
}
