/**
 * A single-page app that adds and removes every widget thousands of times must not leak: the
 * listeners on window and document, the observers, and the subscribers of every nanostore (`lc`,
 * nanostores' listener count) stay flat, and go back to where they started once the widgets are
 * gone for good.
 */
import { expect } from '@open-wc/testing';
import { STORE_UNMOUNT_DELAY } from 'nanostores';
import '../../src/components/points-badge/points-badge.js';
import '../../src/components/signup-popup/signup-popup.js';
import '../../src/components/join-link/join-link.js';
import '../../src/components/coupon-field/coupon-field.js';
import '../../src/components/points-redeem/points-redeem.js';
import '../../src/components/earn-preview/earn-preview.js';
import '../../src/components/referral-share/referral-share.js';
import '../../src/components/referral-greeting/referral-greeting.js';
import '../../src/components/member-panel/member-panel.js';
import '../../src/components/launcher/launcher.js';
import * as cartStores from '../../src/stores/cart.js';
import * as configStores from '../../src/stores/config.js';
import * as couponStores from '../../src/stores/coupon.js';
import * as memberStores from '../../src/stores/member.js';
import * as panelStores from '../../src/stores/panel.js';
import * as programStores from '../../src/stores/program.js';
import * as redeemStores from '../../src/stores/redeem.js';
import * as referralStores from '../../src/stores/referral.js';
import * as runtimeStores from '../../src/stores/runtime.js';
import * as sessionStores from '../../src/stores/session.js';
import * as signupStores from '../../src/stores/signup.js';
import * as i18n from '../../src/i18n/index.js';
import { configureForTests, resetSdk, signInDemo, until, useBackend, watchPageErrors } from '../helpers/backend.js';

const TAGS = [
  'fidelio-points-badge',
  'fidelio-signup-popup',
  'fidelio-join-link',
  'fidelio-coupon-field',
  'fidelio-points-redeem',
  'fidelio-earn-preview',
  'fidelio-referral-share',
  'fidelio-referral-greeting',
  'fidelio-member-panel',
  'fidelio-launcher',
];
const CYCLES = 200; // × 10 widgets: 2,000 mounts and unmounts

type Store = { lc: number; listen: unknown };
/** Every nanostore the widgets can subscribe to, by its exported name. */
const STORES: [string, Store][] = [cartStores, configStores, couponStores, memberStores, panelStores, programStores, redeemStores, referralStores, runtimeStores, sessionStores, signupStores, i18n]
  .flatMap((module) => Object.entries(module))
  .filter((entry): entry is [string, Store] => {
    const value = entry[1] as Partial<Store> | null;
    return typeof value === 'object' && value !== null && typeof value.listen === 'function' && typeof value.lc === 'number';
  });

/** Live listeners on anything that is not an element (window, document, media queries, channels...). */
const live = new Map<EventTarget, Map<string, Set<unknown>>>();
const observing = { count: 0 };
const originalAdd = EventTarget.prototype.addEventListener;
const originalRemove = EventTarget.prototype.removeEventListener;

function record(): () => void {
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: unknown, options?: boolean | AddEventListenerOptions) {
    if (listener && !(this instanceof Element)) {
      const capture = typeof options === 'boolean' ? options : !!options?.capture;
      const key = `${type}/${capture}`;
      let byType = live.get(this);
      if (!byType) live.set(this, (byType = new Map()));
      let set = byType.get(key);
      if (!set) byType.set(key, (set = new Set()));
      set.add(listener);
      // `once` listeners and aborted signals remove themselves without removeEventListener.
      if (typeof options === 'object' && (options.once || options.signal)) set.delete(listener);
    }
    return originalAdd.call(this, type, listener as EventListener, options);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: unknown, options?: boolean | EventListenerOptions) {
    const capture = typeof options === 'boolean' ? options : !!options?.capture;
    live.get(this)?.get(`${type}/${capture}`)?.delete(listener);
    return originalRemove.call(this, type, listener as EventListener, options);
  };
  const observers = [MutationObserver, ResizeObserver, IntersectionObserver].map((Observer) => {
    const proto = Observer.prototype as { observe: (...args: unknown[]) => void; disconnect: () => void };
    const { observe, disconnect } = proto;
    const active = new WeakSet<object>();
    proto.observe = function (this: object, ...args: unknown[]) {
      if (!active.has(this)) (active.add(this), observing.count++);
      return observe.apply(this, args);
    };
    proto.disconnect = function (this: object) {
      if (active.has(this)) (active.delete(this), observing.count--);
      return disconnect.call(this);
    };
    return () => Object.assign(proto, { observe, disconnect });
  });
  return () => {
    EventTarget.prototype.addEventListener = originalAdd;
    EventTarget.prototype.removeEventListener = originalRemove;
    observers.forEach((restore) => restore());
  };
}

/** What could leak, counted: listeners by target kind and type, observers, store subscribers. */
function counts(): Record<string, number> {
  const out: Record<string, number> = { observers: observing.count };
  for (const [target, byType] of live) {
    const kind = target === window ? 'window' : target === document ? 'document' : target.constructor.name;
    for (const [type, set] of byType) if (set.size) out[`${kind} ${type}`] = (out[`${kind} ${type}`] ?? 0) + set.size;
  }
  for (const [name, store] of STORES) if (store.lc) out[`${name}.lc`] = store.lc;
  return out;
}

/**
 * The counts once the page is quiet: storage requests finished (they hold listeners until then)
 * and stores read without subscribers unmounted again (nanostores waits STORE_UNMOUNT_DELAY).
 */
async function settledCounts(): Promise<Record<string, number>> {
  // A store a store's onMount subscribes to unmounts one delay after it (the panel's store holds the
  // member's): the counts are settled when a whole unmount delay changed nothing.
  const pause = () => new Promise((resolve) => setTimeout(resolve, STORE_UNMOUNT_DELAY + 200));
  let last = '';
  for (let round = 0; round < 15; round++) {
    await pause();
    const now = JSON.stringify(counts());
    if (now === last && !/IDB(Request|Transaction) /.test(now)) break;
    last = now;
  }
  return counts();
}

const cart = { currency: 'USD', lines: [{ id: 'p-can', name: 'Brass watering can', category: 'tools', unitPrice: 5600, quantity: 1 }], subtotal: 5600 };

async function mountAll(host: HTMLElement): Promise<HTMLElement[]> {
  const elements = TAGS.map((tag) => document.createElement(tag));
  host.append(...elements);
  await Promise.all(elements.map((el) => (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
  return elements;
}

describe('an SPA that adds and removes the widgets thousands of times', function () {
  this.timeout(120_000);
  let stop: () => void;
  let pins: (() => void)[];
  let page: ReturnType<typeof watchPageErrors>;

  before(async () => {
    await useBackend();
    await resetSdk();
    configureForTests();
    await signInDemo();
    cartStores.setCart(cart);
    page = watchPageErrors();
    // Computed stores that code reads with get() stay mounted for a second after each read (then
    // unmount): held open here, so that such reads do not make the counts below flicker.
    pins = [runtimeStores.$backend, configStores.$resolvedConfig, i18n.$t].map((store) => store.listen(() => undefined));
    stop = record();
  });
  after(() => {
    pins.forEach((unpin) => unpin());
    stop();
    page.stop();
    expect(page.errors, 'uncaught errors or unhandled rejections').to.deep.equal([]);
  });

  it(`keeps listeners, observers and store subscribers flat over ${CYCLES * TAGS.length} mounts`, async () => {
    expect(STORES.length, 'stores found').to.be.greaterThan(10);
    const host = document.createElement('div');
    document.body.append(host);
    // The page's one IndexedDB connection (opened on first use, kept for the page) is not a leak.
    await runtimeStores.getStorage();
    const baseline = await settledCounts();

    // One of each, settled: what a page with every widget on it holds.
    let elements = await mountAll(host);
    await until(() => expect(elements[0]!.shadowRoot!.textContent).to.contain('397'));
    const mounted = await settledCounts();
    elements.forEach((el) => el.remove());

    for (let i = 0; i < CYCLES; i++) {
      elements = await mountAll(host);
      elements.forEach((el) => el.remove());
    }
    elements = await mountAll(host);
    await until(() => expect(elements[0]!.shadowRoot!.textContent).to.contain('397'));
    expect(await settledCounts(), 'with every widget on the page again').to.deep.equal(mounted);

    // Gone for good: once nanostores has unmounted its stores, nothing is left subscribed.
    elements.forEach((el) => el.remove());
    host.remove();
    expect(await settledCounts(), 'with no widget left').to.deep.equal(baseline);
    console.log(`SPA churn: ${CYCLES * TAGS.length + 2} mounts; with every widget on the page ${JSON.stringify(mounted)}`);
  });
});
