import { expect } from '@open-wc/testing';
import { addMonths, ManualClock } from '../../src/core/clock.js';
import { formatMoney, minorDigits, money } from '../../src/core/money.js';
import { resolveConfig, configFromDataset } from '../../src/core/config.js';
import { readJwtClaims, encodeBase64Url, decodeBase64Url } from '../../src/core/base64url.js';

describe('core', () => {
  it('adds calendar months and clamps to the end of shorter months', () => {
    expect(new Date(addMonths(Date.parse('2026-01-31T00:00:00Z'), 1)).toISOString()).to.equal('2026-02-28T00:00:00.000Z');
    expect(new Date(addMonths(Date.parse('2026-03-15T08:00:00Z'), 12)).toISOString()).to.equal('2027-03-15T08:00:00.000Z');
  });

  it('moves a manual clock only when told', () => {
    const clock = new ManualClock(1000);
    clock.advance(500);
    expect(clock.now()).to.equal(1500);
  });

  it('keeps money in integer minor units and formats it per locale and currency', () => {
    expect(() => money(10.5, 'USD')).to.throw(RangeError);
    expect(minorDigits('JPY')).to.equal(0);
    expect(formatMoney({ amount: 123456, currency: 'USD' }, 'en')).to.equal('$1,234.56');
    expect(formatMoney({ amount: 500, currency: 'JPY' }, 'en')).to.equal('¥500');
    // Spanish groups thousands only from five digits (CLDR minimum grouping).
    expect(formatMoney({ amount: 1234567, currency: 'EUR' }, 'es')).to.match(/^12\.345,67\s€$/);
  });

  it('reads the script tag dataset and names every missing field', () => {
    expect(configFromDataset({ api: 'https://x.test', program: 'p1', locale: 'ro', timeout: '3000', signInUrl: '/account/login' })).to.deep.equal({
      api: 'https://x.test',
      program: 'p1',
      locale: 'ro',
      timeoutMs: 3000,
      signInUrl: '/account/login',
    });
    const missing = resolveConfig({});
    expect(missing.ok).to.equal(false);
    if (!missing.ok) {
      expect(missing.problems.join(' ')).to.contain('api is missing').and.contain('program is missing');
    }
    const bad = resolveConfig({ api: 'https://x.test', program: '<script>' });
    expect(bad.ok).to.equal(false);
    const good = resolveConfig({ api: 'https://x.test/', program: 'p1' });
    expect(good.ok && good.config.api).to.equal('https://x.test');
  });

  it('round-trips base64url and reads JWT claims without trusting them', () => {
    const bytes = new Uint8Array([0, 250, 251, 252, 253, 254, 255]);
    expect(Array.from(decodeBase64Url(encodeBase64Url(bytes)))).to.deep.equal(Array.from(bytes));
    const payload = encodeBase64Url(new TextEncoder().encode(JSON.stringify({ sub: 'm1', exp: 10 })));
    expect(readJwtClaims(`x.${payload}.y`)).to.deep.equal({ sub: 'm1', exp: 10 });
    expect(readJwtClaims('not-a-jwt')).to.equal(null);
    expect(readJwtClaims('a.%%%.c')).to.equal(null);
  });
});
