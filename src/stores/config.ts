import { atom, computed } from 'nanostores';
import { resolveConfig, usableConfig, type FidelioConfig } from '../core/config.js';
import { warnOnce } from '../core/log.js';

/** The merchant's configuration as given (script tag first, then every `Fidelio.init()` on top). */
export const $config = atom<FidelioConfig>({});

/** The usable configuration, or the problems that keep it from being usable. */
export const $resolvedConfig = computed($config, resolveConfig);

export function configure(partial: FidelioConfig): void {
  $config.set({ ...$config.get(), ...usableConfig(partial, (message) => warnOnce(`config-field:${message}`, message)) });
}
