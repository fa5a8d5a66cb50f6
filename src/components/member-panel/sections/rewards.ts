import { html } from 'lit';
import { heading } from '../../base/heading.js';
import type { RedemptionItem, Reward } from '../../../contract/types.js';
import { rewardLabel } from '../../base/reward-label.js';
import { ownText } from '../../../i18n/index.js';
import { actionButton, copyButton, day, failed, loading, notice, section, type PanelContext } from '../parts.js';

function tierRank(ctx: PanelContext, id: string | null | undefined): number {
  return (ctx.program?.tiers ?? []).findIndex((tier) => tier.id === id);
}

function reward(ctx: PanelContext, item: Reward) {
  const { t, member } = ctx;
  const available = member.points.available;
  const locked = item.tierId && tierRank(ctx, member.tier?.id) < tierRank(ctx, item.tierId);
  let action;
  if (locked) action = html`<span class="muted">${t('panel.reward.tierOnly', { tier: ownText(ctx.program?.tiers?.find((x) => x.id === item.tierId)?.name ?? item.tierId) })}</span>`;
  else if (item.kind === 'pay_with_points')
    action = html`<span class="muted">${t('panel.reward.atCheckout', { count: item.points, amount: item.stepValue, percent: Math.round((item.maxShare ?? 1) * 100) })}</span>`;
  else if (available < item.points) action = html`<span class="muted">${t('panel.reward.short', { count: item.points - available })}</span>`;
  // several "Redeem" buttons: each is named with its reward ("Redeem $10.00 off your order for 100 points")
  else action = actionButton(ctx, `redeem:${item.id}`, t('panel.reward.redeem'), () => ctx.act.redeem(item.id), 'primary', t('panel.reward.redeemName', { reward: rewardLabel(t, item), count: item.points }));
  return html`<li class="reward ${!locked && item.kind !== 'pay_with_points' && available >= item.points ? 'can' : ''}">
    <span><strong>${rewardLabel(ctx.t, item)}</strong><br /><span class="muted">${t('panel.points', { count: item.points })}</span></span>
    ${action}
  </li>`;
}

function coupon(ctx: PanelContext, item: RedemptionItem) {
  const { t, locale, now } = ctx;
  const catalog = ctx.program?.rewards?.find((r) => r.id === item.rewardId);
  const what = catalog ? rewardLabel(t, catalog) : t('reward.fixed', { amount: item.coupon.discount });
  return html`<li class="coupon">
    <span><code part="code">${item.coupon.code}</code><br /><span class="muted">${t('panel.coupon.until', { what, date: day(item.coupon.expiresAt, locale, now) })}</span></span>
    <span class="buttons">
      ${copyButton(ctx, item.coupon.code, 'rewards')}
      ${actionButton(ctx, `cancel:${item.id}`, t('panel.coupon.cancel', { count: item.points }), () => ctx.act.cancelCoupon(item), 'small')}
    </span>
  </li>`;
}

/** The catalog with what the member can afford now, redeem buttons, and their unused reward codes. */
export function rewardsSection(ctx: PanelContext) {
  const { t, panel, now } = ctx;
  const catalog = ctx.program?.rewards ?? [];
  const state = panel.redemptions;
  const unused = state.status === 'ready' ? state.data.filter((r) => r.status === 'issued' && Date.parse(r.coupon.expiresAt) > now) : [];
  return section(
    ctx.level,
    'rewards',
    t('panel.rewards.title'),
    html`
      ${catalog.length ? html`<ul class="list">${catalog.map((r) => reward(ctx, r))}</ul>` : html`<p class="muted">${t('panel.rewards.none')}</p>`}
      ${notice(ctx, 'rewards')}
      ${heading(ctx.level + 1, t('panel.coupons.title'), { cls: 'sub' })}
      ${state.status === 'error'
        ? failed(ctx, state.error, () => ctx.act.retry('redemptions'))
        : state.status !== 'ready'
          ? loading(ctx)
          : unused.length
            ? html`<ul class="list">${unused.map((r) => coupon(ctx, r))}</ul>`
            : html`<p class="muted">${t('panel.coupons.none')}</p>`}
    `,
  );
}
