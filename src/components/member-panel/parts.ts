import { html, nothing, type TemplateResult } from 'lit';
import { heading } from '../base/heading.js';
import { dateFormat, dateText, numberFormat, storeZone } from '../../core/intl.js';
import type { FidelioError } from '../../core/errors.js';
import type { Member, ProgramSummary, RedemptionItem } from '../../contract/types.js';
import type { Locale, MessageKey, Params } from '../../i18n/index.js';
import type { PanelState, SectionName } from '../../stores/panel.js';
import type { RedeemState } from '../../stores/redeem.js';

export type Translate = (key: MessageKey, params?: Params) => string;

/** What the panel's sections do; the element implements them (and keeps their feedback). */
export interface PanelActions {
  retry(section: SectionName): void;
  retryMember(): void;
  more(): void;
  redeem(rewardId: string): void;
  cancelCoupon(item: RedemptionItem): void;
  copy(code: string, where: string): void;
  preference(name: 'newsletter' | 'statement', value: boolean): void;
  saveName(event: SubmitEvent): void;
  saveBirthday(event: SubmitEvent): void;
  membership(planId: string, action: 'trial' | 'subscribe'): void;
  cancelMembership(): void;
  download(): void;
  askDelete(confirming: boolean): void;
  confirmDelete(): void;
}

/** A sentence shown after an action, in the section where it happened. */
export interface Notice {
  text: string;
  error?: boolean;
}

/** Everything a section renders from. */
export interface PanelContext {
  t: Translate;
  locale: Locale;
  now: number;
  member: Member;
  program: ProgramSummary | null;
  panel: PanelState;
  redeem: RedeemState;
  notices: Record<string, Notice>;
  /** The action running now (`redeem`, `birthday`…), so its button says so and ignores presses. */
  busy: string | null;
  confirmingDelete: boolean;
  act: PanelActions;
  /** The level of the sections' headings (the panel's title is one above). */
  level: number;
  errorText(error: FidelioError): string;
}

/**
 * "Dec 2", with the year when it is not this year's ("Feb 3, 2028"), in the locale's words: an
 * instant's date on the store's calendar, or, with `zone` 'UTC', a calendar date sent as 00:00:00Z.
 */
export function day(value: string | number, locale: Locale, now: number, zone = storeZone()): string {
  const year = dateFormat('en', { year: 'numeric', timeZone: zone });
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', timeZone: zone };
  if (year.format(new Date(value)) !== year.format(now)) options.year = 'numeric';
  return dateText(locale, options, new Date(value));
}

/** A full date for history rows ("Nov 18, 2026"), on the store's calendar. */
export function fullDay(value: string, locale: Locale): string {
  return dateText(locale, { dateStyle: 'medium', timeZone: storeZone() }, new Date(value));
}

/** A signed number of points ("+43", "−100"). */
export function signed(points: number, locale: Locale): string {
  return numberFormat(locale, { signDisplay: 'exceptZero' }).format(points);
}

/** A section of the panel, its heading at `level` (one below the panel's title). */
export function section(level: number, id: string, title: string, body: unknown): TemplateResult {
  return html`<section part="section ${id}" class=${id} aria-labelledby="${id}-h">${heading(level, title, { id: `${id}-h`, cls: 'head' })}${body}</section>`;
}

/** A section (or part of one) that could not load: the reason and a retry, the rest of the panel untouched. */
export function failed(ctx: PanelContext, error: FidelioError, retry: () => void): TemplateResult {
  return html`<div class="failed" part="error" role="alert">${ctx.errorText(error)} <button type="button" @click=${retry}>${ctx.t('panel.retry')}</button></div>`;
}

export function loading(ctx: PanelContext): TemplateResult {
  return html`<p class="muted">${ctx.t('panel.loading')}</p>`;
}

/** The live region of a section: present from the start, so screen readers announce what appears in it. */
export function notice(ctx: PanelContext, id: string): TemplateResult {
  const n = ctx.notices[id];
  return html`<p class="notice ${n?.error ? 'bad' : ''}" part="notice" role="status" tabindex="-1" data-notice=${id}>${n?.text ?? nothing}</p>`;
}

export function copyButton(ctx: PanelContext, code: string, where: string): TemplateResult {
  return html`<button type="button" class="small" @click=${() => ctx.act.copy(code, where)}>${ctx.t('panel.copy')}<span class="sr-only"> ${code}</span></button>`;
}

/**
 * A button that ignores presses while its action runs (aria-disabled keeps it focusable and announced).
 * `name`, when given, is its accessible name beside a short label (while it works, "Working…" is).
 */
export function actionButton(ctx: PanelContext, id: string, label: string, run: () => void, extra = '', name?: string): TemplateResult {
  const busy = ctx.busy === id;
  return html`<button type="button" class=${extra} aria-label=${name && !busy ? name : nothing} aria-disabled=${busy ? 'true' : 'false'} @click=${() => ctx.busy || run()}>${busy ? ctx.t('panel.working') : label}</button>`;
}
