/**
 * What opens the signup popup by itself (a delay, a scroll depth, exit intent, an add to the cart),
 * and the shopper's requests to join. One piece for both sides: the popup arms these when it runs,
 * and the drop-in arms them before the popup's code is fetched, so that the code (Lit, the form, the
 * storage reads) is fetched only when something may open it — never on a page where nothing does.
 */

import { deepActiveElement } from './focus.js';
import { warnOnce } from './log.js';

export const SIGNUP_TAG = 'fidelio-signup-popup';

/** The early event the drop-in notes when a trigger fired before the popup's code ran (detail: the trigger). */
export const SIGNUP_DUE = 'fidelio-signup-due';

export type SignupTrigger = 'delay' | 'scroll' | 'exit-intent' | 'add-to-cart';

export interface SignupTriggers {
  /** Seconds before opening by itself. */
  delay?: number;
  /** Percentage of the page scrolled before opening by itself. */
  scrollDepth?: number;
  exitIntent?: boolean;
  addToCart?: boolean;
}

/** A number setting the popup can use: finite, ≥ 0 and at most `most`. */
export const usable = (n: number | undefined, most = Infinity): n is number => n !== undefined && Number.isFinite(n) && n >= 0 && n <= most;

/**
 * The triggers of a tag whose code has not run, as its element will see them: a property a framework
 * set on it (Lit's `.delay=${20}`, kept for the element when it upgrades) before the attribute.
 */
export function signupTriggersOf(el: Element): SignupTriggers {
  const own = el as unknown as Record<string, unknown>;
  const number = (property: string, attribute: string) =>
    Object.hasOwn(el, property) ? Number(own[property]) : el.hasAttribute(attribute) ? Number(el.getAttribute(attribute)) : undefined;
  const flag = (property: string, attribute: string) => (Object.hasOwn(el, property) ? Boolean(own[property]) : el.hasAttribute(attribute));
  return { delay: number('delay', 'delay'), scrollDepth: number('scrollDepth', 'scroll-depth'), exitIntent: flag('exitIntent', 'exit-intent'), addToCart: flag('addToCart', 'add-to-cart') };
}

/**
 * Whether a popup's number setting is usable (≥ 0, at most `most`); if not, a warning naming it, once.
 * The drop-in checks the tag's attributes as it boots, so the warning comes with the page, not with
 * the popup's code (which a page may never fetch).
 */
export function usablePopupNumber(name: string, value: number | undefined, most = Infinity): boolean {
  if (value === undefined || usable(value, most)) return true;
  warnOnce(`signup-${name}`, `<fidelio-signup-popup ${name}> must be a number ${most === 100 ? 'from 0 to 100 (a percentage of the page)' : '≥ 0'}; ignoring it.`);
  return false;
}

/** How often a delay that came while the shopper was typing looks again. */
export const TYPING_RECHECK_MS = 1500;

/** Whether focus is in a field the shopper types in, through shadow roots (a widget's own input too). */
function typing(): boolean {
  const el = deepActiveElement();
  return !!el && (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable);
}

/** Listens for the triggers that are set (unusable numbers are left out); returns the way to stop. */
export function armSignupTriggers(triggers: SignupTriggers, fire: (trigger: SignupTrigger) => void): () => void {
  const stops: (() => void)[] = [];
  const listen = (target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions) => {
    target.addEventListener(type, handler, options);
    stops.push(() => target.removeEventListener(type, handler, options));
  };
  const { delay, scrollDepth } = triggers;
  if (usable(delay)) {
    // not while the shopper types in a field (a coupon, the search box): the popup would take their
    // keys away; it waits until they have left it
    let timer: ReturnType<typeof setTimeout>;
    const due = (): unknown => (typing() ? (timer = setTimeout(due, TYPING_RECHECK_MS)) : fire('delay'));
    timer = setTimeout(due, delay * 1000);
    stops.push(() => clearTimeout(timer));
  }
  if (usable(scrollDepth)) {
    listen(
      window,
      'scroll',
      () => {
        const scrolled = ((window.scrollY + window.innerHeight) / Math.max(1, document.documentElement.scrollHeight)) * 100;
        if (scrolled >= scrollDepth) fire('scroll');
      },
      { passive: true },
    );
  }
  if (triggers.exitIntent) {
    listen(document, 'mouseout', (event) => {
      const { relatedTarget, clientY } = event as MouseEvent;
      // towards the tabs or the address bar, with a mouse (a touch screen has no such gesture)
      if (!relatedTarget && clientY <= 0 && window.matchMedia?.('(pointer: fine)').matches) fire('exit-intent');
    });
  }
  if (triggers.addToCart) listen(document, 'fidelio-add-to-cart', () => fire('add-to-cart'));
  return () => stops.splice(0).forEach((stop) => stop());
}

/** The `[data-fidelio-signup]` element (a host's "join" link or button) a click went through, or null. */
export function signupLinkOf(event: Event): HTMLElement | null {
  return (event.composedPath().find((node) => node instanceof Element && node.hasAttribute('data-fidelio-signup')) as HTMLElement | undefined) ?? null;
}

let wanted = false;
const waiting = new Set<() => void>();

/**
 * Opens the signup popup (`Fidelio.openSignup()`, a widget's join button): a page without one gets
 * one, and a popup whose code has not been fetched yet gets it now, then opens.
 */
export function openSignup(): void {
  if (!document.querySelector(SIGNUP_TAG)) document.body.append(document.createElement(SIGNUP_TAG));
  wanted = true;
  waiting.forEach((run) => run());
  void customElements.whenDefined(SIGNUP_TAG).then(() => document.dispatchEvent(new CustomEvent('fidelio-open-signup')));
}

/** Runs `run` once the popup has been asked for (at once if it already was); returns the way to stop waiting. */
export function whenSignupWanted(run: () => void): () => void {
  if (wanted) {
    run();
    return () => undefined;
  }
  waiting.add(run);
  return () => waiting.delete(run);
}
