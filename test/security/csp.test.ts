/**
 * Strict CSP + Trusted Types: every widget of the built drop-in runs in a page served with
 *   Content-Security-Policy: script-src 'self'; style-src 'self'; require-trusted-types-for 'script'
 * (and again with a `trusted-types` allow-list, in a page that made its own `lit-html` policy
 * first, as a host running its own copy of Lit does), and the page records no violation.
 *
 * The page is a frame served by test/helpers/test-pages.mjs with the policy in its response header;
 * its backend is a stub in the test server, answering with what the reference backend (MSW, in
 * this test's own page) answered to the same requests. MSW's service worker and the test runner
 * stay out of the policed page, so every violation seen there would be the SDK's.
 */
import { expect } from '@open-wc/testing';
import { until } from '../helpers/backend.js';
import { exerciseEveryWidget as exercise, LINK_PARAMS, openPage, shippedTags, stubMisses, useStubBackend } from '../helpers/frames.js';

describe('strict CSP and Trusted Types', function () {
  this.timeout(60_000);
  let tags: string[];
  const frames: HTMLIFrameElement[] = [];

  before(async () => {
    tags = await shippedTags();
    await useStubBackend();
  });

  after(() => frames.splice(0).forEach((frame) => frame.remove()));

  it('ships the widgets it is about to check', () => {
    expect(tags).to.include.members(['fidelio-points-badge', 'fidelio-signup-popup', 'fidelio-join-link', 'fidelio-coupon-field']);
  });

  it(`runs every widget under "script-src 'self'; style-src 'self'; require-trusted-types-for 'script'" with no violation`, async () => {
    const { frame, win, doc } = await openPage(`csp=strict&probe=1&lang=en&tags=${tags.join(',')}&${LINK_PARAMS}`);
    frames.push(frame);
    await exercise(win, doc, tags);
    expect(win.__violations, 'CSP violations').to.deep.equal([]);
    expect(win.__errors, 'errors in the page').to.deep.equal([]);
    expect(await stubMisses(), 'requests the stub backend could not answer').to.deep.equal([]);
    console.log(`CSP: ${tags.length} widgets, 0 violations; Trusted Types ${win.trustedTypes ? 'enforced' : 'not supported'} in this browser`);

    // The page does report violations: an inline style element and, where Trusted Types are
    // enforced, a string handed to innerHTML are both refused and recorded.
    const style = doc.createElement('style');
    style.textContent = 'main { outline: 1px solid red }';
    doc.head.append(style);
    await until(() => expect(win.__violations.map((v) => v.directive)).to.include('style-src-elem'));
    if (win.trustedTypes) {
      expect(() => (doc.createElement('div').innerHTML = '<b>raw</b>')).to.throw();
      await until(() => expect(win.__violations.map((v) => v.directive)).to.include('require-trusted-types-for'));
    }
  });

  it("also runs with a trusted-types allow-list, beside the host's own Lit", async () => {
    // The host's copy of Lit made its `lit-html` policy first; Fidelio's Lit makes a second one.
    const { frame, win, doc } = await openPage(`csp=strict-tt&probe=1&host-lit=1&lang=en&tags=${tags.join(',')}&${LINK_PARAMS}`);
    frames.push(frame);
    await exercise(win, doc, tags);
    expect(win.__violations, 'CSP violations').to.deep.equal([]);
    expect(win.__errors, 'errors in the page').to.deep.equal([]);
  });
});
