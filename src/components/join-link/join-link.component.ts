import { css, html, nothing } from 'lit';
import { focusRing, footprint, linkButton } from '../base/shared-styles.js';
import { FidelioElement } from '../base/fidelio-element.js';
import { StoreController } from '../base/store-controller.js';
import { $cartPreview, setCart } from '../../stores/cart.js';
import { $session } from '../../stores/session.js';
import type { Cart } from '../../contract/types.js';
import '../../core/events.js';

/**
 * @tag fidelio-join-link
 * @summary The checkout reminder: "Join and earn 12 points on this order" for a signed-out shopper
 * (it opens the signup popup), "You will earn 12 points with this order." for a member. The points
 * come from the backend's cart preview of the host's cart.
 *
 * @event fidelio-join - the shopper asked to join (cancelable: preventDefault() keeps the signup popup closed); detail: { source: 'checkout' }
 *
 * @csspart link - the call to action (signed out)
 * @csspart earn - the sentence shown to a member
 *
 * @cssproperty --fidelio-accent - link hue (mixed with the text colour, to read on light and dark pages)
 * @cssproperty --fidelio-link - link colour, outright
 * @cssproperty --fidelio-focus - focus ring colour
 * @cssproperty --fidelio-font - font shorthand (default: the page's)
 * @attr loading - `eager`: the drop-in fetches the code at once, not when the link nears the viewport
 */
export class FidelioJoinLink extends FidelioElement {
  static override styles = [
    footprint('fidelio-join-link'),
    linkButton,
    focusRing,
    css`
      .link {
        font-weight: 600;
      }
      p {
        margin: 0;
      }
    `,
  ];

  static override properties = { cart: { attribute: false } };

  /** The host's cart (same as `Fidelio.setCart(cart)`). */
  cart?: Cart;

  private readonly preview = new StoreController(this, $cartPreview);
  private readonly session = new StoreController(this, $session);

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('cart') && this.cart !== undefined) setCart(this.cart);
  }

  override render() {
    const state = this.preview.value;
    const points = state.status === 'ready' ? state.preview.earn.points : null;
    if (this.session.value.status === 'identified') {
      return points ? html`<p part="earn" role="status">${this.t('join.earn', { count: points })}</p>` : nothing;
    }
    return html`<button part="link" class="link" type="button" @click=${() => this.join('checkout')}>
      ${points ? this.t('join.cta', { count: points }) : this.t('join.ctaPlain')}
    </button>`;
  }
}
