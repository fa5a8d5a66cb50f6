import { html, nothing } from 'lit';
import { DAY_MS } from '../../../core/clock.js';
import type { ActivityEntry } from '../../../contract/types.js';
import { isMessageKey } from '../../../i18n/index.js';
import { rewardLabel } from '../../base/reward-label.js';
import { failed, fullDay, loading, section, signed, type PanelContext } from '../parts.js';

function detail(ctx: PanelContext, entry: ActivityEntry): string {
  // the reward bought or given back, named as the rewards list names it (nothing for one the program no longer has)
  if (entry.rewardId) {
    const reward = ctx.program?.rewards?.find((r) => r.id === entry.rewardId);
    return reward ? rewardLabel(ctx.t, reward) : '';
  }
  if (entry.source === 'order' || (!entry.source && entry.orderId)) return entry.orderId ? ctx.t('panel.source.order', { id: entry.orderId }) : '';
  // (a source this version has no words for, a newer server's, is left out rather than shown as a key)
  const key = `panel.source.${entry.source}`;
  return entry.source && isMessageKey(key) ? ctx.t(key) : '';
}

/**
 * What happened, translated. Points earned with a return window read "pending" only while the window
 * is open; after it, they were earned. Points taken back say what they pay back (an older server's,
 * which do not say, paid a return). A kind this version does not know (a newer server's) reads as
 * the server's own description, or as an adjustment.
 */
function what(ctx: PanelContext, entry: ActivityEntry): string {
  let kind: string = entry.kind;
  if (kind === 'pending' && Date.parse(entry.at) + (ctx.program?.pendingDays ?? 0) * DAY_MS <= ctx.now) kind = 'earn';
  if (kind === 'clawback' && entry.pays && entry.pays !== 'return') kind = `clawback.${entry.pays}`;
  const key = `panel.kind.${kind}`;
  return isMessageKey(key) ? ctx.t(key) : entry.description || ctx.t('panel.kind.adjust');
}

/**
 * A history date may go onto two lines before its year (after 年 in Chinese): on a phone, kept on one
 * line the date column left the activity two words' width, and it broke mid-word ("Redeem/ed").
 */
const yearMayWrap = (day: string) => day.replace(/\u00a0(?=\d{4}$)/, ' ').replace('年\u2060', '年\u200b');

/**
 * The member's activity, newest first, one page at a time: only the pages asked for with "Show
 * more" are rendered, so a history of thousands of rows costs what the shopper looks at.
 */
export function historySection(ctx: PanelContext) {
  const { t, locale, panel } = ctx;
  const state = panel.history;
  let body;
  if (state.status === 'error') body = failed(ctx, state.error, () => ctx.act.retry('history'));
  else if (state.status !== 'ready') body = loading(ctx);
  else if (!state.data.items.length) body = html`<p class="muted">${t('panel.history.empty')}</p>`;
  else {
    const { items, next, more, moreError } = state.data;
    // Said after Show more only (the panel keeps it as the section's notice); when a reload after a
    // redeem or cancel changes the count, the region empties rather than announcing the new count.
    const shown = t('panel.history.shown', { count: items.length });
    body = html`
      <table part="history" tabindex="-1">
        <thead>
          <tr><th scope="col">${t('panel.history.date')}</th><th scope="col">${t('panel.history.what')}</th><th scope="col" class="num">${t('panel.history.points')}</th></tr>
        </thead>
        <tbody>
          ${items.map((e) => {
            const sub = detail(ctx, e);
            return html`<tr class=${e.kind}>
              <td>${yearMayWrap(fullDay(e.at, locale))}</td>
              <td>${what(ctx, e)}${sub ? html`<span class="muted"> · ${sub}</span>` : nothing}</td>
              <td class="num">${signed(e.points, locale)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      <p class="sr-only" role="status">${shown === ctx.notices.history?.text ? shown : nothing}</p>
      ${moreError ? failed(ctx, moreError, () => ctx.act.more()) : nothing}
      ${next && !moreError
        ? html`<button type="button" part="more" aria-disabled=${more ? 'true' : 'false'} @click=${() => ctx.act.more()}>${more ? t('panel.loading') : t('panel.history.more')}</button>`
        : nothing}
    `;
  }
  return section(ctx.level, 'history', t('panel.history.title'), body);
}
