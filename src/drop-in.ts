/**
 * The script-tag entry. It stays tiny: it reads the tag's data attributes, exposes window.Fidelio,
 * and downloads a component's code only when that component's tag appears on the page (now or
 * later, as single-page apps add them).
 */
import { configFromDataset, referralParamOf, type FidelioConfig, type ResolvedConfig } from './core/config.js';
import { reserveFootprints } from './core/footprint.js';
import { warnOnce } from './core/log.js';
import { afterNextFrame, whenIdle } from './core/idle.js';
import { noteEarlyEvent } from './core/early-events.js';
import { askEarly, contractUrl } from './core/early-answers.js';
import { applyLocale, configure, $config, $resolvedConfig } from './stores/config.js';
import { createApi, type FidelioApi } from './api.js';
import { $session } from './stores/session.js';
import { matchLocale } from './core/locale.js';
import { prepaintBadges } from './core/badge-snapshot.js';
import { armSignupTriggers, openSignup, SIGNUP_DUE, SIGNUP_TAG, signupLinkOf, signupTriggersOf, usablePopupNumber, whenSignupWanted } from './core/signup-triggers.js';

declare global {
  interface Window {
    Fidelio?: FidelioApi;
  }
}

const COMPONENTS: Record<string, () => Promise<unknown>> = {
  'fidelio-points-badge': () => import('./components/points-badge/points-badge.js'),
  'fidelio-signup-popup': () => import('./components/signup-popup/signup-popup.js'),
  'fidelio-join-link': () => import('./components/join-link/join-link.js'),
  'fidelio-coupon-field': () => import('./components/coupon-field/coupon-field.js'),
  'fidelio-points-redeem': () => import('./components/points-redeem/points-redeem.js'),
  'fidelio-earn-preview': () => import('./components/earn-preview/earn-preview.js'),
  'fidelio-referral-share': () => import('./components/referral-share/referral-share.js'),
  'fidelio-referral-greeting': () => import('./components/referral-greeting/referral-greeting.js'),
  'fidelio-member-panel': () => import('./components/member-panel/member-panel.js'),
  'fidelio-launcher': () => import('./components/launcher/launcher.js'),
};

/** An email's unsubscribe link (`?fidelio-unsubscribe=TOKEN[&fidelio-unsubscribe-from=statement]`): confirmed on any page, no sign-in needed. */
function handleUnsubscribe(): void {
  const query = new URLSearchParams(location.search);
  const token = query.get('fidelio-unsubscribe');
  if (!token) return;
  import('./components/unsubscribe-notice/unsubscribe-notice.js')
    .then((m) => m.showUnsubscribeNotice(token, query.get('fidelio-unsubscribe-from')))
    .catch((error: unknown) => warnOnce('unsubscribe', `could not show the unsubscribe notice: ${(error as Error)?.message ?? error}`));
}

/**
 * A visit through a referral link: remember the code (the storage code loads only in that case).
 * Again when `Fidelio.init()` names another parameter or number of days than the tag: the page's
 * script can only call it after the drop-in has run, and its settings count as the tag's do.
 */
function captureReferral(): void {
  let done = '';
  const capture = (config: FidelioConfig) => {
    const param = referralParamOf(config);
    const settings = `${param}\n${config.referralDays}`;
    if (settings === done) return;
    done = settings;
    if (new URLSearchParams(location.search).get(param)) void import('./stores/signup.js').then((m) => m.captureReferral()).catch(() => undefined);
  };
  capture($config.get());
  $config.listen(capture);
}

interface Later {
  /** Events that fetch the code at once; the widget reads them when it connects. */
  wake: string[];
  /** Starts the fetch when the time has come; returns the way to stop waiting once the code is there. */
  when: (start: () => void) => () => void;
}

const atIdle = (start: () => void) => {
  whenIdle(start);
  return () => undefined;
};

/**
 * The armed signup popup shows nothing until something opens it, so its code (Lit, the form, the
 * storage reads) is fetched only then: when one of its own triggers fires (its delay, scroll depth,
 * exit intent, an add to the cart — never for a member, whom it does not open for), when the shopper
 * asks to join (`fidelio-join`, `fidelio-open-signup`, `Fidelio.openSignup()`, a
 * `[data-fidelio-signup]` link), and it opens for that once defined. A page where nothing opens it
 * never fetches it. An inline form is content on show: it comes when the page is idle.
 */
function whenSignupDue(start: () => void): () => void {
  // asked for before its code ran: as Fidelio.openSignup(), once (a link must not navigate meanwhile)
  let asked = false;
  const onAsk = (event: Event) => {
    if (event.type === 'click') {
      if (!signupLinkOf(event)) return;
      event.preventDefault();
    }
    // a host that handles fidelio-join itself (preventDefault) keeps its own form: known once the
    // event has been through every listener
    setTimeout(() => {
      if (asked || (event.type === 'fidelio-join' && event.defaultPrevented)) return;
      asked = true;
      openSignup();
    });
  };
  const ASKS = ['fidelio-join', 'fidelio-open-signup', 'click'];
  for (const type of ASKS) document.addEventListener(type, onAsk, true);
  const unwant = whenSignupWanted(start);
  const popup = document.getElementsByTagName(SIGNUP_TAG)[0];
  if (popup) {
    const { delay, scrollDepth } = signupTriggersOf(popup);
    const cap = popup.getAttribute('cap-days');
    usablePopupNumber('delay', delay);
    usablePopupNumber('scroll-depth', scrollDepth, 100);
    usablePopupNumber('cap-days', cap === null ? undefined : Number(cap));
  }
  const disarm =
    !popup || popup.hasAttribute('inline')
      ? atIdle(start)
      : armSignupTriggers(signupTriggersOf(popup), (trigger) => {
          if ($session.get().status === 'identified') return;
          // the popup reads which trigger it was when it connects, and opens if its cap allows
          noteEarlyEvent(new CustomEvent(SIGNUP_DUE, { detail: trigger }));
          start();
        });
  return () => {
    disarm();
    unwant();
    for (const type of ASKS) document.removeEventListener(type, onAsk, true);
  };
}

const LATER: Record<string, Later> = {
  [SIGNUP_TAG]: { wake: [], when: whenSignupDue },
  // A floating button, not content: it comes when the page is idle; a press on the badge before
  // then loads it at once, and it opens the member panel for that press.
  'fidelio-launcher': { wake: ['fidelio-badge-click'], when: atIdle },
  // Floats over the page wherever its tag sits (often at the end of the body): where the tag is says
  // nothing of where it shows, so it does not wait to be near the viewport; it comes at idle time.
  'fidelio-referral-greeting': { wake: [], when: atIdle },
};

const requested = new Set<string>();
/** A widget's code failed to load: the next change to the page tries again (back online, perhaps). */
let retry = false;

/** Set while a balance painted early waits for its frame: widget code is fetched after it. */
let paintFirst: Promise<void> | null = null;

function load(tag: string): void {
  if (paintFirst) return void paintFirst.then(() => load(tag));
  COMPONENTS[tag]!().catch((error: unknown) => {
    requested.delete(tag);
    retry = true;
    warnOnce(`chunk-${tag}`, `could not load <${tag}>: ${(error as Error)?.message ?? error}`);
  });
}

function loadLater(tag: string, { wake, when }: Later): void {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    load(tag);
  };
  const onWake = (event: Event) => {
    start();
    noteEarlyEvent(event);
  };
  for (const type of wake) document.addEventListener(type, onWake, true);
  const stop = when(start);
  // `loading="eager"` on the tag: its code now, as for an in-page widget (its early listeners stay
  // until it is defined, so a request to open it meanwhile is not lost)
  if (eager(document.getElementsByTagName(tag))) start();
  void customElements.whenDefined(tag).then(() => {
    for (const type of wake) document.removeEventListener(type, onWake, true);
    stop();
  });
}

const TAGS = Object.keys(COMPONENTS);
const ANY_TAG = TAGS.join(',');

/**
 * How near the viewport a widget must come for its code to be fetched: one and a half screens
 * above or below and a screen to either side (an off-canvas cart drawer), so that a shopper
 * scrolling towards it finds it rendered.
 */
const NEAR = '150% 100%';
/** A page that makes no frame (a tab hidden as it loads) reports no sighting: then load anyway. */
const UNSEEN_MS = 1000;
let sight: IntersectionObserver | null = null;
/** Tags whose code waits for one of their elements to come near, with the elements watched. */
const waiting = new Map<string, Set<Element>>();
/** Waiting tags no sighting has been reported for yet. */
const unseen = new Set<string>();
/** Waiting tags with an element out of sight but not far: they load when the page is idle. */
const soon = new Set<string>();

function loadNear(tag: string): void {
  const watched = waiting.get(tag);
  if (!watched) return;
  waiting.delete(tag);
  unseen.delete(tag);
  for (const el of watched) sight?.unobserve(el);
  load(tag);
}

/**
 * Laid out past the near area's edges. (An element the page hides has no box: its rectangle is all
 * zeros. An empty one still has a place, for a tag without reserved room before its code.)
 */
const far = ({ boundingClientRect: box, rootBounds: near }: IntersectionObserverEntry) =>
  !!near && (box.width > 0 || box.height > 0 || box.top !== 0 || box.left !== 0) && (box.bottom < near.top || box.top > near.bottom || box.right < near.left || box.left > near.right);

function onSight(entries: IntersectionObserverEntry[]): void {
  for (const entry of entries) {
    const tag = entry.target.localName;
    if (!waiting.has(tag)) continue;
    unseen.delete(tag);
    if (entry.isIntersecting) loadNear(tag);
    // Near but not seen: hidden (a closed menu, a collapsed section: no box) or clipped (below a
    // drawer's or a carousel's fold). The page may show it any moment: ready by then.
    else if (!far(entry) && !soon.has(tag)) {
      soon.add(tag);
      whenIdle(() => loadNear(tag));
    }
  }
}

/**
 * A press on a link to a part of this page (`href="#cart"`) starts the code of the widgets waiting
 * in that part: the jump will land the shopper there, and the press comes before its click.
 */
function onPress(event: Event): void {
  if (!waiting.size) return;
  try {
    const link = (event.target as Element | null)?.closest?.('a[href*="#"]') as HTMLAnchorElement | null;
    if (!link) return;
    const to = new URL(link.href, location.href);
    const here = (url: URL | Location) => url.origin + url.pathname + url.search;
    const part = here(to) === here(location) && to.hash.length > 1 ? document.getElementById(decodeURIComponent(to.hash.slice(1))) : null;
    if (!part) return;
    for (const [tag, elements] of waiting) if ([...elements].some((el) => part.contains(el))) loadNear(tag);
  } catch {
    // an odd link: the widgets come as the page scrolls
  }
}

/** The document as root: a page in a frame measures against its own viewport, not its parent's. */
function observer(): IntersectionObserver {
  try {
    return new IntersectionObserver(onSight, { root: document, rootMargin: NEAR });
  } catch {
    // a browser that takes only elements as roots
    return new IntersectionObserver(onSight, { rootMargin: NEAR });
  }
}

/**
 * A widget's code is fetched when one of its elements is near the viewport: at once for what the
 * shopper sees (the observer answers with the page's next frame, without a layout of its own), when
 * they scroll towards it for a panel far down the page, at idle time for one the page hides or
 * clips. A page already hidden (opened in a background tab) has no frames to answer: it loads all.
 * A tag with `loading="eager"` (a coupon field the shopper jumps to by an anchor) loads at once.
 */
function watch(tag: string): void {
  const present = document.getElementsByTagName(tag);
  if (typeof IntersectionObserver !== 'function' || document.visibilityState === 'hidden' || eager(present)) {
    if (waiting.has(tag)) return loadNear(tag);
    return load(tag);
  }
  if (!sight) {
    sight = observer();
    document.addEventListener('pointerdown', onPress, { capture: true, passive: true });
  }
  let watched = waiting.get(tag);
  if (!watched) {
    waiting.set(tag, (watched = new Set()));
    unseen.add(tag);
    setTimeout(() => unseen.has(tag) && loadNear(tag), UNSEEN_MS);
  }
  // elements a single-page app removed meanwhile are let go; observing an element twice is a no-op
  for (const el of watched) if (!el.isConnected) watched.delete(el), sight.unobserve(el);
  for (const el of present) watched.add(el), sight.observe(el);
}

/** `loading="eager"` on a tag, as on an image: its code comes at once wherever it is on the page. */
const eager = (elements: HTMLCollectionOf<Element>) => [...elements].some((el) => el.getAttribute('loading') === 'eager');

function loadPresent(): void {
  for (const tag of TAGS) {
    if (!document.getElementsByTagName(tag).length) continue;
    // more elements of a tag still waiting: watched too
    if (waiting.has(tag)) watch(tag);
    if (requested.has(tag)) continue;
    requested.add(tag);
    if (LATER[tag]) loadLater(tag, LATER[tag]);
    else watch(tag);
  }
}

/**
 * A returning member's balance, painted from the device's snapshot in the badge tags whose code has
 * not run yet, as soon as the page signs the shopper in (the snapshot must be theirs): the balance
 * shows in a frame or two instead of after the badge's code, Lit and IndexedDB have started.
 */
function prepaintEarly(): boolean {
  const tag = 'fidelio-points-badge';
  if (!document.getElementsByTagName(tag).length) return false;
  let painted = false;
  const paint = (): boolean => {
    const session = $session.get();
    if (session.status !== 'identified') return false;
    const resolved = $resolvedConfig.get();
    if (!resolved.ok) return true;
    const locale = matchLocale(resolved.config.locale ?? document.documentElement.lang) ?? 'en';
    painted = prepaintBadges(document, { program: resolved.config.program, subject: session.subject, locale }) > 0;
    return true;
  };
  if (paint()) return painted;
  const stop = $session.listen(() => paint() && stop());
  // the badge's own code paints from now on
  void customElements.whenDefined(tag).then(stop);
  return false;
}

/** Tags that read the signed-in member (`GET /me`) as soon as they connect. */
const MEMBER_TAGS = ['fidelio-points-badge', 'fidelio-points-redeem', 'fidelio-member-panel'];

/** Whether the member's first read has been asked for early (once per page). */
let memberAsked = false;

/** The configuration the early steps use: the built-in REST backend's, or null (none, or a custom backend). */
function builtInRest(): ResolvedConfig | null {
  const resolved = $resolvedConfig.get();
  return resolved.ok && !resolved.config.backend ? resolved.config : null;
}

/**
 * `GET path` of the contract, asked for now (core/early-answers) when a tag of `tags` is on the page
 * and none has its code yet (once it runs, it asks by itself): the answer travels while their code
 * does, and the REST backend takes it. True when asked.
 */
function askWhileCodeWaits(config: ResolvedConfig, tags: readonly string[], path: string, token: string | null): boolean {
  const present = tags.filter((tag) => document.getElementsByTagName(tag).length);
  if (!present.length || present.some((tag) => customElements.get(tag))) return false;
  askEarly(contractUrl(config.api, config.program, path), token, config.timeoutMs);
  return true;
}

/**
 * As soon as the shopper is known (a token on the drop-in's tag, or `identify()` from the page's
 * script), the first read of a badge, redeem widget or member panel, `GET /me`. Once; true once asked.
 */
function askMemberEarly(config: ResolvedConfig): boolean {
  const session = $session.get();
  if (!memberAsked && session.status === 'identified') memberAsked = askWhileCodeWaits(config, MEMBER_TAGS, '/me', session.token);
  return memberAsked;
}

/**
 * Tags whose code reads the program's rules (`GET` of the program) as soon as they connect: the
 * program store asked only once their code had run and IndexedDB had opened. The read needs no
 * token, so even on another origin it goes without a preflight.
 */
const PROGRAM_TAGS = ['fidelio-points-redeem', 'fidelio-member-panel', 'fidelio-referral-share', 'fidelio-referral-greeting'];

/**
 * Reaches the API while the widgets' code downloads (the built-in REST backend only): the first
 * reads when they can go (above; both may); otherwise, with a tag of ours on the page and the API on
 * another origin, a preconnect hint. The widgets' first request would open that connection (DNS,
 * TCP, TLS: one to three round trips) only after their code has arrived. `crossorigin`: in Chromium
 * such a connection carries the first request's CORS preflight (the request after it takes another).
 */
function reachApi(config: ResolvedConfig): void {
  const member = askMemberEarly(config);
  const program = askWhileCodeWaits(config, PROGRAM_TAGS, '', null);
  if (member || program) return;
  const origin = new URL(config.api, location.href).origin;
  if (origin === location.origin || !/^https?:/.test(origin) || !document.querySelector(ANY_TAG)) return;
  for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel~="preconnect"]')) {
    if (link.href.startsWith(origin) && link.crossOrigin === 'anonymous') return;
  }
  const hint = document.createElement('link');
  hint.rel = 'preconnect';
  hint.href = origin;
  hint.crossOrigin = 'anonymous';
  (document.head ?? document.documentElement).append(hint);
}

/** Runs `step` in a task of its own; a hint, nothing more: what it skips, the widgets do anyway. */
const inOwnTask = (step: () => void) =>
  setTimeout(() => {
    try {
      step();
    } catch {
      // nothing to report
    }
  });

/**
 * A single-page app re-renders all the time: only what was added is looked at (a tag of ours, or one
 * inside it), not the whole document once per tag on every change.
 */
function onMutations(records: MutationRecord[]): void {
  if (retry) {
    retry = false;
    return loadPresent();
  }
  if (requested.size === TAGS.length && !waiting.size) return;
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node.nodeType !== 1) continue;
      const el = node as Element;
      if (COMPONENTS[el.localName] || (el.firstElementChild && el.querySelector(ANY_TAG))) return loadPresent();
    }
  }
}

function findOwnScript(): HTMLScriptElement | null {
  const url = import.meta.url;
  for (const script of document.querySelectorAll<HTMLScriptElement>('script[src]')) {
    if (script.src === url) return script;
  }
  // Served through a proxy that rewrote the URL: the tag that carries our attributes is ours.
  return document.querySelector<HTMLScriptElement>('script[data-program][src*="fidelio"]');
}

function boot(): void {
  if (window.Fidelio) {
    warnOnce('twice', 'the Fidelio script is on this page more than once; only the first copy runs.');
    return;
  }
  // frozen: a page's script cannot replace a method (or the version) under the other scripts' feet
  // Fidelio.load(tag): a widget in a shadow root of the page's own, which the drop-in cannot see
  const api = Object.freeze(
    createApi((tag) => {
      if (!COMPONENTS[tag]) return false;
      requested.add(tag);
      // (asked for now, even when waiting to come near the viewport or for its trigger)
      if (waiting.has(tag)) loadNear(tag);
      else load(tag);
      return true;
    }),
  );
  Object.defineProperty(window, 'Fidelio', { value: api, configurable: true, enumerable: false, writable: false });
  const script = findOwnScript();
  if (script) configure(configFromDataset(script.dataset));
  // A signed-in page can hand over the shopper's token on the tag itself: the shopper is known in
  // this task, so the last balance is painted in the page's first frame (see prepaintEarly).
  if (script?.dataset.token) void api.identify(script.dataset.token);
  // in a task of its own, queued before any that asks for widget code (a timer: WebKit may run a
  // message-channel task after timers queued later)
  inOwnTask(() => {
    const config = builtInRest();
    if (config) reachApi(config);
    if (memberAsked) return;
    // a shopper signed in later by the page's own script: the member's read leaves then (unless a
    // member tag's code already runs, which asks by itself)
    const stopAsking = $session.listen(({ status }) => {
      if (status !== 'identified') return;
      inOwnTask(() => {
        const now = builtInRest();
        if ((now && askMemberEarly(now)) || MEMBER_TAGS.some((tag) => customElements.get(tag))) stopAsking();
      });
    });
  });
  // the configured locale, else the page's language, followed when an SPA changes it
  applyLocale();
  // before any widget code is requested: the tags already on the page keep their final size
  reserveFootprints();
  // a balance painted early goes out in the next frame, before the tasks that fetch and run the
  // widgets' code (the observer below answers after a frame in Chrome, but Firefox may answer sooner)
  if (prepaintEarly()) paintFirst = afterNextFrame(250).then(() => void (paintFirst = null));
  captureReferral();
  handleUnsubscribe();
  // A host's [data-fidelio-signup] link on a page without the popup's tag: the popup comes for it
  // (with the tag on the page, its own listeners answer).
  document.addEventListener(
    'click',
    (event) => {
      if (document.getElementsByTagName(SIGNUP_TAG).length || !signupLinkOf(event)) return;
      event.preventDefault();
      openSignup();
    },
    true,
  );
  loadPresent();
  new MutationObserver(onMutations).observe(document.documentElement, { childList: true, subtree: true });
}

try {
  boot();
} catch (error) {
  warnOnce('boot', `could not start: ${(error as Error)?.message ?? error}`);
}
