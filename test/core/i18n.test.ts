import { expect } from '@open-wc/testing';
import { isMessageKey, LOCALES, matchLocale, merchantText, ownText, setLocale, translate, $merchantTexts, $t, $locale } from '../../src/i18n/index.js';
import { formatInteger } from '../../src/core/intl.js';
import en from '../../src/i18n/locales/en.js';
import es from '../../src/i18n/locales/es.js';
import ro from '../../src/i18n/locales/ro.js';
import zhCN from '../../src/i18n/locales/zh-CN.js';
import { captureWarnings } from '../helpers/backend.js';
import { resetWarnings } from '../../src/core/log.js';

describe('i18n', () => {
  afterEach(() => setLocale('en'));

  it('maps browser tags to the four supported locales', () => {
    expect(matchLocale('es-MX')).to.equal('es');
    expect(matchLocale('ro-RO')).to.equal('ro');
    expect(matchLocale('zh')).to.equal('zh-CN');
    expect(matchLocale('zh-Hans-CN')).to.equal('zh-CN');
    expect(matchLocale('zh-TW')).to.equal(null);
    expect(matchLocale('fr')).to.equal(null);
    expect(matchLocale('')).to.equal(null);
  });

  it('keeps a date on one line: no-break spaces, and word joiners between Chinese characters', () => {
    const jan = new Date(Date.UTC(2027, 0, 1));
    expect(translate(en, 'en', 'redeem.pending', { count: 2, date: jan })).to.equal('2 more points become spendable on Jan\u00a01.');
    const zh = translate(zhCN, 'zh-CN', 'redeem.pending', { count: 2, date: jan });
    expect(zh).to.contain('1\u2060月\u20601\u2060日');
    expect(zh.replace(/\u2060/g, '')).to.contain('1月1日');
  });

  it('knows which built keys name a message, and that inherited names do not', () => {
    expect(isMessageKey('badge.points')).to.equal(true);
    expect(isMessageKey('error.unknown')).to.equal(true);
    expect(isMessageKey('error.brand_new_reason')).to.equal(false);
    expect(isMessageKey('constructor')).to.equal(false);
    expect(isMessageKey('toString')).to.equal(false);
  });

  it('translates every English key in every locale', () => {
    for (const catalog of [es, ro, zhCN]) expect(Object.keys(catalog).sort()).to.deep.equal(Object.keys(en).sort());
  });

  it('uses each language plural rules and number format', () => {
    expect(translate(en, 'en', 'badge.points', { count: 1 })).to.equal('1 point');
    expect(translate(en, 'en', 'redeem.useReward', { count: 1, reward: 'Gift' })).to.equal('Use 1 point for Gift');
    expect(translate(es, 'es', 'redeem.useReward', { count: 1, reward: 'Regalo' })).to.equal('Usar 1 punto para Regalo');
    expect(translate(en, 'en', 'badge.points', { count: 1240 })).to.equal('1,240 points');
    expect(translate(ro, 'ro', 'badge.points', { count: 1 })).to.equal('1 punct');
    expect(translate(ro, 'ro', 'badge.points', { count: 3 })).to.equal('3 puncte');
    expect(translate(ro, 'ro', 'badge.points', { count: 20 })).to.equal('20 de puncte');
    expect(translate(es, 'es', 'badge.points', { count: 12400 })).to.equal('12.400 puntos');
    expect(translate(zhCN, 'zh-CN', 'badge.points', { count: 5 })).to.equal('5 积分');
    // a space around a Latin name, none between Chinese characters
    const usd = { amount: 7000, currency: 'USD' };
    expect(translate(zhCN, 'zh-CN', 'panel.tier.spendMore', { amount: usd, tier: 'Silver' })).to.equal('再消费 US$70.00 即可升级为 Silver。');
    expect(translate(zhCN, 'zh-CN', 'panel.tier.spendMore', { amount: usd, tier: '白银' })).to.equal('再消费 US$70.00 即可升级为白银。');
    expect(translate(zhCN, 'zh-CN', 'panel.reward.tierOnly', { tier: '黄金' })).to.equal('仅限黄金会员');
  });

  it('falls back to English for a missing key', () => {
    expect(translate({}, 'es', 'badge.join')).to.equal('Join & earn');
  });

  it('reads a catalog shipped as an array in English key order (the build\'s form), with 0 for a missing message', () => {
    const keys = Object.keys(en) as (keyof typeof en)[];
    const compact = keys.map((key) => (key === 'badge.join' ? 0 : ro[key] ?? 0));
    expect(translate(compact, 'ro', 'badge.points', { count: 20 })).to.equal('20 de puncte');
    expect(translate(compact, 'ro', 'badge.label')).to.equal(ro['badge.label']);
    expect(translate(compact, 'ro', keys[keys.length - 1])).to.equal(ro[keys[keys.length - 1]]);
    // the missing one is English, with English plural rules
    expect(translate(compact, 'ro', 'badge.join')).to.equal('Join & earn');
    expect(translate(keys.map((key) => (key === 'badge.points' ? 0 : ro[key] ?? 0)), 'ro', 'badge.points', { count: 20 })).to.equal('20 points');
  });

  it('shows the merchant\'s own names in the shopper\'s language where the program translates them', async () => {
    const texts = { es: { Silver: 'Plata' }, 'zh-CN': { Silver: '白银' } };
    expect(merchantText(texts, 'es', 'Silver')).to.equal('Plata');
    expect(merchantText(texts, 'es', 'Gold')).to.equal('Gold');
    expect(merchantText(texts, 'ro', 'Silver')).to.equal('Silver');
    expect(merchantText(texts, 'es', 'constructor')).to.equal('constructor');
    expect(merchantText(texts, 'toString', 'Silver')).to.equal('Silver');
    expect(merchantText(null, 'es', 'Silver')).to.equal('Silver');
    // ownText follows the page's language and the program's answer; widgets re-render ($t changes)
    // when the page language's translations change, not for other languages'
    const renders: unknown[] = [];
    const stop = $t.listen((t) => renders.push(t));
    $merchantTexts.set(texts);
    try {
      expect(renders, 'English has no translations: nothing to re-render').to.have.length(0);
      expect(ownText('Silver')).to.equal('Silver');
      await setLocale('zh-CN');
      expect(ownText('Silver')).to.equal('白银');
      expect(ownText(undefined)).to.equal(undefined);
      const afterLocale = renders.length;
      expect(afterLocale).to.be.greaterThan(0);
      $merchantTexts.set({ ...texts, 'zh-CN': { Silver: '银' } });
      expect(renders).to.have.length(afterLocale + 1);
      expect(ownText('Silver')).to.equal('银');
      $merchantTexts.set({ ...texts, es: { Silver: 'Plateado' }, 'zh-CN': $merchantTexts.get()!['zh-CN']! });
      expect(renders, 'only Spanish changed').to.have.length(afterLocale + 1);
    } finally {
      stop();
      $merchantTexts.set(null);
    }
    expect(ownText('Silver')).to.equal('Silver');
  });

  it('says "100 de puncte" in Romanian labels as in its visible text (one, few, other)', async () => {
    await setLocale('ro');
    const t = $t.get();
    expect([1, 2, 100].map((count) => t('redeem.useReward', { count, reward: 'Livrare gratuită' }))).to.deep.equal([
      'Folosește 1 punct pentru Livrare gratuită',
      'Folosește 2 puncte pentru Livrare gratuită',
      'Folosește 100 de puncte pentru Livrare gratuită',
    ]);
    await setLocale('en');
  });

  it('loads a catalog lazily and falls back to English for an unknown locale, warning once', async () => {
    await setLocale('es-ES');
    expect($locale.get()).to.equal('es');
    expect($t.get()('badge.join')).to.equal('Únete y gana');
    resetWarnings();
    const warnings = captureWarnings();
    try {
      await setLocale('klingon');
      await setLocale('klingon');
    } finally {
      warnings.restore();
    }
    expect($locale.get()).to.equal('en');
    expect(warnings.messages).to.have.length(1);
    expect(warnings.messages[0]).to.match(/^\[fidelio\] locale "klingon" is not supported/);
  });
});

describe('formatInteger (whole numbers without building an Intl.NumberFormat)', () => {
  const samples = [0, 7, -7, 42, 999, 1000, 1234, -1234, 9999, 10000, 12345, -12345, 100000, 999999, 1000000, 1234567, 987654321, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];

  for (const locale of LOCALES) {
    it(`writes every sample exactly as this browser's Intl.NumberFormat('${locale}') does`, () => {
      const intl = new Intl.NumberFormat(locale);
      for (const n of samples) expect(formatInteger(n, locale), `${n} in ${locale}`).to.equal(intl.format(n));
    });
  }

  it('leaves fractions, -0, non-finite values and other locales to Intl', () => {
    expect(formatInteger(1234.5, 'en')).to.equal(new Intl.NumberFormat('en').format(1234.5));
    expect(formatInteger(-0, 'en')).to.equal(new Intl.NumberFormat('en').format(-0));
    expect(formatInteger(Infinity, 'es')).to.equal(new Intl.NumberFormat('es').format(Infinity));
    expect(formatInteger(1234567, 'de')).to.equal('1.234.567');
  });

  it('is what translations use for counts ("1.234 puncte", "12.345 puntos", "1234 puntos")', () => {
    expect(translate(null, 'en', 'badge.points', { count: 1234 })).to.contain('1,234');
    expect(formatInteger(1234, 'es')).to.equal('1234');
    expect(formatInteger(12345, 'es')).to.equal('12.345');
    expect(formatInteger(1234, 'ro')).to.equal('1.234');
  });
});
