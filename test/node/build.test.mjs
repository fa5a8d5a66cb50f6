// Checks on the production build (run after `npm run build`): the size budget of the drop-in and
// the absence of the mock backend (msw) from everything a store downloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const INITIAL_BUDGET = 10 * 1024;

function requireBuild() {
  assert.ok(existsSync(join(dist, 'fidelio.js')), 'dist/fidelio.js is missing: run `npm run build` first');
}

const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const gzip = (buf) => gzipSync(buf, { level: 9 }).length;

/** Files a module imports: static imports only, or static and dynamic. */
function imports(file, { dynamic }) {
  const code = readFileSync(file, 'utf8');
  const found = new Set();
  for (const m of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) found.add(m[1]);
  if (dynamic) for (const m of code.matchAll(/import\(\s*[`"'](\.{1,2}\/[^`"']+)[`"']\s*\)/g)) found.add(m[1]);
  return [...found].map((spec) => join(dirname(file), spec));
}

/** The one built chunk named `prefix` (its hash aside). */
function chunkFile(prefix) {
  const files = readdirSync(join(dist, 'chunks')).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js'));
  assert.equal(files.length, 1, `one ${prefix} chunk`);
  return join(dist, 'chunks', files[0]);
}

function closure(entry, options) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of imports(file, options)) visit(next);
  };
  visit(entry);
  return [...seen];
}

test('the drop-in loads at most 10 KB (brotli) before any lazy chunk', () => {
  requireBuild();
  const initial = closure(join(dist, 'fidelio.js'), { dynamic: false });
  const everything = closure(join(dist, 'fidelio.js'), { dynamic: true });
  const rows = everything.map((file) => {
    const buf = readFileSync(file);
    return { file: relative(dist, file), initial: initial.includes(file), raw: buf.length, gzip: gzip(buf), brotli: brotli(buf) };
  });
  const sum = (list, key) => list.reduce((total, row) => total + row[key], 0);
  const initialRows = rows.filter((r) => r.initial);
  const badge = rows.filter((r) => /points-badge/.test(r.file));
  console.log('\nfile                                   raw     gzip   brotli  initial');
  for (const r of rows) console.log(`${r.file.padEnd(36)} ${String(r.raw).padStart(7)} ${String(r.gzip).padStart(7)} ${String(r.brotli).padStart(7)}  ${r.initial ? 'yes' : ''}`);
  console.log(`initial (before any lazy chunk): ${sum(initialRows, 'brotli')} B brotli, ${sum(initialRows, 'gzip')} B gzip`);
  console.log(`initial + badge chunk:           ${sum(initialRows, 'brotli') + sum(badge, 'brotli')} B brotli`);
  console.log(`everything reachable:            ${sum(rows, 'brotli')} B brotli, ${sum(rows, 'gzip')} B gzip\n`);
  assert.ok(initialRows.length >= 1);
  assert.ok(badge.length === 1, 'the badge is a lazy chunk of its own');
  assert.ok(!initialRows.some((r) => /points-badge|lit/.test(r.file)), 'no component code in the initial load');
  // the optional stylesheet that keeps the widgets' room from the first paint counts as initial too
  const css = readFileSync(join(dist, 'fidelio.css'));
  console.log(`fidelio.css:                     ${brotli(css)} B brotli (initial JS + CSS ${sum(initialRows, 'brotli') + brotli(css)} B)`);
  assert.ok(sum(initialRows, 'brotli') + brotli(css) <= INITIAL_BUDGET, `initial JS + CSS is ${sum(initialRows, 'brotli') + brotli(css)} B brotli, over the ${INITIAL_BUDGET} B budget`);
});

test('dist/fidelio.css reserves the room of every in-page widget before its code arrives', () => {
  requireBuild();
  const css = readFileSync(join(dist, 'fidelio.css'), 'utf8');
  for (const tag of ['fidelio-points-badge', 'fidelio-coupon-field', 'fidelio-earn-preview', 'fidelio-join-link']) {
    assert.match(css, new RegExp(`${tag}:not\\(:defined\\)\\{[^}]*(block-size|inline-size)`), `${tag} has no reserved size in fidelio.css`);
  }
  assert.ok(!/[<>]|url\(|@import/.test(css), 'only size and look rules, nothing that loads or injects');
});

// Issue #11 aims at 35 KB brotli for every widget and four locales; the build is over that (see
// the README's performance section). Until it is met, these guard against growth chunk by chunk.
const CHUNK_BUDGET = 10 * 1024;
// (the locales ship keyless since 2026-12-06: 5.3-5.9 KB became 3.4-4.6 KB; everything 76.9 -> 73.0 KB)
const LOCALE_BUDGET = 6 * 1024;
// Lit, the element base and the English words, which every widget loads together: one chunk since
// 2026-12-06 (two fetches fewer per page; 11.3 KB, it was 5.7 + 5.4 + 0.4 KB apart)
// (12 -> 12.5 KB on 2026-12-07: the number and money formatting, ~0.45 KB, moved in from the initial chunk)
// (12.5 -> 13 KB on 2026-12-07, fifteenth session: the English catalog's new words for screen
// readers and coupon states, every widget's takeFocus and lang, the forced-colours button rule, the
// first renders taking turns, ~0.6 KB; the chunk is 13,087 B)
// (13 -> 13.5 KB on 2026-12-07, sixteenth session: three QA passes' shared pieces — a refusal's
// optional params read safely, the launchers' count the badge follows, the green and red mixed with
// the page's text colour for dark stores — and the English sentences without params; 13,373 B)
const UI_BUDGET = 13.5 * 1024;
// (raised 74 -> 76 KB on 2026-12-07 for fixes a QA pass found, +1.6 KB in all: free shipping as a
// coupon kind, join buttons that add the popup, focus kept after a button goes, checks of the
// merchant's settings, the checkout's bought coupon kept across a reload and a sign-out)
// (2026-12-07, thirteenth session: lowered to 75 KB after the QR code from our own encoder, 1.9 KB
// less; back at 76 KB by the session's end for what two QA passes asked for: the member's popup, the
// sign-in link, the launcher keeping focus in sight, early warnings, the removal announcements. The
// build is 75.06 KB (76,865 B) of it, 0.9 KB under where the session began.)
// (2026-12-07, fourteenth session: 77 KB, +1.3 KB for three QA passes' fixes: first words in the
// shopper's language, give-back and cancelled-reward messages in four languages, the panel and the
// coupon field handing a cancelled code over, unbreakable dates and codes. The build is 78,148 B.)
// (2026-12-07, fifteenth session: 78 KB for a single-page-app QA pass's fixes: an applied code
// checked again when the checkout comes back, told to the host once with two fields, plain lines for
// an emptied cart, another currency and another shopper signing in. The build is 78,878 B.
// Then 79 KB for a keyboard and screen-reader pass's fixes: focus after joining and after a dialog's
// opener is gone, one voice for two badges, named Redeem buttons, live notices that stay in the
// accessibility tree, lang on every widget, Fidelio.load(); the build is 79,917 B.)
// (2026-12-07: 80 KB for a QA pass with a merchant's server that sends only what the contract
// requires, +0.7 KB: sentences without a refusal's optional params (coupon dates, amounts and items,
// the points a reward needs), membership statuses without their dates, a friend-only referral
// offer, in four languages. The build is 81,418 B.
// Then 81 KB with an accessibility pass's (+0.3 KB: a forced-colours border on the early badge, the
// badge following launchers, colours for dark stores, one announcement for a press of Use) and
// tier windows and calendar expiry in the rules text: the build is 81,910 B.)
// Then 82 KB with the seventeenth session's (+1.1 KB): emails in the member's language (the
// enrollment's locale), an unsubscribe from statements and reminders, two-tone focus rings in the
// member panel and popup and on WebKit's native controls, a refused bought code's reason said, a
// clawback's reason in the history, dates on the store's calendar, writes that failed held back from
// the replay with a sentence for an unconfirmed redemption: the build is 83,117 B.
// Then 83 KB with the eighteenth session's (+0.9 KB): a redemption left unanswered or queued offline
// ends in its outcome (the member's redemptions looked up by the write's key, the replay's answer
// handed to the press that waits for it; redeem chunk +415 B, outbox +178 B), the panel's sentences
// for both in four languages, widgets upgraded together rendering in turns: the build is 84,153 B.
const EVERYTHING_CEILING = 83 * 1024;

test('no lazy chunk over 10 KB (the UI core 13.5 KB), no locale over 6 KB, everything under an 83 KB ceiling (brotli)', () => {
  requireBuild();
  const everything = closure(join(dist, 'fidelio.js'), { dynamic: true });
  let total = 0;
  for (const file of everything) {
    const size = brotli(readFileSync(file));
    total += size;
    const name = relative(dist, file);
    const budget = /chunks[\\/](es|ro|zh-CN)-/.test(name) ? LOCALE_BUDGET : /chunks[\\/]ui-/.test(name) ? UI_BUDGET : CHUNK_BUDGET;
    assert.ok(size <= budget, `${name} is ${size} B brotli, over its ${budget} B budget`);
  }
  assert.ok(total <= EVERYTHING_CEILING, `everything reachable is ${total} B brotli, over the ${EVERYTHING_CEILING} B ceiling`);
});

test('each built locale is its source catalog as an array in the English catalog\'s key order', async () => {
  requireBuild();
  // The sources, compiled by TypeScript itself (not by the build's plugin that is under test).
  const ts = (await import('typescript')).default;
  const tmp = mkdtempSync(join(tmpdir(), 'fidelio-locales-'));
  const source = async (name) => {
    const code = readFileSync(join(root, 'src', 'i18n', 'locales', `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } });
    writeFileSync(join(tmp, `${name}.mjs`), outputText);
    return (await import(pathToFileURL(join(tmp, `${name}.mjs`)).href)).default;
  };
  try {
    const keys = Object.keys(await source('en'));
    assert.ok(keys.length > 200);
    for (const name of ['es', 'ro', 'zh-CN']) {
      const catalog = await source(name);
      const built = (await import(pathToFileURL(chunkFile(name)).href)).default;
      assert.ok(Array.isArray(built), `${name} ships as an array`);
      assert.deepEqual(built, keys.map((key) => catalog[key] ?? 0), `${name}'s built messages are its source's, in English key order`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('msw and the mock backend are in neither the drop-in nor the main entry', () => {
  requireBuild();
  const shipped = new Set([...closure(join(dist, 'fidelio.js'), { dynamic: true }), ...closure(join(dist, 'index.js'), { dynamic: true })]);
  assert.ok(shipped.size >= 3);
  for (const file of shipped) {
    const code = readFileSync(file, 'utf8');
    assert.doesNotMatch(code, /mockServiceWorker|setupWorker|\bmsw\b|fidelio-demo-secret/, `${relative(root, file)} contains mock code`);
  }
  // ...and the check would see it: the separate mock build does contain msw.
  assert.match(readFileSync(join(dist, 'mock', 'index.js'), 'utf8'), /mockServiceWorker/);
  assert.ok(!readdirSync(dist).some((f) => f.endsWith('.js') && /mock/.test(f)), 'mock code only under dist/mock/');
});

test('the package ships types and a custom elements manifest describing the badge', () => {
  requireBuild();
  assert.ok(existsSync(join(dist, 'types', 'index.d.ts')));
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const badge = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'fidelio-points-badge');
  assert.ok(badge, 'fidelio-points-badge is in custom-elements.json');
  assert.deepEqual(badge.events.map((e) => e.name).sort(), ['fidelio-badge-click', 'fidelio-balance-change', 'fidelio-join']);
  assert.ok(badge.cssParts.some((p) => p.name === 'base'));
  assert.ok(badge.cssProperties.some((p) => p.name === '--fidelio-accent'));
  assert.ok(badge.attributes.some((a) => a.name === 'details-dismissed'));
  // internal state ({ state: true }) is no attribute a page can set
  const attributes = (tag) => manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag).attributes?.map((a) => a.name) ?? [];
  // (`loading` is the drop-in's: `eager` fetches a tag's code at once, on every widget it loads)
  assert.deepEqual(attributes('fidelio-points-badge'), ['loading', 'details-dismissed']);
  assert.deepEqual(attributes('fidelio-points-redeem'), ['loading', 'heading-level']);
  assert.deepEqual(attributes('fidelio-coupon-field'), ['loading']);
});

test('every path the package exports exists, and its subpaths resolve by name (fidelio/mock, its worker)', async () => {
  requireBuild();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const targets = Object.entries(pkg.exports).flatMap(([path, target]) => (typeof target === 'string' ? [[path, target]] : Object.values(target).map((t) => [path, t])));
  assert.ok(targets.length >= 8, `${targets.length} export targets`);
  for (const [path, target] of targets) assert.ok(existsSync(join(root, target)), `exports["${path}"] → ${target} does not exist`);
  for (const file of [pkg.main, pkg.types]) assert.ok(existsSync(join(root, file)), `${file} does not exist`);
  // a package may import itself by name: the way a store's bundler resolves it
  assert.equal(import.meta.resolve('fidelio/mock'), pathToFileURL(join(dist, 'mock', 'index.js')).href);
  assert.match(readFileSync(join(dist, 'mock', 'index.js'), 'utf8'), /export\s*\{[^}]*\bstartMockBackend\b/);
  assert.match(readFileSync(fileURLToPath(import.meta.resolve('fidelio/mockServiceWorker.js')), 'utf8'), /Mock Service Worker/);
});

test('the shipped code adds no global but window.Fidelio (Lit and nanostores registrations are stripped) and builds namespaces from own keys', () => {
  requireBuild();
  const shipped = new Set([...closure(join(dist, 'fidelio.js'), { dynamic: true }), ...closure(join(dist, 'index.js'), { dynamic: true })]);
  assert.ok([...shipped].some((file) => /customElements\.define/.test(readFileSync(file, 'utf8'))), 'Lit is in the shipped code');
  for (const file of shipped) {
    const code = readFileSync(file, 'utf8');
    assert.doesNotMatch(code, /litHtmlVersions|litElementVersions|reactiveElementVersions|litIssuedWarnings|litPropertyMetadata|nanostoresGlobal/, `${relative(root, file)} writes a library global`);
    // Module namespace objects are built from own keys: a polluted Object.prototype cannot reach them.
    assert.doesNotMatch(code, /for\s*\(\s*var\s+[\w$]+\s+in\s+[\w$]+\s*\)\s*\{?\s*[\w$]+\(\s*[\w$]+\s*,\s*[\w$]+\s*,\s*\{\s*get\s*:/, `${relative(root, file)} walks exports with for...in`);
  }
  // ...and the check would see them: Lit's own production build does write them.
  assert.match(readFileSync(join(root, 'node_modules', 'lit-html', 'lit-html.js'), 'utf8'), /litHtmlVersions/);
  assert.match(readFileSync(join(root, 'node_modules', '@lit', 'reactive-element', 'reactive-element.js'), 'utf8'), /litPropertyMetadata/);
});

test('every chunk is a widget, a named shared group or a locale: no shared module lands in a file of its own', () => {
  requireBuild();
  // (a module two widgets import and no group names becomes a chunk of its own: one more fetch)
  const widgets = ['points-badge', 'signup-popup', 'coupon-field', 'points-redeem', 'earn-preview', 'referral-share', 'referral-greeting', 'member-panel', 'launcher', 'unsubscribe-notice', 'join-link'];
  const groups = ['runtime', 'ui', 'data', 'cart', 'signup', 'redeem', 'referral', 'qr'];
  const known = new Set([...widgets, ...groups, 'es', 'ro', 'zh-CN']);
  const stray = readdirSync(join(dist, 'chunks')).filter((f) => f.endsWith('.js') && !known.has(f.replace(/-[\w-]{8}\.js$/, '')));
  assert.deepEqual(stray, []);
});

test('a widget on a page costs few fetches: Lit, the element base and the English words come as one file', () => {
  requireBuild();
  const initial = new Set(closure(join(dist, 'fidelio.js'), { dynamic: false }));
  // files fetched for a widget beyond the drop-in's own: its chunk and what it imports
  const fetches = (widget) => closure(chunkFile(widget), { dynamic: false }).filter((file) => !initial.has(file));
  const ui = chunkFile('ui');
  for (const widget of ['points-badge', 'coupon-field', 'earn-preview', 'signup-popup', 'member-panel']) {
    assert.ok(fetches(widget).includes(ui), `${widget} imports the UI core chunk`);
  }
  // measured 2026-12-06: badge 7 -> 5 files, coupon field 8 -> 6 (ui, runtime, cart, coupon, the
  // bundler's helper, the widget); then 3 and 4 (ui, the data chunk with the member and program
  // stores, the cart and coupon stores as one, the helper in the drop-in's runtime chunk)
  const badge = fetches('points-badge');
  const coupon = fetches('coupon-field');
  const earn = fetches('earn-preview');
  const list = (files) => files.map((f) => relative(dist, f)).join(', ');
  assert.ok(badge.length <= 3, `the badge needs ${badge.length} files: ${list(badge)}`);
  assert.ok(coupon.length <= 4, `the coupon field needs ${coupon.length} files: ${list(coupon)}`);
  // a checkout (badge, coupon field, earn preview) fetches 6 files: ui, data, cart and the three widgets
  const checkout = new Set([...badge, ...coupon, ...earn]);
  assert.ok(checkout.size <= 6, `badge, coupon field and earn preview need ${checkout.size} files: ${list([...checkout])}`);
  // the bundler's helper lives in the runtime chunk the drop-in imports, not in a file of its own
  assert.deepEqual(readdirSync(join(dist, 'chunks')).filter((f) => /rolldown|runtime-.*runtime/.test(f)), []);
  for (const file of closure(join(dist, 'fidelio.js'), { dynamic: true })) assert.ok(!/rolldown-runtime/.test(readFileSync(file, 'utf8')), `${relative(dist, file)} still imports the bundler's helper file`);
  const code = readFileSync(ui, 'utf8');
  assert.ok(/customElements|LitElement|attachShadow/.test(code) && /Join & earn|points/i.test(code), 'the UI chunk holds Lit and the English words');
});

test('every file of the drop-in opens with V8\'s compile hint, so its functions compile off the main thread', () => {
  requireBuild();
  const files = closure(join(dist, 'fidelio.js'), { dynamic: true });
  // the entry, the runtime chunk (re-emitted by bundlerHelperIntoRuntime), widgets, shared chunks;
  // not the locales, an array of strings each
  const code = files.filter((file) => !/[\\/]chunks[\\/](es|ro|zh-CN)-[\w-]+\.js$/.test(file));
  assert.equal(files.length - code.length, 3, 'three locale chunks');
  assert.ok(code.length >= 17, `only ${code.length} files found`);
  for (const file of code) {
    const first = readFileSync(file, 'utf8').split('\n', 1)[0];
    assert.equal(first, '//# allFunctionsCalledOnLoad', `${relative(dist, file)} starts with ${JSON.stringify(first.slice(0, 40))}`);
  }
});

/**
 * The drop-in's preload helper (the first statement of dist/fidelio.js, after the compile hint), run against a simulated
 * event loop that, like a busy page's, runs every due timer before it draws a frame. Each preload
 * costs `cost` ms of the simulated clock. Returns what ran when.
 */
async function runPreloads({ deps, cost, frames = true }) {
  const line = readFileSync(join(dist, 'fidelio.js'), 'utf8').split('\n')[1];
  const head = 'const __fidelioPreload=';
  assert.ok(line.startsWith(head), 'dist/fidelio.js starts with the preload helper');
  const factory = line.slice(head.length, line.indexOf('})([') + 2).replace('import(u[i])', 'load(u[i])');
  let now = 0;
  let seq = 0;
  let timers = [];
  let frameCallbacks = [];
  const log = [];
  let preloadsThisTask = 0;
  const env = {
    performance: { now: () => now },
    setTimeout: (fn, ms = 0) => void timers.push({ at: now + ms, seq: seq++, fn }),
    requestAnimationFrame: (fn) => void frameCallbacks.push(fn),
    load: async (url) => void log.push({ import: url, at: now }),
  };
  const make = new Function(...Object.keys(env), `return ${factory};`)(...Object.values(env));
  const urls = deps.map((_, i) => `./chunks/dep-${i}.js`).concat('./chunks/widget.js');
  const preload = (url) => {
    log.push({ preload: url, at: now });
    preloadsThisTask++;
    now += cost;
  };
  const helper = make(urls, [], [], preload);
  const done = helper(deps.map((_, i) => i), urls.length - 1);
  let settled = false;
  void done.then(() => (settled = true));
  for (let steps = 0; steps < 10_000 && !(settled && !timers.length); steps++) {
    await new Promise((resolve) => setImmediate(resolve)); // the microtasks of the last task
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const due = timers[0] && timers[0].at <= now ? timers.shift() : null;
    if (due) {
      preloadsThisTask = 0;
      due.fn();
      assert.ok(preloadsThisTask <= 1, 'one preload per task');
    } else if (frames && frameCallbacks.length) {
      log.push({ frame: now });
      const callbacks = frameCallbacks;
      frameCallbacks = [];
      for (const callback of callbacks) callback(now);
    } else if (timers.length) now = timers[0].at;
    else break;
  }
  assert.equal(settled, true, 'every import ran');
  return log;
}

test('the drop-in asks for widget code one preload per task, and lets a frame through after 12 ms of them', async () => {
  requireBuild();
  const log = await runPreloads({ deps: Array.from({ length: 8 }, (_, i) => i), cost: 5 });
  assert.equal(log.filter((e) => e.preload).length, 9, 'the widget chunk and its 8 dependencies');
  assert.equal(log.filter((e) => e.import).length, 8);
  // preloads between two frames: at most the three that reach 12 ms (5 + 5 + 5)
  const bursts = [[]];
  for (const e of log) {
    if (e.frame !== undefined) bursts.push([]);
    else if (e.preload) bursts.at(-1).push(e);
  }
  assert.ok(bursts.length >= 3, `frames let through: ${bursts.length - 1}`);
  assert.ok(Math.max(...bursts.map((b) => b.length)) <= 3, `preloads between frames: ${bursts.map((b) => b.length).join(', ')}`);
});

test('the drop-in\'s preloads go on without frames (a hidden tab): a timer stands in', async () => {
  requireBuild();
  const log = await runPreloads({ deps: [0, 1, 2, 3, 4], cost: 5, frames: false });
  const preloads = log.filter((e) => e.preload);
  assert.equal(preloads.length, 6);
  // after a 12 ms burst the next preload waited for the stand-in timer (100 ms), not for a frame
  const gaps = preloads.slice(1).map((e, i) => e.at - preloads[i].at);
  assert.ok(gaps.some((gap) => gap >= 100), `gaps between preloads: ${gaps.join(', ')}`);
});
