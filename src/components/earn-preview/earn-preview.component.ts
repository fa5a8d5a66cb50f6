import { css, html, nothing, type PropertyValues } from 'lit';
import { focusRing, footprint, hostBlock, linkButton, successColor } from '../base/shared-styles.js';
import { FidelioElement } from '../base/fidelio-element.js';
import { $merchantTexts, ownText } from '../../i18n/index.js';
import { $program, loadProgram } from '../../stores/program.js';
import { StoreController } from '../base/store-controller.js';
import { $appliedCode, $cart, $cartPreview, setCart } from '../../stores/cart.js';
import { $coupon } from '../../stores/coupon.js';
import { $session } from '../../stores/session.js';
import type { Cart, CartPreview } from '../../contract/types.js';
import '../../core/events.js';

/**
 * @tag fidelio-earn-preview
 * @summary "You'll earn 12 points with this order" under the cart, from the backend's cart preview
 * (tier multipliers and double-points promotions included), with the promotions behind the bonus and
 * the tier progress the order brings. A signed-out shopper sees what joining would earn them.
 *
 * @event fidelio-join - the shopper asked to join (cancelable: preventDefault() keeps the signup popup closed); detail: { source: 'earn-preview' }
 *
 * @csspart points - the main sentence
 * @csspart promotion - one line per promotion that adds points
 * @csspart tier - the tier progress the order brings
 * @csspart rate - the program's earn rate, under a member's cart that earns no points
 * @csspart join - the join button (signed out)
 *
 * @attr loading - `eager`: the drop-in fetches the code at once, not when the preview nears the viewport
 * @cssproperty --fidelio-earn-height - the room kept for the preview before its code arrives (default 7.5em)
 * @cssproperty --fidelio-accent - join link hue (mixed with the text colour, to read on light and dark pages)
 * @cssproperty --fidelio-link - join link colour, outright
 * @cssproperty --fidelio-success - colour of the points sentence
 * @cssproperty --fidelio-focus - focus ring colour
 * @cssproperty --fidelio-text - text colour (default: the page's)
 * @cssproperty --fidelio-font - font shorthand (default: the page's)
 */
export class FidelioEarnPreview extends FidelioElement {
  static override styles = [
    hostBlock,
    // room for the sentence and its details is kept while the preview loads: no shift under the cart
    footprint('fidelio-earn-preview'),
    linkButton,
    focusRing,
    css`
      p,
      ul {
        margin: 0;
      }
      ul {
        padding: 0;
        list-style: none;
        font-size: 0.92em;
      }
      [part~='points'] {
        font-weight: 700;
        color: ${successColor};
      }
      .note {
        font-size: 0.85em;
        opacity: 0.85;
      }
    `,
  ];

  static override properties = { cart: { attribute: false } };

  /** The host's cart (same as `Fidelio.setCart(cart)`). */
  cart?: Cart;

  private readonly preview = new StoreController(this, $cartPreview);
  private readonly session = new StoreController(this, $session);
  private readonly cartStore = new StoreController(this, $cart);

  private askedForNames = false;
  /** Set while the program's rules are read for the earn rate (see `earnRate`). */
  private programOff: (() => void) | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('cart') && this.cart !== undefined) setCart(this.cart);
    const state = this.preview.value;
    // A member's cart that earns nothing says at what rate points come: the program's rules are
    // followed for that case only (the first listener loads them, with the tier names' translations),
    // so a checkout whose cart earns points asks for nothing more.
    if (!this.programOff && state.status === 'ready' && state.preview.earn.points === 0 && this.isMember(state.preview) && this.hasItems()) {
      this.programOff = $program.listen(() => this.requestUpdate());
      this.askedForNames = true;
    }
    // The tier's name in the shopper's language comes with the program's answer, which the page
    // may not have read (no popup, panel or redeem widget on it): read it once, for its translations.
    if (state.status === 'ready' && state.preview.tier && !this.askedForNames && $merchantTexts.get() === null) {
      this.askedForNames = true;
      void loadProgram();
    }
  }

  private promotions(preview: CartPreview) {
    return (preview.earn.promotions ?? []).map(
      (p) => html`<li part="promotion">${p.multiplier === 2 ? this.t('earn.double', { count: p.quantity }) : this.t('earn.multiple', { count: p.quantity, multiplier: p.multiplier })}</li>`,
    );
  }

  private tier(preview: CartPreview) {
    const tier = preview.tier;
    if (!tier) return nothing;
    const name = ownText(tier.next.name);
    const missing = tier.next.threshold - tier.after;
    const currency = this.cartStore.value?.currency ?? 'USD';
    const text = tier.reaches
      ? this.t('earn.tierReach', { tier: name })
      : tier.basis === 'spend'
        ? this.t('earn.tierSpend', { tier: name, amount: { amount: missing, currency } })
        : this.t('earn.tierPoints', { tier: name, count: missing });
    return html`<li part="tier">${text}</li>`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.programOff?.();
    this.programOff = null;
  }

  /** Signed in, and answered as a member (a signed-out shopper's preview says what joining would earn). */
  private isMember(preview: CartPreview): boolean {
    return this.session.value.status === 'identified' && preview.earn.asMember !== false;
  }

  private hasItems(): boolean {
    return !!this.cartStore.value?.lines.some((line) => line.quantity > 0);
  }

  /** "Earn 1 point for every $10.00 you spend.", from the program's rules once read. */
  private earnRate() {
    const state = $program.get();
    if (state.status !== 'ready' || state.program.earn.points <= 0) return nothing;
    const { earn, currency } = state.program;
    return html`<li part="rate">${this.t('rules.earn', { count: earn.points, amount: { amount: earn.perMinor, currency } })}</li>`;
  }

  private joinButton(label: string) {
    return html`<button part="join" class="link" type="button" @click=${() => this.join('earn-preview')}>${label}</button>`;
  }

  override render() {
    const state = this.preview.value;
    // The points a code bought with points changes are news of that press, which its widget tells
    // in one sentence (see CouponState): shown here, not announced.
    const live = $appliedCode.get() && 'quiet' in $coupon.get() ? 'off' : 'polite';
    // "Counting your points…" is shown, never said: every change to the cart would speak it before
    // the new figure, which is said when it comes
    if (state.status === 'loading') return html`<p class="note" role="status" aria-live="off">${this.t('earn.loading')}</p>`;
    // Nothing to promise without a cart or an answer: the checkout stays as it was.
    if (state.status !== 'ready') return nothing;
    const { preview } = state;
    const { points, multiplier, pendingDays, joinPoints } = preview.earn;
    if (!this.isMember(preview)) {
      // An empty cart (or one that earns nothing) promises nothing: the offer is the joining bonus alone.
      if (!points) return joinPoints ? html`<p role="status">${this.joinButton(this.t('earn.joinFor', { count: joinPoints }))}</p>` : nothing;
      return html`<p role="status">
          ${this.joinButton(this.t('earn.join', { count: points }))}
        </p>
        <ul>
          ${this.promotions(preview)} ${joinPoints ? html`<li>${this.t('earn.joinBonus', { count: joinPoints })}</li>` : nothing}
        </ul>`;
    }
    // A member's empty cart: nothing to say about an order that is not there yet.
    if (!this.hasItems()) return nothing;
    return html`<p part="points" role="status" aria-live=${live}>${this.t('earn.points', { count: points })}</p>
      <ul>
        ${points ? nothing : this.earnRate()} ${this.promotions(preview)} ${multiplier && multiplier > 1 ? html`<li>${this.t('earn.bonus', { multiplier })}</li>` : nothing}
        ${this.tier(preview)}
        ${points ? html`<li class="note">${this.t('earn.pendingDays', { count: pendingDays })}</li>` : nothing}
      </ul>`;
  }
}
