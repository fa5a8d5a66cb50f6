import { css, html } from 'lit';
import { FidelioElement } from '../base/fidelio-element.js';
import { focusRing } from '../base/shared-styles.js';
import { FidelioError, toFidelioError } from '../../core/errors.js';
import type { UnsubscribeFrom } from '../../contract/types.js';
import { $backend } from '../../stores/runtime.js';

type State = { status: 'working' } | { status: 'done'; email: string; already: boolean } | { status: 'invalid' } | { status: 'error'; error: FidelioError };

/**
 * @tag fidelio-unsubscribe-notice
 * @summary The confirmation shown when a page opens from an email's unsubscribe link
 * (`?fidelio-unsubscribe=TOKEN`, with `&fidelio-unsubscribe-from=statement` in the program's account
 * emails): no sign-in needed. It unsubscribes once from what the link names (the newsletter, or the
 * monthly statement and expiry reminders), says so (or that the address had already left, or that
 * the link is not valid), and closes with its button. Fixed at the top of the window, so the page
 * does not move.
 *
 * @csspart base - the notice box
 * @csspart close - the close button
 * @csspart retry - the retry button after a network failure
 *
 * @cssproperty --fidelio-background - background
 * @cssproperty --fidelio-text - text colour
 * @cssproperty --fidelio-border - border colour
 * @cssproperty --fidelio-focus - focus ring colour
 * @cssproperty --fidelio-font - font shorthand
 * @cssproperty --fidelio-radius - notice corner radius
 * @cssproperty --fidelio-radius-small - button corner radius
 * @cssproperty --fidelio-z - stacking order of the notice
 */
export class FidelioUnsubscribeNotice extends FidelioElement {
  static override styles = [
    focusRing,
    css`
    :host {
      position: fixed;
      z-index: var(--fidelio-z, 2147483000);
      inset-inline: 1rem;
      /* At the top: the bottom corners are where floating buttons (the launcher, chats) live. */
      inset-block-start: 1rem;
      display: flex;
      justify-content: center;
      pointer-events: none;
      font: var(--fidelio-font, inherit);
    }
    [part~='base'] {
      pointer-events: auto;
      display: flex;
      gap: 0.8rem;
      align-items: center;
      max-inline-size: 36rem;
      padding: 0.8rem 1rem;
      border: 1px solid var(--fidelio-border, #c9ccd6);
      border-radius: var(--fidelio-radius, 12px);
      background: var(--fidelio-background, #fff);
      color: var(--fidelio-text, #1f2330);
      box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
    }
    p {
      margin: 0;
      flex: 1;
    }
    button {
      font: inherit;
      cursor: pointer;
      padding: 0.35rem 0.8rem;
      border-radius: var(--fidelio-radius-small, 8px);
      border: 1px solid var(--fidelio-border, #9a9fb0);
      background: transparent;
      color: inherit;
    }
  `,
  ];

  static override properties = { token: { type: String }, from: { type: String }, state: { state: true } };

  /** The token from the email's link. */
  token = '';
  /** What the link unsubscribes from (`fidelio-unsubscribe-from`); anything else is the newsletter. */
  from: UnsubscribeFrom = 'newsletter';
  private state: State = { status: 'working' };
  private sent = '';

  // In willUpdate, not updated: send() sets the state, and a change made after an update would
  // schedule a second one (Lit warns about it in development).
  override willUpdate(): void {
    if (this.token && this.token !== this.sent) void this.send();
  }

  private async send(): Promise<void> {
    this.sent = this.token;
    this.state = { status: 'working' };
    try {
      const backend = $backend.get();
      if (!backend) throw new FidelioError('config', 'not configured');
      const result = await backend.unsubscribe(this.token, this.scope());
      this.state = { status: 'done', email: result.email, already: result.alreadyUnsubscribed === true };
    } catch (caught) {
      const error = toFidelioError(caught);
      // An unknown, tampered or malformed token: the link itself is the problem, not the connection.
      this.state = error.code === 'not_found' || error.code === 'validation' ? { status: 'invalid' } : { status: 'error', error };
    }
  }

  private scope(): UnsubscribeFrom {
    return this.from === 'statement' ? 'statement' : 'newsletter';
  }

  private text(): string {
    const s = this.state;
    const statement = this.scope() === 'statement';
    if (s.status === 'working') return this.t(statement ? 'unsub.workingStatement' : 'unsub.working');
    if (s.status === 'done') {
      const key = statement ? (s.already ? 'unsub.alreadyStatement' : 'unsub.doneStatement') : s.already ? 'unsub.already' : 'unsub.done';
      return this.t(key, { email: s.email });
    }
    if (s.status === 'invalid') return this.t('unsub.invalid');
    return this.errorText(s.error);
  }

  override render() {
    const failed = this.state.status === 'error';
    return html`<div part="base" role=${failed || this.state.status === 'invalid' ? 'alert' : 'status'}>
      <p>${this.text()}</p>
      ${failed ? html`<button part="retry" type="button" @click=${() => void this.send()}>${this.t('panel.retry')}</button>` : ''}
      <button part="close" type="button" @click=${() => this.remove()}>${this.t('signup.close')}</button>
    </div>`;
  }
}
