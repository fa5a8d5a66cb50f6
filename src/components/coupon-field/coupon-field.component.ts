import { css, html, nothing, type PropertyValues } from 'lit';
import { FidelioElement } from '../base/fidelio-element.js';
import { StoreController } from '../base/store-controller.js';
import { dangerColor, focusRing, footprint, forcedColorsButtons, hostBlock, srOnly, successColor } from '../base/shared-styles.js';
import { FidelioError } from '../../core/errors.js';
import { refusalText } from '../base/coupon-refusal.js';
import type { Cart } from '../../contract/types.js';
import { $cart, setCart } from '../../stores/cart.js';
import { $session, type SessionState } from '../../stores/session.js';
import { $coupon, acceptCoupon, applyDetail, checkCoupon, clearCoupon, MAX_CODE_LENGTH, refusedCoupon, sameApply, type CouponState } from '../../stores/coupon.js';
import '../../core/events.js';

/** The line for a member's own code that came off for a plain reason. */
const BECAUSE = { 'signed-out': 'coupon.signedOut', switched: 'coupon.switchedOff', cancelled: 'coupon.cancelledOff' } as const;

/** Coupon states already told to the host (by whichever field saw them first). */
const told = new WeakSet<object>();

/**
 * @tag fidelio-coupon-field
 * @summary The checkout coupon field: Apply (or Enter) checks the code against the host's cart;
 * an accepted code shows its discount and a Remove button, a refused one says exactly why. Fidelio
 * never changes prices: the host applies the discount from the `fidelio-coupon-apply` event.
 *
 * @event fidelio-coupon-apply - cancelable; detail: { code, discount: Money, lines: [{ id, discount }], shippingDiscount?: Money }
 * @event fidelio-coupon-remove - detail: { code, reason } ('shopper' or the reason it stopped holding)
 * @event fidelio-join - a members-only code was refused and the shopper asked to join (cancelable: preventDefault() keeps the signup popup closed); detail: { source: 'coupon' }
 *
 * @csspart form - the form
 * @csspart input - the code input
 * @csspart apply - the Apply button
 * @csspart message - the accepted or refused message
 * @csspart remove - the Remove button
 * @csspart join - the join action shown with a members-only refusal
 *
 * @attr loading - `eager`: the drop-in fetches the code at once, not when the field nears the viewport
 * @cssproperty --fidelio-coupon-height - the room kept for the field before its code arrives (default 6.5em)
 * @cssproperty --fidelio-accent - button colour
 * @cssproperty --fidelio-on-accent - text on the button
 * @cssproperty --fidelio-danger - refusal colour
 * @cssproperty --fidelio-success - acceptance colour
 * @cssproperty --fidelio-border - input border
 * @cssproperty --fidelio-focus - focus ring colour
 * @cssproperty --fidelio-text - text colour (default: the page's)
 * @cssproperty --fidelio-font - font shorthand (default: the page's)
 * @cssproperty --fidelio-radius-small - input and button corner radius
 */
export class FidelioCouponField extends FidelioElement {
  static override styles = [
    srOnly,
    hostBlock,
    forcedColorsButtons,
    focusRing,
    footprint('fidelio-coupon-field'),
    css`
      label {
        display: block;
        font-weight: 600;
        margin-block-end: 0.3em;
      }
      .row {
        display: flex;
        gap: 0.5rem;
      }
      input {
        flex: 1;
        min-inline-size: 0;
        font: inherit;
        line-height: inherit;
        padding: 0.5em 0.65em;
        border: 1px solid var(--fidelio-border, #9a9fb0);
        border-radius: var(--fidelio-radius-small, 8px);
        text-transform: uppercase;
      }
      input[aria-invalid='true'] {
        border-color: var(--fidelio-danger, #b3261e);
      }
      button {
        font: inherit;
        cursor: pointer;
        border-radius: var(--fidelio-radius-small, 8px);
        line-height: inherit;
        padding: 0.5em 0.9em;
      }
      [part~='apply'] {
        border: 0;
        font-weight: 700;
        background: var(--fidelio-accent, #3d2fd0);
        color: var(--fidelio-on-accent, #fff);
      }
      [part~='remove'],
      [part~='join'] {
        border: 1px solid var(--fidelio-border, #9a9fb0);
        background: transparent;
        color: inherit;
        padding: 0.2rem 0.6rem;
      }
      /* (a gap, not a margin: a button wrapped under a long sentence starts where the sentence does) */
      .result {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.3rem 0.5rem;
        margin: 0.4em 0 0;
      }
      [part~='message'] {
        margin: 0;
        min-block-size: 1.25em;
        /* a 64-character code has no break of its own: it wraps rather than widen the page */
        overflow-wrap: anywhere;
      }
      .refused {
        color: ${dangerColor};
      }
      .accepted {
        color: ${successColor};
        font-weight: 600;
      }
    `,
  ];

  static override properties = { cart: { attribute: false } };

  /** The host's cart (same as `Fidelio.setCart(cart)`). */
  cart?: Cart;

  private readonly coupon = new StoreController(this, $coupon);
  private readonly cartStore = new StoreController(this, $cart);
  private previous: CouponState = $coupon.get();
  private readonly session = new StoreController(this, $session);
  private previousSession: SessionState = $session.get();
  /** The code the shopper just took off, said in the message line until something else is. */
  private tookOff: string | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('cart') && this.cart !== undefined) setCart(this.cart);
    const now = this.coupon.value;
    if (now.status !== 'idle') this.tookOff = null;
    // (each change of the code's state is told to the host once, by the first field that sees it:
    // a page with two fields, a drawer's and the checkout's, must not take a discount off twice)
    const news = now !== this.previous && !told.has(now);
    if (news) told.add(now);
    if (news && now.status === 'removed') this.emit('fidelio-coupon-remove', { code: now.code, reason: now.because === 'cancelled' ? 'cancelled' : now.error.code });
    // Still valid for the changed cart, but for another amount, split or shipping: the host applies
    // the new one, or vetoes it as it may any apply — the code then comes off (and the host is told,
    // as for any removal), since its checkout no longer takes it.
    const before = this.previous;
    if (news && now.status === 'applied' && before.status === 'applied' && now.validation.code === before.validation.code) {
      const is = applyDetail(now.validation);
      if (!sameApply(now.validation, before.validation) && !this.emit('fidelio-coupon-apply', is, { cancelable: true })) {
        queueMicrotask(() => $coupon.get() === now && $coupon.set({ status: 'removed', code: is.code, error: new FidelioError('coupon_declined', 'the host declined the code') }));
      }
    }
    this.previous = now;
    // "for members only", then the shopper joined or signed in: the code is tried again for them
    const session = this.session.value;
    if (session !== this.previousSession && session.status === 'identified' && now.status === 'rejected' && now.error.code === 'coupon_members_only') void this.apply(now.code);
    this.previousSession = session;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.apply(((event.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement).value);
  }

  private async apply(code: string): Promise<void> {
    const validation = await checkCoupon(code);
    if (!validation) return;
    const accepted = this.emit('fidelio-coupon-apply', applyDetail(validation), { cancelable: true });
    if (accepted) {
      const hadFocus = this.shadowRoot!.activeElement !== null;
      acceptCoupon(validation);
      // Focus goes to the result, not to Remove: a second Enter must not take the code off again.
      void this.refocus('[part~="message"]', hadFocus);
    } else {
      // the store's own checkout said no (its event handler vetoed): the shopper is told, not left guessing
      $coupon.set({ status: 'rejected', code: validation.code, error: new FidelioError('coupon_declined', 'the host declined the code') });
    }
  }

  private onRemove(code: string): void {
    const hadFocus = this.shadowRoot!.activeElement !== null;
    this.tookOff = code;
    clearCoupon();
    this.emit('fidelio-coupon-remove', { code, reason: 'shopper' });
    void this.refocus('input', hadFocus);
  }

  /** The refusal in the shopper's words, with its parameters (dates, amounts, items). */
  private reason(code: string, error: FidelioError): string {
    return refusalText(this.t.bind(this), this.localeController.value, this.cartStore.value, code, error);
  }

  /**
   * The result as a sentence and the button that goes with it (Remove, Join). The sentence is the
   * live region; the button sits beside it, not in it, so a screen reader reads the result alone.
   */
  private renderMessage(): [unknown, unknown?] {
    const state = this.coupon.value;
    switch (state.status) {
      case 'applied': {
        const { validation } = state;
        const amount = validation.discount;
        const cartLines = this.cartStore.value?.lines.length ?? 0;
        const covered = validation.lines.length;
        const text = validation.shippingDiscount
          ? this.t('coupon.appliedShipping', { code: validation.code })
          : covered && covered < cartLines
            ? this.t('coupon.appliedSome', { code: validation.code, amount, count: validation.lines.reduce((n, l) => n + (this.cartStore.value?.lines.find((c) => c.id === l.id)?.quantity ?? 1), 0) })
            : this.t('coupon.applied', { code: validation.code, amount });
        return [html`<span class="accepted">${text}</span>`, html`<button part="remove" type="button" @click=${() => this.onRemove(validation.code)}>${this.t('coupon.remove')}</button>`];
      }
      case 'rejected':
        return [
          html`<span class="refused">${this.reason(state.code, state.error)}</span>`,
          state.error.code === 'coupon_members_only' ? html`<button part="join" type="button" @click=${() => this.join('coupon')}>${this.t('coupon.join')}</button>` : nothing,
        ];
      case 'removed':
        // (signing out, another shopper signing in, or cancelling its reward took a member's own code
        // off: said plainly, not as a refusal)
        if (state.because) return [html`<span>${this.t(BECAUSE[state.because], { code: state.code })}</span>`];
        return [html`<span class="refused">${this.t('coupon.removed', { code: state.code, reason: this.reason(state.code, state.error) })}</span>`];
      case 'checking':
        return [html`<span>${this.t('coupon.checking')}</span>`];
      default:
        return [this.tookOff ? html`<span>${this.t('coupon.tookOff', { code: this.tookOff })}</span>` : nothing];
    }
  }

  /** The input gives way to the applied code and back: keyboard focus follows what replaced it. */
  private async refocus(selector: string, hadFocus: boolean): Promise<void> {
    if (!hadFocus) return;
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>(selector)?.focus();
  }

  override render() {
    const state = this.coupon.value;
    const busy = state.status === 'checking';
    const refused = !!refusedCoupon(state);
    // One code per order: while one is applied, the shopper removes it before typing another.
    const applied = state.status === 'applied';
    const [sentence, action = nothing] = this.renderMessage();
    // (a code the points widget put on: its press gets that widget's one sentence, this one is shown)
    return html`
      <form part="form" novalidate @submit=${this.onSubmit}>
        <label for=${applied ? nothing : 'code'}>${this.t('coupon.label')}</label>
        ${applied
          ? nothing
          : html`<div class="row">
              <input part="input" id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength=${MAX_CODE_LENGTH} aria-describedby="message" aria-invalid=${refused ? 'true' : 'false'} />
              <button part="apply" type="submit" aria-disabled=${busy ? 'true' : 'false'}>${this.t('coupon.apply')}</button>
            </div>`}
        <div class="result"><p part="message" id="message" role="status" aria-live=${'quiet' in state ? 'off' : 'polite'} tabindex="-1">${sentence}</p>${action}</div>
      </form>
    `;
  }
}
