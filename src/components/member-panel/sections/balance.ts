import { html, nothing } from 'lit';
import { heading } from '../../base/heading.js';
import type { PointBatch } from '../../../contract/types.js';
import { day, failed, loading, section, type PanelContext } from '../parts.js';

/** How many expiry dates are listed; the rest are summed up in one line. */
const SHOWN = 4;

function batches(ctx: PanelContext, list: PointBatch[]) {
  const { t, locale, now } = ctx;
  const pending = list.filter((b) => b.status === 'pending' && b.remaining > 0).sort((a, b) => Date.parse(a.availableOn) - Date.parse(b.availableOn));
  const expiring = list
    .filter((b) => b.status === 'available' && b.remaining > 0 && b.expiresOn)
    .sort((a, b) => Date.parse(a.expiresOn!) - Date.parse(b.expiresOn!));
  const later = expiring.slice(SHOWN).reduce((sum, b) => sum + b.remaining, 0);
  return html`
    ${pending.length
      ? html`${heading(ctx.level + 1, t('panel.balance.pendingTitle'), { cls: 'sub' })}
          <ul class="rows">
            ${pending.map((b) => html`<li>${t('panel.balance.pendingBatch', { count: b.remaining, date: day(b.availableOn, locale, now) })}</li>`)}
          </ul>`
      : nothing}
    ${heading(ctx.level + 1, t('panel.balance.expiryTitle'), { cls: 'sub' })}
    ${expiring.length
      ? html`<ul class="rows">
          ${expiring.slice(0, SHOWN).map(
            (b, i) => html`<li class=${i === 0 ? 'soonest' : ''}>
              ${t('panel.balance.expires', { count: b.remaining, date: day(b.expiresOn!, locale, now) })}${i === 0 && expiring.length > 1 ? html` <strong class="tag">${t('panel.balance.soonest')}</strong>` : nothing}
            </li>`,
          )}
          ${later ? html`<li>${t('panel.balance.later', { count: later })}</li>` : nothing}
        </ul>`
      : html`<p class="muted">${t('panel.balance.noExpiry')}</p>`}
  `;
}

/** Available points (and store credit), what is pending until when, and what expires when, per batch. */
export function balanceSection(ctx: PanelContext) {
  const { t, member, program, panel } = ctx;
  const { points } = member;
  const state = panel.batches;
  // (no line for a wallet with nothing in it or on its way: a new member's "$0.00 store credit")
  const pending = member.storeCreditPending;
  const credit = member.storeCredit ?? { amount: 0, currency: pending?.currency ?? member.currency };
  const worth = program ? { amount: points.available * program.pointValue.amount, currency: program.pointValue.currency } : null;
  return section(
    ctx.level,
    'balance',
    t('panel.balance.title'),
    html`
      <p class="big" part="available">${t('panel.balance.available', { count: points.available })}</p>
      ${worth && points.available ? html`<p class="muted">${t('panel.balance.worth', { amount: worth })}</p>` : nothing}
      ${credit.amount || pending?.amount
        ? html`<p>${t('panel.balance.credit', { amount: credit })}${pending?.amount ? html` <span class="muted">${t('panel.balance.creditPending', { amount: pending })}</span>` : nothing}</p>`
        : nothing}
      ${state.status === 'ready' ? batches(ctx, state.data) : state.status === 'error' ? failed(ctx, state.error, () => ctx.act.retry('batches')) : loading(ctx)}
    `,
  );
}
