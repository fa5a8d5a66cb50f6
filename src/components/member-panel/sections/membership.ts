import { html, nothing } from 'lit';
import { DAY_MS } from '../../../core/clock.js';
import type { MembershipPlan } from '../../../contract/types.js';
import { benefitList } from '../rules-text.js';
import { ownText, type MessageKey } from '../../../i18n/index.js';
import { actionButton, day, notice, section, type PanelContext } from '../parts.js';

function price(ctx: PanelContext, plan: MembershipPlan): string {
  return ctx.t(plan.interval === 'year' ? 'panel.plan.perYear' : 'panel.plan.perMonth', { amount: plan.price });
}

/** Status (trial with days left, active, past due, cancelled), benefits, and join / trial / cancel. */
export function membershipSection(ctx: PanelContext) {
  const { t, locale, now, member } = ctx;
  const plans = ctx.program?.membershipPlans ?? [];
  if (!plans.length) return nothing;
  const m = member.membership;
  // A cancelled trial or paid period keeps its status (and benefits) until it ends.
  const ending = !!m?.cancelledAt && (m.status === 'trial' || m.status === 'active');
  const running = m && !ending && (m.status === 'trial' || m.status === 'active' || m.status === 'past_due');
  const plan = plans.find((p) => p.id === m?.planId) ?? plans[0]!;
  // (the dates are optional or nullable in the contract: without one, the status is said without it)
  const dated = (value: string | null | undefined, key: MessageKey, plain: MessageKey, count?: number) =>
    value && !Number.isNaN(Date.parse(value)) ? t(key, { date: day(value, locale, now), ...(count === undefined ? {} : { count }) }) : t(plain);
  let status;
  if (!m || m.status === 'expired') status = t('panel.plan.none');
  else if (ending || m.status === 'cancelled') status = dated(m.endsOn, 'panel.plan.cancelled', 'panel.plan.cancelledPlain');
  else if (m.status === 'trial') status = dated(m.trialEndsOn, 'panel.plan.trial', 'panel.plan.trialPlain', Math.max(0, Math.ceil((Date.parse(m.trialEndsOn ?? '') - now) / DAY_MS)));
  else if (m.status === 'active') status = dated(m.renewsOn, 'panel.plan.active', 'panel.plan.activePlain');
  else status = dated(m.graceEndsOn, 'panel.plan.pastDue', 'panel.plan.pastDuePlain');
  const stillOn = ending || (m?.status === 'cancelled' && m.endsOn && Date.parse(m.endsOn) > now);
  // One trial per member, ever: once there was a membership, only subscribing is offered.
  const offers = (p: MembershipPlan) => html`
    ${p.trialDays > 0 && !m ? actionButton(ctx, `trial:${p.id}`, t('panel.plan.startTrial', { count: p.trialDays }), () => ctx.act.membership(p.id, 'trial'), 'primary') : nothing}
    ${actionButton(ctx, `join:${p.id}`, t('panel.plan.join', { price: price(ctx, p) }), () => ctx.act.membership(p.id, 'subscribe'))}
  `;
  // (`perks` is optional in the contract; without them, the plan's own lines, which it always has, maybe none)
  const info = (p: MembershipPlan) => {
    const benefits = benefitList(p.perks ?? { gifts: p.benefits }, t, locale, ownText);
    return html`<p><strong>${ownText(p.name)}</strong> · ${price(ctx, p)}</p>
      ${benefits ? html`<p class="muted">${t('panel.plan.benefits', { benefits })}</p>` : nothing}`;
  };
  return section(
    ctx.level,
    'membership',
    t('panel.plan.title'),
    html`
      <p part="membership-status" class=${m?.status === 'past_due' ? 'bad' : ''}>${status}</p>
      ${!m
        ? plans.map((p) => html`${info(p)}<div class="buttons">${offers(p)}</div>`)
        : html`${info(plan)}
            <div class="buttons">
              ${running
                ? html`${m.status === 'trial' ? actionButton(ctx, `join:${plan.id}`, t('panel.plan.keep', { price: price(ctx, plan) }), () => ctx.act.membership(plan.id, 'subscribe'), 'primary') : nothing}
                  ${actionButton(ctx, 'cancel-membership', t('panel.plan.cancel'), () => ctx.act.cancelMembership())}`
                : stillOn
                  ? actionButton(ctx, `join:${plan.id}`, t('panel.plan.resume'), () => ctx.act.membership(plan.id, 'subscribe'), 'primary')
                  : offers(plan)}
            </div>`}
      ${notice(ctx, 'membership')}
    `,
  );
}
