import { html, nothing, type PropertyValues } from 'lit';
import { FidelioElement } from '../base/fidelio-element.js';
import { heading } from '../base/heading.js';
import { intParam } from '../base/refusal-params.js';
import { ownText } from '../../i18n/index.js';
import { StoreController } from '../base/store-controller.js';
import { systemClock } from '../../core/clock.js';
import { nextTask } from '../../core/idle.js';
import { FidelioError, toFidelioError } from '../../core/errors.js';
import { isValidBirthday, isValidName } from '../../core/person.js';
import type { RedemptionItem } from '../../contract/types.js';
import { $config } from '../../stores/config.js';
import { $member, refreshMember } from '../../stores/member.js';
import { $program } from '../../stores/program.js';
import { $redeem, cancelRedeem, confirmRedeem, redeemReward, unanswered } from '../../stores/redeem.js';
import { $panel, cancelMembership, exportMyData, loadMoreHistory, loadSection, requestDeletion, saveBirthday, saveName, savePreferences, startMembership } from '../../stores/panel.js';
import { day, failed, type Notice, type PanelActions, type PanelContext } from './parts.js';
import { balanceSection } from './sections/balance.js';
import { tierSection } from './sections/tier.js';
import { rewardsSection } from './sections/rewards.js';
import { punchSection } from './sections/punch.js';
import { membershipSection } from './sections/membership.js';
import { howToEarnSection } from './sections/how-to-earn.js';
import { historySection } from './sections/history.js';
import { profileSection } from './sections/profile.js';
import { myDataSection } from './sections/my-data.js';
import { styles } from './member-panel.styles.js';
import '../../core/events.js';

/**
 * @tag fidelio-member-panel
 * @summary Where the member stands and what to do next: balance with pending points and what
 * expires when (per batch), tier progress, rewards to redeem and their unused codes, punch cards,
 * paid membership, how to earn, paginated history, profile and email consents, and their data.
 * A signed-out shopper (or an expired session) sees an invitation to join or sign in.
 *
 * @event fidelio-join - the signed-out shopper asked to join or sign in (cancelable: preventDefault() keeps the signup popup closed); detail: { source: 'panel' }
 *
 * @csspart base - the panel's outer box
 * @csspart title - the panel heading
 * @csspart section - every section (each also has its own part: balance, tier, rewards, punch, membership, earn, history, profile, data)
 * @csspart available - the available points
 * @csspart progress - the tier progress bar
 * @csspart code - a reward or free-item code
 * @csspart history - the history table
 * @csspart more - the "Show more" history button
 * @csspart notice - the message after an action
 * @csspart error - a section's load failure with its retry button
 * @csspart confirm - the deletion confirmation step
 * @csspart signed-out - the invitation shown to a signed-out shopper
 * @csspart tier-name - the member's tier name
 * @csspart membership-status - the paid membership's state
 * @csspart delete - the "Delete my account…" button
 *
 * @cssproperty --fidelio-accent - accent colour (buttons, progress)
 * @cssproperty --fidelio-on-accent - text on the accent colour
 * @cssproperty --fidelio-background - panel background
 * @cssproperty --fidelio-surface - section background
 * @cssproperty --fidelio-text - text colour
 * @cssproperty --fidelio-muted - secondary text colour
 * @cssproperty --fidelio-border - borders
 * @cssproperty --fidelio-danger - errors and the deletion button
 * @cssproperty --fidelio-success - confirmations
 * @cssproperty --fidelio-focus - focus ring colour
 * @cssproperty --fidelio-radius - section corner radius
 * @cssproperty --fidelio-radius-small - button corner radius
 * @cssproperty --fidelio-font - font shorthand
 * @cssproperty --fidelio-code-bg - background of reward codes
 * @cssproperty --fidelio-track - the tier progress bar's empty track
 * @attr loading - `eager`: the drop-in fetches the code at once, not when the panel nears the viewport
 */
export class FidelioMemberPanel extends FidelioElement {
  static override styles = styles;

  static override properties = {
    notices: { state: true },
    busy: { state: true },
    confirmingDelete: { state: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
  };

  /**
   * The level (1–6, default 2) of the panel's title in the page's outline (attribute
   * `heading-level`); its sections' headings are one below, their sub-headings two.
   */
  declare headingLevel?: number | null;

  private notices: Record<string, Notice> = {};
  private busy: string | null = null;
  private confirmingDelete = false;

  /**
   * The sections after the rewards (how to earn, history, profile, my data) come in a task of their
   * own after the first render with the member, so neither task is long (the whole panel's first
   * render was ~60 ms at 4× CPU). `updateComplete` waits for both.
   */
  private restShown = false;
  private restLater: Promise<void> | null = null;

  private readonly member = new StoreController(this, $member);
  private readonly program = new StoreController(this, $program);
  private readonly panel = new StoreController(this, $panel);
  private readonly redeem = new StoreController(this, $redeem);

  private now(): number {
    return ($config.get().clock ?? systemClock).now();
  }

  private say(where: string, notice: Notice | string): void {
    this.notices = { ...this.notices, [where]: typeof notice === 'string' ? { text: notice } : notice };
  }

  /** The failure in the shopper's words, with the cases the panel knows better than the general text. */
  private failure(caught: unknown): string {
    const error = toFidelioError(caught);
    const params = error.params as Record<string, unknown>;
    if (error.code === 'insufficient_points') {
      const [required, available] = [intParam(params.required), intParam(params.available)];
      return required !== null && available !== null ? this.t('panel.reward.short', { count: required - available }) : this.t('redeem.error.insufficientPlain');
    }
    if (typeof params.nextChangeOn === 'string') return this.t('panel.profile.birthdayTooSoon', { date: day(params.nextChangeOn, this.localeController.value, this.now()) });
    if (error.code === 'invalid_birthday') return this.t('signup.error.invalid_birthday');
    if (params.field === 'name') return this.t('signup.error.name');
    if (params.reason === 'trial_used') return this.t('panel.plan.trialUsed');
    if (params.unsure) return `${this.errorText(error)} ${this.t('panel.reward.unsure')}`;
    if (params.queued) return `${this.errorText(error)} ${this.t('error.queued')}`;
    return this.errorText(error);
  }

  /**
   * Runs one action at a time (a second press while one runs does nothing) and says how it went
   * in the section's live region. If the pressed button went away, focus goes to that message.
   */
  private async run(id: string, where: string, job: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = id;
    try {
      this.say(where, await job());
    } catch (caught) {
      this.say(where, { text: this.failure(caught), error: true });
    } finally {
      this.busy = null;
    }
  }

  /** A pressed button gone (a cancelled code's, the last page's Show more): its section's message, else its table. */
  protected override focusAfterRemoval(section: Element | null) {
    const notice = section?.querySelector<HTMLElement>('[data-notice]');
    return notice?.textContent?.trim() ? notice : section?.querySelector<HTMLElement>('table');
  }

  private readonly act: PanelActions = {
    retry: (section) => void loadSection(section),
    retryMember: () => void refreshMember(),
    more: () => {
      // "N entries shown" answers Show more only: a reload after a redeem or cancel changes the count silently
      const count = () => {
        const history = $panel.get().history;
        return history.status === 'ready' ? history.data.items.length : 0;
      };
      const before = count();
      void loadMoreHistory().then(() => {
        if (count() > before) this.say('history', this.t('panel.history.shown', { count: count() }));
      });
    },
    redeem: (rewardId) =>
      void this.run(`redeem:${rewardId}`, 'rewards', async () => {
        const redemption = await redeemReward(rewardId);
        const state = $redeem.get();
        if (!redemption) {
          if (state.status !== 'failed') throw new Error('busy');
          const { error } = state;
          const unsure = unanswered(error);
          if (!unsure && !error.params.queued) throw error;
          // no answer (it may have gone through: the member's redemptions tell a little later), or
          // queued offline (sent when back online): the outcome is said when it is known
          void confirmRedeem().then((late) => {
            const now = $redeem.get();
            if (late) this.say('rewards', this.t('panel.reward.done', { code: late.coupon.code }));
            else if (now.status === 'failed' && now.error !== error) this.say('rewards', { text: this.failure(now.error), error: true });
          });
          throw unsure ? new FidelioError(error.code, error.message, { ...error.params, unsure: true }) : error;
        }
        return this.t('panel.reward.done', { code: redemption.coupon.code });
      }),
    cancelCoupon: (item: RedemptionItem) =>
      void this.run(`cancel:${item.id}`, 'rewards', async () => {
        if (!(await cancelRedeem(item))) throw new Error('busy');
        // its code comes off this page's order if it was on it (the coupon field tells the host; without one, the panel does)
        const { code } = item.coupon;
        const { takeOffCancelled } = await import('../../stores/coupon.js');
        if (takeOffCancelled(code) && !document.getElementsByTagName('fidelio-coupon-field').length) this.emit('fidelio-coupon-remove', { code, reason: 'cancelled' });
        return this.t('panel.coupon.cancelled', { count: item.points, code });
      }),
    copy: (code, where) => {
      const clipboard = navigator.clipboard;
      const copied = clipboard ? clipboard.writeText(code) : Promise.reject(new Error('no clipboard'));
      copied.then(
        () => this.say(where, this.t('panel.copied', { code })),
        () => this.say(where, { text: this.t('panel.copyFailed', { code }), error: true }),
      );
    },
    preference: (name, value) => {
      const state = $panel.get().preferences;
      if (state.status !== 'ready') return;
      savePreferences({ ...state.data, [name]: value }).then(
        () => this.say('prefs', this.t('panel.prefs.saved')),
        (caught) => this.say('prefs', { text: this.failure(caught), error: true }),
      );
    },
    saveName: (event) => {
      event.preventDefault();
      const name = String(new FormData(event.target as HTMLFormElement).get('name') ?? '').trim();
      if (!isValidName(name)) return this.say('name', { text: this.t('signup.error.name'), error: true });
      void this.run('name', 'name', async () => (await saveName(name), this.t('panel.saved')));
    },
    saveBirthday: (event) => {
      event.preventDefault();
      const data = new FormData(event.target as HTMLFormElement);
      const birthday = { day: Number(data.get('day')), month: Number(data.get('month')) };
      if (!isValidBirthday(birthday)) return this.say('birthday', { text: this.t('signup.error.invalid_birthday'), error: true });
      void this.run('birthday', 'birthday', async () => {
        const change = await saveBirthday(birthday);
        return this.t('panel.profile.birthdaySaved', { date: day(change.nextChangeOn, this.localeController.value, this.now()) });
      });
    },
    membership: (planId, action) =>
      void this.run(`${action === 'trial' ? 'trial' : 'join'}:${planId}`, 'membership', async () => {
        await startMembership({ planId, action });
        return this.t(action === 'trial' ? 'panel.plan.trialStarted' : 'panel.plan.joined');
      }),
    cancelMembership: () =>
      void this.run('cancel-membership', 'membership', async () => {
        const membership = await cancelMembership();
        return membership.endsOn ? this.t('panel.plan.cancelDone', { date: day(membership.endsOn, this.localeController.value, this.now()) }) : this.t('panel.plan.cancelledPlain');
      }),
    download: () =>
      void this.run('download', 'download', async () => {
        const data = await exportMyData();
        const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = `${data.member.id}-data.json`;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        return this.t('panel.data.downloaded');
      }),
    askDelete: (confirming) => {
      this.confirmingDelete = confirming;
      // The safe choice gets focus; back on the first button when the shopper changes their mind.
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(confirming ? '[part~="confirm"] button:last-child' : '[part~="delete"]')?.focus());
    },
    confirmDelete: () =>
      void this.run('delete', 'delete', async () => {
        const request = await requestDeletion();
        this.confirmingDelete = false;
        return this.t('panel.data.requested', { date: day(request.requestedAt, this.localeController.value, this.now()) });
      }),
  };

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // A bar's length (`data-length`, in %) goes through the CSSOM: a `style` attribute in the markup
    // is refused by a strict Content-Security-Policy without 'unsafe-inline'; the CSSOM is not.
    for (const bar of this.renderRoot.querySelectorAll<HTMLElement>('[data-length]')) bar.style.setProperty('inline-size', `${bar.dataset.length}%`);
    if (this.restLater || this.member.value.status !== 'ready') return;
    this.restLater = nextTask().then(() => {
      this.restShown = true;
      this.requestUpdate();
    });
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    if (this.restLater) await this.restLater;
    return super.getUpdateComplete();
  }

  private renderSignedOut(program: string) {
    return html`<div class="signed-out" part="signed-out">
      <p>${this.t('panel.signedOut', { program })}</p>
      <button type="button" class="primary" @click=${() => this.join('panel')}>${this.t('panel.signedOut.cta')}</button>
    </div>`;
  }

  override render() {
    const state = this.member.value;
    const programState = this.program.value;
    const program = programState.status === 'ready' ? programState.program : null;
    const locale = this.localeController.value;
    const now = this.now();
    const t = (key: Parameters<FidelioElement['t']>[0], params?: Parameters<FidelioElement['t']>[1]) => this.t(key, params);
    const level = this.outlineLevel(this.headingLevel, 2);
    const rules = () => howToEarnSection(level + 1, program, t, locale, now);
    let body;
    if (state.status === 'signed-out') body = html`${this.renderSignedOut(ownText(program?.name) ?? '')}<div class="grid">${rules()}</div>`;
    else if (state.status === 'error') body = html`${failed({ t, errorText: (e) => this.errorText(e) } as PanelContext, state.error, this.act.retryMember)}<div class="grid">${rules()}</div>`;
    else if (state.status !== 'ready') body = html`<p class="muted" role="status">${this.t('panel.loading')}</p>`;
    else {
      const redeem = this.redeem.value;
      const ctx: PanelContext = {
        t,
        locale,
        now,
        member: state.member,
        program,
        panel: this.panel.value,
        redeem,
        notices: this.notices,
        busy: this.busy ?? (redeem.status === 'redeeming' ? `redeem:${redeem.rewardId}` : null),
        confirmingDelete: this.confirmingDelete,
        act: this.act,
        errorText: (error) => this.errorText(error),
        level: level + 1,
      };
      body = html`
        ${state.member.name ? html`<p class="hello">${this.t('panel.hello', { name: state.member.name })}</p>` : nothing}
        ${state.error ? html`<p class="muted" role="status">${this.t('badge.stale')}</p>` : nothing}
        <div class="grid">
          ${balanceSection(ctx)} ${tierSection(ctx)} ${punchSection(ctx)} ${membershipSection(ctx)} ${rewardsSection(ctx)}
          ${this.restShown ? html`${rules()} ${historySection(ctx)} ${profileSection(ctx)} ${myDataSection(ctx)}` : nothing}
        </div>
      `;
    }
    return html`<div part="base" class="panel">
      ${heading(level, this.t('panel.title'), { part: 'title' })}
      ${body}
    </div>`;
  }
}
