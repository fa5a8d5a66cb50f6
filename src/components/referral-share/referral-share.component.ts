import { html, nothing, svg, type PropertyValues } from 'lit';
import { numberFormat } from '../../core/intl.js';
import { FidelioElement } from '../base/fidelio-element.js';
import { afterName } from '../base/code-text.js';
import { heading } from '../base/heading.js';
import { StoreController } from '../base/store-controller.js';
import type { ProgramSummary } from '../../contract/types.js';
import { ownText, type MessageKey, type Params } from '../../i18n/index.js';
import { $program } from '../../stores/program.js';
import { $referral, loadReferral, recordShare, type ReferralState } from '../../stores/referral.js';
import { styles } from './referral-share.styles.js';
import '../../core/events.js';

type QrState = { status: 'closed' } | { status: 'loading' } | { status: 'open'; modules: boolean[][] } | { status: 'error' };

/** Social networks whose share pages take the link in the address (https only, opened in a new tab). */
const NETWORKS = [
  { id: 'whatsapp', name: 'WhatsApp', href: (text: string, link: string) => `https://wa.me/?text=${encodeURIComponent(`${text} ${link}`)}` },
  { id: 'x', name: 'X', href: (text: string, link: string) => `https://x.com/intent/tweet?text=${encodeURIComponent(text)}&url=${encodeURIComponent(link)}` },
  { id: 'facebook', name: 'Facebook', href: (_text: string, link: string) => `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(link)}` },
] as const;

/**
 * @tag fidelio-referral-share
 * @summary "Refer a friend": the member's referral link and the offer in one sentence, shared with
 * the device's share sheet (Web Share API) where there is one and always by copy link, email,
 * WhatsApp, X and Facebook (and a WeChat QR code in Chinese); the member's invitations so far
 * (invited, joined, ordered, rewarded, pending). A signed-out shopper is invited to join first.
 *
 * @event fidelio-referral-share - the member shared their link; detail: { channel, link }
 * @event fidelio-join - a signed-out shopper asked to join (cancelable: a popup is added to the page when none is there); detail: { source: 'referral' }
 *
 * @csspart base - the outer box
 * @csspart title - the heading
 * @csspart offer - the offer sentence
 * @csspart cap - the monthly limit of rewarded friends
 * @csspart hint - the invitation to join (signed out)
 * @csspart join - the join button (signed out)
 * @csspart link - the read-only input holding the link
 * @csspart copy - the Copy link button
 * @csspart share - the button that opens the device's share sheet
 * @csspart channels - the list of share choices
 * @csspart channel - each share choice (each also has its own part: email, whatsapp, x, facebook, wechat)
 * @csspart qr - the QR code and its hint
 * @csspart qr-code - the QR code image
 * @csspart status - the polite announcement (copied, points earned)
 * @csspart stats - the invitation counts
 * @csspart next - when the next pending reward is due
 * @csspart error - the message when the link could not be loaded
 * @csspart retry - the Try again button
 * @csspart skeleton - the placeholder while loading
 *
 * @cssproperty --fidelio-accent - button colour
 * @cssproperty --fidelio-on-accent - text on the buttons
 * @cssproperty --fidelio-background - box background
 * @cssproperty --fidelio-surface - input and counter background
 * @cssproperty --fidelio-text - text colour
 * @cssproperty --fidelio-muted - secondary text colour
 * @cssproperty --fidelio-border - input and choice border
 * @cssproperty --fidelio-border-soft - box border
 * @cssproperty --fidelio-success - confirmation colour
 * @cssproperty --fidelio-danger - error colour
 * @cssproperty --fidelio-focus - focus ring colour
 * @cssproperty --fidelio-qr-size - QR code size (default 10rem)
 * @cssproperty --fidelio-font - font shorthand
 * @cssproperty --fidelio-referral-padding - the box's padding (default 1.25rem)
 * @cssproperty --fidelio-radius-large - box corner radius
 * @cssproperty --fidelio-radius-small - input and button corner radius
 * @cssproperty --fidelio-skeleton - the loading placeholder's colour
 * @attr loading - `eager`: the drop-in fetches the code at once, not when the widget nears the viewport
 */
export class FidelioReferralShare extends FidelioElement {
  static override styles = styles;

  static override properties = {
    message: { state: true },
    earned: { state: true },
    qr: { state: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
  };

  /** The level (1–6, default 2) of the widget's heading in the page's outline (attribute `heading-level`). */
  declare headingLevel?: number | null;

  /**
   * What the last action did (copied, shared, fallback), announced politely: its key, translated at
   * render, so the words follow a change of language.
   */
  private message: MessageKey | null = null;
  /** Points the last share earned, announced with it. */
  private earned = 0;
  private qr: QrState = { status: 'closed' };
  private focusAfterRetry = false;
  private readonly referral = new StoreController(this, $referral);
  private readonly program = new StoreController(this, $program);

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusAfterRetry && this.referral.value.status !== 'loading') {
      this.focusAfterRetry = false;
      this.renderRoot.querySelector<HTMLElement>('[part~="copy"], [part~="retry"]')?.focus();
    }
  }

  private get programSummary(): ProgramSummary | null {
    const state = this.program.value;
    return state.status === 'ready' ? state.program : null;
  }

  private announce(message: MessageKey): void {
    this.earned = 0;
    // Cleared first, so the same words said twice are announced twice.
    this.message = null;
    void this.updateComplete.then(() => (this.message = message));
  }

  /** Counts the share (capped "share" points) and tells the host; the points, if any, are announced. */
  private async shared(channel: string, link: string): Promise<void> {
    this.emit('fidelio-referral-share', { channel, link });
    // (the last share's points are not this one's)
    this.earned = 0;
    const result = await recordShare(link);
    await this.updateComplete;
    if (result && result.pointsAwarded > 0) this.earned = result.pointsAwarded;
  }

  private readonly onCopy = async (): Promise<void> => {
    const state = this.referral.value;
    if (state.status !== 'ready') return;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(state.link);
    } catch {
      // Denied or missing: select the link so the shopper copies it themselves (the copy is counted then).
      const input = this.renderRoot.querySelector<HTMLInputElement>('[part~="link"]');
      input?.focus();
      input?.select();
      this.announce('referral.copyFallback');
      return;
    }
    this.onCopied(state.link);
  };

  /** The shopper copied the link themselves (Ctrl+C, the context menu). */
  private onCopied(link: string): void {
    this.announce('referral.copied');
    void this.shared('copy', link);
  }

  private readonly onShare = async (): Promise<void> => {
    const state = this.referral.value;
    if (state.status !== 'ready') return;
    try {
      await navigator.share({ title: this.t('referral.title'), text: this.shareText(), url: state.link });
    } catch {
      // Closed without sharing, or refused: the other choices are right there.
      return;
    }
    this.announce('referral.shared');
    void this.shared('native', state.link);
  };

  private readonly onToggleQr = async (): Promise<void> => {
    const state = this.referral.value;
    if (state.status !== 'ready' || this.qr.status === 'loading') return;
    if (this.qr.status === 'open') {
      this.qr = { status: 'closed' };
      this.earned = 0;
      return;
    }
    this.qr = { status: 'loading' };
    try {
      // Only Chinese-speaking members who ask for it download the encoder.
      const { qrModules } = await import('./qr.js');
      this.qr = { status: 'open', modules: qrModules(state.link) };
      void this.shared('wechat', state.link);
    } catch {
      this.qr = { status: 'error' };
    }
  };

  private shareText(): string {
    const program = this.programSummary;
    return program?.referral ? this.t('referral.message', { program: ownText(program.name), amount: program.referral.friendDiscount }) : this.t('referral.title');
  }

  private renderOffer() {
    const terms = this.programSummary?.referral;
    if (!terms) return nothing;
    const params: Params = { amount: terms.friendDiscount, count: terms.referrerPoints };
    const min = terms.friendMinSpend;
    // (`referrerPoints` may be 0, a program whose referrals reward the friend only: no "get 0 points")
    const gives = terms.referrerPoints > 0;
    const offer = min && min.amount > 0 ? this.t(gives ? 'referral.offerMin' : 'referral.offerFriendMin', { ...params, minSpend: min }) : this.t(gives ? 'referral.offer' : 'referral.offerFriend', params);
    return html`<p part="offer">${offer}</p>`;
  }

  private renderQr() {
    const qr = this.qr;
    if (qr.status === 'closed' || qr.status === 'loading') return nothing;
    if (qr.status === 'error') return html`<p part="error" id="qr">${this.t('referral.qrError')}</p>`;
    // a quiet zone of four modules all round
    const size = qr.modules.length + 8;
    let d = '';
    qr.modules.forEach((row, y) => row.forEach((dark, x) => dark && (d += `M${x + 4} ${y + 4}h1v1h-1z`)));
    return html`<figure part="qr" id="qr">
      <svg part="qr-code" role="img" aria-label=${this.t('referral.qrLabel')} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
        ${svg`<rect width=${size} height=${size} fill="#fff"></rect><path d=${d} fill="#000"></path>`}
      </svg>
      <figcaption part="hint">${this.t('referral.qrHint')}</figcaption>
    </figure>`;
  }

  private renderChannels(link: string) {
    const text = this.shareText();
    const program = this.programSummary;
    const subject = program?.referral ? this.t('referral.emailSubject', { program: ownText(program.name), amount: program.referral.friendDiscount }) : this.t('referral.title');
    const mailto = `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(`${text}\n\n${link}`)}`;
    const chinese = this.localeController.value === 'zh-CN';
    return html`<ul part="channels" aria-label=${this.t('referral.shareBy')}>
        <li><a part="channel email" href=${mailto} @click=${() => this.shared('email', link)}>${this.t('referral.email')}</a></li>
        ${NETWORKS.map(
          (network) => html`<li>
            <a part="channel ${network.id}" href=${network.href(text, link)} target="_blank" rel="noopener noreferrer" @click=${() => this.shared(network.id, link)}
              >${afterName(this.t('referral.newTab', { name: network.name }), network.name, (rest) => html`<span class="sr-only">${rest}</span>`)}</a
            >
          </li>`,
        )}
        ${chinese
          ? html`<li>
              <button part="channel wechat" type="button" aria-expanded=${this.qr.status === 'open' ? 'true' : 'false'} aria-controls="qr" aria-busy=${this.qr.status === 'loading' ? 'true' : 'false'} @click=${this.onToggleQr}>
                ${this.t('referral.qr')}
              </button>
            </li>`
          : nothing}
      </ul>
      ${chinese ? this.renderQr() : nothing}`;
  }

  private renderStats(state: Extract<ReferralState, { status: 'ready' }>) {
    const { stats } = state.referral;
    const number = numberFormat(this.localeController.value);
    const rows = [
      ['referral.invited', stats.invited],
      ['referral.joined', stats.joined],
      ['referral.ordered', stats.ordered],
      ['referral.rewarded', stats.rewarded],
      ['referral.pending', stats.pending],
    ] as const;
    const next = stats.pending > 0 && stats.nextRewardOn ? new Date(stats.nextRewardOn) : null;
    return html`<dl part="stats" aria-label=${this.t('referral.stats')}>
        ${rows.map(([key, value]) => html`<div><dt>${this.t(key)}</dt><dd>${number.format(value)}</dd></div>`)}
      </dl>
      ${next && !Number.isNaN(next.getTime()) ? html`<p part="next">${this.t('referral.nextReward', { date: next })}</p>` : nothing}`;
  }

  private renderReady(state: Extract<ReferralState, { status: 'ready' }>) {
    const cap = this.programSummary?.referral?.monthlyCap;
    // Two live regions in one line: the points, which come with the server's answer, are said on their
    // own (one region was read whole again: "Link copied." then "Link copied. You earned…").
    const said = this.message ? this.t(this.message) : '';
    const earned = this.earned > 0 ? this.t('referral.earned', { count: this.earned }) : '';
    // (Chinese sentences end in a full-width 。 that needs no space after it)
    const gap = said && earned && this.localeController.value !== 'zh-CN' ? ' ' : '';
    return html`
      ${this.renderOffer()}
      <div>
        <label for="link">${this.t('referral.linkLabel')}</label>
        <div class="row">
          <input part="link" id="link" readonly .value=${state.link} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} @copy=${() => this.onCopied(state.link)} />
          <button part="copy" type="button" @click=${this.onCopy}>${this.t('referral.copy')}</button>
          ${typeof navigator.share === 'function' ? html`<button part="share" type="button" @click=${this.onShare}>${this.t('referral.share')}</button>` : nothing}
        </div>
      </div>
      ${this.renderChannels(state.link)}
      <p part="status"><span role="status">${said}</span>${gap}<span role="status">${earned}</span></p>
      ${this.renderStats(state)}
      ${cap ? html`<p part="cap">${this.t('referral.cap', { count: cap })}</p>` : nothing}
    `;
  }

  private renderBody() {
    const state = this.referral.value;
    switch (state.status) {
      case 'signed-out':
        return html`${this.renderOffer()}
          <p part="hint">${this.t('referral.signedOut')}</p>
          <div><button part="join" type="button" @click=${() => this.join('referral')}>${this.t('referral.join')}</button></div>`;
      case 'error':
        return html`<p part="error" role="alert">${this.errorText(state.error)}</p>
          <div>
            <button
              part="retry"
              type="button"
              @click=${() => {
                this.focusAfterRetry = true;
                void loadReferral();
              }}
            >
              ${this.t('referral.retry')}
            </button>
          </div>`;
      case 'ready':
        return this.renderReady(state);
      default:
        return html`<p role="status">${this.t('referral.loading')}</p>
          <div part="skeleton"></div>`;
    }
  }

  override render() {
    return html`<section part="base" aria-labelledby="title">
      ${heading(this.outlineLevel(this.headingLevel, 2), this.t('referral.title'), { id: 'title', part: 'title' })}
      ${this.renderBody()}
    </section>`;
  }
}
