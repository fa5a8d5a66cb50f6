import { LitElement, type PropertyValues } from 'lit';
import { $t, $locale, errorSentence, type MessageKey, type Params } from '../../i18n/index.js';
import { catalogLoading } from '../../i18n/locale-store.js';
import { StoreController } from './store-controller.js';
import { warnOnce } from '../../core/log.js';
import { inFrameTurn } from '../../core/idle.js';
import { openSignup, SIGNUP_TAG } from '../../core/signup-triggers.js';
import type { FidelioError } from '../../core/errors.js';

/** True while `define()` upgrades the tag's elements already in the document. */
let upgrading = false;

/** How long a widget's first render waits for the shopper's language before it shows English. */
const WORDS_WAIT_MS = 3000;

/**
 * Base of every Fidelio element: translation that follows the page's locale, typed events that
 * cross shadow roots, and registration that is safe to repeat.
 */
export class FidelioElement extends LitElement {
  private readonly translator = new StoreController(this, $t);
  protected readonly localeController = new StoreController(this, $locale);
  /**
   * An element already on the page when its tag is defined renders in a task of its own, after the
   * next frame. Defining the tag runs the chunk's code, the style sheets and, with the first render,
   * Lit's template preparation in one task: at 4x CPU that was a long task (> 50 ms). Rendering in
   * the next task still left both in one animation frame, often beside the page's own rendering; after
   * the frame, each has a frame of its own (A/Bs at 4×, 10 and 12 cold visits: long animation frames
   * caused by Fidelio 1 → 0.5 and 1 → 0 per visit). Several elements upgraded together take turns
   * (core/idle's inFrameTurn): their first renders are not all between the same two frames. The
   * element keeps its reserved room meanwhile
   * (its styles apply from the upgrade); the badge shows an early-painted balance through a slot.
   */
  private deferFirstRender = upgrading;

  /**
   * Registers the tag unless something already did: this same class (a second import) silently,
   * the host's own element of that name with one warning, as the host's element stays in charge.
   */
  static define(tag: string): void {
    const existing = customElements.get(tag);
    if (!existing) {
      // elements already in the document are upgraded inside define()
      upgrading = true;
      try {
        customElements.define(tag, this);
      } finally {
        upgrading = false;
      }
    } else if (existing !== this) warnOnce(`define-${tag}`, `<${tag}> is already defined by other code on this page; Fidelio leaves it alone, so that widget does not show.`);
  }

  /** The control that had focus inside this widget, and its section, until focus leaves for elsewhere. */
  private focused: { el: Element; section: Element | null } | null = null;

  /**
   * Where focus goes when the focused control left the widget (a Use button replaced by its
   * result, a code's Cancel gone with the code) and focus fell to the page's body, where the next
   * Tab would start from the top. `section` is the control's section when it had one. None: stays.
   */
  protected focusAfterRemoval(_section: Element | null): HTMLElement | null | undefined {
    return null;
  }

  private readonly onFocusIn = (event: Event): void => {
    const el = event.composedPath()[0] as Element;
    this.focused = { el, section: el.closest?.('section') ?? null };
  };

  // a blur the shopper made (the control still there) forgets it; a removal keeps it for updated()
  private readonly onFocusOut = (event: Event): void => {
    const el = event.composedPath()[0] as Element;
    queueMicrotask(() => el.isConnected && this.focused?.el === el && (this.focused = null));
  };

  // (on the shadow root while connected: an SPA that mounts a widget thousands of times keeps none)
  override connectedCallback(): void {
    super.connectedCallback();
    this.renderRoot.addEventListener('focusin', this.onFocusIn);
    this.renderRoot.addEventListener('focusout', this.onFocusOut);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.renderRoot.removeEventListener('focusin', this.onFocusIn);
    this.renderRoot.removeEventListener('focusout', this.onFocusOut);
    this.focused = null;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // the widget's words are in its locale, which may not be the page's: a screen reader reads them
    // with that language's voice
    const lang = this.localeController.value;
    if (this.getAttribute('lang') !== lang) this.setAttribute('lang', lang);
    const lost = this.focused;
    if (!lost || lost.el.isConnected) return;
    const now = document.activeElement;
    if (now && now !== document.body && now !== this) return void (this.focused = null);
    // the message may come with a later update (an answer after the list changed): kept till then
    const target = this.focusAfterRemoval(lost.section);
    if (target) {
      this.focused = null;
      target.focus();
    }
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    // The shopper's language still on its way: the first render waits for it (the reserved room
    // holds the place), up to WORDS_WAIT_MS, then speaks English until it comes.
    const words = this.hasUpdated ? null : catalogLoading();
    if (words) return Promise.race([words.catch(() => undefined), new Promise((done) => setTimeout(done, WORDS_WAIT_MS))]).then(() => this.firstUpdate());
    return this.firstUpdate();
  }

  private firstUpdate(): void | Promise<unknown> {
    if (!this.deferFirstRender) return super.scheduleUpdate();
    this.deferFirstRender = false;
    return inFrameTurn(() => super.scheduleUpdate());
  }

  /**
   * The level of a widget's own heading from its `headingLevel` (attribute `heading-level`; the
   * widgets whose title is part of the page, not of a dialog, have one): the host's outline decides
   * it. `fallback` when it is unset or not a whole number from 1 to 6 (with a warning).
   */
  protected outlineLevel(level: number | null | undefined, fallback: number): number {
    if (level == null) return fallback;
    if (Number.isInteger(level) && level >= 1 && level <= 6) return level;
    warnOnce(`heading-level-${this.localName}`, `<${this.localName} heading-level> must be a whole number from 1 to 6; using ${fallback}.`);
    return fallback;
  }

  protected t(key: MessageKey, params?: Params): string {
    return this.translator.value(key, params);
  }

  /** A shopper-facing sentence for a failure: the specific one if translated, else a general one. */
  protected errorText(error: FidelioError): string {
    return errorSentence(this.t.bind(this), error);
  }

  /**
   * A shopper's "join" press: `fidelio-join` (cancelable: a host with its own sign-up form takes it),
   * which a signup popup on the page answers; a page without one gets one, opened once defined (as
   * `Fidelio.openSignup()`), so no join button is ever dead.
   */
  protected join(source: string): void {
    if (this.emit('fidelio-join', { source }, { cancelable: true }) && !document.querySelector(SIGNUP_TAG)) openSignup();
  }

  /**
   * Dispatches `fidelio-*` events that bubble out of shadow roots; returns false when the host vetoed.
   * A widget that has just left the page (a dialog closed as its element was removed) tells the
   * document, where the page's listeners still hear it.
   */
  protected emit<K extends keyof HTMLElementEventMap>(
    name: K,
    detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
    options: { cancelable?: boolean } = {},
  ): boolean {
    const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable: options.cancelable ?? false, detail });
    return (this.isConnected ? this : document).dispatchEvent(event);
  }

  /**
   * Takes keyboard focus on its first shown control (a message that takes focus first), or, with no
   * control, on what it shows (focusable by script only), for a dialog closing over a control of
   * this widget that is gone: focus lands on what replaced it, and the next Tab goes on from there.
   * True when focus moved here.
   */
  takeFocus(): boolean {
    const root = this.renderRoot as ShadowRoot;
    const controls = root.querySelectorAll<HTMLElement>('[part~="message"][tabindex], button, a[href], input, select, textarea');
    for (const el of [...controls, ...root.querySelectorAll<HTMLElement>('[part]')]) {
      if ((el as HTMLButtonElement).disabled || !el.getClientRects().length) continue;
      if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.focus();
      if (root.activeElement === el) return true;
    }
    return false;
  }
}
