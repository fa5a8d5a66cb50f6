import { html, nothing, type PropertyValues } from 'lit';
import { dateFormat } from '../../core/intl.js';
import { FidelioElement } from '../base/fidelio-element.js';
import { StoreController } from '../base/store-controller.js';
import { warnOnce } from '../../core/log.js';
import { takeEarlyEvent } from '../../core/early-events.js';
import { armSignupTriggers, SIGNUP_DUE, signupLinkOf, usable, usablePopupNumber } from '../../core/signup-triggers.js';
import { deepActiveElement } from '../../core/focus.js';
import { focusPath, returnFocus } from '../base/return-focus.js';
import { isValidBirthday, isValidEmail, isValidName, type Birthday } from '../../core/person.js';
import { isMessageKey, ownText, type MessageKey } from '../../i18n/index.js';
import type { Enrollment, ReferralTerms } from '../../contract/types.js';
import { $program } from '../../stores/program.js';
import { $session } from '../../stores/session.js';
import { $config } from '../../stores/config.js';
import { safeHref } from '../../core/safe-url.js';
import { $referralCode, $signup, DEFAULT_CAP_DAYS, mayAutoOpen, recordDismissal, resetSignup, storedReferral, submitSignup } from '../../stores/signup.js';
import { styles } from './signup-popup.styles.js';
import { afterName, withCode } from '../base/code-text.js';
import '../../core/events.js';

type FieldErrors = Partial<Record<'email' | 'name' | 'birthday', MessageKey>>;

/** A merchant's link made safe (https, or this site), with a warning naming the attribute when one given is refused. */
function linkOrWarn(raw: string | undefined, setting: string): string | null {
  const url = safeHref(raw);
  if (raw && !url) warnOnce(`link:${setting}:${raw}`, `${setting} ${JSON.stringify(raw)} is neither an https address nor one on this site; the link is left out.`);
  return url;
}

const SIGNUP_ERRORS = new Set(['invalid_email', 'invalid_birthday', 'already_member']);
/** The field a server's refusal is about: marked invalid and described by the refusal. */
const SERVER_FIELD: Record<string, 'email' | 'birthday'> = { invalid_email: 'email', already_member: 'email', invalid_birthday: 'birthday' };

/**
 * @tag fidelio-signup-popup
 * @summary The enrollment lightbox (or an inline form with `inline`): email, optional name and
 * birthday, a separate newsletter opt-in, the joining incentive. Opens on a delay, a scroll depth,
 * exit intent, the host's `fidelio-add-to-cart` event, `Fidelio.openSignup()`, the badge's
 * `fidelio-join` event or a click on any `[data-fidelio-signup]` element; after a dismissal it does
 * not open by itself for `cap-days` days, and never by itself for a member.
 *
 * @event fidelio-enrolled - the shopper joined; detail: { memberId, email, pointsAwarded, token }
 * @event fidelio-signup-open - the popup opened; detail: { trigger }
 * @event fidelio-signup-close - the popup closed; detail: { joined }
 * @event fidelio-sign-in - "Sign in" was pressed (cancelable: preventDefault() keeps the page and closes the popup); detail: { url }
 *
 * @csspart dialog - the native dialog
 * @csspart base - the content box
 * @csspart title - the heading
 * @csspart incentive - the joining incentive sentence
 * @csspart greeting - the referral greeting
 * @csspart referral - after joining: the friend's welcome code, or why the referral was not credited
 * @csspart form - the form
 * @csspart submit - the join button
 * @csspart close - the close button
 * @csspart error - the form-level error message
 * @csspart done - the button that closes the welcome state
 * @csspart sign-in - "Already a member? Sign in" (with `sign-in-url`, or the `signInUrl` setting)
 *
 * @cssproperty --fidelio-accent - accent colour (buttons, incentive)
 * @cssproperty --fidelio-on-accent - text on the accent colour
 * @cssproperty --fidelio-background - dialog background
 * @cssproperty --fidelio-backdrop - backdrop colour
 * @cssproperty --fidelio-surface - greeting background
 * @cssproperty --fidelio-text - text colour
 * @cssproperty --fidelio-muted - hint colour
 * @cssproperty --fidelio-border - input border colour
 * @cssproperty --fidelio-danger - error colour
 * @cssproperty --fidelio-focus - focus ring colour
 * @cssproperty --fidelio-radius-large - dialog corner radius
 * @cssproperty --fidelio-radius-small - input corner radius
 * @cssproperty --fidelio-font - font shorthand
 * @cssproperty --fidelio-link - colour of the terms and sign-in links
 * @attr loading - `eager`: the drop-in fetches the code at once, not when something first opens it (it still opens only when asked or triggered)
 */
export class FidelioSignupPopup extends FidelioElement {
  static override styles = styles;

  static override properties = {
    inline: { type: Boolean, reflect: true },
    delay: { type: Number },
    scrollDepth: { type: Number, attribute: 'scroll-depth' },
    exitIntent: { type: Boolean, attribute: 'exit-intent' },
    addToCart: { type: Boolean, attribute: 'add-to-cart' },
    capDays: { type: Number, attribute: 'cap-days' },
    termsUrl: { type: String, attribute: 'terms-url' },
    signInUrl: { type: String, attribute: 'sign-in-url' },
    open: { type: Boolean, reflect: true },
    fieldErrors: { state: true },
    referralCode: { state: true },
    armed: { state: true },
  };

  /** The lightbox's form is built on first opening: a closed popup costs the page nothing to render. */
  private armed = false;

  /** Render the form in the page instead of a lightbox (a join page, checkout). */
  inline = false;
  /** Seconds after page load before opening by itself. */
  delay?: number;
  /** Percentage of the page scrolled before opening by itself. */
  scrollDepth?: number;
  /** Open by itself when the pointer leaves the window towards the tabs (desktop). */
  exitIntent = false;
  /** Open by itself on the host's `fidelio-add-to-cart` event. */
  addToCart = false;
  /** Days after a dismissal during which it does not open by itself (default 14). */
  capDays = DEFAULT_CAP_DAYS;
  /** Link to the program terms. */
  termsUrl = '';
  /** The store's sign-in page, for members who are not signed in (default: the `signInUrl` setting). */
  signInUrl = '';
  /** Whether the lightbox is open. */
  open = false;

  private fieldErrors: FieldErrors = {};
  private referralCode: string | null = null;
  private readonly program = new StoreController(this, $program);
  private readonly signup = new StoreController(this, $signup);
  private readonly session = new StoreController(this, $session);
  private readonly config = new StoreController(this, $config);
  /** The control the popup opened from and what was around it (core/focus), for focus to go back to. */
  private returnPath: HTMLElement[] = [];
  private disarm: (() => void) | undefined;
  private readonly cleanups: (() => void)[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void storedReferral().then((code) => (this.referralCode = code));
    // The drop-in may still be storing the code from the address when the popup appears.
    this.cleanups.push($referralCode.listen((code) => (this.referralCode = code)));
    // a new member who signs out meets the form again, not their welcome
    this.cleanups.push($session.listen((session) => session.status === 'anonymous' && $signup.get().status === 'success' && resetSignup()));
    const listen = <E extends Event>(target: Document | Window, type: string, handler: (event: E) => void, options?: AddEventListenerOptions) => {
      target.addEventListener(type, handler as EventListener, options);
      this.cleanups.push(() => target.removeEventListener(type, handler as EventListener, options));
    };
    // Asked for: always opens — unless the host handles fidelio-join itself (preventDefault, known
    // once every listener has had the event, wherever the host's sits)
    listen(document, 'fidelio-join', (event) => setTimeout(() => event.defaultPrevented || !this.leads() || this.show('request')));
    listen(document, 'fidelio-open-signup', () => this.leads() && this.show('request'));
    listen<MouseEvent>(document, 'click', (event) => {
      const link = signupLinkOf(event);
      if (!link) return;
      event.preventDefault();
      if (this.leads()) this.show('link', link);
    });
    if (this.inline) return;
    // The trigger that had the drop-in fetch this code (a delay, an add to the cart...) counts too.
    const due = takeEarlyEvent(SIGNUP_DUE);
    if (due) void this.autoOpen(String(due.detail));
    // Put back on the page: armed again (the first update arms a new popup).
    if (this.hasUpdated) this.arm();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cleanups.splice(0).forEach((off) => off());
    this.disarm?.();
    // Removed while open (a single-page app's route change): closed now, like a dismissal, so the
    // page is not left under a modal nobody can see, and it opens as a lightbox when put back.
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) {
      dialog.close();
      void this.onClose();
    }
  }

  /** By itself: when a trigger fires, and then only when the frequency cap and membership allow. */
  private arm(): void {
    this.disarm?.();
    const { delay, scrollDepth, exitIntent, addToCart } = this;
    this.disarm = this.inline ? undefined : armSignupTriggers({ delay, scrollDepth, exitIntent, addToCart }, (trigger) => void this.autoOpen(trigger));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    usablePopupNumber('delay', this.delay);
    usablePopupNumber('scroll-depth', this.scrollDepth, 100);
    usablePopupNumber('cap-days', this.capDays);
    if ((['inline', 'delay', 'scrollDepth', 'exitIntent', 'addToCart'] as const).some((name) => changed.has(name))) this.arm();
  }

  /** Opens the lightbox (or, inline, moves focus to the form). */
  show(trigger = 'request', from: HTMLElement | null = deepActiveElement()): void {
    if (!this.hasUpdated) {
      void this.updateComplete.then(() => this.show(trigger, from));
      return;
    }
    if (this.inline) {
      this.renderRoot.querySelector<HTMLInputElement>('input[name="email"]')?.focus();
      return;
    }
    if (!this.armed || this.isUpdatePending) {
      // Render the form first: showModal() needs it there to move focus into it (a second request
      // while the first one's render is pending waits for it too: it found an empty dialog).
      this.armed = true;
      void this.updateComplete.then(() => this.show(trigger, from));
      return;
    }
    const dialog = this.renderRoot.querySelector('dialog');
    // A popup removed while its timer or storage read was pending has nothing left to open; nor one
    // whose twin on the page is open (one lightbox at a time).
    if (!dialog || dialog.open || !this.isConnected || this.twinOpen()) return;
    if ($signup.get().status === 'success') resetSignup();
    this.returnPath = focusPath(from);
    dialog.showModal();
    this.open = true;
    // The form is already rendered: focus moves to its first field in the same task (a member's
    // popup has no form: its one button takes it).
    this.renderRoot.querySelector<HTMLElement>('input[name="email"], [part~="done"]')?.focus();
    this.emit('fidelio-signup-open', { trigger });
  }

  /** Closes the lightbox; a close without joining counts as a dismissal for the frequency cap. */
  hide(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close();
  }

  /**
   * Whether this popup answers the page's requests: with the tag twice on a page (a theme's layout
   * and a section), one lightbox opens, the first; an inline form answers as well.
   */
  private leads(): boolean {
    if (this.inline) return true;
    const first = document.querySelector(`${this.localName}:not([inline])`);
    return !first || first === this;
  }

  private twinOpen(): boolean {
    return [...document.querySelectorAll<FidelioSignupPopup>(this.localName)].some((other) => other !== this && other.open);
  }

  private async autoOpen(trigger: string): Promise<void> {
    if (this.open || !(await mayAutoOpen(usable(this.capDays) ? this.capDays : DEFAULT_CAP_DAYS))) return;
    this.show(trigger);
  }

  private readonly onClose = async (): Promise<void> => {
    // (once: a popup removed while open closes at once, and its dialog's close event comes after)
    if (!this.open) return;
    const joined = $signup.get().status === 'success';
    this.open = false;
    this.fieldErrors = {};
    // back where the shopper was, or, when their join button is gone (they joined), to its widget
    returnFocus(this.returnPath.splice(0));
    if (joined) resetSignup();
    else await recordDismissal();
    this.emit('fidelio-signup-close', { joined });
  };

  /**
   * Keeps Tab inside the lightbox. A native modal dialog lets Tab leave for the browser's own UI
   * (Firefox, Safari), after which the page no longer gets the shopper's keys.
   */
  private readonly onDialogKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab') return;
    const focusable = [...this.renderRoot.querySelectorAll<HTMLElement>('dialog button, dialog a[href], dialog input, dialog select')].filter(
      (el) => !(el as HTMLInputElement).disabled && el.getClientRects().length > 0,
    );
    if (!focusable.length) return;
    const active = (this.renderRoot as ShadowRoot).activeElement;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (event.shiftKey && (active === first || !active)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !active)) {
      event.preventDefault();
      first.focus();
    }
  };

  private readForm(form: HTMLFormElement): { email: string; name: string; birthday: Birthday | null; newsletter: boolean; errors: FieldErrors } {
    const data = new FormData(form);
    const text = (key: string) => String(data.get(key) ?? '').trim();
    const email = text('email');
    const name = text('name');
    const day = Number(text('day'));
    const month = Number(text('month'));
    const yearText = text('year');
    const errors: FieldErrors = {};
    if (!isValidEmail(email)) errors.email = 'signup.error.invalid_email';
    if (name && !isValidName(name)) errors.name = 'signup.error.name';
    let birthday: Birthday | null = null;
    if (day || month || yearText) {
      birthday = { day, month, ...(yearText ? { year: Number(yearText) } : {}) };
      if (!isValidBirthday(birthday)) errors.birthday = 'signup.error.invalid_birthday';
    }
    return { email, name, birthday, newsletter: data.get('newsletter') === 'on', errors };
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if ($signup.get().status === 'submitting') return;
    const form = event.target as HTMLFormElement;
    const { errors, ...values } = this.readForm(form);
    this.fieldErrors = errors;
    if (Object.keys(errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const enrollment = await submitSignup({ email: values.email, name: values.name, birthday: values.birthday, newsletter: values.newsletter });
    if (!enrollment) return;
    this.emit('fidelio-enrolled', { memberId: enrollment.member.id, email: enrollment.member.email, pointsAwarded: enrollment.pointsAwarded, token: enrollment.token });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="done"]')?.focus();
  }

  private fieldError(field: keyof FieldErrors) {
    const key = this.fieldErrors[field];
    return key ? html`<span class="field-error" id="${field}-error">${this.t(key)}</span>` : nothing;
  }

  /** "Already a member? Sign in", when the store says where its sign-in is (an https or same-origin address). */
  private renderSignIn() {
    const url = linkOrWarn(this.signInUrl || this.config.value.signInUrl, this.signInUrl ? '<fidelio-signup-popup sign-in-url>' : 'signInUrl (data-sign-in-url)');
    if (!url) return nothing;
    const onClick = (event: MouseEvent) => {
      // a store that signs in on the same page takes it from here
      if (!this.emit('fidelio-sign-in', { url }, { cancelable: true })) {
        event.preventDefault();
        this.hide();
      }
    };
    const ask = this.t('signup.haveAccount');
    // (no space after a full-width question mark: 已经是会员？登录)
    return html`<p part="sign-in">${ask}${/[？！。]$/.test(ask) ? '' : ' '}<a href=${url} @click=${onClick}>${this.t('signup.signIn')}</a></p>`;
  }

  /** The friend's offer, with its minimum order when it has one. */
  private greeting({ friendDiscount, friendMinSpend }: ReferralTerms): string {
    return friendMinSpend?.amount ? this.t('signup.referralMin', { amount: friendDiscount, minSpend: friendMinSpend }) : this.t('signup.referral', { amount: friendDiscount });
  }

  private renderIntro() {
    const state = this.program.value;
    if (state.status !== 'ready') return nothing;
    const { program } = state;
    const incentive = program.joinIncentive?.points ?? 0;
    const perAmount = { amount: program.earn.perMinor, currency: program.currency };
    return html`
      ${this.referralCode && program.referral ? html`<p part="greeting">${this.greeting(program.referral)}</p>` : nothing}
      ${incentive > 0 ? html`<p part="incentive">${this.t('signup.incentive', { count: incentive })}</p>` : nothing}
      ${program.earn.points > 0 ? html`<p>${this.t('signup.earnRule', { count: program.earn.points, amount: perAmount })}</p>` : nothing}
    `;
  }

  /** A field's label with "(optional)" after it in the hint's style. */
  private optional(label: string) {
    return afterName(this.t('signup.optional', { label }), label, (rest) => html`<span class="hint">${rest}</span>`);
  }

  private renderForm() {
    const signup = this.signup.value;
    const busy = signup.status === 'submitting';
    const locale = this.localeController.value;
    const monthName = dateFormat(locale, { month: 'long', timeZone: 'UTC' });
    const months = Array.from({ length: 12 }, (_, i) => monthName.format(Date.UTC(2000, i, 1)));
    const serverError =
      signup.status === 'error'
        ? SIGNUP_ERRORS.has(signup.error.code)
          ? this.t(`signup.error.${signup.error.code}` as MessageKey)
          : `${this.errorText(signup.error)} ${signup.error.params.queued ? this.t('error.queued') : this.t('signup.error.retry')}`
        : '';
    const serverField = signup.status === 'error' ? SERVER_FIELD[signup.error.code] : undefined;
    const invalid = (field: keyof FieldErrors) => (this.fieldErrors[field] || serverField === field ? 'true' : 'false');
    // (a field the server refused is described by its refusal, as one the form refused is by its own)
    const describedBy = (field: keyof FieldErrors, own: string) => (serverField === field ? `${own} server-error` : own);
    return html`
      <form part="form" novalidate @submit=${this.onSubmit}>
        <div class="field">
          <label for="email">${this.t('signup.email')}</label>
          <input id="email" name="email" type="email" autocomplete="email" required maxlength="254" aria-invalid=${invalid('email')} aria-describedby=${describedBy('email', 'email-error')} />
          ${this.fieldError('email')}
        </div>
        <div class="field">
          <label for="name">${this.optional(this.t('signup.name'))}</label>
          <input id="name" name="name" type="text" autocomplete="given-name" maxlength="120" aria-invalid=${invalid('name')} aria-describedby="name-error" />
          ${this.fieldError('name')}
        </div>
        <fieldset aria-describedby=${describedBy('birthday', 'birthday-hint birthday-error')}>
          <legend>${this.optional(this.t('signup.birthday'))}</legend>
          <span class="hint" id="birthday-hint">${this.t('signup.birthdayHint')}</span>
          <div class="birthday">
            <span class="ring"><select name="day" aria-label=${this.t('signup.day')} aria-invalid=${invalid('birthday')}>
              <option value="">${this.t('signup.day')}</option>
              ${Array.from({ length: 31 }, (_, i) => html`<option value=${i + 1}>${i + 1}</option>`)}
            </select></span>
            <span class="ring"><select name="month" aria-label=${this.t('signup.month')} aria-invalid=${invalid('birthday')}>
              <option value="">${this.t('signup.month')}</option>
              ${months.map((label, i) => html`<option value=${i + 1}>${label}</option>`)}
            </select></span>
            <input name="year" type="number" inputmode="numeric" min="1900" max="2100" placeholder=${this.t('signup.year')} aria-label=${this.t('signup.optional', { label: this.t('signup.year') })} aria-invalid=${invalid('birthday')} />
          </div>
          ${this.fieldError('birthday')}
        </fieldset>
        <label class="consent"><span class="ring"><input type="checkbox" name="newsletter" /></span><span>${this.t('signup.newsletter')}</span></label>
        ${((terms) => (terms ? html`<a href=${terms} target="_blank" rel="noopener">${afterName(this.t('referral.newTab', { name: this.t('signup.terms') }), this.t('signup.terms'), (rest) => html`<span class="sr-only">${rest}</span>`)}</a>` : nothing))(linkOrWarn(this.termsUrl, '<fidelio-signup-popup terms-url>'))}
        <p part="error" id="server-error" role="alert">${serverError}</p>
        <button part="submit" type="submit" aria-disabled=${busy ? 'true' : 'false'}>${busy ? this.t('signup.submitting') : this.t('signup.submit')}</button>
      </form>
    `;
  }

  /** What became of the friend's code, in the new member's words: their welcome code, or why there is none. */
  private renderReferralOutcome(enrollment: Enrollment) {
    const outcome = enrollment.referral;
    if (!outcome) return nothing;
    if (outcome.status === 'rejected') {
      const key = `signup.referral.${outcome.code}`;
      return isMessageKey(key) ? html`<p part="referral">${this.t(key)}</p>` : nothing;
    }
    const terms = this.program.value.status === 'ready' ? this.program.value.program.referral : undefined;
    if (!outcome.welcomeCoupon || !terms) return nothing;
    return html`<p part="referral">${withCode(this.t('signup.referral.applied', { code: outcome.welcomeCoupon, amount: terms.friendDiscount }), outcome.welcomeCoupon)}</p>`;
  }

  /** The program's name may be missing (its request failed): then the sentences do without it. */
  private welcomeTitle(program: string, name: string | null): string {
    if (program) return name ? this.t('signup.welcomeName', { program, name }) : this.t('signup.welcome', { program });
    return name ? this.t('signup.welcomeNameGeneric', { name }) : this.t('signup.welcomeGeneric');
  }

  private renderWelcome() {
    const signup = this.signup.value;
    if (signup.status !== 'success') return nothing;
    const program = this.program.value.status === 'ready' ? ownText(this.program.value.program.name) : '';
    const { member, pointsAwarded } = signup.enrollment;
    return html`
      <h2 part="title" id="title">${this.welcomeTitle(program, member.name)}</h2>
      <p part="incentive" role="status">${pointsAwarded > 0 ? this.t('signup.welcomePoints', { count: pointsAwarded }) : this.t('signup.welcomeNoPoints')}</p>
      ${this.renderReferralOutcome(signup.enrollment)}
      ${this.inline ? nothing : html`<button part="done" type="button" @click=${() => this.hide()}>${this.t('signup.done')}</button>`}
    `;
  }

  /** A signed-in shopper asked to join (a join link, an inline form on a page they came back to): no form, they are in. */
  private renderMember(program: string) {
    return html`
      <h2 part="title" id="title">${program ? this.t('signup.memberTitle', { program }) : this.t('signup.memberTitleGeneric')}</h2>
      <p part="incentive">${this.t('signup.memberText')}</p>
      ${this.inline ? nothing : html`<button part="done" type="button" @click=${() => this.hide()}>${this.t('signup.done')}</button>`}
    `;
  }

  private renderContent() {
    const program = this.program.value.status === 'ready' ? ownText(this.program.value.program.name) : '';
    const success = this.signup.value.status === 'success';
    return html`
      <div part="base">
        ${this.inline ? nothing : html`<button part="close" type="button" aria-label=${this.t('signup.close')} @click=${() => this.hide()}>×</button>`}
        ${success
          ? this.renderWelcome()
          : this.session.value.status === 'identified'
            ? this.renderMember(program)
            : html`<h2 part="title" id="title">${program ? this.t('signup.title', { program }) : this.t('signup.titleGeneric')}</h2>
                ${this.renderIntro()} ${this.renderForm()} ${this.renderSignIn()}`}
      </div>
    `;
  }

  override render() {
    if (this.inline) return html`<section aria-labelledby="title">${this.renderContent()}</section>`;
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this.onClose} @keydown=${this.onDialogKeydown}>${this.armed ? this.renderContent() : nothing}</dialog>`;
  }
}
