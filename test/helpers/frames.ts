/**
 * Store pages in frames, for the suites that need a page of their own (a CSP, a hostile host, a
 * sandbox): served by test/helpers/test-pages.mjs with the built drop-in and a stub backend that
 * repeats what the reference backend answered (see `useStubBackend`).
 */
import { expect } from '@open-wc/testing';
import { encodeBase64Url } from '../../src/core/base64url.js';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { API, emptySdkDatabase, tokenFor, until, useBackend } from './backend.js';

export type Violation = { directive: string; blocked: string; sample: string; source: string; line: number };
export interface FidelioFrameApi {
  identify(token: string): Promise<void>;
  setCart(cart: unknown): Promise<boolean>;
  openSignup(): void;
  signOut(): void;
}
/** What test-pages.mjs's probe keeps in the frame's window. */
export type FrameWindow = Window &
  typeof globalThis & {
    __violations: Violation[];
    __errors: string[];
    __warnings: string[];
    __balances: { available: number; pending: number; cached?: true; beforeDomContentLoaded: boolean }[];
    __timeline: { frameAfterCached?: number | null; badgeDefined?: number; redeemDefined?: number };
    /** Each fetch() call of the page (url, and when it was called). */
    __fetches: { url: string; at: number }[];
    __preloads: { href: string; fetchpriority: string | null }[];
    __preconnects: { href: string; crossOrigin: string | null }[];
    Fidelio?: FidelioFrameApi;
    trustedTypes?: { createPolicy(name: string, rules: object): unknown };
  };

export const frameCart = {
  currency: 'USD',
  lines: [
    { id: 'p-can', name: 'Brass watering can', category: 'tools', unitPrice: 5600, quantity: 1 },
    { id: 'p-monstera', name: 'Monstera deliciosa', category: 'plants', unitPrice: 4500, quantity: 1 },
  ],
  subtotal: 10100,
};

/**
 * A token the framed page accepts by the real clock (the stub backend does not check signatures),
 * expiring `lifetime` seconds from now; a negative lifetime makes an expired one (issued five
 * minutes before its expiry).
 */
export function pageToken(lifetime = 3600): string {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + lifetime;
  const part = (value: object) => encodeBase64Url(new TextEncoder().encode(JSON.stringify(value)));
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: DEMO_MEMBER_ID, prg: DEMO_PROGRAM_ID, iat: Math.min(now, exp - 300), exp })}.c3R1Yg`;
}

/**
 * Records what the reference backend (MSW, in this test's page) answers to each request the widgets
 * make and hands it to the stub backend of the framed pages. MSW is stopped afterwards: it answers
 * a frame's requests for its top page, and the frames must reach the stub instead.
 * The frames share this origin's IndexedDB, so it starts them from an empty SDK database: what an
 * earlier test file left there (a sign-up's "joined" mark, a dismissal) would keep their popups shut.
 */
export async function useStubBackend(): Promise<void> {
  await emptySdkDatabase();
  const backend = await useBackend();
  const token = await tokenFor();
  const base = `${API}/v1/programs/${DEMO_PROGRAM_ID}`;
  const fixtures: Record<string, { status: number; body: unknown }> = {};
  const capture = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `frame-${path}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    fixtures[`${method} ${path.replace(/\?.*$/, '')}`] = { status: response.status, body: await response.json() };
  };
  for (const path of ['', '/me', '/me/batches', '/me/referral', '/me/activity?limit=20', '/me/preferences', '/me/redemptions']) await capture('GET', path);
  await capture('POST', '/cart/preview', frameCart);
  await capture('POST', '/coupons/validate', { code: 'WELCOME10', cart: frameCart });
  await capture('POST', '/members', { email: 'frame.shopper@example.com', newsletter: false, deviceId: 'frame-device' });
  await capture('POST', '/unsubscribe', { token: 'frame-unsubscribe-token' });
  backend.worker.stop();
  stubAnswers = fixtures;
  await postStubAnswers(fixtures);
}

type StubAnswer = { status: number; body: unknown; headers?: Record<string, string> };
/** What `useStubBackend` captured from the reference backend. */
let stubAnswers: Record<string, StubAnswer> = {};

async function postStubAnswers(answers: Record<string, StubAnswer>): Promise<void> {
  const response = await fetch('/__fidelio__/fixtures', { method: 'POST', body: JSON.stringify(answers) });
  expect(response.status).to.equal(204);
}

/** The stub backend's answers with some replaced (`"POST /coupons/validate": { status: 429, … }`); `{}` restores them. */
export const replaceStubAnswers = (changes: Record<string, StubAnswer>): Promise<void> => postStubAnswers({ ...stubAnswers, ...changes });

/** The stub backend's requests since the last call: whether each carried the page's cookies. */
export async function stubRequests(): Promise<{ method: string; path: string; cookies: boolean }[]> {
  return (await fetch('/__fidelio__/requests')).json();
}

/** The CORS preflights the stub backend was asked since the last call (`api=cross` pages). */
export async function stubPreflights(): Promise<{ method: string; path: string; headers: string[] }[]> {
  return (await fetch('/__fidelio__/preflights')).json();
}

/** Requests the stub backend had no answer for since the last call. */
export async function stubMisses(): Promise<string[]> {
  return (await fetch('/__fidelio__/misses')).json();
}

/** Every tag the built drop-in knows how to load. */
export async function shippedTags(): Promise<string[]> {
  const response = await fetch('/dist/fidelio.js');
  expect(response.ok, 'dist/fidelio.js is missing: run `npm run build` first').to.equal(true);
  // the keys of the drop-in's component map: "fidelio-points-badge":()=>…
  const tags = [...(await response.text()).matchAll(/["'`](fidelio-[a-z]+(?:-[a-z]+)*)["'`]\s*:\s*\(\)\s*=>/g)].map((m) => m[1]!);
  expect(tags, 'the component map of dist/fidelio.js').to.include('fidelio-points-badge');
  return [...new Set(tags)].sort();
}

/** Whether a framed page fetched the built chunk named `chunk` (its hash aside). */
export const chunkFetched = (win: FrameWindow, chunk: string) =>
  win.performance.getEntriesByType('resource').some((entry) => new RegExp(`/${chunk}-[\\w-]+\\.js$`).test(entry.name));

/** Long enough for a framed page to have been idle (and for the 1.5 s idle deadline to have passed). */
export const pastIdle = (win: FrameWindow) => new Promise<void>((resolve) => win.setTimeout(resolve, 2500));

/**
 * The chunks a framed page fetched after the drop-in's start-up: every `/chunks/` request but the
 * drop-in's static imports (fetched with its tag).
 */
export async function lazyChunkEntries(win: FrameWindow, doc: Document): Promise<PerformanceResourceTiming[]> {
  const dropIn = doc.querySelector<HTMLScriptElement>('script[data-program]')!.src;
  const startUp = [...(await (await fetch(dropIn)).text()).matchAll(/from\s*["'](\.\/chunks\/[^"']+)["']/g)].map((m) => new URL(m[1]!, dropIn).href);
  expect(startUp.length, 'the drop-in\'s static imports').to.be.greaterThan(0);
  return (win.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.includes('/chunks/') && !startUp.includes(r.name));
}

/** Opens /__fidelio__/page?<query> in a frame; waits for the drop-in unless the page has none. */
export async function openPage(query: string, options: { sandbox?: string; waitForBoot?: boolean } = {}): Promise<{ frame: HTMLIFrameElement; win: FrameWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 700px; border: 0';
  if (options.sandbox !== undefined) frame.setAttribute('sandbox', options.sandbox);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/__fidelio__/page?${query}`;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as FrameWindow;
  if (options.sandbox === undefined && options.waitForBoot !== false) await until(() => expect(win.Fidelio, 'the drop-in booted').to.exist, 10_000);
  return { frame, win, doc: frame.contentDocument! };
}

/**
 * For a suite of framed store pages (call it in the `describe`): the stub backend before them, every
 * frame removed after each test. Returns the opener, for pages with the probe.
 */
export function framedPages(): (query: string) => ReturnType<typeof openPage> {
  const frames: HTMLIFrameElement[] = [];
  before(useStubBackend);
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));
  return async (query) => {
    const page = await openPage(`probe=1&${query}`);
    frames.push(page.frame);
    return page;
  };
}

let asked = 0;
/** Asks the probe in a frame (also a sandboxed, cross-origin one) a question by postMessage. */
export function ask<T = unknown>(frame: HTMLIFrameElement, cmd: string, arg?: unknown): Promise<T> {
  const id = `q${++asked}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the frame did not answer "${cmd}"`)), 5000);
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || event.data?.id !== id) return;
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      resolve(event.data.result as T);
    };
    window.addEventListener('message', onMessage);
    frame.contentWindow!.postMessage({ id, cmd, arg }, '*');
  });
}

/** The normalized text of an element's shadow root ('' when it has none yet). */
export const shadowText = (el: Element | null | undefined) => el?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const shadowPart = (el: Element | null | undefined, name: string) => el?.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

/** The page is visited through a referral link and an email's unsubscribe link at once. */
export const LINK_PARAMS = 'ref=ANA2026&fidelio-unsubscribe=frame-unsubscribe-token';

/** Runs every widget of a framed store page through its main paths (a page opened with LINK_PARAMS: ?ref= and an unsubscribe link). */
export async function exerciseEveryWidget(win: FrameWindow, doc: Document, tags: string[]): Promise<void> {
  // the popup's code comes when something opens it (openSignup() below)
  for (const tag of tags.filter((tag) => tag !== 'fidelio-signup-popup')) await until(() => expect(win.customElements.get(tag), `<${tag}> defined`).to.exist, 10_000);
  // Some widgets show nothing in some states (the referral greeting to a member): each must have
  // shown something at one stage or another.
  const seen = new Set<string>();
  const look = () => tags.forEach((tag) => shadowText(doc.querySelector(tag)) && seen.add(tag));
  // A visitor first: the referral greeting, join prompts, the popup, the checkout reminder.
  await win.Fidelio!.setCart(frameCart);
  await until(() => expect(shadowText(doc.querySelector('fidelio-unsubscribe-notice'))).not.to.equal(''), 10_000);
  if (tags.includes('fidelio-referral-greeting')) await until(() => expect(shadowText(doc.querySelector('fidelio-referral-greeting'))).not.to.equal(''), 10_000);
  look();
  await until(() => expect(shadowText(doc.querySelector('fidelio-points-badge'))).not.to.equal(''));
  win.Fidelio!.openSignup();
  await until(() => expect(shadowPart(doc.querySelector('fidelio-signup-popup'), 'dialog')?.hasAttribute('open')).to.equal(true));
  // Then the member: balance, checkout, referral, the panel through the launcher.
  await win.Fidelio!.identify(pageToken());
  await until(() => expect(shadowPart(doc.querySelector('fidelio-points-badge'), 'points')).to.exist, 10_000);
  const coupon = doc.querySelector('fidelio-coupon-field');
  if (coupon) {
    (shadowPart(coupon, 'input') as HTMLInputElement).value = 'welcome10';
    shadowPart(coupon, 'apply')!.click();
    await until(() => expect(shadowText(coupon)).to.contain('WELCOME10'));
  }
  const launcher = doc.querySelector('fidelio-launcher');
  if (launcher) {
    launcher.shadowRoot!.querySelector('button')!.click();
    await until(() => expect(win.customElements.get('fidelio-member-panel')).to.exist, 10_000);
  }
  // Anything lazy (a locale, a panel section) gets its chance to run.
  await new Promise((resolve) => setTimeout(resolve, 300));
  look();
  expect(tags.filter((tag) => !seen.has(tag)), 'widgets that never rendered').to.deep.equal([]);
}
