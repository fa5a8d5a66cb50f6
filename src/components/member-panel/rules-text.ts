import type { ActionRule, ProgramSummary, TierBenefits } from '../../contract/types.js';
import { dateText, listFormat, numberFormat } from '../../core/intl.js';
import { merchantText, type Locale, type MessageKey } from '../../i18n/index.js';
import type { Translate } from './parts.js';

const ACTIONS = new Set(['newsletter', 'share', 'review', 'birthday', 'social_follow', 'signup']);

/** "1.5× points, free shipping and early access", in the locale's list style. */
export function benefitList(benefits: Partial<TierBenefits> & { memberPrices?: boolean }, t: Translate, locale: Locale, own: (text: string) => string = (text) => text): string {
  const parts: string[] = [];
  if ((benefits.earnMultiplier ?? 1) > 1) parts.push(t('benefit.multiplier', { multiplier: benefits.earnMultiplier }));
  if (benefits.freeShipping) parts.push(t('benefit.freeShipping'));
  if (benefits.earlyAccess) parts.push(t('benefit.earlyAccess'));
  if (benefits.memberPrices) parts.push(t('benefit.memberPrices'));
  // Gifts are the merchant's own words (translated where the program translates them).
  parts.push(...(benefits.gifts ?? []).map(own));
  return listFormat(locale, { type: 'conjunction' }).format(parts);
}

function action(rule: ActionRule, t: Translate): string {
  const what = t(`rules.action.${rule.type}` as MessageKey, { count: rule.points });
  if (rule.cap === undefined) return t('rules.plain', { rule: what });
  const cap = t(`rules.cap.${rule.capPeriod ?? 'lifetime'}` as MessageKey, { count: rule.cap });
  return t('rules.withCap', { rule: what, cap });
}

/**
 * The program's rules as plain sentences in the shopper's language, generated from its
 * configuration (nothing hard-coded): how points are earned, when they become available and
 * expire, what actions, promotions, referrals, tiers and the other program types add. Pure: the
 * translator, locale and time are passed in.
 */
/** How points expire: after months, after a quiet spell, on a date each year, or never. */
function expirySentence(expiry: ProgramSummary['expiry'], t: Translate, locale: Locale): string {
  const { mode, months: count, on } = expiry;
  if (mode === 'calendar' && on) {
    // (the day of the year alone, "December 31", "31 de diciembre", "12月31日")
    const date = dateText(locale, { month: 'long', day: 'numeric', timeZone: 'UTC' }, Date.UTC(2001, on.month - 1, on.day));
    return count > 0 ? t('rules.expiry.calendar', { count, date }) : t('rules.expiry.calendarNext', { date });
  }
  return (mode === 'fixed' || mode === 'rolling') && count > 0 ? t(`rules.expiry.${mode}`, { count }) : t('rules.expiry.none');
}

export function rulesText(program: ProgramSummary, t: Translate, locale: Locale, now: number): string[] {
  const out: string[] = [];
  const currency = program.currency;
  const { earn, expiry } = program;
  const own = (name: string) => merchantText(program.translations, locale, name);
  if (earn.points > 0) out.push(t('rules.earn', { count: earn.points, amount: { amount: earn.perMinor, currency } }));
  out.push(program.pendingDays > 0 ? t('rules.pending', { count: program.pendingDays }) : t('rules.pendingNone'));
  out.push(expirySentence(expiry, t, locale));
  out.push(t('rules.value', { amount: program.pointValue }));
  const join = program.joinIncentive?.points ?? 0;
  if (join > 0) out.push(t('rules.join', { count: join }));
  for (const rule of program.actions ?? []) {
    // The joining bonus is said once; unknown action types have no words yet, so they are left out.
    if (rule.points <= 0 || !ACTIONS.has(rule.type) || (rule.type === 'signup' && join > 0)) continue;
    out.push(action(rule, t));
  }
  for (const p of program.promotions ?? []) {
    const end = new Date(p.endsAt);
    if (end.getTime() <= now) continue;
    const params = { name: own(p.name), multiplier: p.multiplier, date: end, start: new Date(p.startsAt) };
    out.push(Date.parse(p.startsAt) > now ? t('rules.promotionSoon', params) : t('rules.promotion', params));
  }
  const percent = (value: number) => numberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);
  if (program.cashback && program.cashback.percent > 0) out.push(t('rules.cashback', { percent: percent(program.cashback.percent) }));
  // the year-end rebate's rows, each a spend and its share (it was in the balance, never in the rules)
  const rows = (program.cashback?.yearEndRebate ?? []).filter((row) => row.percent > 0);
  if (rows.length) out.push(t('rules.rebate', { rows: listFormat(locale, { type: 'conjunction' }).format(rows.map((row) => t('rules.rebateRow', { amount: row.threshold, percent: percent(row.percent) }))) }));
  // The level's reward is described in the merchant's words only, so the sentence names the amount.
  for (const level of program.spendLevels ?? []) out.push(t('rules.spendLevel', { amount: level.threshold }));
  for (const tier of program.tiers ?? []) {
    if (tier.threshold <= 0) continue;
    const what = tier.basis === 'spend' ? t('rules.tierSpend', { amount: { amount: tier.threshold, currency } }) : t('rules.tierPoints', { count: tier.threshold });
    // (a rolling window of the level's own length: the contract's periodMonths)
    const period = tier.period === 'calendar_year' ? t('rules.period.calendar') : t('rules.period.rolling', { count: tier.periodMonths });
    out.push(t('rules.tier', { tier: own(tier.name), what, period, benefits: benefitList(tier.benefits, t, locale, own) }));
  }
  for (const card of program.punchCards ?? []) out.push(t('rules.punch', { name: own(card.name), count: card.punches }));
  const referral = program.referral;
  if (referral && referral.referrerPoints > 0) {
    const params = { count: referral.referrerPoints, amount: referral.friendDiscount, minSpend: referral.friendMinSpend };
    out.push(referral.friendMinSpend ? t('rules.referralMin', params) : t('rules.referral', params));
  }
  return out;
}
