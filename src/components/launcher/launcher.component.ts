import { css, html, nothing } from 'lit';
import { FidelioElement } from '../base/fidelio-element.js';
import { focusRing, forcedColorsButtons } from '../base/shared-styles.js';
import { takeEarlyEvent } from '../../core/early-events.js';
import { deepActiveElement } from '../../core/focus.js';
import { focusPath, returnFocus } from '../base/return-focus.js';
import { nextTask } from '../../core/idle.js';
import { warnOnce } from '../../core/log.js';
import { $session } from '../../stores/session.js';
import { $launchers } from '../base/launchers.js';
import '../../core/events.js';

/** Events that say a press may follow (they bubble out of shadow roots). */
const INTENT = ['pointerover', 'focusin'];

const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];
const FOCUSABLE = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** Focusable elements under `root` in document order, through open shadow roots. */
function focusables(root: ParentNode, out: HTMLElement[] = []): HTMLElement[] {
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    if (el.matches(FOCUSABLE) && !(el as HTMLButtonElement).disabled && el.getClientRects().length) out.push(el);
    if (el.shadowRoot) focusables(el.shadowRoot, out);
  }
  return out;
}

/**
 * @tag fidelio-launcher
 * @summary A small floating button that opens the member panel as a modal dialog. It is fixed to
 * a corner (so it reserves no space and shifts nothing), loads the panel's code on first open,
 * and also opens when a member presses the points badge. Off unless the tag is on the page.
 *
 * @csspart button - the floating button
 * @csspart dialog - the native dialog holding the panel
 * @csspart close - the dialog's close button
 *
 * @cssproperty --fidelio-accent - button colour
 * @cssproperty --fidelio-on-accent - text on the button
 * @cssproperty --fidelio-background - dialog background
 * @cssproperty --fidelio-backdrop - backdrop colour
 * @cssproperty --fidelio-focus - focus ring colour
 * @cssproperty --fidelio-launcher-offset - distance from the window's edges (default 1.25rem)
 * @cssproperty --fidelio-z - stacking order of the button
 * @cssproperty --fidelio-text - dialog text colour
 * @cssproperty --fidelio-font - font shorthand
 * @cssproperty --fidelio-radius-large - dialog corner radius
 * @attr loading - `eager`: the drop-in fetches the code at once, not when the page is idle
 */
export class FidelioLauncher extends FidelioElement {
  static override styles = [
    forcedColorsButtons,
    focusRing,
    css`
    :host {
      position: fixed;
      z-index: var(--fidelio-z, 2147483000);
      inset-block-end: var(--fidelio-launcher-offset, 1.25rem);
      right: var(--fidelio-launcher-offset, 1.25rem);
      font: var(--fidelio-font, inherit);
    }
    :host([position='bottom-left']),
    :host([position='top-left']) {
      right: auto;
      left: var(--fidelio-launcher-offset, 1.25rem);
    }
    :host([position^='top']) {
      inset-block-end: auto;
      inset-block-start: var(--fidelio-launcher-offset, 1.25rem);
    }
    /* a focused control of the page sits under it and the page cannot scroll it clear: out of the way */
    :host([aside]:not([open])) {
      visibility: hidden;
    }
    button {
      font: inherit;
      cursor: pointer;
    }
    [part~='button'] {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      padding: 0.7rem 1.1rem;
      border: 0;
      border-radius: 999px;
      font-weight: 700;
      background: var(--fidelio-accent, #3d2fd0);
      color: var(--fidelio-on-accent, #fff);
      box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
    }
    dialog {
      inline-size: min(60rem, calc(100vw - 2rem));
      max-block-size: calc(100dvh - 2rem);
      box-sizing: border-box;
      padding: 1.25rem;
      border: 0;
      border-radius: var(--fidelio-radius-large, 16px);
      background: var(--fidelio-background, #f6f6f9);
      color: var(--fidelio-text, #1f2330);
    }
    /* Sections below the dialog's fold are laid out and painted only as they scroll near, so the
       press that opens it costs the first screenful (at 4× CPU 77 → 33 ms to the balance shown). */
    fidelio-member-panel::part(section) {
      content-visibility: auto;
      contain-intrinsic-size: auto 14rem;
    }
    dialog::backdrop {
      background: var(--fidelio-backdrop, rgb(15 18 30 / 0.55));
    }
    [part~='close'] {
      position: absolute;
      inset-block-start: 0.75rem;
      inset-inline-end: 0.75rem;
      inline-size: 2.25rem;
      block-size: 2.25rem;
      border: 0;
      border-radius: 50%;
      background: transparent;
      color: inherit;
      font-size: 1.4rem;
      line-height: 1;
    }
  `,
  ];

  static override properties = {
    position: { type: String, reflect: true },
    label: { type: String },
    open: { type: Boolean, reflect: true },
    loaded: { state: true },
  };

  /** Corner of the window: `bottom-right` (default), `bottom-left`, `top-right` or `top-left`. */
  position = 'bottom-right';
  /** The button's text (default: "My rewards", translated). */
  label = '';
  /** Whether the dialog is open. */
  open = false;
  private loaded = false;
  /** The control the panel opened from and what was around it (core/focus), for focus to go back to. */
  private returnPath: HTMLElement[] = [];
  /** The panel's code, asked for once: on the shopper's first hover or focus, or the first open. */
  private panelCode: Promise<typeof import('../member-panel/member-panel.js')> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    $launchers.set($launchers.get() + 1);
    if (!POSITIONS.includes(this.position)) warnOnce('launcher-position', `<fidelio-launcher position> must be one of ${POSITIONS.join(', ')}; using bottom-right.`);
    document.addEventListener('fidelio-badge-click', this.onBadge);
    document.addEventListener('focusin', this.onPageFocus);
    // (focus moving between two controls of one widget's shadow root reaches the document as no
    // focusin: the event stops at that root; the Tab key that moved it does reach the document)
    document.addEventListener('keyup', this.onPageTab);
    if (!this.panelCode) for (const type of INTENT) document.addEventListener(type, this.onBadgeIntent, { capture: true, passive: true });
    // the badge was pressed while this code was still loading (the drop-in loads it at idle time)
    const early = takeEarlyEvent('fidelio-badge-click');
    if (early) void this.show(early.origin instanceof HTMLElement ? early.origin : null);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    $launchers.set($launchers.get() - 1);
    document.removeEventListener('fidelio-badge-click', this.onBadge);
    document.removeEventListener('focusin', this.onPageFocus);
    document.removeEventListener('keyup', this.onPageTab);
    this.stopWatchingBadge();
    // removed while open (a single-page app's route change): closed, focus back where it was
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) {
      dialog.close();
      this.onClose();
    }
  }

  private readonly onPageTab = (event: KeyboardEvent): void => {
    if (event.key === 'Tab') this.onPageFocus();
  };

  /**
   * A page control that takes keyboard focus under the floating button (a checkout's last button on
   * a phone) is scrolled clear of it; where the page cannot scroll further, the button steps aside
   * until focus moves on (WCAG 2.4.11, focus not obscured).
   */
  private readonly onPageFocus = (): void => {
    this.removeAttribute('aside');
    const focused = deepActiveElement();
    if (!focused || this.open || focused.getRootNode() === this.renderRoot) return;
    // how far the page must scroll to clear the button (down for a button at the bottom, up at the top)
    // (before its first render, which waits its turn after the tag is defined, there is no button to clear)
    const button = this.renderRoot.querySelector('[part~="button"]');
    if (!button) return;
    const covered = () => {
      const mine = button.getBoundingClientRect();
      const box = focused.getBoundingClientRect();
      if (!(box.bottom > mine.top && box.top < mine.bottom && box.right > mine.left && box.left < mine.right)) return 0;
      return this.position.startsWith('top') ? box.top - mine.bottom - 8 : box.bottom - mine.top + 8;
    };
    const by = covered();
    if (!by) return;
    window.scrollBy(0, by);
    if (covered()) this.setAttribute('aside', '');
  };

  /** A member's pointer over the points badge, or focus in it: pressing it opens the panel. */
  private readonly onBadgeIntent = (event: Event): void => {
    if ($session.get().status !== 'identified' || !event.composedPath().some((node) => (node as Element).localName === 'fidelio-points-badge')) return;
    this.prepare();
  };

  private stopWatchingBadge(): void {
    for (const type of INTENT) document.removeEventListener(type, this.onBadgeIntent, { capture: true });
  }

  private readonly onBadge = (event: Event): void => {
    // (with the tag twice on a page, one panel opens: the first launcher's)
    const first = document.querySelector(this.localName);
    if (first && first !== this) return;
    // Focus goes back to the badge afterwards (or to the launcher when the event came from elsewhere).
    const origin = event.composedPath()[0];
    void this.show(origin instanceof HTMLElement ? origin : null);
  };

  /** The panel's code, asked for once (again after a failure); nothing is left to get ready then. */
  private loadPanel(): Promise<typeof import('../member-panel/member-panel.js')> {
    this.stopWatchingBadge();
    this.panelCode ??= import('../member-panel/member-panel.js').catch((error: unknown) => {
      this.panelCode = null;
      throw error;
    });
    return this.panelCode;
  }

  /**
   * The pointer came over the button, or focus reached it: a press is likely. The panel's code is
   * fetched and run, the formatters its first render needs are built, and then the panel itself is
   * rendered into the closed dialog (asking for its sections' data), each step in a task of its own,
   * so the press has only to show it. The same for a signed-in member's pointer over the points
   * badge, which opens the panel too. (A touch gets `pointerenter` as the finger lands, before the
   * press's click.)
   */
  private readonly prepare = (): void => {
    if (this.panelCode) return;
    void this.loadPanel()
      .then((panel) => panel.warmUp())
      .then(nextTask)
      .then(() => void (this.loaded = true))
      .catch(() => undefined);
  };

  /** Opens the panel dialog (its code loads the first time); focus goes to the dialog. */
  async show(from: HTMLElement | null = this.renderRoot.querySelector<HTMLElement>('[part~="button"]')): Promise<void> {
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog || dialog.open) return;
    this.returnPath = focusPath(from);
    if (!this.loaded) {
      try {
        await this.loadPanel();
      } catch (error) {
        warnOnce('launcher-load', `could not load the member panel: ${(error as Error)?.message ?? error}`);
        return;
      }
      this.loaded = true;
      await this.updateComplete;
    }
    dialog.showModal();
    this.open = true;
    this.renderRoot.querySelector<HTMLElement>('[part~="close"]')?.focus();
  }

  hide(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  private readonly onClose = (): void => {
    // (once: a launcher removed while open closes at once, and its dialog's close event comes after)
    if (!this.open) return;
    this.open = false;
    // back to the badge or button it opened from; when that was re-rendered meanwhile, to its widget
    // or to this launcher's button
    if (!returnFocus(this.returnPath.splice(0)) && this.isConnected) this.renderRoot.querySelector<HTMLElement>('[part~="button"]')?.focus();
  };

  /** Keeps Tab inside the dialog, across the panel's shadow root (a modal dialog alone lets it reach the browser's UI). */
  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab') return;
    const dialog = this.renderRoot.querySelector('dialog')!;
    const list = focusables(dialog);
    if (!list.length) return;
    const active = deepActiveElement();
    if (active && !list.includes(active as HTMLElement)) {
      // Focus was put on a message (tabindex -1, after Cancel or Use): Tab goes on from there, to the
      // next control in its own part of the panel, rather than back to the top of the dialog.
      const root = active.getRootNode();
      const near = list.filter((el) => el.getRootNode() === root && active.compareDocumentPosition(el) & (event.shiftKey ? Node.DOCUMENT_POSITION_PRECEDING : Node.DOCUMENT_POSITION_FOLLOWING));
      const next = event.shiftKey ? near[near.length - 1] : near[0];
      if (next) {
        event.preventDefault();
        next.focus();
        return;
      }
    }
    const first = list[0]!;
    const last = list[list.length - 1]!;
    if (event.shiftKey && (active === first || !list.includes(active as HTMLElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !list.includes(active as HTMLElement))) {
      event.preventDefault();
      first.focus();
    }
  };

  override render() {
    const label = this.label || this.t('launcher.label');
    return html`
      <button part="button" type="button" aria-haspopup="dialog" aria-expanded=${this.open ? 'true' : 'false'} @click=${() => this.show()} @pointerenter=${this.prepare} @focus=${this.prepare}>
        <span aria-hidden="true">★</span>${label}
      </button>
      <dialog part="dialog" aria-label=${label} @close=${this.onClose} @keydown=${this.onKeydown} @fidelio-join=${() => this.hide()}>
        <button part="close" type="button" aria-label=${this.t('signup.close')} @click=${() => this.hide()}>×</button>
        ${this.loaded ? html`<fidelio-member-panel></fidelio-member-panel>` : nothing}
      </dialog>
    `;
  }
}
