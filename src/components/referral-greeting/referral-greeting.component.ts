import { css, html, nothing } from 'lit';
import { FidelioElement } from '../base/fidelio-element.js';
import { focusRing, forcedColorsButtons } from '../base/shared-styles.js';
import { StoreController } from '../base/store-controller.js';
import { $program } from '../../stores/program.js';
import { dismissGreeting, greetingCode } from '../../stores/referral.js';
import { $session } from '../../stores/session.js';
import { $referralCode, $signup } from '../../stores/signup.js';
import '../../core/events.js';

/**
 * @tag fidelio-referral-greeting
 * @summary A small card for a shopper who arrived through a friend's referral link: the friend's
 * offer in one sentence and a button that opens the signup popup. Dismissed once per code; never
 * shown to a member. It floats at the bottom of the window (no layout shift); a host may place it
 * in the flow with `fidelio-referral-greeting { position: static }`.
 *
 * @event fidelio-join - the shopper asked to join (cancelable: a popup is added to the page when none is there); detail: { source: 'referral' }
 *
 * @csspart base - the card
 * @csspart text - the offer sentence
 * @csspart join - the join button
 * @csspart close - the dismiss button
 *
 * @cssproperty --fidelio-accent - join button colour
 * @cssproperty --fidelio-on-accent - text on the join button
 * @cssproperty --fidelio-background - card background
 * @cssproperty --fidelio-text - text colour
 * @cssproperty --fidelio-focus - focus ring colour
 * @cssproperty --fidelio-font - font shorthand
 * @cssproperty --fidelio-radius-large - card corner radius
 * @cssproperty --fidelio-radius-small - button corner radius
 * @attr loading - `eager`: the drop-in fetches the code at once, not when the page is idle
 */
export class FidelioReferralGreeting extends FidelioElement {
  static override styles = [
    forcedColorsButtons,
    focusRing,
    css`
    :host {
      position: fixed;
      inset-block-end: 1rem;
      inset-inline-start: 1rem;
      z-index: 2147483000;
      max-inline-size: min(24rem, calc(100vw - 2rem));
      font: var(--fidelio-font, inherit);
      color: var(--fidelio-text, #1f2330);
    }
    [part~='base'] {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.6rem;
      align-items: start;
      padding: 0.9rem 1rem;
      border-radius: var(--fidelio-radius-large, 16px);
      background: var(--fidelio-background, #fff);
      box-shadow: 0 8px 28px rgb(20 20 40 / 22%);
    }
    p {
      margin: 0;
      font-weight: 600;
    }
    button {
      font: inherit;
      cursor: pointer;
    }
    [part~='join'] {
      grid-row: 2;
      grid-column: 1 / -1;
      justify-self: start;
      border: 0;
      border-radius: var(--fidelio-radius-small, 8px);
      padding: 0.45rem 0.9rem;
      font-weight: 700;
      background: var(--fidelio-accent, #3d2fd0);
      color: var(--fidelio-on-accent, #fff);
    }
    [part~='close'] {
      grid-row: 1;
      grid-column: 2;
      border: 0;
      background: transparent;
      color: inherit;
      font-size: 1.3em;
      line-height: 1;
      padding: 0.1rem 0.35rem;
      border-radius: 6px;
    }
  `,
  ];

  static override properties = { code: { state: true } };

  /** The referral code to greet for (none: nothing is shown). */
  private code: string | null = null;
  private readonly program = new StoreController(this, $program);
  private readonly session = new StoreController(this, $session);
  private readonly signup = new StoreController(this, $signup);

  private unlisten: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    const read = () =>
      void greetingCode().then(
        (code) => (this.code = code),
        () => (this.code = null),
      );
    read();
    // The drop-in may still be storing the code from the address when this appears.
    this.unlisten = $referralCode.listen(read);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unlisten?.();
  }

  private async dismiss(): Promise<void> {
    const code = this.code;
    this.code = null;
    if (code) await dismissGreeting(code).catch(() => undefined);
  }

  override render() {
    const program = this.program.value;
    const terms = program.status === 'ready' ? program.program.referral : undefined;
    if (!this.code || !terms || this.session.value.status === 'identified' || this.signup.value.status === 'success') return nothing;
    const min = terms.friendMinSpend;
    const text = min && min.amount > 0 ? this.t('greeting.textMin', { amount: terms.friendDiscount, minSpend: min }) : this.t('greeting.text', { amount: terms.friendDiscount });
    return html`<aside part="base" aria-label=${this.t('greeting.label')}>
      <p part="text">${text}</p>
      <button part="join" type="button" @click=${() => this.join('referral')}>${this.t('greeting.join')}</button>
      <button part="close" type="button" aria-label=${this.t('greeting.dismiss')} @click=${this.dismiss}>×</button>
    </aside>`;
  }
}
