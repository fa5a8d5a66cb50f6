import { html, nothing, type PropertyValues } from 'lit';
import { FidelioElement } from '../base/fidelio-element.js';
import { StoreController } from '../base/store-controller.js';
import { $member } from '../../stores/member.js';
import { $session } from '../../stores/session.js';
import { $resolvedConfig } from '../../stores/config.js';
import { $locale } from '../../i18n/index.js';
import { $launchers } from '../base/launchers.js';
import { prepaintOf, removePrepaint, writeBadgeSnapshot, type BadgeSnapshot } from '../../core/badge-snapshot.js';
import { styles } from './points-badge.styles.js';
import '../../core/events.js';

/**
 * The member states whose balance change a badge has announced: with two badges on a page (header
 * and checkout) the first to render a change says it and the others stay silent, so it is heard once.
 */
const announced = new WeakSet<object>();

/**
 * The page's launcher tags (a live list; a tag counts before its code loads, as the drop-in wakes it
 * at the badge's first press): pressing a member's badge opens the member panel dialog through one.
 * (Running launchers, in shadow roots too, are counted by $launchers, which re-renders the badge.)
 */
const launchers = document.getElementsByTagName('fidelio-launcher');

/**
 * @tag fidelio-points-badge
 * @summary The shopper's available points; pending points and the next expiry on hover or focus.
 * A signed-out shopper sees a "Join & earn" call to action instead.
 *
 * @event fidelio-balance-change - the shown balance changed; detail: { available, pending, cached? } (`cached: true`: this device's last balance, painted by the drop-in before the badge's code ran)
 * @event fidelio-join - the signed-out call to action was pressed (cancelable: preventDefault() keeps the signup popup closed); detail: { source: 'badge' }
 * @event fidelio-badge-click - a member pressed the badge (e.g. to open the member panel); detail: { available }
 *
 * @csspart base - the outer box (same size in every state)
 * @csspart button - the badge button (member) or the call to action (signed out)
 * @csspart join - the "Join & earn" call to action
 * @csspart icon - the star before the balance
 * @csspart points - the formatted balance
 * @csspart details - the tooltip with pending points and expiry
 * @csspart skeleton - the placeholder while loading
 * @csspart message - the short message shown on failure
 * @csspart stale - the note shown when the balance comes from the cache and a refresh failed
 *
 * @cssproperty --fidelio-accent - accent colour (icon, call to action)
 * @cssproperty --fidelio-on-accent - text on the accent colour
 * @cssproperty --fidelio-surface - badge background
 * @cssproperty --fidelio-text - text colour
 * @cssproperty --fidelio-muted - secondary text colour
 * @cssproperty --fidelio-focus - focus ring colour
 * @cssproperty --fidelio-radius - corner radius
 * @cssproperty --fidelio-font - font shorthand
 * @cssproperty --fidelio-badge-min-width - reserved width (default 9.5em)
 * @cssproperty --fidelio-badge-height - reserved height (default 2.25rem)
 * @cssproperty --fidelio-tooltip-bg - tooltip background
 * @cssproperty --fidelio-tooltip-text - tooltip text colour
 * @cssproperty --fidelio-z - z-index of the tooltip
 * @cssproperty --fidelio-skeleton - the loading placeholder's colour
 * @cssproperty --fidelio-warning - colour of the stale-balance note
 * @cssproperty --fidelio-radius-small - tooltip corner radius
 * @attr loading - `eager`: the drop-in fetches the code at once, not when the badge nears the viewport
 */
export class FidelioPointsBadge extends FidelioElement {
  static override styles = styles;

  static override properties = {
    detailsDismissed: { type: Boolean, reflect: true, attribute: 'details-dismissed' },
    announcement: { state: true },
    datesWanted: { state: true },
  };

  /** Set when the shopper pressed Escape; the tooltip stays hidden until focus or pointer leaves. */
  detailsDismissed = false;
  /** @internal */
  private announcement = '';

  /**
   * The tooltip is written at the first hover or focus (it shows only then; focus comes before a
   * screen reader reads the description): the page's first date formatter costs ~30 ms of ICU
   * start-up, which painting the balance does not need.
   */
  private datesWanted = false;

  private readonly member = new StoreController(this, $member);
  private readonly launcher = new StoreController(this, $launchers);
  private lastBalance: { available: number; pending: number } | null = null;
  private balanceChanged = false;
  /** The cached balance the drop-in painted before this code ran: shown until the member store is ready. */
  private early: BadgeSnapshot | null = null;

  /**
   * An early-painted balance stays on show through this slot while the first render waits for its
   * task (see FidelioElement's deferFirstRender); the first render takes both away.
   */
  private placeholder: HTMLSlotElement | null = null;

  // (called once, at the first connection, which always comes before the first render)
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    if (prepaintOf(this)) this.placeholder = root.appendChild(document.createElement('slot'));
    return root;
  }

  protected override update(changed: PropertyValues): void {
    if (!this.hasUpdated) {
      this.placeholder?.remove();
      this.placeholder = null;
      removePrepaint(this);
    }
    super.update(changed);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const early = prepaintOf(this);
    if (early) {
      this.early = early;
      // already shown (and announced by its event): the first real balance is news only if it differs
      this.lastBalance ??= { available: early.available, pending: early.pending };
    }
    this.addEventListener('keydown', this.onKeydown);
    this.addEventListener('focusout', this.resetDismissal);
    this.addEventListener('mouseleave', this.resetDismissal);
    this.addEventListener('focusin', this.wantDates);
    this.addEventListener('pointerenter', this.wantDates);
    this.addEventListener('mouseenter', this.hovered);
    this.addEventListener('mouseleave', this.unhovered);
    this.addEventListener('focusin', this.fitDetails);
    this.addEventListener('mouseenter', this.fitDetails);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
    this.removeEventListener('focusout', this.resetDismissal);
    this.removeEventListener('mouseleave', this.resetDismissal);
    this.removeEventListener('focusin', this.wantDates);
    this.removeEventListener('pointerenter', this.wantDates);
    this.removeEventListener('mouseenter', this.hovered);
    this.removeEventListener('mouseleave', this.unhovered);
    this.removeEventListener('focusin', this.fitDetails);
    this.removeEventListener('mouseenter', this.fitDetails);
    this.unhovered();
  }

  /**
   * The tooltip hangs from the badge's end; a badge at the start of a phone's header would take it
   * past the window's left edge (WCAG 1.4.10), so it is moved back inside, 8 px from the edge.
   */
  private readonly fitDetails = async (): Promise<void> => {
    await this.updateComplete;
    const details = this.renderRoot.querySelector<HTMLElement>('[part~="details"]');
    if (!details) return;
    details.style.translate = '';
    const box = details.getBoundingClientRect();
    // not on show (dismissed, or the pointer already left)
    if (!box.width) return;
    const edge = 8;
    const room = document.documentElement.clientWidth;
    const shift = box.left < edge ? edge - box.left : box.right > room - edge ? room - edge - box.right : 0;
    if (shift) details.style.translate = `${Math.round(shift)}px`;
  };

  /**
   * A tooltip shown by hovering alone must close on Escape too (WCAG 1.4.13), though focus is
   * elsewhere on the page: the page's keys are listened to while the pointer is over the badge.
   */
  private readonly hovered = (): void => document.addEventListener('keydown', this.onKeydown);
  private readonly unhovered = (): void => document.removeEventListener('keydown', this.onKeydown);

  private readonly wantDates = (): void => {
    this.datesWanted = true;
  };

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const state = this.member.value;
    if (state.status !== 'ready') return;
    const { available, pending } = state.member.points;
    const previous = this.lastBalance;
    if (previous && previous.available === available && previous.pending === pending) return;
    this.lastBalance = { available, pending };
    // The first paint is not news; later changes are announced politely, by one badge of the page
    // (a badge the page hides, as a header's on a phone, has no voice: it leaves the news to a shown one;
    // a redemption's balance is told by the widget that made it).
    if (previous && previous.available !== available) {
      const speak = !announced.has(state) && !state.quiet && this.getClientRects().length > 0;
      if (speak) announced.add(state);
      // (a silent badge drops its last words too, so no stale balance is left to read)
      this.announcement = speak ? this.t('badge.announce', { count: available }) : '';
    }
    this.balanceChanged = true;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.remember();
    if (!this.balanceChanged || !this.lastBalance) return;
    this.balanceChanged = false;
    this.emit('fidelio-balance-change', { ...this.lastBalance });
  }

  /** Keeps what is shown for the next visit's early paint (see core/badge-snapshot). */
  private remember(): void {
    const state = this.member.value;
    const session = $session.get();
    const resolved = $resolvedConfig.get();
    if (state.status !== 'ready' || session.status !== 'identified' || !resolved.ok) return;
    const { available, pending } = state.member.points;
    this.early = null;
    writeBadgeSnapshot({ program: resolved.config.program, subject: session.subject, locale: $locale.get(), available, pending, text: this.t('badge.points', { count: available }) });
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') this.detailsDismissed = true;
  };

  private readonly resetDismissal = (): void => {
    this.detailsDismissed = false;
  };

  private onJoin(): void {
    this.join('badge');
  }

  private onBadgeClick(available: number): void {
    this.emit('fidelio-badge-click', { available });
  }

  private renderMember() {
    const state = this.member.value;
    if (state.status !== 'ready') return nothing;
    const { points } = state.member;
    const pending = points.nextPending;
    const expiry = points.nextExpiry;
    return html`
      ${this.memberButton(points.available, this.t('badge.points', { count: points.available }), 'details')}
      <div part="details" id="details" role="tooltip">
        ${this.datesWanted
          ? html`<p>${points.pending > 0 && pending ? this.t('badge.pending', { count: points.pending, date: new Date(pending.availableOn) }) : this.t('badge.noPending')}</p>
              <p>${expiry ? this.t('badge.expires', { count: expiry.points, date: new Date(expiry.expiresOn) }) : this.t('badge.noExpiry')}</p>`
          : nothing}
        ${state.error ? html`<p part="stale">${this.t('badge.stale')}</p>` : nothing}
      </div>
    `;
  }

  /**
   * The member's button. Its name says what the number is ("Rewards: 397 points", the visible words
   * in it); with a launcher on the page a press opens the member panel dialog, and it says so.
   */
  private memberButton(available: number, text: string, describedBy?: string) {
    return html`<button
      part="button"
      aria-label=${this.t('badge.button', { points: text })}
      aria-haspopup=${launchers.length || this.launcher.value ? 'dialog' : nothing}
      aria-describedby=${describedBy ?? nothing}
      @click=${() => this.onBadgeClick(available)}
    >
      <span part="icon" aria-hidden="true">★</span>
      <span part="points">${text}</span>
    </button>`;
  }

  /** The cached balance, in the member's button, until the member store has read it itself. */
  private renderEarly({ available, text }: BadgeSnapshot) {
    return this.memberButton(available, text);
  }

  private renderBody() {
    const state = this.member.value;
    switch (state.status) {
      case 'ready':
        return this.renderMember();
      case 'signed-out':
        return html`<button part="button join" title=${this.t('badge.joinHint')} @click=${this.onJoin}>${this.t('badge.join')}</button>`;
      case 'error':
        return html`<span part="message" role="status" title=${this.errorText(state.error)}>${this.errorText(state.error)}</span>`;
      default:
        return this.early ? this.renderEarly(this.early) : html`<span part="skeleton" role="status"><span class="sr-only">${this.t('badge.loading')}</span></span>`;
    }
  }

  override render() {
    return html`
      <div part="base" aria-label=${this.t('badge.label')} role="group">${this.renderBody()}</div>
      <span class="sr-only" aria-live="polite">${this.announcement}</span>
    `;
  }
}
