/**
 * The four program emails (welcome, monthly statement, expiry reminder, newsletter) in the SDK's
 * four languages. Pure functions: data in, `{ subject, text, html }` out. Numbers, money and dates
 * are formatted with Intl for the email's locale here and nowhere else; every interpolated value
 * is HTML-escaped in the html part (the whole line is escaped, our own words included).
 */
import { LOCALES, matchLocale, type Locale } from '../core/locale.js';
import { listFormat } from '../core/intl.js';
import { formatMoney, type Money } from '../core/money.js';
import { closeChineseGaps } from '../i18n/merchant-text.js';

export const EMAIL_LOCALES = LOCALES;
export type EmailLocale = Locale;

/** The email language for a member's locale tag (the widgets' rule), English when unsupported. */
export function emailLocale(tag: unknown): EmailLocale {
  return matchLocale(tag) ?? 'en';
}

export interface EmailCommon {
  programName: string;
  memberName: string | null;
  /** `${siteUrl}?fidelio-unsubscribe=${token}`: printed in every email. */
  unsubscribeUrl: string;
  siteUrl: string;
  /** The store's time zone, for the dates and months the email prints (UTC when unset). */
  timeZone?: string;
}

export interface PromotionLine {
  name: string;
  multiplier: number;
  startsAt: number;
  /** Exclusive, as in the program document. */
  endsAt: number;
}

/**
 * A reward named as the widgets name it (src/components/base/reward-label.ts): a discount by its
 * value, free shipping by what it is, anything else (a free product) by the program's name for it.
 */
export type RewardName = { kind: 'fixed'; value: Money } | { kind: 'free_shipping' } | { kind: 'named'; name: string };

/** The statement's rewards: what the points buy now, or, when nothing yet, how far the cheapest is. */
export type StatementRewards =
  /** Up to three, cheapest first; `more` can also be had now besides them. */
  | { affordable: RewardName[]; more: number }
  | { next: RewardName; missing: number };

/** The member's level in the statement: its benefits and what reaches the next one. */
export interface StatementTier {
  name: string;
  benefits: { earnMultiplier: number; freeShipping: boolean; earlyAccess: boolean; exclusiveAccess: boolean; gift?: string };
  /** `by`: the last day of the period in which the missing amount still counts (null when no deadline). */
  next: ({ name: string; by: number | null } & ({ spend: Money } | { points: number })) | null;
}

export type EmailData =
  | (EmailCommon & { kind: 'welcome'; available: number; earn: { points: number; per: Money } })
  | (EmailCommon & {
      kind: 'statement';
      month: number;
      available: number;
      pending: number;
      value: Money;
      nextExpiry: { points: number; expiresAt: number } | null;
      /** Left out: no rewards paragraph (a program without catalog rewards). */
      rewards?: StatementRewards;
      /** Left out: no tier paragraph (a program without tiers). */
      tier?: StatementTier;
    })
  /** `rolling`: any activity keeps the points (rolling expiry); otherwise only spending them does. */
  | (EmailCommon & { kind: 'expiry_reminder'; points: number; expiresAt: number; value: Money; rolling?: boolean })
  | (EmailCommon & { kind: 'newsletter'; month: number; promotions: PromotionLine[] });

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

type Plural = { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };
type Msg = string | Plural;

interface Catalog {
  hello: string;
  helloNoName: string;
  points: Msg;
  signoff: string;
  visit: string;
  welcomeSubject: string;
  welcomeIntro: string;
  welcomeBalance: Msg;
  welcomeEarn: Msg;
  welcomeTip: string;
  statementSubject: string;
  statementIntro: string;
  statementAvailable: string;
  statementPending: string;
  statementExpiry: Msg;
  statementNoExpiry: string;
  statementRewardsNow: string;
  statementRewardsMore: string;
  statementNextReward: Msg;
  rewardFixed: string;
  rewardFreeShipping: string;
  statementTier: string;
  statementTierBenefits: string;
  benefitMultiplier: string;
  benefitFreeShipping: string;
  benefitEarlyAccess: string;
  benefitExclusiveAccess: string;
  statementTierSpend: string;
  statementTierSpendBy: string;
  statementTierPoints: string;
  statementTierPointsBy: string;
  expirySubject: Msg;
  expiryBody: Msg;
  expiryTip: Msg;
  expiryTipSpend: Msg;
  newsletterSubject: string;
  newsletterIntro: string;
  newsletterItem: string;
  newsletterReason: string;
  accountReason: string;
  unsubscribe: string;
}

const en: Catalog = {
  hello: 'Hi {name},',
  helloNoName: 'Hi there,',
  points: { one: '{count} point', other: '{count} points' },
  signoff: 'See you soon,\nThe {program} team',
  visit: 'Visit us: {site}',
  welcomeSubject: 'Welcome to {program}!',
  welcomeIntro: 'Thanks for joining {program}. From now on, every order earns you points you can swap for rewards.',
  welcomeBalance: { zero: 'Your balance is 0 points for now: your first order will change that.', other: 'You already have {points} to start with.' },
  welcomeEarn: { one: 'How it works: you earn {count} point for every {per} you spend.', other: 'How it works: you earn {count} points for every {per} you spend.' },
  welcomeTip: 'Points from an order become available once the return window has passed.',
  statementSubject: 'Your {program} points for {month}',
  statementIntro: 'Here is your points summary at the start of {month}.',
  statementAvailable: 'Available to spend: {points} (worth {value})',
  statementPending: 'On the way (still in the return window): {points}',
  statementExpiry: { one: 'Next to expire: {points} on {date}.', other: 'Next to expire: {points} on {date}.' },
  statementNoExpiry: 'None of your points expire soon.',
  statementRewardsNow: 'Rewards you can get with your points now:',
  statementRewardsMore: 'And {count} more.',
  statementNextReward: 'Your next reward: {reward} ({points} to go).',
  rewardFixed: '{amount} off your order',
  rewardFreeShipping: 'Free shipping',
  statementTier: 'Your level: {tier}.',
  statementTierBenefits: 'Your level: {tier}, with {benefits}.',
  benefitMultiplier: '{multiplier}× points',
  benefitFreeShipping: 'free shipping',
  benefitEarlyAccess: 'early access to sales',
  benefitExclusiveAccess: 'access to exclusive products',
  statementTierSpend: 'Spend {amount} more to reach {tier}.',
  statementTierSpendBy: 'Spend {amount} more by {date} to reach {tier}.',
  statementTierPoints: 'Earn another {points} to reach {tier}.',
  statementTierPointsBy: 'Earn another {points} by {date} to reach {tier}.',
  expirySubject: { one: 'Your {count} point expires on {date}', other: 'Your {count} points expire on {date}' },
  expiryBody: { one: '{points} (worth {value}) expires on {date}. Use it on your next order so it does not go to waste.', other: '{points} (worth {value}) expire on {date}. Use them on your next order so they do not go to waste.' },
  expiryTip: 'Any order or reward before that date counts.',
  expiryTipSpend: { one: 'Redeem it for a reward before then: your oldest points are always used first.', other: 'Redeem them for a reward before then: your oldest points are always used first.' },
  newsletterSubject: 'Extra points at {program} in {month}',
  newsletterIntro: 'Here is how to earn more points in {month}:',
  newsletterItem: '{multiplier}× points on {name}, {start} – {end}',
  newsletterReason: 'You are getting this newsletter because you said yes to news from {program}.',
  accountReason: 'You are getting this email because you are a member of {program}.',
  unsubscribe: 'Unsubscribe or change your email choices: {url}',
};

const es: Catalog = {
  hello: 'Hola, {name}:',
  helloNoName: 'Hola:',
  points: { one: '{count} punto', other: '{count} puntos' },
  signoff: '¡Hasta pronto!\nEl equipo de {program}',
  visit: 'Visítanos: {site}',
  welcomeSubject: '¡Te damos la bienvenida a {program}!',
  welcomeIntro: 'Gracias por unirte a {program}. A partir de ahora, cada pedido te da puntos que puedes cambiar por recompensas.',
  welcomeBalance: { zero: 'Por ahora tu saldo es de 0 puntos: tu primer pedido lo cambiará.', other: 'Ya tienes {points} para empezar.' },
  welcomeEarn: { one: 'Cómo funciona: ganas {count} punto por cada {per} que gastas.', other: 'Cómo funciona: ganas {count} puntos por cada {per} que gastas.' },
  welcomeTip: 'Los puntos de un pedido están disponibles cuando termina el plazo de devolución.',
  statementSubject: 'Tus puntos de {program} en {month}',
  statementIntro: 'Este es el resumen de tus puntos a principios de {month}.',
  statementAvailable: 'Disponibles para usar: {points} (valen {value})',
  statementPending: 'En camino (aún en el plazo de devolución): {points}',
  statementExpiry: { one: 'El próximo en caducar: {points} el {date}.', other: 'Los próximos en caducar: {points} el {date}.' },
  statementNoExpiry: 'Ninguno de tus puntos caduca pronto.',
  statementRewardsNow: 'Recompensas que ya puedes conseguir con tus puntos:',
  statementRewardsMore: 'Y {count} más.',
  statementNextReward: { one: 'Tu próxima recompensa: {reward} (te falta {points}).', other: 'Tu próxima recompensa: {reward} (te faltan {points}).' },
  rewardFixed: '{amount} de descuento en tu pedido',
  rewardFreeShipping: 'Envío gratis',
  statementTier: 'Tu nivel: {tier}.',
  statementTierBenefits: 'Tu nivel: {tier}, con {benefits}.',
  benefitMultiplier: '{multiplier}× puntos',
  benefitFreeShipping: 'envío gratis',
  benefitEarlyAccess: 'acceso anticipado a las rebajas',
  benefitExclusiveAccess: 'acceso a productos exclusivos',
  statementTierSpend: 'Gasta {amount} más y llegarás a {tier}.',
  statementTierSpendBy: 'Gasta {amount} más hasta el {date} y llegarás a {tier}.',
  statementTierPoints: 'Gana {points} más y llegarás a {tier}.',
  statementTierPointsBy: 'Gana {points} más hasta el {date} y llegarás a {tier}.',
  expirySubject: { one: '{count} punto de tu saldo caduca el {date}', other: 'Tus {count} puntos caducan el {date}' },
  expiryBody: { one: '{points} (vale {value}) caduca el {date}. Úsalo en tu próximo pedido para no perderlo.', other: '{points} (valen {value}) caducan el {date}. Úsalos en tu próximo pedido para no perderlos.' },
  expiryTip: { one: 'Basta con un pedido o un canje antes de esa fecha para conservarlo.', other: 'Basta con un pedido o un canje antes de esa fecha para conservarlos.' },
  expiryTipSpend: {
    one: 'Canjéalo por una recompensa antes de esa fecha: siempre se gastan primero tus puntos más antiguos.',
    other: 'Canjéalos por una recompensa antes de esa fecha: siempre se gastan primero tus puntos más antiguos.',
  },
  newsletterSubject: 'Puntos extra en {program} en {month}',
  newsletterIntro: 'Así puedes ganar más puntos en {month}:',
  newsletterItem: '{multiplier}× puntos en {name}, {start} – {end}',
  newsletterReason: 'Recibes este boletín porque aceptaste recibir novedades de {program}.',
  accountReason: 'Recibes este correo porque eres socio de {program}.',
  unsubscribe: 'Para darte de baja o cambiar tus preferencias de correo: {url}',
};

const ro: Catalog = {
  hello: 'Bună, {name},',
  helloNoName: 'Bună,',
  points: { one: '{count} punct', few: '{count} puncte', other: '{count} de puncte' },
  signoff: 'Pe curând,\nEchipa {program}',
  visit: 'Vizitează-ne: {site}',
  welcomeSubject: 'Bine ai venit în {program}!',
  welcomeIntro: 'Îți mulțumim că te-ai înscris în {program}. De acum, fiecare comandă îți aduce puncte pe care le poți schimba pe recompense.',
  welcomeBalance: { zero: 'Deocamdată ai 0 puncte: prima ta comandă va schimba asta.', other: 'Ai deja {points} pentru început.' },
  welcomeEarn: { one: 'Cum funcționează: primești {count} punct pentru fiecare {per} cheltuiți.', few: 'Cum funcționează: primești {count} puncte pentru fiecare {per} cheltuiți.', other: 'Cum funcționează: primești {count} de puncte pentru fiecare {per} cheltuiți.' },
  welcomeTip: 'Punctele dintr-o comandă devin disponibile după ce trece perioada de retur.',
  statementSubject: 'Punctele tale {program} pentru {month}',
  statementIntro: 'Iată rezumatul punctelor tale la începutul lunii {month}.',
  statementAvailable: 'Disponibile acum: {points} (în valoare de {value})',
  statementPending: 'În așteptare (încă în perioada de retur): {points}',
  statementExpiry: { one: 'Următorul care expiră: {points} pe {date}.', other: 'Următoarele care expiră: {points} pe {date}.' },
  statementNoExpiry: 'Niciunul dintre punctele tale nu expiră curând.',
  statementRewardsNow: 'Recompense pe care le poți obține acum cu punctele tale:',
  statementRewardsMore: 'Și încă {count}.',
  statementNextReward: { one: 'Următoarea ta recompensă: {reward} (îți mai lipsește {points}).', other: 'Următoarea ta recompensă: {reward} (îți mai lipsesc {points}).' },
  rewardFixed: 'Reducere de {amount} la comandă',
  rewardFreeShipping: 'Livrare gratuită',
  statementTier: 'Nivelul tău: {tier}.',
  statementTierBenefits: 'Nivelul tău: {tier}, cu {benefits}.',
  benefitMultiplier: 'puncte ×{multiplier}',
  benefitFreeShipping: 'livrare gratuită',
  benefitEarlyAccess: 'acces anticipat la reduceri',
  benefitExclusiveAccess: 'acces la produse exclusive',
  statementTierSpend: 'Mai cheltuiește {amount} ca să ajungi la {tier}.',
  statementTierSpendBy: 'Mai cheltuiește {amount} până pe {date} ca să ajungi la {tier}.',
  statementTierPoints: 'Mai câștigă {points} ca să ajungi la {tier}.',
  statementTierPointsBy: 'Mai câștigă {points} până pe {date} ca să ajungi la {tier}.',
  expirySubject: { one: '{count} punct expiră pe {date}', few: '{count} puncte expiră pe {date}', other: '{count} de puncte expiră pe {date}' },
  expiryBody: { one: '{points} (în valoare de {value}) expiră pe {date}. Folosește-l la următoarea comandă ca să nu se piardă.', other: '{points} (în valoare de {value}) expiră pe {date}. Folosește-le la următoarea comandă ca să nu se piardă.' },
  expiryTip: { one: 'Îl păstrezi cu orice comandă sau recompensă înainte de această dată.', other: 'Le păstrezi cu orice comandă sau recompensă înainte de această dată.' },
  expiryTipSpend: { one: 'Schimbă-l pe o recompensă până atunci: se folosesc mereu întâi punctele cele mai vechi.', other: 'Schimbă-le pe o recompensă până atunci: se folosesc mereu întâi punctele cele mai vechi.' },
  newsletterSubject: 'Puncte în plus la {program} în {month}',
  newsletterIntro: 'Iată cum câștigi mai multe puncte în {month}:',
  newsletterItem: 'Puncte ×{multiplier} la {name}, {start} – {end}',
  newsletterReason: 'Primești acest newsletter pentru că ai acceptat să primești noutăți de la {program}.',
  accountReason: 'Primești acest e-mail pentru că ești membru {program}.',
  unsubscribe: 'Dezabonează-te sau schimbă preferințele de e-mail: {url}',
};

const zhCN: Catalog = {
  hello: '{name}，您好：',
  helloNoName: '您好：',
  points: { other: '{count} 积分' },
  signoff: '祝您购物愉快！\n{program} 团队',
  visit: '欢迎光临：{site}',
  welcomeSubject: '欢迎加入 {program}！',
  welcomeIntro: '感谢您加入 {program}。从现在起，每笔订单都能为您赚取积分，积分可以兑换奖励。',
  welcomeBalance: { zero: '您目前有 0 积分，下第一笔订单即可开始累积。', other: '您已经有 {points}，可以开始使用了。' },
  welcomeEarn: { other: '规则很简单：每消费 {per}，您就能获得 {count} 积分。' },
  welcomeTip: '订单积分在退货期结束后即可使用。',
  statementSubject: '您的 {program} 积分月报（{month}）',
  statementIntro: '以下是您 {month}初的积分摘要。',
  statementAvailable: '可用积分：{points}（价值 {value}）',
  statementPending: '即将到账（仍在退货期内）：{points}',
  statementExpiry: { other: '即将过期：{points}，过期日期 {date}。' },
  statementNoExpiry: '您的积分近期都不会过期。',
  statementRewardsNow: '您现在可以用积分兑换：',
  statementRewardsMore: '另有 {count} 项奖励可兑换。',
  statementNextReward: { other: '您的下一个奖励：{reward}（还差 {points}）。' },
  rewardFixed: '订单立减 {amount}',
  rewardFreeShipping: '免运费',
  statementTier: '您的等级：{tier}。',
  statementTierBenefits: '您的等级：{tier}，享有 {benefits}。',
  benefitMultiplier: '{multiplier} 倍积分',
  benefitFreeShipping: '免运费',
  benefitEarlyAccess: '抢先参加促销',
  benefitExclusiveAccess: '专属商品购买权',
  statementTierSpend: '再消费 {amount}，即可升级为 {tier}。',
  statementTierSpendBy: '在 {date}前再消费 {amount}，即可升级为 {tier}。',
  statementTierPoints: '再获得 {points}，即可升级为 {tier}。',
  statementTierPointsBy: '在 {date}前再获得 {points}，即可升级为 {tier}。',
  expirySubject: { other: '您的 {count} 积分将于 {date}过期' },
  expiryBody: { other: '{points}（价值 {value}）将于 {date}过期。请在下一笔订单中使用，别让积分白白浪费。' },
  expiryTip: '在此日期前下单或兑换奖励，即可保留这些积分。',
  expiryTipSpend: '请在此日期前兑换奖励：系统总是优先使用最早获得的积分。',
  newsletterSubject: '{month}在 {program} 赚取额外积分',
  newsletterIntro: '{month}赚取更多积分的方法：',
  newsletterItem: '{name}：{multiplier} 倍积分，{start}至{end}',
  newsletterReason: '您收到这封优惠资讯邮件，是因为您同意接收 {program} 的消息。',
  accountReason: '您收到这封邮件，是因为您是 {program} 的会员。',
  unsubscribe: '退订或更改邮件偏好：{url}',
};

const CATALOGS: Record<EmailLocale, Catalog> = { en, es, ro, 'zh-CN': zhCN };

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => escapes[c]!);
}

type Params = Record<string, string | number>;

class Writer {
  private readonly number: Intl.NumberFormat;
  private readonly plurals: Intl.PluralRules;
  private readonly day: Intl.DateTimeFormat;
  private readonly monthYear: Intl.DateTimeFormat;
  readonly catalog: Catalog;

  constructor(readonly locale: EmailLocale, timeZone = 'UTC') {
    this.catalog = CATALOGS[locale];
    this.number = new Intl.NumberFormat(locale);
    this.plurals = new Intl.PluralRules(locale);
    this.day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
    this.monthYear = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone });
  }

  /** Fills a message; `count` picks the plural form (and is formatted as a number). */
  t(key: keyof Catalog, params: Params = {}, count?: number): string {
    const message: Msg = this.catalog[key];
    let text: string;
    if (typeof message === 'string') text = message;
    else if (count === undefined) text = message.other;
    else if (count === 0 && message.zero) text = message.zero;
    else text = message[this.plurals.select(count) as keyof Plural] ?? message.other;
    const all: Params = count === undefined ? params : { count: this.num(count), ...params };
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in all ? String(all[name]) : whole));
  }

  num(value: number): string {
    return this.number.format(value);
  }
  points(count: number): string {
    return this.t('points', {}, count);
  }
  money(value: Money): string {
    return formatMoney(value, this.locale);
  }
  date(at: number): string {
    return this.day.format(new Date(at));
  }
  month(at: number): string {
    return this.monthYear.format(new Date(at));
  }
  reward(name: RewardName): string {
    if (name.kind === 'fixed') return this.t('rewardFixed', { amount: this.money(name.value) });
    return name.kind === 'free_shipping' ? this.t('rewardFreeShipping') : name.name;
  }
  /** "a, b and c" in the locale's list style. */
  and(parts: string[]): string {
    return listFormat(this.locale, { type: 'conjunction' }).format(parts);
  }
}


/** One piece of an email body: a paragraph, a bullet list or the footer with the link. */
type Block = { p: string } | { list: string[] } | { link: { before: string; url: string } };

function textOf(blocks: Block[]): string {
  return blocks
    .map((b) => ('p' in b ? b.p : 'list' in b ? b.list.map((item) => `• ${item}`).join('\n') : b.link.before))
    .join('\n\n');
}

function htmlOf(subject: string, locale: EmailLocale, blocks: Block[]): string {
  const body = blocks
    .map((b) => {
      if ('p' in b) return `<p>${escapeHtml(b.p).replace(/\n/g, '<br>')}</p>`;
      if ('list' in b) return `<ul>${b.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
      const [head, tail = ''] = b.link.before.split(b.link.url);
      const url = escapeHtml(b.link.url);
      return `<p style="font-size:small;color:#555">${escapeHtml(head ?? '')}<a href="${url}">${url}</a>${escapeHtml(tail)}</p>`;
    })
    .join('\n');
  return `<!DOCTYPE html>\n<html lang="${locale}">\n<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body>\n${body}\n</body>\n</html>`;
}

/** The statement's personal part: what the points buy (or the next reward), then the member's level. */
function statementExtras(w: Writer, rewards: StatementRewards | undefined, tier: StatementTier | undefined): Block[] {
  const out: Block[] = [];
  if (rewards && 'affordable' in rewards && rewards.affordable.length) {
    out.push({ p: w.t('statementRewardsNow') }, { list: rewards.affordable.map((r) => w.reward(r)) });
    if (rewards.more > 0) out.push({ p: w.t('statementRewardsMore', {}, rewards.more) });
  } else if (rewards && 'next' in rewards) {
    out.push({ p: w.t('statementNextReward', { reward: w.reward(rewards.next), points: w.points(rewards.missing) }, rewards.missing) });
  }
  if (tier) {
    const b = tier.benefits;
    const benefits = [
      ...(b.earnMultiplier > 1 ? [w.t('benefitMultiplier', { multiplier: w.num(b.earnMultiplier) })] : []),
      ...(b.freeShipping ? [w.t('benefitFreeShipping')] : []),
      ...(b.earlyAccess ? [w.t('benefitEarlyAccess')] : []),
      ...(b.exclusiveAccess ? [w.t('benefitExclusiveAccess')] : []),
      ...(b.gift ? [b.gift] : []),
    ];
    // (a level that gives nothing, with nothing above it, is not worth a line)
    if (benefits.length || tier.next) {
      const lines = [benefits.length ? w.t('statementTierBenefits', { tier: tier.name, benefits: w.and(benefits) }) : w.t('statementTier', { tier: tier.name })];
      const next = tier.next;
      if (next) {
        const params: Params = next.by === null ? { tier: next.name } : { tier: next.name, date: w.date(next.by) };
        if ('spend' in next) lines.push(w.t(next.by === null ? 'statementTierSpend' : 'statementTierSpendBy', { ...params, amount: w.money(next.spend) }));
        else lines.push(w.t(next.by === null ? 'statementTierPoints' : 'statementTierPointsBy', { ...params, points: w.points(next.points) }));
      }
      out.push({ p: lines.join(' ') });
    }
  }
  return out;
}

/** Renders one email in one locale (unknown locales fall back to English). */
export function renderEmail(locale: string, data: EmailData): RenderedEmail {
  const w = new Writer(emailLocale(locale), data.timeZone);
  const program = data.programName;
  const hello = data.memberName ? w.t('hello', { name: data.memberName }) : w.t('helloNoName');
  let subject: string;
  const body: Block[] = [];
  switch (data.kind) {
    case 'welcome':
      subject = w.t('welcomeSubject', { program });
      body.push({ p: w.t('welcomeIntro', { program }) });
      body.push({ p: w.t('welcomeBalance', { points: w.points(data.available) }, data.available) });
      body.push({ p: w.t('welcomeEarn', { per: w.money(data.earn.per) }, data.earn.points) + ' ' + w.t('welcomeTip') });
      break;
    case 'statement': {
      const month = w.month(data.month);
      subject = w.t('statementSubject', { program, month });
      body.push({ p: w.t('statementIntro', { month }) });
      const lines = [w.t('statementAvailable', { points: w.points(data.available), value: w.money(data.value) })];
      if (data.pending > 0) lines.push(w.t('statementPending', { points: w.points(data.pending) }));
      body.push({ list: lines });
      body.push({
        p: data.nextExpiry
          ? w.t('statementExpiry', { points: w.points(data.nextExpiry.points), date: w.date(data.nextExpiry.expiresAt) }, data.nextExpiry.points)
          : w.t('statementNoExpiry'),
      });
      body.push(...statementExtras(w, data.rewards, data.tier));
      break;
    }
    case 'expiry_reminder': {
      const date = w.date(data.expiresAt);
      subject = w.t('expirySubject', { date }, data.points);
      body.push({ p: w.t('expiryBody', { points: w.points(data.points), value: w.money(data.value), date }, data.points) });
      // (only a rolling expiry is put off by an order; a dated one only by spending the points)
      body.push({ p: w.t(data.rolling ? 'expiryTip' : 'expiryTipSpend', {}, data.points) });
      break;
    }
    case 'newsletter': {
      const month = w.month(data.month);
      subject = w.t('newsletterSubject', { program, month });
      body.push({ p: w.t('newsletterIntro', { month }) });
      body.push({
        list: data.promotions.map((p) =>
          w.t('newsletterItem', { multiplier: w.num(p.multiplier), name: p.name, start: w.date(p.startsAt), end: w.date(Math.max(p.startsAt, p.endsAt - 1)) }),
        ),
      });
      break;
    }
  }
  const blocks: Block[] = [{ p: hello }, ...body, { p: w.t('visit', { site: data.siteUrl }) }, { p: w.t('signoff', { program }) }];
  const reason = data.kind === 'newsletter' ? w.t('newsletterReason', { program }) : w.t('accountReason', { program });
  blocks.push({ p: reason }, { link: { before: w.t('unsubscribe', { url: data.unsubscribeUrl }), url: data.unsubscribeUrl } });
  // (the widgets' rule: a translated program or promotion name sits between Chinese words without spaces)
  if (w.locale === 'zh-CN') {
    subject = closeChineseGaps(subject);
    for (const b of blocks) {
      if ('p' in b) b.p = closeChineseGaps(b.p);
      else if ('list' in b) b.list = b.list.map(closeChineseGaps);
    }
  }
  // A subject is a mail header: a line break in a merchant's name must not start another header.
  subject = subject.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  return { subject, text: textOf(blocks), html: htmlOf(subject, w.locale, blocks) };
}
