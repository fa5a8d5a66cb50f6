/**
 * The merchant's own names (rewards, tiers, cards, plans, promotions, the program's) in another
 * language, from the program's `translations`. Pure, without stores: the widgets read it through
 * `ownText` (src/i18n/index.ts), the reference engine's emails directly.
 */

/** Per language tag, a name as the merchant wrote it mapped to its translation. */
export type MerchantTexts = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** One language's translations, or null when the program gives none for it. */
export function wordsFor(texts: MerchantTexts | null | undefined, locale: string): Readonly<Record<string, string>> | null {
  return texts && Object.hasOwn(texts, locale) ? texts[locale]! : null;
}

/** `text` in `locale` where the translations have it; as written otherwise. */
export function merchantText(texts: MerchantTexts | null | undefined, locale: string, text: string): string;
export function merchantText(texts: MerchantTexts | null | undefined, locale: string, text: string | null | undefined): string | null | undefined;
export function merchantText(texts: MerchantTexts | null | undefined, locale: string, text: string | null | undefined): string | null | undefined {
  const words = text ? wordsFor(texts, locale) : null;
  return words && Object.hasOwn(words, text!) ? words[text!]! : text;
}

const CJK_GAP = /([\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])/g;

/**
 * Chinese text keeps a space around a Latin name ("升级为 Silver") but none between Chinese
 * characters or punctuation, as when the merchant's name is translated ("升级为白银").
 */
export function closeChineseGaps(text: string): string {
  return text.replace(CJK_GAP, '$1');
}
