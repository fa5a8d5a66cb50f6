/**
 * The shopper's language, without any catalog text: the drop-in and the JS API need only this, so
 * the English catalog (the fallback every widget carries) loads with the first widget, not at boot.
 */
import { atom } from 'nanostores';
import { warnOnce } from '../core/log.js';
import { LOCALES, matchLocale, type Locale } from '../core/locale.js';
import type { Catalog, CompactCatalog } from './locales/en.js';
import type { MerchantTexts } from './merchant-text.js';

// Each non-English catalog is its own lazy chunk: a shopper downloads only their language.
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Catalog | CompactCatalog }>> = {
  es: () => import('./locales/es.js'),
  ro: () => import('./locales/ro.js'),
  'zh-CN': () => import('./locales/zh-CN.js'),
};

export const $locale = atom<Locale>('en');
/** The loaded non-English catalog, or null for English. */
export const $catalog = atom<Catalog | CompactCatalog | null>(null);
/**
 * The merchant's translations of their own names (rewards, tiers, cards, plans, promotions), per
 * language tag, from the program's answer; null until a program has been read.
 */
export const $merchantTexts = atom<MerchantTexts | null>(null);

let requested = 0;
let loading: Promise<unknown> | null = null;

/**
 * The catalog on its way, or null: a widget's first render waits for it a while (see FidelioElement)
 * rather than show English and then switch, changing size as it does.
 */
export const catalogLoading = (): Promise<unknown> | null => loading;

/**
 * Switches the language of every widget. Unknown tags fall back to English with one warning; a
 * catalog that fails to load (offline) keeps English rather than showing keys.
 */
export async function setLocale(tag: string | null | undefined): Promise<Locale> {
  const locale = matchLocale(tag);
  if (tag && !locale) warnOnce(`locale-${tag}`, `locale "${tag}" is not supported; using English (supported: ${LOCALES.join(', ')}).`);
  const target = locale ?? 'en';
  const ticket = ++requested;
  let catalog: Catalog | CompactCatalog | null = null;
  if (target !== 'en') {
    const load = loaders[target]();
    loading = load;
    try {
      catalog = (await load).default;
    } catch {
      warnOnce(`locale-load-${target}`, `could not load the "${target}" translations; using English.`);
    }
  }
  if (ticket === requested) {
    loading = null;
    $catalog.set(catalog);
    $locale.set(target);
  }
  return target;
}

