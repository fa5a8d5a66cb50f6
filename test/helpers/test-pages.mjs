// Test pages served by web-test-runner under /__fidelio__/ for the suites that need a page of
// their own, opened in a frame by a test: a store page with a strict Content-Security-Policy, a
// bare page to count globals, a page without <html lang>. Each loads the *built* drop-in
// (dist/fidelio.js), as a merchant's page does, and talks to a stub backend in this process: MSW's
// service worker is not used in these pages, so nothing of the test tooling runs under their CSP.
//
//   GET  /__fidelio__/page?csp=strict|strict-tt&lang=en&tags=a,b:attr,gap,hidden>c&probe=1&host-lit=1&drop-in=0&early-cart=1
//        (`tag:attr` gives the tag a boolean attribute, `tag:attr=1.5` one with a value; `gap` is three screens of page, `hidden>tag` a tag in a hidden part, `part>tag` one in <section id="part">, `jump` a link to #part; early-cart dispatches fidelio-add-to-cart right after the drop-in ran; identify=<token> has a module script call Fidelio.identify(token) after it;
//        no-frames=1 makes requestAnimationFrame and IntersectionObserver never call back, as in a tab hidden right after it loaded;
//        api=cross puts the stub API on another origin, this server's other name (localhost / 127.0.0.1), under real CORS)
//   GET  /__fidelio__/probe.js      records CSP violations, page errors and warnings; answers postMessage
//   GET  /__fidelio__/host-lit.js   what a host running its own Lit does first: a `lit-html` policy
//   POST /__fidelio__/fixtures      { "GET /me": { status, body, headers? }, ... } answers for the stub API
//   GET  /__fidelio__/preflights    the CORS preflights the stub API answered or refused (and forgets them); it
//                                   answers them with exactly the policy of src/contract/cors.json
//   GET  /__fidelio__/misses        requests the stub API had no answer for (and forgets them)
//   GET  /__fidelio__/requests      the stub API's requests, with whether each carried cookies (and forgets them)
//   *    /__fidelio__/api/v1/programs/:program/...   the stub API

import { readFileSync } from 'node:fs';

const PREFIX = '/__fidelio__';

/** The CORS answers the contract asks of a backend on another origin (README, openapi.yaml). */
const CORS = JSON.parse(readFileSync(new URL('../../src/contract/cors.json', import.meta.url), 'utf8'));

/** The policies a merchant may run; `strict` is the one in the README. */
export const POLICIES = {
  strict: "script-src 'self'; style-src 'self'; require-trusted-types-for 'script'",
  // A page that also lists the Trusted Types policies it allows (and may run its own copy of Lit).
  'strict-tt': "script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html 'allow-duplicates'",
};

const PROBE = `// Runs first in the page: keeps every CSP violation, uncaught error and console warning for the
// test, and answers a few questions by postMessage (a sandboxed frame cannot be read directly).
window.__violations = [];
window.__errors = [];
window.__warnings = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push({ directive: e.effectiveDirective || e.violatedDirective, blocked: String(e.blockedURI), sample: e.sample, source: e.sourceFile, line: e.lineNumber });
}, true);
window.addEventListener('error', (e) => window.__errors.push(String(e.error && e.error.stack || e.message)));
window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason && e.reason.stack || e.reason)));
const warn = console.warn;
console.warn = (...args) => { window.__warnings.push(args.map(String).join(' ')); warn.apply(console, args); };
// module preloads the page was given (the drop-in's low-priority fetches of widget code), and the
// connections it was told to open early (<link rel="preconnect">), as they are added
window.__preloads = [];
window.__preconnects = [];
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) {
    if (node.nodeName === 'LINK' && node.rel === 'modulepreload') window.__preloads.push({ href: node.href, fetchpriority: node.getAttribute('fetchpriority') });
    if (node.nodeName === 'LINK' && node.rel === 'preconnect') window.__preconnects.push({ href: node.href, crossOrigin: node.crossOrigin });
  }
}).observe(document, { childList: true, subtree: true });
// balance events, and whether they came before the document's DOMContentLoaded (that is, from a
// deferred or module script, before the browser had reason to paint a finished page)
window.__balances = [];
let loaded = false;
document.addEventListener('DOMContentLoaded', () => { loaded = true; });
// and when the frame after the first cached balance was being made (its animation-frame callbacks ran)
window.__timeline = {};
// when each fetch() was called (a resource entry's startTime adds the network queue's wait, which a
// busy machine stretches past a widget's code arriving)
window.__fetches = [];
const pageFetch = window.fetch;
window.fetch = function (input, init) {
  window.__fetches.push({ url: String(input instanceof Request ? input.url : input), at: performance.now() });
  return pageFetch.call(this, input, init);
};
// and when the badge's code defined its element (the probe runs before any of Fidelio's)
customElements.whenDefined('fidelio-points-badge').then(() => { window.__timeline.badgeDefined = performance.now(); });
customElements.whenDefined('fidelio-points-redeem').then(() => { window.__timeline.redeemDefined = performance.now(); });
document.addEventListener('fidelio-balance-change', (e) => {
  window.__balances.push({ ...e.detail, beforeDomContentLoaded: !loaded });
  if (!e.detail.cached || 'frameAfterCached' in window.__timeline) return;
  window.__timeline.frameAfterCached = null;
  // (the frame's own start, not this callback's moment: the drop-in's callback in the same frame may run first)
  requestAnimationFrame((frameStart) => { window.__timeline.frameAfterCached = frameStart; });
});
const texts = () => Object.fromEntries([...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('fidelio-')).map((el) => [el.localName, (el.shadowRoot ? el.shadowRoot.textContent : '').replace(/\\s+/g, ' ').trim()]));
window.addEventListener('message', async (event) => {
  const { id, cmd, arg } = event.data || {};
  if (!id) return;
  let result = null;
  try {
    if (cmd === 'state') result = { texts: texts(), errors: window.__errors, warnings: window.__warnings, violations: window.__violations, fidelio: !!window.Fidelio, storage: await storageState() };
    if (cmd === 'identify') result = await window.Fidelio.identify(arg);
    if (cmd === 'openSignup') result = window.Fidelio.openSignup();
    if (cmd === 'setCart') result = await window.Fidelio.setCart(arg);
  } catch (error) {
    result = { thrown: String(error) };
  }
  event.source.postMessage({ id, result }, '*');
});
async function storageState() {
  try { return typeof indexedDB === 'undefined' ? 'missing' : 'available'; } catch (error) { return 'blocked: ' + error.name; }
}
`;

const HOST_LIT = `// The host's own copy of Lit, loaded before Fidelio, made its Trusted Types policy first.
if (window.trustedTypes) window.trustedTypes.createPolicy('lit-html', { createHTML: (s) => s });
`;

let fixtures = {};
/**
 * What the stub API saw since the last fixtures, each list read (and emptied) at GET /__fidelio__/<name>:
 * misses, the requests it had no answer for (or refused under the CORS policy); preflights, the CORS
 * preflights it was asked (method and headers); requests, its requests (method, path, whether they
 * carried cookies).
 */
const seen = { misses: [], preflights: [], requests: [] };

/** `api=cross`: the stub API at the other name of this server (localhost / 127.0.0.1), another origin. */
function apiOrigin(query, origin) {
  if (query.get('api') !== 'cross') return origin;
  const url = new URL(origin);
  url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return url.origin;
}

const escapeAttr = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function page(query, origin) {
  // `gap`: three screens of page between two tags; `hidden>tag`: the tag in a part the page hides (a closed menu)
  const tags = (query.get('tags') ?? '').split(',').filter((t) => t === 'gap' || t === 'jump' || /^(hidden>|part>)?fidelio-[a-z-]+(:[a-z-]+(=[\w.]+)?)*$/.test(t));
  // A module script after the drop-in's: it runs once the drop-in has booted, before any widget code arrived.
  const earlyCart = query.get('early-cart') === '1' ? `<script type="module" src="${PREFIX}/early-cart.js"></script>` : '';
  // the page's own script signs the shopper in, right after the drop-in has run (inline: a module
  // script of its own to fetch could arrive after the widgets' code on a busy machine)
  const identifyLater = query.get('identify') ? `<script type="module">window.Fidelio.identify(${JSON.stringify(String(query.get('identify'))).replace(/</g, '\\u003c')});</script>` : '';
  const lang = query.get('lang');
  const probe = query.get('probe') === '1' ? `<script src="${PREFIX}/probe.js"></script>` : '';
  const hostLit = query.get('host-lit') === '1' ? `<script src="${PREFIX}/host-lit.js"></script>` : '';
  const noFrames = query.get('no-frames') === '1' ? `<script src="${PREFIX}/no-frames.js"></script>` : '';
  const dropIn =
    query.get('drop-in') === '0'
      ? ''
      : `<script type="module" src="/dist/fidelio.js" data-api="${escapeAttr(`${apiOrigin(query, origin)}${PREFIX}/api`)}" data-program="demo-store"${query.get('token') ? ` data-token="${escapeAttr(query.get('token'))}"` : ''}></script>`;
  return `<!DOCTYPE html>
<html${lang ? ` lang="${escapeAttr(lang)}"` : ''}>
  <head>
    <meta charset="utf-8">
    <title>Fidelio test page</title>
    ${probe}
    ${hostLit}
    ${noFrames}
    ${dropIn}
    ${identifyLater}
    ${earlyCart}
  </head>
  <body>
    <main>
      ${tags.map((spec) => {
        if (spec === 'gap') return '<div class="gap" style="height: 300vh"></div>';
        if (spec === 'jump') return '<a id="jump" href="#part">To the cart</a>';
        const wrap = /^(hidden|part)>/.exec(spec)?.[1];
        const [tag, ...attrs] = spec.replace(/^(hidden|part)>/, '').split(':');
        const element = `<${tag}${attrs.map((a) => a.replace(/^([a-z-]+)=(.*)$/, '$1="$2"')).map((a) => ` ${a}`).join('')}></${tag}>`;
        return wrap === 'hidden' ? `<div hidden>${element}</div>` : wrap === 'part' ? `<section id="part">${element}</section>` : element;
      }).join('\n      ')}
    </main>
  </body>
</html>`;
}

async function readJson(ctx) {
  let raw = '';
  for await (const chunk of ctx.req) raw += chunk;
  return raw ? JSON.parse(raw) : undefined;
}

/** web-test-runner middleware (Koa). */
export async function fidelioTestPages(ctx, next) {
  if (ctx.path.startsWith('/dist/')) {
    // A sandboxed frame has an opaque origin: its module scripts are cross-origin requests.
    await next();
    ctx.set('Access-Control-Allow-Origin', '*');
    return;
  }
  if (!ctx.path.startsWith(`${PREFIX}/`)) return next();
  const path = ctx.path.slice(PREFIX.length);
  if (ctx.method === 'OPTIONS') {
    // Exactly the documented policy: a request with a header or method it does not list is refused
    // (no CORS headers), so the browser fails it and the test sees the miss.
    const method = ctx.get('Access-Control-Request-Method');
    const headers = ctx.get('Access-Control-Request-Headers').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
    seen.preflights.push({ method, path, headers });
    const allowed = new Set(CORS.allowHeaders.map((h) => h.toLowerCase()));
    if (!CORS.allowMethods.includes(method) || headers.some((h) => !allowed.has(h))) {
      seen.misses.push(`CORS ${method} ${path} [${headers.join(', ')}]`);
      ctx.status = 403;
      return;
    }
    ctx.set('Access-Control-Allow-Origin', CORS.allowOrigin);
    ctx.set('Access-Control-Allow-Methods', CORS.allowMethods.join(', '));
    ctx.set('Access-Control-Allow-Headers', CORS.allowHeaders.join(', '));
    ctx.set('Access-Control-Max-Age', String(CORS.maxAgeSeconds));
    ctx.status = 204;
    return;
  }
  ctx.set('Access-Control-Allow-Origin', CORS.allowOrigin);
  ctx.set('Access-Control-Expose-Headers', CORS.exposeHeaders.join(', '));
  ctx.set('Cache-Control', 'no-store');
  if (path === '/page') {
    const policy = POLICIES[ctx.query.csp];
    if (policy) ctx.set('Content-Security-Policy', policy);
    ctx.type = 'text/html';
    ctx.body = page(new URLSearchParams(ctx.querystring), ctx.origin);
    return;
  }
  if (path === '/probe.js') {
    ctx.type = 'application/javascript';
    ctx.body = PROBE;
    return;
  }
  if (path === '/early-cart.js') {
    ctx.type = 'application/javascript';
    ctx.body = "document.dispatchEvent(new CustomEvent('fidelio-add-to-cart', { detail: { early: true } }));\n";
    return;
  }
  if (path === '/no-frames.js') {
    ctx.type = 'application/javascript';
    // a page that renders nothing: no animation frame, no intersection observed
    ctx.body = 'window.requestAnimationFrame = () => 0;\nwindow.IntersectionObserver = class { observe() {} unobserve() {} disconnect() {} takeRecords() { return []; } };\n';
    return;
  }
  if (path === '/host-lit.js') {
    ctx.type = 'application/javascript';
    ctx.body = HOST_LIT;
    return;
  }
  if (path === '/fixtures' && ctx.method === 'POST') {
    fixtures = (await readJson(ctx)) ?? {};
    for (const name of Object.keys(seen)) seen[name] = [];
    ctx.status = 204;
    return;
  }
  const log = path.slice(1);
  if (Object.hasOwn(seen, log)) {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(seen[log]);
    seen[log] = [];
    return;
  }
  const api = /^\/api\/v1\/programs\/[\w-]+(\/.*)?$/.exec(path);
  if (api) {
    const key = `${ctx.method} ${api[1] ?? ''}`;
    seen.requests.push({ method: ctx.method, path: api[1] ?? '', cookies: Boolean(ctx.get('Cookie')) });
    const answer = fixtures[key];
    if (!answer) {
      seen.misses.push(key);
      ctx.status = 404;
      ctx.type = 'application/problem+json';
      ctx.body = JSON.stringify({ type: 'about:blank', title: 'Not in the stub', status: 404, code: 'not_found' });
      return;
    }
    if (ctx.method !== 'GET') await readJson(ctx);
    ctx.status = answer.status ?? 200;
    for (const [name, value] of Object.entries(answer.headers ?? {})) ctx.set(name, value);
    ctx.type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
    ctx.body = JSON.stringify(answer.body);
    return;
  }
  ctx.status = 404;
}
