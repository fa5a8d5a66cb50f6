import { LitElement } from 'lit';
import { $t, $locale, type MessageKey, type Params } from '../../i18n/index.js';
import { StoreController } from './store-controller.js';
import type { FidelioError } from '../../core/errors.js';

/**
 * Base of every Fidelio element: translation that follows the page's locale, typed events that
 * cross shadow roots, and registration that is safe to repeat.
 */
export class FidelioElement extends LitElement {
  private readonly translator = new StoreController(this, $t);
  protected readonly localeController = new StoreController(this, $locale);

  /** Registers the tag unless something (another copy of the SDK, the host) already did. */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  protected t(key: MessageKey, params?: Params): string {
    return this.translator.value(key, params);
  }

  /** A shopper-facing sentence for a failure: the specific one if translated, else a general one. */
  protected errorText(error: FidelioError): string {
    const key = `error.${error.code}` as MessageKey;
    const text = this.t(key, error.params as Params);
    return text === key ? this.t('error.unknown') : text;
  }

  /** Dispatches `fidelio-*` events that bubble out of shadow roots; returns false when the host vetoed. */
  protected emit<K extends keyof HTMLElementEventMap>(
    name: K,
    detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, cancelable: options.cancelable ?? false, detail }));
  }
}
