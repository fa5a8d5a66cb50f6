import { expect } from '@open-wc/testing';
import { TEXT } from '../../demo/store-i18n.js';

const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the demo store's own words", () => {
  for (const locale of ['es', 'ro', 'zh-CN'] as const) {
    it(`${locale} has every English key, with the same parameters, and no key English lacks`, () => {
      const english = TEXT.en;
      const own = TEXT[locale];
      expect(Object.keys(own).filter((key) => !(key in english)), 'keys English lacks').to.deep.equal([]);
      expect(Object.keys(english).filter((key) => !(key in own)), 'keys missing').to.deep.equal([]);
      for (const [key, text] of Object.entries(english)) expect(params(own[key] ?? ''), `${locale} ${key}`).to.deep.equal(params(text));
    });
  }
});
