import { expect } from '@open-wc/testing';
import { rulesText } from '../../src/components/member-panel/rules-text.js';
import { translate, type Locale, type MessageKey, type Params } from '../../src/i18n/index.js';
import en from '../../src/i18n/locales/en.js';
import es from '../../src/i18n/locales/es.js';
import ro from '../../src/i18n/locales/ro.js';
import zhCN from '../../src/i18n/locales/zh-CN.js';
import { demoProgram, programSummary } from '../../src/mock/index.js';
import type { ProgramSummary } from '../../src/contract/types.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;
const CATALOGS = { en, es, ro, 'zh-CN': zhCN } as const;
/** The sentences, with Intl's no-break spaces ("10,00 US$") written as plain ones for readability. */
const say = (program: ProgramSummary, locale: Locale = 'en') =>
  rulesText(program, (key: MessageKey, params?: Params) => translate(CATALOGS[locale], locale, key, params), locale, NOW).map((line) => line.replace(/[\u00a0\u202f]/g, ' '));
const demo = () => programSummary(demoProgram(NOW), NOW);
const usd = (amount: number) => ({ amount, currency: 'USD' });

/** The smallest program: 1 point per $10, 30-day window, 12-month expiry, nothing else. */
const minimal = (extra: Partial<ProgramSummary> = {}): ProgramSummary => ({
  id: 'p',
  name: 'P',
  currency: 'USD',
  earn: { points: 1, perMinor: 1000 },
  pendingDays: 30,
  expiry: { mode: 'fixed', months: 12 },
  pointValue: usd(100),
  joinIncentive: null,
  ...extra,
});

describe('how-to-earn sentences (rulesText)', () => {
  it('explains the demo program in English from its configuration', () => {
    expect(say(demo())).to.deep.equal([
      'Earn 1 point for every $10.00 you spend.',
      'Points from an order become available 30 days after it (the return window).',
      'Points expire 12 months after they become available.',
      'Each point is worth $0.10 when you redeem it.',
      'Get 100 points for joining.',
      '50 points for subscribing to the newsletter (once).',
      '10 points for sharing a product (up to 3 times a month).',
      '50 points on your birthday (once a year).',
      '20 points for a product review (up to 5 times a month).',
      'Double points on pots: 2× points until Jan 1.',
      'Get 2% back in store credit on every order.',
      'A year-end rebate in store credit, early the next year: 1% from $500.00, 2% from $1,000.00, and 3% from $2,500.00 of the year’s spend.',
      'Spend $500.00 in a calendar year and get a reward.',
      'Reach Silver by spending $500.00 in a calendar year: 1.25× points.',
      'Reach Gold by spending $1,000.00 in a calendar year: 1.5× points, free shipping, and early access to sales.',
      'Potting mix card: buy 5, get the next one free.',
      'Refer a friend: they get $10.00 off a first order of $50.00 or more, and you get 500 points once it is past the return window.',
    ]);
  });

  it('explains it in Spanish, with the merchant\'s names as the program translates them', () => {
    const lines = say(demo(), 'es');
    expect(lines).to.have.length(17);
    expect(lines).to.include.members([
      'Gana 1 punto por cada 10,00 US$ de compra.',
      'Los puntos de un pedido están disponibles 30 días después (el plazo de devolución).',
      'Los puntos caducan 12 meses después de estar disponibles.',
      'Consigue 100 puntos por unirte.',
      '10 puntos por compartir un producto (hasta 3 veces al mes).',
      '50 puntos en tu cumpleaños (una vez al año).',
      'Puntos dobles en macetas: 2× puntos hasta el 1 ene.',
      'Llega a Oro gastando 1000,00 US$ en un año natural: 1,5× puntos, envío gratis y acceso anticipado a las rebajas.',
      'Recomienda a un amigo: tu amigo recibe 10,00 US$ de descuento en su primer pedido de 50,00 US$ o más y tú ganas 500 puntos cuando pase el plazo de devolución.',
      'Un reembolso de fin de año como saldo en tienda, a principios del año siguiente: 1 % a partir de 500,00 US$, 2 % a partir de 1000,00 US$ y 3 % a partir de 2500,00 US$ del gasto del año.',
    ]);
  });

  it('explains it in Romanian, with its three plural forms and one dot after an abbreviated date', () => {
    const lines = say(demo(), 'ro');
    expect(lines).to.have.length(17);
    expect(lines).to.include.members([
      'Câștigi 1 punct pentru fiecare 10,00 USD cheltuiți.',
      'Punctele unei comenzi devin disponibile după 30 de zile (perioada de retur).',
      'Primești 100 de puncte la înscriere.',
      '10 puncte pentru distribuirea unui produs (de cel mult 3 ori pe lună).',
      '50 de puncte pentru abonarea la newsletter (o singură dată).',
      'Puncte duble la ghivece: puncte ×2 până pe 1 ian.',
      'Ajungi la Argint cheltuind 500,00 USD într-un an calendaristic: puncte ×1,25.',
      'O rambursare de final de an, drept credit în magazin, la începutul anului următor: 1 % de la 500,00 USD, 2 % de la 1.000,00 USD și 3 % de la 2.500,00 USD din cheltuielile anului.',
    ]);
    expect(say(minimal({ pendingDays: 14 }), 'ro')[1]).to.equal('Punctele unei comenzi devin disponibile după 14 zile (perioada de retur).');
    expect(say(minimal({ pendingDays: 1 }), 'ro')[1]).to.equal('Punctele unei comenzi devin disponibile după 1 zi (perioada de retur).');
  });

  it('explains it in Simplified Chinese', () => {
    const lines = say(demo(), 'zh-CN');
    expect(lines).to.have.length(17);
    expect(lines).to.include.members([
      '每消费 US$10.00 可获得 1 积分。',
      '订单积分在 30 天后（退货期结束后）生效。',
      '积分生效 12 个月后过期。',
      '加入即得 100 积分。',
      '订阅优惠资讯邮件得 50 积分（限 1 次）。',
      '分享商品得 10 积分（每月限 3 次）。',
      '一个自然年内消费满 US$1,000.00，即可升级为黄金：1.5 倍积分、免运费和抢先参加促销。',
      '营养土集点卡：买 5 件，下一件免费。',
      '年终返还（次年初计入店内余额）：满 US$500.00 返 1%、满 US$1,000.00 返 2%和满 US$2,500.00 返 3%（按全年消费计）。',
      '推荐好友：好友首单满 US$50.00 立减 US$10.00，首单过了退货期后您可获得 500 积分。',
    ]);
  });

  it('follows the configuration: no window, other expiry modes, no join bonus, one-point wording', () => {
    expect(say(minimal({ earn: { points: 1, perMinor: 100 }, pendingDays: 0, expiry: { mode: 'none', months: 0 } }))).to.deep.equal([
      'Earn 1 point for every $1.00 you spend.',
      'Points from an order are available right away.',
      'Points never expire.',
      'Each point is worth $1.00 when you redeem it.',
    ]);
    expect(say(minimal({ expiry: { mode: 'rolling', months: 18 } }))[2]).to.equal('Points expire after 18 months without any activity.');
    expect(say(minimal({ pendingDays: 1, expiry: { mode: 'fixed', months: 1 } })).slice(1, 3)).to.deep.equal([
      'Points from an order become available 1 day after it (the return window).',
      'Points expire 1 month after they become available.',
    ]);
  });

  it('words actions with their caps, says the joining bonus once and leaves out actions it has no words for', () => {
    const program = minimal({
      joinIncentive: { points: 25 },
      actions: [
        { type: 'signup', points: 25, cap: 1, capPeriod: 'lifetime' },
        { type: 'social_follow', points: 5, cap: 2, capPeriod: 'day' },
        { type: 'review', points: 20 },
        { type: 'dance', points: 99, cap: 1 },
        { type: 'share', points: 0, cap: 3, capPeriod: 'month' },
      ],
    });
    expect(say(program).slice(4)).to.deep.equal(['Get 25 points for joining.', '5 points for following us on social media (up to 2 times a day).', '20 points for a product review.']);
    expect(say(minimal({ actions: [{ type: 'signup', points: 10, cap: 1 }] })).at(-1)).to.equal('10 points for joining (once).');
  });

  it('says when an upcoming promotion runs, and skips one that is over', () => {
    const promotion = (startsAt: number, endsAt: number) => ({ id: 'x', name: 'Triple on tools', multiplier: 3, appliesTo: {}, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() });
    expect(say(minimal({ promotions: [promotion(NOW + 8 * DAY, NOW + 15 * DAY)] })).at(-1)).to.equal('Triple on tools: 3× points from Dec 1 to Dec 8.');
    expect(say(minimal({ promotions: [promotion(NOW - 15 * DAY, NOW - DAY)] }))).to.have.length(4);
    expect(say(minimal({ promotions: [promotion(NOW + 8 * DAY, NOW + 15 * DAY)] }), 'es').at(-1)).to.equal('Triple on tools: 3× puntos del 1 dic al 8 dic.');
  });

  it('words a referral without a minimum order and a points-based tier within 12 months', () => {
    const program = minimal({
      referral: { referrerPoints: 1, friendDiscount: usd(500) },
      tiers: [
        { id: 'base', name: 'Base', basis: 'points', threshold: 0, periodMonths: 12, period: 'rolling_12_months', benefits: { earnMultiplier: 1, freeShipping: false, earlyAccess: false } },
        { id: 'vip', name: 'VIP', basis: 'points', threshold: 1_000, periodMonths: 12, period: 'rolling_12_months', benefits: { earnMultiplier: 2, freeShipping: true, earlyAccess: false, gifts: ['a birthday gift'] } },
      ],
    });
    expect(say(program).slice(4)).to.deep.equal([
      'Reach VIP by earning 1,000 points within 12 months: 2× points, free shipping, and a birthday gift.',
      'Refer a friend: they get $5.00 off their first order, and you get 1 point once it is past the return window.',
    ]);
    expect(say(program, 'zh-CN').slice(4)).to.deep.equal([
      '12 个月内获得 1,000 积分，即可升级为 VIP：2 倍积分、免运费和a birthday gift。',
      '推荐好友：好友首单立减 US$5.00，首单过了退货期后您可获得 1 积分。',
    ]);
  });

  it('words a calendar expiry (a date each year the merchant sets) in every language', () => {
    const calendar = (months: number) => minimal({ expiry: { mode: 'calendar', months, on: { month: 12, day: 31 } } });
    expect(say(calendar(12))[2]).to.equal('Points last until the end of the first December 31 at least 12 months after they become available.');
    expect(say(calendar(0))[2]).to.equal('Points last until the end of the next December 31 after they become available.');
    expect(say(calendar(12), 'es')[2]).to.equal('Los puntos caducan al final del primer 31 de diciembre en que lleven al menos 12 meses disponibles.');
    expect(say(calendar(12), 'ro')[2]).to.equal('Punctele expiră la sfârșitul primului 31 decembrie care vine la cel puțin 12 luni după ce devin disponibile.');
    expect(say(calendar(12), 'zh-CN')[2].replace(/\u2060/g, '')).to.equal('积分有效期至生效满 12 个月后的首个 12月31日。');
  });

  it('words the rolling window a program sets for its tiers, as the reference backend answers it', () => {
    const rules = demoProgram(NOW);
    rules.tiers = { ...rules.tiers!, period: 'rolling_months', periodMonths: 6 };
    const lines = say(programSummary(rules, NOW));
    expect(lines).to.include('Reach Silver by spending $500.00 within 6 months: 1.25× points.');
    expect(say(programSummary(rules, NOW), 'ro').filter((line) => / în 6 luni: /.test(line))).to.have.length(2);
  });

  it('words a rolling tier window of the length the server gives (periodMonths), in every language', () => {
    const window = (periodMonths: number) =>
      minimal({ tiers: [{ id: 'vip', name: 'VIP', basis: 'points', threshold: 1_000, periodMonths, period: 'rolling_12_months', benefits: { earnMultiplier: 2, freeShipping: false, earlyAccess: false } }] });
    expect(say(window(6)).at(-1)).to.equal('Reach VIP by earning 1,000 points within 6 months: 2× points.');
    expect(say(window(1)).at(-1)).to.match(/within 1 month:/);
    expect(say(window(6), 'es').at(-1)).to.match(/en 6 meses/);
    expect(say(window(1), 'ro').at(-1)).to.match(/într-o lună/);
    expect(say(window(6), 'ro').at(-1)).to.match(/în 6 luni/);
    expect(say(window(24), 'ro').at(-1)).to.match(/în 24 de luni/);
    expect(say(window(6), 'zh-CN').at(-1)).to.match(/^6 个月内/);
  });
});
