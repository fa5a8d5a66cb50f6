import type { FidelioConfig } from './core/config.js';
import { warnOnce } from './core/log.js';
import { setLocale } from './i18n/locale-store.js';
import { applyLocale, configure } from './stores/config.js';
import { identify, signOut, type TokenProvider } from './stores/session.js';
import { VERSION } from './version.js';
import { nextTask } from './core/idle.js';
import { openSignup } from './core/signup-triggers.js';

/** `window.Fidelio`: the whole JS surface a merchant's page calls. No method ever throws. */
export interface FidelioApi {
  readonly version: string;
  /** Merges configuration (api, program, locale, backend, ...) over the script tag's. */
  init(config: FidelioConfig): void;
  /** Signs the shopper in with a customer token, or a provider the SDK calls whenever it needs a fresh one. */
  identify(tokenOrProvider: string | TokenProvider): Promise<void>;
  signOut(): void;
  /** Switches every widget's language (en, es, ro, zh-CN; others fall back to en). */
  setLocale(locale: string): Promise<void>;
  /** Opens the enrollment popup (adding one to the page if it has none). */
  openSignup(): void;
  /** Asks the backend for the member's balance again (e.g. after the store recorded an order). */
  refresh(): Promise<void>;
  /** Tells Fidelio the cart (currency, lines with integer minor-unit prices, subtotal); null empties it. */
  setCart(cart: unknown): Promise<boolean>;
  /** The referral code this browser arrived with (remembered 30 days), for the merchant's order; or null. */
  referral(): Promise<string | null>;
  /**
   * Fetches these widgets' code now and settles once they are defined: for tags the drop-in cannot
   * see, inside the shadow roots of your own components (it watches the document, not those).
   */
  load(...tags: string[]): Promise<void>;
}

function guarded<A extends unknown[], R>(name: string, run: (...args: A) => R, fallback: R): (...args: A) => R {
  const warn = (error: unknown) => warnOnce(`api-${name}`, `Fidelio.${name}() failed: ${(error as Error)?.message ?? error}`);
  return (...args: A) => {
    try {
      const result = run(...args);
      // A rejected promise is as much a throw into the host as a synchronous one.
      return result instanceof Promise ? (result.catch((error) => (warn(error), fallback)) as R) : result;
    } catch (error) {
      warn(error);
      return fallback;
    }
  };
}

/** The last call's chunk, loaded: the next call waits for it. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * A call that needs a store's chunk does its work in a task of Fidelio's own, after the caller's:
 * starting the import() (and the fetches it begins) cost the store's own script ~3 ms at 1× CPU and
 * ~11 ms at 4× (a theme's `setCart` on every cart render), enough to make the host's task a long one.
 * Calls are used in the order they were made, so the last cart handed over is the one kept: WebKit
 * settles several import()s of a chunk still loading in any order, so each waits for the previous.
 */
function inOrder<M, R>(load: () => Promise<M>, use: (loaded: M) => R): Promise<Awaited<R>> {
  const loaded = queue.then(nextTask).then(load);
  queue = loaded.catch(() => undefined);
  return loaded.then(use) as Promise<Awaited<R>>;
}

/** How `load()` gets a widget's code: the drop-in's loader; with the npm entry every widget is defined already. */
export type WidgetLoader = (tag: string) => boolean;

export function createApi(loader: WidgetLoader = () => false): FidelioApi {
  return {
    version: VERSION,
    init: guarded('init', (config: FidelioConfig) => {
      if (!config || typeof config !== 'object') {
        warnOnce('init-arg', 'Fidelio.init() expects an object such as { api, program, locale }.');
        return;
      }
      configure(config);
      applyLocale();
    }, undefined),
    identify: guarded('identify', (token: string | TokenProvider) => identify(token), Promise.resolve()),
    signOut: guarded('signOut', signOut, undefined),
    openSignup: guarded('openSignup', openSignup, undefined),
    // Loaded on demand: the member store (and its backend and storage) stays out of the first load.
    setCart: guarded('setCart', (cart: unknown) => inOrder(() => import('./stores/cart.js'), (m) => m.setCart(cart)), Promise.resolve(false)),
    referral: guarded('referral', () => inOrder(() => import('./stores/signup.js'), (m) => m.storedReferral()), Promise.resolve(null)),
    refresh: guarded('refresh', () => inOrder(() => import('./stores/member.js'), (m) => m.refreshMember()), Promise.resolve()),
    // as init({ locale }): it stays when the page's <html lang> changes afterwards
    setLocale: guarded('setLocale', (locale: string) => (configure({ locale }), setLocale(locale).then(() => undefined)), Promise.resolve()),
    load: guarded(
      'load',
      (...tags: string[]) => {
        const wanted = tags.map((tag) => String(tag).toLowerCase());
        const unknown = wanted.filter((tag) => !customElements.get(tag) && !loader(tag));
        if (unknown.length) warnOnce(`load-${wanted.join()}`, `Fidelio.load() knows no widget ${unknown.join(', ')}; its tags are fidelio-points-badge, fidelio-coupon-field and the like.`);
        return Promise.all(wanted.filter((tag) => !unknown.includes(tag)).map((tag) => customElements.whenDefined(tag))).then(() => undefined);
      },
      Promise.resolve(),
    ),
  };
}
