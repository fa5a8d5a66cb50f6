import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { DAY_MS } from '../../src/core/clock.js';
import {
  appliesTo,
  findCoupon,
  normalizeCode,
  validateCoupon,
  validateCouponDefinition,
  validateCouponDefinitions,
  type CouponCart,
  type CouponCartLine,
  type CouponContext,
  type CouponDefinition,
  type CouponResult,
} from '../../src/engine/coupons.js';
import { splitProportionally } from '../../src/core/money.js';

const NOW = Date.parse('2026-06-15T12:00:00Z');

function line(id: string, unitPrice: number, extra: Partial<CouponCartLine> = {}): CouponCartLine {
  return { id, name: `Item ${id}`, unitPrice, quantity: 1, ...extra };
}

function cart(lines: CouponCartLine[], currency = 'USD'): CouponCart {
  return { currency, lines, subtotal: lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0) };
}

function ctx(over: Partial<CouponContext> = {}): CouponContext {
  return { now: NOW, memberId: null, usesTotal: 0, usesByMember: 0, appliedCodes: [], ...over };
}

const tenOff: CouponDefinition = { code: 'SUMMER10', kind: 'fixed', amount: 1000, currency: 'USD' };
const fifteenPct: CouponDefinition = { code: 'FIFTEEN', kind: 'percent', percent: 15, currency: 'USD' };

function ok(result: CouponResult) {
  if (!result.ok) throw new Error(`expected the coupon to apply, got ${result.code} ${JSON.stringify(result.params)}`);
  return result;
}

function sum(values: number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

describe('coupons engine', () => {
  describe('discount', () => {
    it('takes $10 off a $45 cart', () => {
      const r = ok(validateCoupon(tenOff, cart([line('a', 4500)]), ctx()));
      expect(r).to.include({ code: 'SUMMER10', kind: 'fixed', discount: 1000, currency: 'USD' });
      expect(r.lines).to.deep.equal([{ id: 'a', discount: 1000 }]);
      expect(r.appliesTo).to.deep.equal({ scope: 'all' });
      expect(r).not.to.have.property('percent');
    });

    it('waives the shipping of a free-shipping coupon and takes nothing off the items', () => {
      const freeShipping: CouponDefinition = { code: 'R-RED1', kind: 'free_shipping', currency: 'USD' };
      const r = ok(validateCoupon(freeShipping, { ...cart([line('a', 4500), line('b', 900)]), shipping: 650 }, ctx()));
      expect(r).to.include({ kind: 'free_shipping', discount: 0, shippingDiscount: 650 });
      expect(r.lines).to.deep.equal([{ id: 'a', discount: 0 }, { id: 'b', discount: 0 }]);
      // a cart that ships free already: nothing to waive
      expect(ok(validateCoupon(freeShipping, cart([line('a', 4500)]), ctx())).shippingDiscount).to.equal(0);
      // other kinds never touch shipping
      expect(ok(validateCoupon(tenOff, { ...cart([line('a', 4500)]), shipping: 650 }, ctx()))).not.to.have.property('shippingDiscount');
      expect(validateCouponDefinition(freeShipping)).to.deep.equal([]);
      expect(validateCouponDefinition({ ...freeShipping, amount: 500 })).to.deep.equal(['coupon.amount is not for free-shipping coupons']);
    });

    it('takes 15% off $95.50 as $14.32, rounding down', () => {
      const r = ok(validateCoupon(fifteenPct, cart([line('a', 9550)]), ctx()));
      expect(r.discount).to.equal(1432);
      expect(r.percent).to.equal(15);
    });

    it('caps a 20% coupon at its $15 maximum', () => {
      const def: CouponDefinition = { code: 'TWENTY', kind: 'percent', percent: 20, maxDiscount: 1500, currency: 'USD' };
      expect(ok(validateCoupon(def, cart([line('a', 10_000)]), ctx())).discount).to.equal(1500);
      expect(ok(validateCoupon(def, cart([line('a', 5_000)]), ctx())).discount).to.equal(1000);
    });

    it('computes fractional percentages exactly (12.5% of $80 is $10)', () => {
      const def: CouponDefinition = { code: 'HALF', kind: 'percent', percent: 12.5, currency: 'USD' };
      expect(ok(validateCoupon(def, cart([line('a', 8000)]), ctx())).discount).to.equal(1000);
      // float noise must not round a whole cent away: 3000 × 33.3 / 100 is 998.9999999999999 in floats
      const third: CouponDefinition = { code: 'THIRD', kind: 'percent', percent: 33.3, currency: 'USD' };
      expect(ok(validateCoupon(third, cart([line('a', 3000)]), ctx())).discount).to.equal(999);
    });

    it('stays exact on very large carts', () => {
      const r = ok(validateCoupon(fifteenPct, cart([line('a', 99_999_999_999, { quantity: 3 })]), ctx()));
      expect(r.discount).to.equal(Math.floor((299_999_999_997 * 15) / 100));
    });

    it('never takes more than the eligible subtotal off', () => {
      const r = ok(validateCoupon(tenOff, cart([line('a', 450)]), ctx()));
      expect(r.discount).to.equal(450);
      expect(r.lines).to.deep.equal([{ id: 'a', discount: 450 }]);
    });

    it('counts quantity and never discounts shipping', () => {
      const c = { ...cart([line('a', 300, { quantity: 2 })]), shipping: 2000 };
      expect(ok(validateCoupon(tenOff, c, ctx())).discount).to.equal(600);
    });

    it('gives a zero discount on an empty cart rather than rejecting its (non-existent) items', () => {
      const r = ok(validateCoupon(tenOff, cart([]), ctx()));
      expect(r.discount).to.equal(0);
      expect(r.lines).to.deep.equal([]);
    });

    it('reports when the coupon ends', () => {
      const endsAt = NOW + 10 * DAY_MS;
      expect(ok(validateCoupon({ ...tenOff, endsAt }, cart([line('a', 4500)]), ctx())).expiresAt).to.equal(endsAt);
      expect(ok(validateCoupon(tenOff, cart([line('a', 4500)]), ctx()))).not.to.have.property('expiresAt');
    });
  });

  describe('split across lines', () => {
    it('splits $1 over three $1 lines as 34 / 33 / 33 cents, the odd cent to the first line', () => {
      const r = ok(validateCoupon(tenOff, cart([line('a', 100), line('b', 100), line('c', 100)]), ctx()));
      expect(r.discount).to.equal(300);
      const fiveOff = { ...tenOff, amount: 100 };
      const r2 = ok(validateCoupon(fiveOff, cart([line('a', 100), line('b', 100), line('c', 100)]), ctx()));
      expect(r2.lines.map((l) => l.discount)).to.deep.equal([34, 33, 33]);
    });

    it('splits $10 over $33.33 / $33.33 / $33.34 lines as $3.33 / $3.33 / $3.34', () => {
      const r = ok(validateCoupon(tenOff, cart([line('a', 3333), line('b', 3333), line('c', 3334)]), ctx()));
      expect(r.lines).to.deep.equal([
        { id: 'a', discount: 333 },
        { id: 'b', discount: 333 },
        { id: 'c', discount: 334 },
      ]);
    });

    it('splits in proportion to line totals with the largest remainder', () => {
      expect(splitProportionally(1000, [100, 200, 700])).to.deep.equal([100, 200, 700]);
      expect(splitProportionally(10, [1, 1, 1])).to.deep.equal([4, 3, 3]);
      expect(splitProportionally(10, [0, 1, 2])).to.deep.equal([0, 3, 7]);
      expect(splitProportionally(0, [5, 5])).to.deep.equal([0, 0]);
      expect(splitProportionally(5, [0, 0])).to.deep.equal([0, 0]);
    });
  });

  describe('excluded items', () => {
    const acme = line('hose', 3000, { brand: 'Acme Garden', category: 'garden' });
    const spade = line('spade', 2000, { brand: 'Digwell', category: 'garden' });
    const noAcme: CouponDefinition = { ...tenOff, exclude: { brands: ['Acme Garden'] } };

    it('applies only to the eligible line when a brand is excluded (distributor contract)', () => {
      const r = ok(validateCoupon(noAcme, cart([acme, spade]), ctx()));
      expect(r.discount).to.equal(1000);
      expect(r.lines).to.deep.equal([{ id: 'spade', discount: 1000 }]);
      expect(r.appliesTo).to.deep.equal({ scope: 'except', brands: ['Acme Garden'], categories: [], products: [] });
    });

    it('caps the discount at the eligible subtotal, not the cart subtotal', () => {
      const small = line('seeds', 400, { brand: 'Digwell' });
      expect(ok(validateCoupon(noAcme, cart([acme, small]), ctx())).discount).to.equal(400);
    });

    it('matches brands and categories regardless of case and surrounding spaces', () => {
      const r = validateCoupon(noAcme, cart([line('x', 1000, { brand: ' acme garden ' })]), ctx());
      expect(r.ok).to.equal(false);
    });

    it('rejects a cart whose every line is excluded, listing each line with its reason', () => {
      const def: CouponDefinition = { ...tenOff, exclude: { brands: ['Acme Garden'], categories: ['gift-cards'], products: ['p9'] } };
      const lines = [
        acme,
        line('card', 5000, { category: 'gift-cards' }),
        line('p9', 700, { brand: 'Acme Garden', category: 'gift-cards' }),
      ];
      const r = validateCoupon(def, cart(lines), ctx());
      expect(r).to.deep.equal({
        ok: false,
        code: 'coupon_excluded_items',
        params: {
          excluded: [
            { id: 'hose', reason: 'brand', value: 'Acme Garden' },
            { id: 'card', reason: 'category', value: 'gift-cards' },
            // product wins over brand and category
            { id: 'p9', reason: 'product', value: 'p9' },
          ],
        },
      });
    });

    it('applies an includeOnly category to matching lines only', () => {
      const def: CouponDefinition = { ...fifteenPct, includeOnly: { categories: ['Plants'] } };
      const fern = line('fern', 2000, { category: 'plants' });
      const r = ok(validateCoupon(def, cart([fern, spade]), ctx()));
      expect(r.discount).to.equal(300);
      expect(r.lines).to.deep.equal([{ id: 'fern', discount: 300 }]);
      expect(r.appliesTo).to.deep.equal({ scope: 'only', brands: [], categories: ['Plants'], products: [] });
    });

    it('names the includeOnly list a line fails, falling back to its product id', () => {
      const def: CouponDefinition = { ...tenOff, includeOnly: { categories: ['plants'] } };
      const r = validateCoupon(def, cart([spade, line('misc', 500)]), ctx());
      expect(r).to.deep.equal({
        ok: false,
        code: 'coupon_excluded_items',
        params: {
          excluded: [
            { id: 'spade', reason: 'category', value: 'garden' },
            { id: 'misc', reason: 'product', value: 'misc' },
          ],
        },
      });
    });

    it('prefers an explicit exclusion over failing includeOnly, and describes both', () => {
      const def: CouponDefinition = { ...tenOff, includeOnly: { categories: ['plants'] }, exclude: { brands: ['Acme Garden'] } };
      const r = validateCoupon(def, cart([acme]), ctx());
      expect(r.ok === false && r.params.excluded).to.deep.equal([{ id: 'hose', reason: 'brand', value: 'Acme Garden' }]);
      expect(appliesTo(def)).to.deep.equal({
        scope: 'only',
        brands: [],
        categories: ['plants'],
        products: [],
        except: { brands: ['Acme Garden'], categories: [], products: [] },
      });
    });
  });

  describe('dates', () => {
    it('rejects a coupon that expired yesterday, with the date', () => {
      const endsAt = Date.parse('2026-06-14T00:00:00Z');
      const r = validateCoupon({ ...tenOff, endsAt }, cart([line('a', 4500)]), ctx());
      expect(r).to.deep.equal({ ok: false, code: 'coupon_expired', params: { expiredOn: '2026-06-14T00:00:00.000Z' } });
    });

    it('rejects a coupon that starts tomorrow, with the date', () => {
      const startsAt = Date.parse('2026-06-16T00:00:00Z');
      const r = validateCoupon({ ...tenOff, startsAt }, cart([line('a', 4500)]), ctx());
      expect(r).to.deep.equal({ ok: false, code: 'coupon_not_active', params: { startsOn: '2026-06-16T00:00:00.000Z' } });
    });

    it('is usable from its start up to, not including, its end', () => {
      const def = { ...tenOff, startsAt: NOW, endsAt: NOW + DAY_MS };
      expect(validateCoupon(def, cart([line('a', 4500)]), ctx()).ok).to.equal(true);
      expect(validateCoupon(def, cart([line('a', 4500)]), ctx({ now: NOW + DAY_MS - 1 })).ok).to.equal(true);
      const atEnd = validateCoupon(def, cart([line('a', 4500)]), ctx({ now: NOW + DAY_MS }));
      expect(atEnd.ok === false && atEnd.code).to.equal('coupon_expired');
    });
  });

  describe('minimum spend and usage', () => {
    it('rejects a $50 minimum spend with $12.50 missing', () => {
      const r = validateCoupon({ ...tenOff, minSpend: 5000 }, cart([line('a', 3750)]), ctx());
      expect(r).to.deep.equal({
        ok: false,
        code: 'coupon_min_spend',
        params: { minSpend: { amount: 5000, currency: 'USD' }, missing: { amount: 1250, currency: 'USD' } },
      });
    });

    it('measures the minimum spend on eligible items only', () => {
      const def: CouponDefinition = { ...tenOff, minSpend: 5000, exclude: { brands: ['Acme Garden'] } };
      const lines = [line('a', 4000, { brand: 'Acme Garden' }), line('b', 3000)];
      const r = validateCoupon(def, cart(lines), ctx());
      expect(r.ok === false && r.params.missing).to.deep.equal({ amount: 2000, currency: 'USD' });
      expect(validateCoupon(def, cart([...lines, line('c', 2000)]), ctx()).ok).to.equal(true);
    });

    it('rejects a coupon whose total usage limit is reached', () => {
      const def = { ...tenOff, usageLimit: 100 };
      expect(validateCoupon(def, cart([line('a', 4500)]), ctx({ usesTotal: 99 })).ok).to.equal(true);
      expect(validateCoupon(def, cart([line('a', 4500)]), ctx({ usesTotal: 100 }))).to.deep.equal({
        ok: false,
        code: 'coupon_usage_limit',
        params: { limit: 100, scope: 'total' },
      });
    });

    it('rejects a coupon this customer has used as often as allowed', () => {
      const def = { ...tenOff, perCustomerLimit: 1 };
      expect(validateCoupon(def, cart([line('a', 4500)]), ctx({ memberId: 'm1', usesByMember: 1 }))).to.deep.equal({
        ok: false,
        code: 'coupon_usage_limit',
        params: { limit: 1, scope: 'customer' },
      });
    });
  });

  describe('members', () => {
    const reward: CouponDefinition = { code: 'RWD-7Q2K', kind: 'fixed', amount: 500, currency: 'USD', memberId: 'm1', usageLimit: 1 };

    it('rejects a member-only coupon without a signed-in member', () => {
      const def = { ...tenOff, memberOnly: true };
      expect(validateCoupon(def, cart([line('a', 4500)]), ctx())).to.deep.equal({ ok: false, code: 'coupon_members_only', params: {} });
      expect(validateCoupon(def, cart([line('a', 4500)]), ctx({ memberId: 'm2' })).ok).to.equal(true);
    });

    it('answers a reward coupon of another member exactly like a member-only one', () => {
      const other = validateCoupon(reward, cart([line('a', 4500)]), ctx({ memberId: 'm2' }));
      const guest = validateCoupon(reward, cart([line('a', 4500)]), ctx());
      expect(other).to.deep.equal({ ok: false, code: 'coupon_members_only', params: {} });
      expect(guest).to.deep.equal(other);
    });

    it('lets the member it was issued to use a reward coupon once', () => {
      expect(ok(validateCoupon(reward, cart([line('a', 4500)]), ctx({ memberId: 'm1' }))).discount).to.equal(500);
      const again = validateCoupon(reward, cart([line('a', 4500)]), ctx({ memberId: 'm1', usesTotal: 1, usesByMember: 1 }));
      expect(again.ok === false && again.code).to.equal('coupon_usage_limit');
    });
  });

  describe('codes and stacking', () => {
    it('matches "  summer10 " to SUMMER10 and returns the canonical code', () => {
      expect(normalizeCode('  summer10 ')).to.equal('SUMMER10');
      const def = findCoupon([fifteenPct, tenOff], '  summer10 ');
      expect(def).to.equal(tenOff);
      expect(ok(validateCoupon(def, cart([line('a', 4500)]), ctx())).code).to.equal('SUMMER10');
    });

    it('does not match a code typed with inner spaces, nor an empty one', () => {
      expect(findCoupon([tenOff], 'SUMMER 10')).to.equal(undefined);
      expect(findCoupon([tenOff, { ...tenOff, code: '' }], '   ')).to.equal(undefined);
    });

    it('rejects an unknown code', () => {
      expect(validateCoupon(findCoupon([tenOff], 'WINTER'), cart([line('a', 4500)]), ctx())).to.deep.equal({
        ok: false,
        code: 'coupon_not_found',
        params: {},
      });
    });

    it('reports a coupon in another currency than the cart as not found, with the reason', () => {
      expect(validateCoupon(tenOff, cart([line('a', 4500)], 'EUR'), ctx())).to.deep.equal({
        ok: false,
        code: 'coupon_not_found',
        params: { reason: 'currency' },
      });
    });

    it('rejects a coupon already applied to the cart', () => {
      expect(validateCoupon(tenOff, cart([line('a', 4500)]), ctx({ appliedCodes: ['summer10'] }))).to.deep.equal({
        ok: false,
        code: 'coupon_already_applied',
        params: {},
      });
    });

    it('rejects a second coupon when either of the two is not combinable', () => {
      const c = cart([line('a', 4500)]);
      expect(validateCoupon(tenOff, c, ctx({ appliedCodes: ['FIFTEEN'] }))).to.deep.equal({
        ok: false,
        code: 'coupon_already_applied',
        params: { other: 'FIFTEEN' },
      });
      // this one stacks, but the applied one does not
      const stacking = { ...tenOff, combinable: true };
      const r = validateCoupon(stacking, c, ctx({ appliedCodes: ['FIFTEEN'] }));
      expect(r.ok === false && r.params).to.deep.equal({ other: 'FIFTEEN' });
      // the applied one stacks, but this one does not
      const r2 = validateCoupon(tenOff, c, ctx({ appliedCodes: ['FIFTEEN'], combinableCodes: ['FIFTEEN'] }));
      expect(r2.ok === false && r2.code).to.equal('coupon_already_applied');
    });

    it('accepts a second coupon when both are combinable', () => {
      const stacking = { ...tenOff, combinable: true };
      const r = validateCoupon(stacking, cart([line('a', 4500)]), ctx({ appliedCodes: ['FIFTEEN'], combinableCodes: ['fifteen'] }));
      expect(r.ok).to.equal(true);
    });

    it('checks in order: members before dates, dates before usage, usage before items and minimum spend', () => {
      const def: CouponDefinition = {
        ...tenOff,
        memberOnly: true,
        endsAt: NOW - 1,
        usageLimit: 1,
        minSpend: 100_000,
        exclude: { products: ['a'] },
      };
      const c = cart([line('a', 4500)]);
      const codeOf = (d: CouponDefinition, x: CouponContext) => {
        const r = validateCoupon(d, c, x);
        return r.ok ? 'ok' : r.code;
      };
      expect(codeOf(def, ctx({ usesTotal: 1, appliedCodes: ['X'] }))).to.equal('coupon_already_applied');
      expect(codeOf(def, ctx({ usesTotal: 1 }))).to.equal('coupon_members_only');
      expect(codeOf(def, ctx({ memberId: 'm', usesTotal: 1 }))).to.equal('coupon_expired');
      expect(codeOf({ ...def, endsAt: undefined }, ctx({ memberId: 'm', usesTotal: 1 }))).to.equal('coupon_usage_limit');
      expect(codeOf({ ...def, endsAt: undefined }, ctx({ memberId: 'm' }))).to.equal('coupon_excluded_items');
      expect(codeOf({ ...def, endsAt: undefined, exclude: undefined }, ctx({ memberId: 'm' }))).to.equal('coupon_min_spend');
    });
  });

  describe('properties', () => {
    const BRANDS = ['Acme Garden', 'Digwell', 'Zen'];
    const CATEGORIES = ['garden', 'plants', 'decor'];
    const PRODUCTS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
    const selector = fc.record(
      {
        brands: fc.subarray(BRANDS),
        categories: fc.subarray(CATEGORIES),
        products: fc.subarray(PRODUCTS),
      },
      { requiredKeys: [] },
    );
    const lineArb = fc.record({
      brand: fc.option(fc.constantFrom(...BRANDS), { nil: undefined }),
      category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
      unitPrice: fc.integer({ min: 0, max: 50_000 }),
      quantity: fc.integer({ min: 1, max: 5 }),
    });
    const cartArb = fc.array(lineArb, { maxLength: 6 }).map((ls) =>
      cart(ls.map((l, i) => ({ id: `p${i}`, name: `Item ${i}`, unitPrice: l.unitPrice, quantity: l.quantity, ...(l.brand ? { brand: l.brand } : {}), ...(l.category ? { category: l.category } : {}) }))),
    );
    const couponArb = fc.record(
      {
        kind: fc.constantFrom('fixed' as const, 'percent' as const),
        amount: fc.integer({ min: 1, max: 100_000 }),
        percent: fc.integer({ min: 1, max: 1000 }).map((tenths) => tenths / 10),
        maxDiscount: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }),
        exclude: fc.option(selector, { nil: undefined }),
        includeOnly: fc.option(selector, { nil: undefined }),
      },
    ).map((r): CouponDefinition => {
      const def: CouponDefinition = { code: 'PROP', kind: r.kind, currency: 'USD' };
      if (r.kind === 'fixed') def.amount = r.amount;
      else {
        def.percent = r.percent;
        if (r.maxDiscount !== undefined) def.maxDiscount = r.maxDiscount;
      }
      if (r.exclude) def.exclude = r.exclude;
      if (r.includeOnly) def.includeOnly = r.includeOnly;
      return def;
    });

    /** An independent oracle of eligibility. */
    function isEligible(def: CouponDefinition, l: CouponCartLine): boolean {
      const hit = (s: CouponDefinition['exclude']) =>
        !!s && ((s.products ?? []).includes(l.id) || (l.brand !== undefined && (s.brands ?? []).includes(l.brand)) || (l.category !== undefined && (s.categories ?? []).includes(l.category)));
      return (def.includeOnly === undefined || hit(def.includeOnly)) && !hit(def.exclude);
    }

    it('never discounts more than the eligible subtotal, splits exactly and skips excluded lines', () => {
      fc.assert(
        fc.property(cartArb, couponArb, (c, def) => {
          const r = validateCoupon(def, c, ctx());
          const eligible = c.lines.filter((l) => isEligible(def, l));
          if (!r.ok) {
            expect(r.code).to.equal('coupon_excluded_items');
            expect(eligible).to.have.length(0);
            expect((r.params.excluded as unknown[]).length).to.equal(c.lines.length);
            return;
          }
          const eligibleSubtotal = sum(eligible.map((l) => l.unitPrice * l.quantity));
          expect(r.discount).to.be.at.most(eligibleSubtotal);
          expect(Number.isSafeInteger(r.discount) && r.discount >= 0).to.equal(true);
          expect(sum(r.lines.map((l) => l.discount))).to.equal(r.discount);
          expect(r.lines.map((l) => l.id)).to.deep.equal(eligible.map((l) => l.id));
          for (const l of r.lines) expect(Number.isSafeInteger(l.discount) && l.discount >= 0).to.equal(true);
          if (def.kind === 'fixed') expect(r.discount).to.equal(Math.min(def.amount!, eligibleSubtotal));
          if (def.maxDiscount !== undefined) expect(r.discount).to.be.at.most(def.maxDiscount);
        }),
        { numRuns: 500 },
      );
    });

    it('gives every line a share within one cent of its exact proportion', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 8 }), (total, weights) => {
          const shares = splitProportionally(total, weights);
          const weightSum = sum(weights);
          if (weightSum === 0) {
            expect(shares.every((s) => s === 0)).to.equal(true);
            return;
          }
          expect(sum(shares)).to.equal(total);
          weights.forEach((w, i) => {
            const exact = (total * w) / weightSum;
            expect(shares[i]! >= Math.floor(exact) && shares[i]! <= Math.floor(exact) + 1).to.equal(true);
          });
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('validateCouponDefinition', () => {
    it('accepts sound definitions', () => {
      expect(validateCouponDefinition(tenOff)).to.deep.equal([]);
      expect(
        validateCouponDefinition({
          code: 'SPRING15',
          kind: 'percent',
          percent: 12.5,
          maxDiscount: 1500,
          currency: 'EUR',
          startsAt: NOW,
          endsAt: NOW + DAY_MS,
          minSpend: 5000,
          exclude: { brands: ['Acme Garden'] },
          includeOnly: { categories: ['garden'] },
          usageLimit: 1000,
          perCustomerLimit: 1,
          memberOnly: true,
          combinable: false,
          description: 'Spring sale',
        }),
      ).to.deep.equal([]);
    });

    it('names the field of each problem under the given path', () => {
      expect(validateCouponDefinition({ ...fifteenPct, percent: 0 }, 'coupons[0]')).to.deep.equal(['coupons[0].percent must be in (0, 100]']);
      expect(validateCouponDefinition({ ...fifteenPct, percent: 100.5 })).to.deep.equal(['coupon.percent must be in (0, 100]']);
      expect(validateCouponDefinition({ ...fifteenPct, percent: 100 })).to.deep.equal([]);
    });

    it('reports every problem of a broken definition', () => {
      const problems = validateCouponDefinition({
        code: 'SUMMER 10',
        kind: 'fixed',
        amount: 9.99,
        percent: 10,
        currency: 'usd',
        startsAt: NOW,
        endsAt: NOW,
        minSpend: -1,
        usageLimit: 0,
        exclude: { brand: ['Acme'] },
        includeOnly: {},
        memberOnly: 'yes',
      });
      expect(problems).to.have.members([
        'coupon.code must not contain spaces',
        'coupon.currency must be an ISO 4217 code such as USD',
        'coupon.amount must be a positive integer of minor units',
        'coupon.percent is only for percent coupons',
        'coupon.endsAt must be after startsAt',
        'coupon.minSpend must be an integer of minor units ≥ 0',
        'coupon.usageLimit must be an integer ≥ 1',
        'coupon.exclude.brand is not a known field',
        'coupon.includeOnly selects nothing: list brands, categories or products, or remove it',
        'coupon.memberOnly must be true or false',
      ]);
    });

    it('rejects a missing kind, code, non-objects and unknown fields', () => {
      expect(validateCouponDefinition(null)).to.deep.equal(['coupon must be an object']);
      expect(validateCouponDefinition({ currency: 'USD', discount: 5 })).to.have.members([
        'coupon.discount is not a known field',
        'coupon.code must be a non-empty string',
        "coupon.kind must be 'fixed', 'percent' or 'free_shipping'",
      ]);
    });

    it('finds duplicate codes in a list of definitions', () => {
      expect(validateCouponDefinitions([tenOff, fifteenPct, { ...tenOff, code: ' summer10' }])).to.deep.equal([
        'coupons[2].code duplicates coupons[0].code (SUMMER10)',
      ]);
      expect(validateCouponDefinitions([{ ...fifteenPct, percent: -5 }])).to.deep.equal(['coupons[0].percent must be in (0, 100]']);
    });
  });
});
