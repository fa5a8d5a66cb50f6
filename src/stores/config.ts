import { atom, computed } from 'nanostores';
import { resolveConfig, usableConfig, type FidelioConfig } from '../core/config.js';
import { warnOnce } from '../core/log.js';
import { setLocale } from '../i18n/locale-store.js';

/** The merchant's configuration as given (script tag first, then every `Fidelio.init()` on top). */
export const $config = atom<FidelioConfig>({});

/** The usable configuration, or the problems that keep it from being usable. */
export const $resolvedConfig = computed($config, resolveConfig);

export function configure(partial: FidelioConfig): void {
  $config.set({ ...$config.get(), ...usableConfig(partial, (message) => warnOnce(`config-field:${message}`, message)) });
}

let following = false;

/**
 * The widgets' language: the configured locale, else the page's `<html lang>`, followed when a
 * single-page app changes it without a reload (until a locale is configured).
 */
export function applyLocale(): void {
  if (typeof document === 'undefined') return;
  void setLocale($config.get().locale ?? document.documentElement.lang);
  if (following || $config.get().locale) return;
  following = true;
  new MutationObserver(() => {
    if (!$config.get().locale) void setLocale(document.documentElement.lang);
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}
