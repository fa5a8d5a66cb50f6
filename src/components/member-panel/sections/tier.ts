import { html, nothing } from 'lit';
import { benefitList } from '../rules-text.js';
import { ownText } from '../../../i18n/index.js';
import { day, section, type PanelContext } from '../parts.js';

/** The member's level, its benefits, the progress bar to the next one and the requalification date. */
export function tierSection(ctx: PanelContext) {
  const { t, locale, now, member } = ctx;
  const tier = member.tier;
  if (!tier) return nothing;
  const { progress } = tier;
  const benefits = tier.benefits ? benefitList(tier.benefits, t, locale, ownText) : '';
  const percent = progress.next ? Math.min(100, Math.max(0, progress.percent ?? Math.floor((progress.current / Math.max(1, progress.next.threshold)) * 100))) : 100;
  const missing = progress.missing ?? (progress.next ? Math.max(0, progress.next.threshold - progress.current) : 0);
  const next = progress.next
    ? progress.basis === 'spend'
      ? t('panel.tier.spendMore', { amount: { amount: missing, currency: member.currency }, tier: ownText(progress.next.name) })
      : t('panel.tier.earnMore', { count: missing, tier: ownText(progress.next.name) })
    : t('panel.tier.top');
  return section(
    ctx.level,
    'tier',
    t('panel.tier.title'),
    html`
      <p class="big" part="tier-name">${ownText(tier.name)}</p>
      ${benefits ? html`<p>${t('panel.tier.benefits', { benefits })}</p>` : nothing}
      <div class="bar" part="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent} aria-valuetext=${next} aria-labelledby="tier-next">
        <span data-length=${percent}></span>
      </div>
      <p id="tier-next">${next}</p>
      <p class="muted">
        ${tier.requalifyBy ? t('panel.tier.keepUntil', { tier: ownText(tier.name), date: day(tier.requalifyBy, locale, now, 'UTC') }) : t('panel.tier.periodEnds', { date: day(progress.periodEndsOn, locale, now, 'UTC') })}
      </p>
    `,
  );
}
