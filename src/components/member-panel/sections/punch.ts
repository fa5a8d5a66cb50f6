import { html, nothing } from 'lit';
import { pluralRules } from '../../../core/intl.js';
import { ownText, type Locale } from '../../../i18n/index.js';
import { copyButton, notice, section, type PanelContext, type Translate } from '../parts.js';

/** "6th", "6.º", "al 6-lea", "第 6": the locale's ordinal for the free item. */
export function nth(n: number, t: Translate, locale: Locale): string {
  const category = pluralRules(locale, { type: 'ordinal' }).select(n);
  return t(category === 'one' ? 'panel.nth.one' : category === 'two' ? 'panel.nth.two' : category === 'few' ? 'panel.nth.few' : 'panel.nth.other', { n });
}

/** Progress on each punch card ("3 of 5 — your 6th is free") and the free items earned. */
export function punchSection(ctx: PanelContext) {
  const { t, locale, member } = ctx;
  const cards = member.punchCards ?? [];
  if (!cards.length) return nothing;
  return section(
    ctx.level,
    'punch',
    t('panel.punch.title'),
    html`
      <ul class="list">
        ${cards.map(
          (card) => html`<li class="card">
            <strong>${ownText(card.name)}</strong>
            <span class="dots" aria-hidden="true">${Array.from({ length: card.required }, (_, i) => html`<i class=${i < card.punches ? 'on' : ''}></i>`)}</span>
            <span>${t('panel.punch.progress', { count: card.punches, required: card.required, nth: nth(card.required + 1, t, locale) })}</span>
            ${(card.rewardCodes ?? []).map(
              (code) => html`<span class="coupon"><span>${t('panel.punch.free')} <code part="code">${code}</code></span>${copyButton(ctx, code, 'punch')}</span>`,
            )}
          </li>`,
        )}
      </ul>
      ${notice(ctx, 'punch')}
    `,
  );
}
