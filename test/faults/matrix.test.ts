/**
 * The fault matrix: every widget × every fault. In each cell the fault is in place before the
 * widget mounts; the widget must then say what happened in the shopper's language (or, for faults
 * the SDK can work around, look healthy), recover once the fault is gone and it is asked again, and
 * the page must see no uncaught error and no unhandled rejection. The cells rotate through the four
 * locales. The table of results is printed at the end (and every cell is its own test).
 */
import { expect, fixtureCleanup } from '@open-wc/testing';
import { cleanStores } from 'nanostores';
import { $t, setLocale, translate, LOCALES, type MessageKey, type Params } from '../../src/i18n/index.js';
import en from '../../src/i18n/locales/en.js';
import { $member } from '../../src/stores/member.js';
import { $signup } from '../../src/stores/signup.js';
import { $program } from '../../src/stores/program.js';
import { $cart, $cartPreview } from '../../src/stores/cart.js';
import { $coupon } from '../../src/stores/coupon.js';
import { $redeem, resetRedeem } from '../../src/stores/redeem.js';
import { $referral } from '../../src/stores/referral.js';
import { $session, identify, signOut } from '../../src/stores/session.js';
import { getStorage, resetStorage } from '../../src/stores/runtime.js';
import { DEMO_MEMBER_ID } from '../../src/mock/index.js';
import { configureForTests, resetSdk, tokenFor, until, useBackend, watchPageErrors } from '../helpers/backend.js';
import { FAULTS, type FaultContext } from './faults.js';
import { WIDGETS, squash, type T, type WidgetCase } from './widgets.js';

const columnOf = (widget: WidgetCase) => widget.label ?? widget.tag.replace(/^fidelio-/, '');

/** Text a shopper must never see: raw errors, HTML, untranslated keys, JS values. */
const RAW = /TypeError|SyntaxError|RangeError|DOMException|QuotaExceeded|SecurityError|Failed to fetch|NetworkError|Load failed|\bHTTP \d|\bstatus:? ?[45]\d\d\b|Bad Gateway|nginx|\bundefined\b|\bnull\b|\bNaN\b|\[object |<\/?[a-z]|\b(error|badge|signup|coupon|join)\.[a-zA-Z_.]+|\{\w+\}/;

const enT: T = (key: MessageKey, params?: Params) => translate(en, 'en', key, params);

/** Lets an unhandled rejection of the cell be reported before the cell's errors are read. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('fault matrix: every widget × every fault', function () {
  this.timeout(20_000);
  const results = new Map<string, 'pass' | 'FAIL'>();
  const cellKey = (fault: string, widget: WidgetCase) => `${fault}\u0000${columnOf(widget)}`;

  after(function () {
    const widths = [Math.max(...FAULTS.map((f) => f.name.length)), ...WIDGETS.map((w) => columnOf(w).length)];
    const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    const lines = [
      row(['fault \\ widget', ...WIDGETS.map(columnOf)]),
      row(widths.map((w) => '-'.repeat(w))),
      ...FAULTS.map((fault) => row([fault.name, ...WIDGETS.map((w) => results.get(cellKey(fault.name, w)) ?? 'skip')])),
    ];
    const passed = [...results.values()].filter((r) => r === 'pass').length;
    console.log(`Fault matrix (${navigator.userAgent.match(/(Firefox|Chrome|Version)\/[\d.]+/)?.[0] ?? navigator.userAgent}): ${passed}/${FAULTS.length * WIDGETS.length} cells pass\n${lines.join('\n')}`);
  });

  FAULTS.forEach((fault, f) => {
    WIDGETS.forEach((widget, w) => {
      it(`${fault.name} × fidelio-${columnOf(widget)}`, async () => {
        results.set(cellKey(fault.name, widget), 'FAIL');
        const backend = await useBackend();
        await resetSdk();
        resetWidgetStores();
        const locale = LOCALES[(f + w) % LOCALES.length]!;
        await setLocale(locale);
        const t: T = (key, params) => $t.get()(key, params);
        // Short timeouts and no retries: one failure is one answer, and the matrix stays quick.
        configureForTests({ timeoutMs: 1500, retries: 0 });
        const context: FaultContext = { backend, shopper: widget.shopper, tokens: { calls: 0 } };
        if (widget.shopper === 'member') {
          // A token provider, as a store with its own sign-in gives: a new token each time it is asked.
          await identify(async () => tokenFor(DEMO_MEMBER_ID, { lifetime: 300 - ++context.tokens.calls }));
          expect($session.get().status).to.equal('identified');
        }
        const page = watchPageErrors();
        const warned: string[] = [];
        const warn = console.warn;
        console.warn = (...args: unknown[]) => void warned.push(args.map(String).join(' '));
        let el: HTMLElement | undefined;
        try {
          await widget.prepare?.();
          const late = widget.faultAfterMount && fault.kind === 'network';
          if (!late) await fault.install(context);
          el = await widget.mount();
          if (late) await fault.install(context);
          await widget.act(el);
          const outcome = fault.outcome(context);
          const shown = squash(el.shadowRoot!.textContent);
          const quiet = widget.quietWhenDegraded && outcome.kind === 'message';
          if (!quiet) expect(shown, 'the widget is blank').not.to.equal('');
          expect(shown, 'raw error text on screen').not.to.match(RAW);
          if (!quiet) expect(el.getBoundingClientRect().height, 'the widget collapsed').to.be.greaterThan(0);
          if (outcome.kind === 'message') {
            widget.expectDegraded(el, outcome, t);
            if (locale !== 'en') expect(t(outcome.key), `${outcome.key} is translated into ${locale}`).not.to.equal(enT(outcome.key));
          } else {
            widget.expectHealthy(el, t);
          }
          if (fault.name.startsWith('401') && widget.shopper === 'member') {
            expect(context.tokens.calls, 'the token provider is asked once more for a fresh token').to.equal(2);
          }
          if (fault.warning && (widget.usesStorage === 'writes' || (widget.usesStorage === 'reads' && !fault.onWrite))) {
            // The merchant's console says once why nothing is kept between visits; the shopper sees nothing.
            // (A store may write after the widget has shown its answer: the member's balance is shown
            // before IndexedDB has opened, and stored once it has.)
            await until(() => expect(warned.filter((m) => m.includes('IndexedDB'))).to.satisfy((list: string[]) => list.length === 1 && fault.warning!.test(list[0]!)));
          }

          await fault.remove(context);
          if (outcome.kind === 'message') {
            // The shopper (or the host) tries again on the same page.
            await widget.retry(el);
            (widget.expectRecovered ?? widget.expectHealthy).call(widget, el, t);
          } else {
            // Nothing failed on screen: the next visit, with the fault gone, works as well.
            fixtureCleanup();
            el.remove();
            resetStorage();
            await useBackend();
            resetWidgetStores();
            // a visitor's widget meets a visitor again (joining signed the first one in)
            if (widget.shopper === 'visitor') signOut();
            el = await widget.mount();
            await widget.act(el);
            widget.expectHealthy(el, t);
          }
          expect(squash(el.shadowRoot!.textContent)).not.to.match(RAW);
          if (fault.kind === 'storage') expect((await getStorage()).kind).to.equal('indexeddb');
          await settle();
        } finally {
          console.warn = warn;
          await fault.remove(context);
          page.stop();
          fixtureCleanup();
          el?.remove();
        }
        expect(page.errors, 'uncaught errors or unhandled rejections').to.deep.equal([]);
        expect(warned.filter((m) => !m.startsWith('[fidelio] ')), 'warnings without the [fidelio] prefix').to.deep.equal([]);
        results.set(cellKey(fault.name, widget), 'pass');
      });
    });
  });
});

/** The widget stores back to their first state (the SDK's own reset covers member and session). */
function resetWidgetStores(): void {
  cleanStores($program, $cartPreview, $coupon, $signup, $cart, $referral, $redeem);
  resetRedeem();
  $signup.set({ status: 'idle' });
  $coupon.set({ status: 'idle' });
  $cart.set(null);
  $cartPreview.set({ status: 'idle' });
}

// Keep the member store from leaking a mounted state into the next file.
after(() => cleanStores($member));
