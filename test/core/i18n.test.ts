import { expect } from '@open-wc/testing';
import { matchLocale, setLocale, translate, $t, $locale } from '../../src/i18n/index.js';
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

  it('translates every English key in every locale', () => {
    for (const catalog of [es, ro, zhCN]) expect(Object.keys(catalog).sort()).to.deep.equal(Object.keys(en).sort());
  });

  it('uses each language plural rules and number format', () => {
    expect(translate(en, 'en', 'badge.points', { count: 1 })).to.equal('1 point');
    expect(translate(en, 'en', 'badge.points', { count: 1240 })).to.equal('1,240 points');
    expect(translate(ro, 'ro', 'badge.points', { count: 1 })).to.equal('1 punct');
    expect(translate(ro, 'ro', 'badge.points', { count: 3 })).to.equal('3 puncte');
    expect(translate(ro, 'ro', 'badge.points', { count: 20 })).to.equal('20 de puncte');
    expect(translate(es, 'es', 'badge.points', { count: 12400 })).to.equal('12.400 puntos');
    expect(translate(zhCN, 'zh-CN', 'badge.points', { count: 5 })).to.equal('5 积分');
  });

  it('falls back to English for a missing key', () => {
    expect(translate({}, 'es', 'badge.join')).to.equal('Join & earn');
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
