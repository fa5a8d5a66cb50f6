import { css, html, nothing, type PropertyValues } from 'lit';
import { numberFormat } from '../../core/intl.js';
import { shareOf } from '../../core/money.js';
import { FidelioElement } from '../base/fidelio-element.js';
import { heading } from '../base/heading.js';
import { StoreController } from '../base/store-controller.js';
import { dangerColor, focusRing, forcedColorsButtons, hostBlock, srOnly, successColor } from '../base/shared-styles.js';
import { rewardLabel } from '../base/reward-label.js';
import { codeStyle, withCode } from '../base/code-text.js';
import { intParam, minSpendText } from '../base/refusal-params.js';
import { refusalText } from '../base/coupon-refusal.js';
import { toFidelioError, type FidelioError } from '../../core/errors.js';
import type { Cart, Member, Redemption, Reward } from '../../contract/types.js';
import { $appliedCode, $cart, setCart } from '../../stores/cart.js';
import { $coupon, acceptCoupon, applyDetail, checkCoupon, clearCoupon, refusedCoupon } from '../../stores/coupon.js';
import { $member } from '../../stores/member.js';
import { $program } from '../../stores/program.js';
import { $redeem, cancelRedeem, confirmRedeem, forgetRedeem, redeemReward, resetRedeem, restoreRedeem, unanswered } from '../../stores/redeem.js';
import { $backend, subjectOf } from '../../stores/runtime.js';
import { $session } from '../../stores/session.js';
import '../../core/events.js';

/** What a reward costs and gives for this balance and cart (pay-with-points in whole steps). */
export function rewardQuote(reward: Reward, available: number, cart: Cart | null): { affordable: boolean; short: number; maxSteps: number; minSpendMissing: number } {
  if (reward.kind === 'pay_with_points') {
    const step = reward.stepValue?.amount ?? 0;
    const byOrder = cart && step > 0 ? Math.floor(shareOf(cart.subtotal, reward.maxShare ?? 0) / step) : 0;
    const byPoints = Math.floor(available / reward.points);
    const maxSteps = Math.min(byOrder, byPoints);
    return { affordable: maxSteps > 0, short: byPoints > 0 ? 0 : reward.points - available, maxSteps, minSpendMissing: 0 };
  }
  const minSpendMissing = reward.minSpend && cart ? Math.max(0, reward.minSpend.amount - cart.subtotal) : 0;
  const short = Math.max(0, reward.points - available);
  return { affordable: short === 0 && minSpendMissing === 0, short, maxSteps: 0, minSpendMissing };
}

/**
 * @tag fidelio-points-redeem
 * @summary Points at checkout, beside the coupon field: the member's spendable balance (pending
 * points shown with the date they become spendable), the rewards they can afford now and how far
 * they are from the others, and pay-with-points in steps up to the program's share of the order.
 * Using points buys a single-use coupon (idempotent: a retry never debits twice) that is applied
 * like a typed code; "Give my points back" cancels it before the order.
 *
 * @event fidelio-redeem - points were spent; detail: { rewardId, points, code, discount, freeShipping?, redemptionId }
 * @event fidelio-coupon-apply - cancelable; the coupon the points bought, as from the coupon field
 * @event fidelio-coupon-remove - detail: { code, reason }: 'cancelled' (the points were given back) or 'replaced' (the bought code took the place of a typed one)
 * @event fidelio-redeem-cancel - detail: { redemptionId, points, code }
 * @event fidelio-join - a signed-out shopper asked to join (cancelable: preventDefault() keeps the signup popup closed); detail: { source: 'redeem' }
 *
 * @csspart balance - the spendable balance
 * @csspart pending - the pending points and their date
 * @csspart reward - one reward row
 * @csspart use - a Use button
 * @csspart steps - the pay-with-points slider
 * @csspart message - the result or error line
 * @csspart cancel - the "Give my points back" button
 * @csspart off-order - says the bought code was taken off the order (the points are still spent)
 * @csspart reapply - puts that code back on the order
 * @csspart join - the join button (signed out)
 * @csspart cancel-error - why giving the points back failed
 *
 * @cssproperty --fidelio-accent - button colour
 * @cssproperty --fidelio-on-accent - text on the button
 * @cssproperty --fidelio-danger - error colour
 * @cssproperty --fidelio-success - success colour
 * @cssproperty --fidelio-border - borders
 * @cssproperty --fidelio-focus - focus ring colour
 * @cssproperty --fidelio-text - text colour (default: the page's)
 * @cssproperty --fidelio-font - font shorthand (default: the page's)
 * @cssproperty --fidelio-radius-small - button corner radius
 * @attr loading - `eager`: the drop-in fetches the code at once, not when the widget nears the viewport
 */
export class FidelioPointsRedeem extends FidelioElement {
  static override styles = [
    srOnly,
    hostBlock,
    forcedColorsButtons,
    focusRing,
    codeStyle,
    css`
      #title {
        font-size: 1em;
        margin: 0 0 0.3rem;
      }
      p {
        margin: 0.2rem 0;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0.4rem 0;
        display: grid;
        gap: 0.4rem;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem 0.75rem;
        justify-content: space-between;
      }
      .cost,
      [part~='pending'],
      .short {
        font-size: 0.9em;
        opacity: 0.85;
      }
      button {
        font: inherit;
        cursor: pointer;
        border-radius: var(--fidelio-radius-small, 8px);
        padding: 0.3rem 0.8rem;
        border: 1px solid var(--fidelio-border, #9a9fb0);
        background: transparent;
        color: inherit;
      }
      [part~='use'] {
        /* at the row's end, also when a long reward name pushed it onto a line of its own */
        margin-inline-start: auto;
        border: 0;
        font-weight: 700;
        background: var(--fidelio-accent, #3d2fd0);
        color: var(--fidelio-on-accent, #fff);
      }
      button[aria-disabled='true'] {
        opacity: 0.55;
        cursor: not-allowed;
      }
      input[type='range'] {
        inline-size: 100%;
        margin: 0;
        accent-color: var(--fidelio-accent, #3d2fd0);
      }
      .steps {
        display: grid;
        gap: 0.2rem;
        inline-size: 100%;
      }
      .ok {
        color: ${successColor};
        font-weight: 600;
      }
      .bad {
        color: ${dangerColor};
      }
    `,
  ];

  static override properties = { cart: { attribute: false }, steps: { state: true }, notice: { state: true }, cancelError: { state: true }, applying: { state: true }, sayOutcome: { state: true }, headingLevel: { type: Number, attribute: 'heading-level' } };

  /** The level (1–6, default 2) of the widget's heading in the page's outline (attribute `heading-level`). */
  declare headingLevel?: number | null;

  /** The host's cart (same as `Fidelio.setCart(cart)`). */
  cart?: Cart;
  /** Pay-with-points steps chosen on the slider (null: the most allowed). */
  private steps: number | null = null;
  /**
   * A line after giving points back. Not repeated in the status region: the Give back button it
   * replaces is gone, so focus moves to it and a screen reader reads it once.
   */
  private notice: { text: string; good: boolean } | null = null;
  /** Why giving the points back failed (the button stays, with focus): shown and announced. */
  private cancelError: FidelioError | null = null;

  private readonly session = new StoreController(this, $session);
  private readonly member = new StoreController(this, $member);
  private readonly program = new StoreController(this, $program);
  private readonly cartStore = new StoreController(this, $cart);
  private readonly redeem = new StoreController(this, $redeem);
  /** The code on the order (the coupon field's): whether the bought one still is. */
  private readonly appliedCode = new StoreController(this, $appliedCode);

  /** Whether this tab's kept redemption was looked for (once a member and a cart are known). */
  private resumed = false;
  /** The member the widget last showed. */
  private subject: string | null = null;
  /** The bought code is being put on the order. */
  private applying = false;
  /**
   * What the status region says a press of Use or Apply it again came to, the one sentence that
   * press gets (the coupon field and the badges show theirs without a word): 'on', its code is on
   * the order and no message took focus (a pointer's press, or a screen reader's that moved no
   * focus); 'off', the host's checkout vetoed the code (a refusal is said with its reason, whoever
   * caused it). Not a code the shopper took off in the coupon field, which says so itself.
   */
  private sayOutcome: 'on' | 'off' | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('cart') && this.cart !== undefined) setCart(this.cart);
    // a redemption is its member's: signed out (or another member signed in), the widget forgets it
    const subject = subjectOf(this.session.value);
    if (this.subject && subject !== this.subject && $redeem.get().status !== 'idle') resetRedeem();
    this.subject = subject;
    if (!this.resumed && subject && this.cartStore.value) {
      this.resumed = true;
      const kept = restoreRedeem();
      if (kept) void this.resume(kept);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The bought code, checked again (the cart changed after the order was placed), was used up by
    // that order: the reward is spent and done, not "off the order" with a give-back that cannot work.
    const coupon = $coupon.get();
    const redeem = this.redeem.value;
    if (coupon.status === 'removed' && coupon.error.code === 'coupon_usage_limit' && redeem.status === 'redeemed' && redeem.redemption.coupon.code === coupon.code) {
      forgetRedeem();
      clearCoupon();
    }
  }

  /**
   * A reloaded checkout: the coupon this tab's points bought goes back on the order (the host gets
   * its fidelio-coupon-apply again) while it still holds; one an order used, or cancelled since, is
   * forgotten. A failure to check leaves it on show with "Apply it again".
   */
  private async resume(redemption: Redemption): Promise<void> {
    const backend = $backend.get();
    const cart = $cart.get();
    if (!backend || !cart || $appliedCode.get() === redemption.coupon.code) return;
    try {
      const validation = await backend.validateCoupon(redemption.coupon.code, cart);
      if ($coupon.get().status === 'idle' && this.emit('fidelio-coupon-apply', applyDetail(validation), { cancelable: true })) acceptCoupon(validation);
    } catch (caught) {
      if (toFidelioError(caught).code.startsWith('coupon_')) forgetRedeem();
    }
  }

  private async use(reward: Reward, steps?: number): Promise<void> {
    this.notice = null;
    this.cancelError = null;
    // (from the press: the redeemed state renders before the code is on its way, and is not "off the order")
    this.applying = true;
    let redemption = await redeemReward(reward.id, { cart: this.cartStore.value, ...(steps ? { steps } : {}) });
    this.applying = false;
    // No answer (a timeout, a server failure): the member's redemptions tell, a little later, whether
    // the points were spent after all; if so, the press goes on as if the answer had come.
    redemption ??= await confirmRedeem();
    if (!redemption) return;
    const { coupon } = redemption;
    this.emit('fidelio-redeem', { rewardId: reward.id, points: redemption.points, code: coupon.code, discount: coupon.discount, ...(coupon.freeShipping ? { freeShipping: true } : {}), redemptionId: redemption.id });
    await this.applyCoupon(coupon.code);
  }

  /**
   * The coupon the points bought onto the order, through the same check as a typed code (the host
   * gets per-line discounts). Quietly: a press of Use or Apply it again says the outcome itself (the
   * coupon field shows its checking, acceptance or refusal without a word).
   */
  private async applyCoupon(code: string): Promise<void> {
    const previous = $coupon.get();
    if (previous.status === 'applied' && previous.validation.code !== code) this.emit('fidelio-coupon-remove', { code: previous.validation.code, reason: 'replaced' });
    // (meanwhile the code is on its way, not "off the order")
    this.applying = true;
    this.sayOutcome = null;
    try {
      clearCoupon();
      const validation = await checkCoupon(code, true);
      if (validation && this.emit('fidelio-coupon-apply', applyDetail(validation), { cancelable: true })) acceptCoupon(validation, true);
      else if (validation) clearCoupon();
    } finally {
      this.applying = false;
    }
    // the message read on focus (the pressed button went from under the keyboard's focus) is not said again
    if ($appliedCode.get() === code) this.sayOutcome = this.renderRoot.querySelector('[part~="message"]:focus') ? null : 'on';
    else if ($coupon.get().status === 'idle') this.sayOutcome = 'off';
  }

  /** A pressed Use or Give back gone: the message that replaced it. */
  protected override focusAfterRemoval() {
    return this.renderRoot.querySelector<HTMLElement>('[part~="message"]');
  }

  private async giveBack(redemption: Redemption): Promise<void> {
    this.cancelError = null;
    this.sayOutcome = null;
    try {
      if (!(await cancelRedeem(redemption))) return;
    } catch (caught) {
      const error = toFidelioError(caught);
      // an order used the code meanwhile: the reward is spent, nothing to give back
      if (error.code === 'conflict') {
        forgetRedeem();
        if ($appliedCode.get() === redemption.coupon.code) clearCoupon();
        // (not good news: a give-back the order made impossible, not in the success colour)
        this.notice = { text: this.t('redeem.usedUp', { code: redemption.coupon.code }), good: false };
        return;
      }
      // $redeem keeps the redemption and its code: the shopper is told why, and that the code still works
      this.cancelError = error;
      return;
    }
    if ($appliedCode.get() === redemption.coupon.code) {
      clearCoupon();
      this.emit('fidelio-coupon-remove', { code: redemption.coupon.code, reason: 'cancelled' });
    }
    this.emit('fidelio-redeem-cancel', { redemptionId: redemption.id, points: redemption.points, code: redemption.coupon.code });
    this.notice = { text: this.t('redeem.cancelled', { count: redemption.points }), good: true };
  }

  private errorLine(error: FidelioError): string {
    const { params } = error;
    if (error.code === 'insufficient_points') {
      const [required, available] = [intParam(params.required), intParam(params.available)];
      return required !== null && available !== null ? this.t('redeem.error.insufficient_points', { required, available }) : this.t('redeem.error.insufficientPlain');
    }
    if (error.code === 'coupon_min_spend') return minSpendText(this.t.bind(this), params);
    // (a timeout or a server error leaves it unknown whether the server did it: not "no points were spent")
    const after = error.params.queued ? 'error.queued' : unanswered(error) ? 'redeem.unsure' : 'redeem.failed';
    return `${this.errorText(error)} ${this.t(after)}`;
  }

  private renderReward(reward: Reward, member: Member, busy: boolean) {
    const cart = this.cartStore.value;
    const quote = rewardQuote(reward, member.points.available, cart);
    const disabled = busy || !quote.affordable;
    const label = rewardLabel(this.t.bind(this), reward);
    if (reward.kind === 'pay_with_points') {
      const step = reward.stepValue ?? { amount: 0, currency: member.currency };
      const steps = Math.min(this.steps ?? quote.maxSteps, quote.maxSteps);
      const chosen = steps * reward.points;
      const percent = numberFormat(this.localeController.value, { style: 'percent' }).format(reward.maxShare ?? 0);
      if (!quote.affordable) {
        return html`<li part="reward">
          <span>${label}</span>
          <span class="short">${quote.short ? this.t('redeem.stepsNone', { count: reward.points, amount: step }) : this.t('redeem.stepsMax', { percent })}</span>
        </li>`;
      }
      // (.ring draws the white band of the slider's focus ring, which WebKit paints on no native slider: focusRing)
      return html`<li part="reward">
        <div class="steps">
          <label for="steps">${label} · ${this.t('redeem.steps')}</label>
          <span class="ring"><input
            part="steps"
            id="steps"
            type="range"
            min="1"
            max=${quote.maxSteps}
            step="1"
            .value=${String(steps)}
            aria-valuetext=${this.t('redeem.stepsValue', { count: chosen, amount: { amount: steps * step.amount, currency: step.currency } })}
            @input=${(e: Event) => (this.steps = Number((e.target as HTMLInputElement).value))}
          /></span>
          <span>${this.t('redeem.stepsValue', { count: chosen, amount: { amount: steps * step.amount, currency: step.currency } })} · ${this.t('redeem.stepsMax', { percent })}</span>
        </div>
        <button part="use" type="button" aria-disabled=${disabled ? 'true' : 'false'} aria-label=${this.t('redeem.useReward', { count: chosen, reward: label })} @click=${() => !disabled && this.use(reward, steps)}>${this.t('redeem.use')}</button>
      </li>`;
    }
    return html`<li part="reward">
      <span>${label} <span class="cost">· ${this.t('redeem.cost', { count: reward.points })}</span></span>
      ${quote.short
        ? html`<span class="short">${this.t('redeem.short', { count: quote.short })}</span>`
        : quote.minSpendMissing
          ? html`<span class="short">${this.t('coupon.error.coupon_min_spend', { missing: { amount: quote.minSpendMissing, currency: member.currency }, minSpend: reward.minSpend ?? null })}</span>`
          : html`<button part="use" type="button" aria-disabled=${disabled ? 'true' : 'false'} aria-label=${this.t('redeem.useReward', { count: reward.points, reward: label })} @click=${() => !disabled && this.use(reward)}>
              ${this.t('redeem.use')}
            </button>`}
    </li>`;
  }

  private cancelErrorText(code: string): string {
    return `${this.errorText(this.cancelError!)} ${this.t('redeem.stillSpent', { code })}`;
  }

  /**
   * What the status region says: the outcome of a press that moved no focus (a failed Use stays
   * where it was), or what changed away from the shopper's focus. Nothing while a press is under way
   * (the section is busy): the press gets one sentence, its result.
   */
  private statusLine(): string {
    const redeem = this.redeem.value;
    if (redeem.status === 'failed') return this.errorLine(redeem.error);
    if (redeem.status !== 'redeemed') return '';
    const { redemption } = redeem;
    if (this.cancelError) return this.cancelErrorText(redemption.coupon.code);
    const offOrder = this.offOrderCode();
    if (!offOrder) return this.sayOutcome === 'on' ? this.appliedText(redemption) : '';
    // the order refused it (the coupon field shows why without a word): the sentence says why too
    const refused = refusedCoupon($coupon.get());
    if (refused?.code === offOrder) return this.t('redeem.refused', { code: offOrder, reason: refusalText(this.t.bind(this), this.localeController.value, this.cartStore.value, offOrder, refused.error) });
    // (taken off in the coupon field, which says so: shown here, not said twice)
    return this.sayOutcome === 'off' ? this.t('redeem.notApplied', { code: offOrder }) : '';
  }

  /** "100 points used: $10.00 off with code R-…." */
  private appliedText({ points, coupon }: Redemption): string {
    return this.t(coupon.freeShipping ? 'redeem.appliedShipping' : 'redeem.applied', { count: points, amount: coupon.discount, code: coupon.code });
  }

  /** The bought code when the coupon field took it off the order (its points still spent), else null. */
  private offOrderCode(): string | null {
    const redeem = this.redeem.value;
    if (redeem.status !== 'redeemed' || this.applying) return null;
    const { code } = redeem.redemption.coupon;
    return this.appliedCode.value === code ? null : code;
  }

  private renderMember(member: Member) {
    const redeem = this.redeem.value;
    const program = this.program.value;
    const { available, pending, nextPending } = member.points;
    const busy = redeem.status === 'redeeming' || redeem.status === 'cancelling';
    const rewards = program.status === 'ready' ? (program.program.rewards ?? []) : [];
    let body;
    if (redeem.status === 'redeemed' || redeem.status === 'cancelling') {
      const { redemption } = redeem;
      const { coupon } = redemption;
      // the shopper took the code off in the coupon field (or another code replaced it): the points are still spent
      const onOrder = this.appliedCode.value === coupon.code;
      const offOrder = this.offOrderCode() !== null;
      // (in the success colour only while the code is on the order)
      body = html`<p part="message" class=${onOrder ? 'ok' : ''} tabindex="-1">${withCode(this.appliedText(redemption), coupon.code)}</p>
        ${!offOrder
          ? nothing
          : html`<p part="off-order">${withCode(this.t('redeem.notApplied', { code: coupon.code }), coupon.code)}</p>
              <button part="reapply" type="button" @click=${() => this.applyCoupon(coupon.code)}>${this.t('redeem.reapply')}</button>`}
        ${this.cancelError ? html`<p part="cancel-error" class="bad">${withCode(this.cancelErrorText(coupon.code), coupon.code)}</p>` : nothing}
        <button part="cancel" type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => !busy && this.giveBack(redemption)}>${this.t('redeem.cancel')}</button>`;
    } else {
      body = html`<ul>
          ${rewards.map((r) => this.renderReward(r, member, busy))}
        </ul>
        ${redeem.status === 'failed' ? html`<p part="message" class="bad" tabindex="-1">${this.errorLine(redeem.error)}</p>` : nothing}
        ${this.notice ? html`<p part="message" class=${this.notice.good ? 'ok' : ''} tabindex="-1">${this.notice.text}</p>` : nothing}`;
    }
    return html`<p part="balance">${this.t('redeem.balance', { count: available })}</p>
      ${pending && nextPending ? html`<p part="pending">${this.t('redeem.pending', { count: pending, date: new Date(nextPending.availableOn) })}</p>` : nothing} ${body}`;
  }

  override render() {
    const state = this.member.value;
    let body;
    if (this.session.value.status !== 'identified' || state.status === 'signed-out') {
      body = html`<p>${this.t('redeem.signedOut')}</p>
        <button part="join" type="button" @click=${() => this.join('redeem')}>${this.t('redeem.join')}</button>`;
    } else if (state.status === 'ready') {
      body = this.renderMember(state.member);
    } else if (state.status === 'error') {
      body = html`<p part="message" class="bad">${this.errorText(state.error)}</p>`;
    } else {
      body = html`<p>${this.t('badge.loading')}</p>`;
    }
    const busy = this.redeem.value.status === 'redeeming';
    return html`<section aria-labelledby="title" aria-busy=${busy ? 'true' : 'false'}>
      ${heading(this.outlineLevel(this.headingLevel, 2), this.t('redeem.title'), { id: 'title' })}
      ${body}
      <p class="sr-only" role="status" aria-live="polite">${this.statusLine()}</p>
    </section>`;
  }
}
