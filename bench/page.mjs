// The page bench (issue #11): the production drop-in on a realistic store page against the same
// page without it, in the Debian Chromium driven by playwright-core, at 1× and 4× CPU throttling
// (and, for cold visits at 1×, once more in a phone-sized window, where the cart is far down).
// Called by scripts/bench.mjs; see README "Performance" and bench-results/BENCH.md.
//
// Env: BENCH_RUNS (page runs per case, default 5: seven do not fit in ten minutes on two busy
// cores), BENCH_CHROMIUM (default /usr/bin/chromium), BENCH_THROTTLES (default 1,4),
// BENCH_LIGHTHOUSE_RUNS (default 3; 0 skips Lighthouse), BENCH_API_DELAY_MS (the delayed /me answer
// of the first-useful-paint visits, default 2000), BENCH_RTT_MS and BENCH_HANDSHAKE_MS (the round
// trip and a new connection's set-up in the visits comparing an API on the store's origin and on its
// own, default 50 and 100), BENCH_SKIP_BUILD=1 (use the dist/ that is
// there), BENCH_VERBOSE=1 (time every visit).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { startServer } from './page-server.mjs';

const CHROMIUM = process.env.BENCH_CHROMIUM || '/usr/bin/chromium';
const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-extensions', '--mute-audio'];
const THROTTLES = (process.env.BENCH_THROTTLES ?? '1,4').split(',').map(Number).filter((n) => n >= 1);
const LH_RUNS = Math.max(0, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3) || 0);
const API_DELAY = Math.max(0, Number(process.env.BENCH_API_DELAY_MS ?? 2000) || 0);
const RTT = Math.max(1, Number(process.env.BENCH_RTT_MS ?? 50) || 50);
const HANDSHAKE = Math.max(0, Number(process.env.BENCH_HANDSHAKE_MS ?? 100) || 0);
const LONG = 50;
/** How long the pointer rests over the launcher before the press, when the bench opens the member panel. */
const PANEL_HOVER_MS = 150;
const VIEWPORT = { width: 1280, height: 800 };
/** A phone's window (CSS pixels), for the visit where the cart is far down the page. */
const PHONE_VIEWPORT = { width: 390, height: 844 };
const TRACE_CATEGORIES = [
  '-*', 'toplevel', 'v8.execute', 'devtools.timeline', 'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.cpu_profiler.hires', 'blink.user_timing', 'loading',
].join(',');
const isFidelioUrl = (url) => typeof url === 'string' && /\/dist\/(fidelio\.js|chunks\/)/.test(url);

// ------------------------------------------------------------------------------------------------
// small helpers
// ------------------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects after `ms` with a message naming `what` (the caller records it and goes on). */
function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

export function stats(samples) {
  const list = samples.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (!list.length) return null;
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return { median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

const ms = (v) => (v === null || v === undefined ? '—' : v >= 100 ? `${v.toFixed(0)} ms` : v >= 10 ? `${v.toFixed(1)} ms` : `${v.toFixed(2)} ms`);
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const num = (v, digits = 3) => (v === null || v === undefined ? '—' : Number(v.toFixed(digits)).toString());
const spread = (s, unit = ms) => (s ? `${unit(s.median)} (${unit(s.min)}–${unit(s.max)})` : '—');

// ------------------------------------------------------------------------------------------------
// build and bytes
// ------------------------------------------------------------------------------------------------

function run(command, args, cwd, timeoutMs) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim(), error: result.error };
}

/**
 * `npm run build`; other people edit the tree at the same time, so a failing build is retried after
 * a minute (twice). If the full build keeps failing, the drop-in alone (`vite build`) is enough.
 */
async function buildDropIn(root, log) {
  if (process.env.BENCH_SKIP_BUILD === '1' && existsSync(join(root, 'dist', 'fidelio.js'))) return { how: 'skipped (BENCH_SKIP_BUILD=1)', notes: [] };
  const notes = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    log(`page: npm run build (attempt ${attempt})`);
    const full = run('npm', ['run', 'build'], root, 300_000);
    if (full.ok) return { how: 'npm run build', notes };
    const tail = full.output.split('\n').filter((l) => /error|Error/.test(l)).slice(0, 3).join(' | ');
    notes.push(`npm run build failed (attempt ${attempt}): ${tail.slice(0, 300)}`);
    const lite = run('npx', ['vite', 'build'], root, 300_000);
    if (lite.ok && existsSync(join(root, 'dist', 'fidelio.js'))) return { how: 'vite build (the drop-in only; npm run build failed)', notes };
    if (attempt < 3) await sleep(60_000);
  }
  throw new Error(`the drop-in does not build: ${notes.join('; ')}`);
}

/** Files a built module imports (static only, or static and dynamic), as absolute paths. */
function importsOf(file, dynamic) {
  const code = readFileSync(file, 'utf8');
  const found = new Set();
  for (const m of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) found.add(m[1]);
  if (dynamic) for (const m of code.matchAll(/import\(\s*[`"'](\.{1,2}\/[^`"']+)[`"']\s*\)/g)) found.add(m[1]);
  return [...found].map((spec) => join(dirname(file), spec));
}

function closure(entry, dynamic) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const next of importsOf(file, dynamic)) visit(next);
  };
  visit(entry);
  return seen;
}

/** Every file the drop-in can load, with its kind, and gzip / brotli sizes (Node's zlib, max levels). */
export function measureBytes(dist) {
  const entry = join(dist, 'fidelio.js');
  const initial = closure(entry, false);
  const everything = closure(entry, true);
  const locales = new Set(['en', 'es', 'ro', 'zh-CN']);
  const rows = [...everything].map((file) => {
    const buf = readFileSync(file);
    const name = relative(dist, file);
    const base = name.replace(/^chunks\//, '').replace(/-[\w-]{8}\.js$/, '');
    const kind = initial.has(file) ? 'initial' : locales.has(base) ? 'locale' : 'lazy';
    return {
      file: name,
      chunk: base,
      kind,
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const order = { initial: 0, lazy: 1, locale: 2 };
  rows.sort((a, b) => order[a.kind] - order[b.kind] || a.file.localeCompare(b.file));
  const sum = (list, key) => list.reduce((n, r) => n + r[key], 0);
  const pick = (kind) => rows.filter((r) => r.kind === kind);
  const total = (list) => ({ raw: sum(list, 'raw'), gzip: sum(list, 'gzip'), brotli: sum(list, 'brotli'), files: list.length });
  // What one widget costs on top of the initial load: its lazy chunk and every chunk it needs.
  const components = {};
  const code = readFileSync(entry, 'utf8');
  const runtime = [...initial].map((f) => readFileSync(f, 'utf8')).join('\n');
  for (const m of (code + runtime).matchAll(/["'](fidelio-[a-z-]+)["']\s*:\s*\(\)\s*=>\s*\w*\(?\s*(?:\(\)\s*=>\s*)?import\(\s*[`"'](\.{1,2}\/[^`"']+)[`"']/g)) {
    const from = [entry, ...initial].find((f) => readFileSync(f, 'utf8').includes(m[2])) ?? entry;
    const files = [...closure(join(dirname(from), m[2]), false)].filter((f) => !initial.has(f));
    const list = rows.filter((r) => files.includes(join(dist, r.file)));
    components[m[1]] = total(list);
  }
  return { rows, initial: total(pick('initial')), lazy: total(pick('lazy')), locales: total(pick('locale')), everything: total(rows), components };
}

// ------------------------------------------------------------------------------------------------
// trace analysis
// ------------------------------------------------------------------------------------------------

/** The URL an event names, if any (scripts, function calls, forced layouts with a stack). */
function eventUrl(e) {
  const a = e.args ?? {};
  const d = a.data ?? a.beginData ?? {};
  return d.url || d.scriptName || a.fileName || d.stackTrace?.[0]?.url || a.beginData?.stackTrace?.[0]?.url || null;
}

function mergeIntervals(list) {
  const sorted = list.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

const overlap = (intervals, s, e) => intervals.reduce((n, [a, b]) => n + Math.max(0, Math.min(b, e) - Math.max(a, s)), 0);

/**
 * Main-thread figures of one page load from a Chrome trace: total top-level task time, the time
 * attributable to Fidelio's URLs (trace events naming a Fidelio script, plus CPU-profile samples
 * whose stack has a Fidelio frame — microtasks, Lit rendering, callbacks), and the long tasks.
 */
const WORK_EVENTS = new Set(['EvaluateScript', 'v8.evaluateModule', 'FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'ParseHTML', 'Layout', 'UpdateLayoutTree', 'RunMicrotasks']);

export function analyseTrace(events, pageOrigin) {
  const threads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name);
  // The page's renderer main thread: the CrRendererMain that ran the theme's script.
  const mains = [...threads].filter(([, name]) => name === 'CrRendererMain').map(([key]) => key);
  const score = new Map(mains.map((k) => [k, 0]));
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (score.has(key)) {
      const url = eventUrl(e);
      if (url && url.startsWith(pageOrigin)) score.set(key, score.get(key) + 1);
    }
  }
  const main = [...score].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return null;
  const [pid, tid] = main.split(':').map(Number);
  const own = events.filter((e) => e.pid === pid && e.tid === tid);

  // Top-level tasks (RunTask not inside another RunTask).
  const tasks = [];
  for (const e of own.filter((x) => x.ph === 'X' && x.name === 'RunTask' && x.dur > 0).sort((a, b) => a.ts - b.ts)) {
    const last = tasks[tasks.length - 1];
    if (last && e.ts < last.end) continue;
    tasks.push({ start: e.ts, end: e.ts + e.dur, dur: e.dur });
  }

  // Fidelio intervals from trace events that name a Fidelio URL (compile, evaluate, calls).
  const fidelio = [];
  const byEvent = {};
  for (const e of own) {
    if (e.ph !== 'X' || !(e.dur > 0)) continue;
    const url = eventUrl(e);
    if (!isFidelioUrl(url)) continue;
    fidelio.push([e.ts, e.ts + e.dur]);
    byEvent[e.name] = (byEvent[e.name] ?? 0) + e.dur / 1000;
  }

  // CPU profile samples (ProfileChunk events on this thread, or with this thread's pid).
  const nodes = new Map();
  let time = null;
  const samples = [];
  const profileEvents = events.filter((e) => (e.name === 'Profile' || e.name === 'ProfileChunk') && e.pid === pid).sort((a, b) => a.ts - b.ts);
  const profileIds = new Set(profileEvents.filter((e) => e.name === 'Profile' && e.tid === tid).map((e) => e.id));
  for (const e of profileEvents) {
    if (profileIds.size && !profileIds.has(e.id)) continue;
    const data = e.args?.data ?? {};
    if (e.name === 'Profile') {
      time = data.startTime ?? e.ts;
      continue;
    }
    for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, { parent: n.parent, url: n.callFrame?.url, fn: n.callFrame?.functionName });
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < ids.length; i++) {
      time = (time ?? e.ts) + (deltas[i] ?? 0);
      samples.push({ ts: time, id: ids[i] });
    }
  }
  // The innermost Fidelio frame of a sample's stack (its file names the chunk), or null.
  const fidelioFrame = new Map();
  const inFidelio = (id) => {
    if (fidelioFrame.has(id)) return fidelioFrame.get(id);
    let n = nodes.get(id);
    let hit = null;
    for (let guard = 0; n && guard < 500; guard++) {
      if (isFidelioUrl(n.url)) {
        hit = n;
        break;
      }
      n = n.parent !== undefined ? nodes.get(n.parent) : undefined;
    }
    fidelioFrame.set(id, hit);
    return hit;
  };
  samples.sort((a, b) => a.ts - b.ts);
  let sampled = 0;
  const byChunk = {};
  const byFunction = {};
  const mineSamples = [];
  for (let i = 0; i + 1 < samples.length; i++) {
    const dt = Math.min(samples[i + 1].ts - samples[i].ts, 2000); // a gap means idle, not our code
    const frame = dt > 0 ? inFidelio(samples[i].id) : null;
    if (frame) {
      fidelio.push([samples[i].ts, samples[i].ts + dt]);
      sampled++;
      const chunk = frame.url.replace(/^.*\/dist\//, '').replace(/-[\w-]{8}\.js$/, '');
      byChunk[chunk] = (byChunk[chunk] ?? 0) + dt / 1000;
      const leaf = nodes.get(samples[i].id);
      const fn = `${chunk}:${frame.fn || '(anonymous)'}${leaf && leaf !== frame ? ` → ${leaf.fn || leaf.url?.replace(/^.*\//, '') || '?'}` : ''}`;
      byFunction[fn] = (byFunction[fn] ?? 0) + dt / 1000;
      mineSamples.push({ ts: samples[i].ts, dt, fn });
    }
  }
  const top = (o, n) => Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, Math.round(v * 100) / 100]));
  const merged = mergeIntervals(fidelio);
  // Only time inside a main-thread task counts.
  const taskIntervals = tasks.map((t) => [t.start, t.end]);
  const fidelioUs = merged.reduce((n, [s, e]) => n + overlap(taskIntervals, s, e), 0);
  const taskUs = tasks.reduce((n, t) => n + t.dur, 0);
  const long = tasks
    .filter((t) => t.dur > LONG * 1000)
    .map((t) => {
      const mine = overlap(merged, t.start, t.end);
      // which of Fidelio's functions ran in it, for the JSON report
      const functions = {};
      for (const m of mineSamples) if (m.ts >= t.start && m.ts < t.end) functions[m.fn] = (functions[m.fn] ?? 0) + m.dt / 1000;
      // and what the task was running: its scripts, events and timers, longest first
      const work = {};
      for (const e of own) {
        if (e.ph !== 'X' || !(e.dur > 0) || e.ts < t.start || e.ts >= t.end || !WORK_EVENTS.has(e.name)) continue;
        const d = e.args?.data ?? {};
        const what = `${e.name} ${d.type ?? ''} ${(eventUrl(e) ?? '').replace(/^.*\//, '')}`.replace(/\s+/g, ' ').trim();
        work[what] = (work[what] ?? 0) + e.dur / 1000;
      }
      return { ms: t.dur / 1000, fidelioMs: mine / 1000, causedByFidelio: mine > 0 && t.dur - mine <= LONG * 1000, functions: top(functions, 8), work: top(work, 6) };
    });
  return { taskMs: taskUs / 1000, fidelioMs: fidelioUs / 1000, tasks: tasks.length, samples: samples.length, fidelioSamples: sampled, long, byEvent: top(byEvent, 12), byChunk: top(byChunk, 20), byFunction: top(byFunction, 15) };
}

// ------------------------------------------------------------------------------------------------
// one page load
// ------------------------------------------------------------------------------------------------

async function collectTrace(cdp) {
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  return { events, done };
}

/**
 * Waits until `expression` is true in the page, asked over the DevTools protocol every 25 ms (a
 * task of a fraction of a millisecond each). Not Playwright's `waitForFunction`: its first call
 * evaluates Playwright's own injected script in the page, 11–33 ms of main thread at 1× (seen in
 * traces), in the middle of the load being measured, on the Fidelio page only (the control waits for
 * nothing), where it also delayed the frame that paints the cached balance; and it polls in every
 * animation frame, inside the interactions being timed. False on timeout.
 */
async function waitInPage(cdp, expression, timeoutMs) {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const { result } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true }).catch(() => ({ result: null }));
    if (result?.value === true) return true;
    await sleep(25);
  }
  return false;
}

/**
 * Loads `url` in `context` at `rate`× CPU, traced, and waits until it is quiet. Returns the trace
 * figures plus what the probe saw (shifts, frames, IndexedDB, the badge) and the resource timings
 * of the API calls.
 */
async function loadPage(context, url, { rate, origin, waitForBalance, interact, trace: traced = true, latencyMs = 0 }) {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error?.message ?? error)));
  page.on('console', (message) => {
    if (message.type() === 'error' || (message.type() === 'warning' && message.text().startsWith('[fidelio]'))) errors.push(`console.${message.type()}: ${message.text()}`);
  });
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    if (latencyMs) {
      // every request of the page (a preflight too) waits this long for its answer, as over a network
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: latencyMs, downloadThroughput: -1, uploadThroughput: -1 });
    }
    const trace = traced ? await collectTrace(cdp) : null;
    if (traced) await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    if (waitForBalance && !(await waitInPage(cdp, 'window.__bench?.painted?.length > 0', 20_000))) errors.push('the badge never showed a balance');
    await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
    await sleep(600); // idle-time work (hydration, cache writes) belongs to the load
    if (traced) {
      await cdp.send('Tracing.end');
      await withTimeout(trace.done, 30_000, 'trace');
    }
    const probe = await page.evaluate(() => {
      const b = window.__bench;
      const resources = performance.getEntriesByType('resource').map((r) => ({ name: r.name, start: r.startTime, fetchStart: r.fetchStart, responseEnd: r.responseEnd, duration: r.duration, size: r.transferSize }));
      return { ...structuredClone(b), resources, navigation: performance.getEntriesByType('navigation')[0]?.toJSON() };
    });
    const figures = traced ? analyseTrace(trace.events, origin) : null;
    const result = { url, rate, trace: figures, probe, errors };
    if (interact) result.interactions = await interact(page, cdp);
    return result;
  } finally {
    await page.close().catch(() => undefined);
  }
}

const cls = (shifts, from = -Infinity, to = Infinity) => shifts.filter((s) => !s.hadRecentInput && s.at >= from && s.at <= to).reduce((n, s) => n + s.value, 0);
const rwCount = (idb, from = -Infinity, to = Infinity) => idb.filter((t) => t.db === 'fidelio' && t.mode === 'readwrite' && t.at >= from && t.at <= to).length;

/** Coupon apply and popup open on a loaded Fidelio page: time above the network, IDB writes, shifts. */
async function interactions(page, cdp) {
  const out = {};
  // 1. Apply a coupon (typed, Enter): from the key press to the host's apply event.
  const input = page.locator('fidelio-coupon-field input');
  await input.fill('WELCOME10');
  const t0 = await page.evaluate(() => performance.now());
  await input.press('Enter');
  if (!(await waitInPage(cdp, "window.__bench.events.some((e) => e.type === 'fidelio-coupon-apply')", 15_000))) throw new Error('the coupon field never sent fidelio-coupon-apply');
  await page.locator('fidelio-coupon-field .accepted').waitFor({ timeout: 15_000 });
  await sleep(600);
  const coupon = await page.evaluate((start) => {
    const b = window.__bench;
    const applied = b.events.find((e) => e.type === 'fidelio-coupon-apply').at;
    const enter = b.events.find((e) => e.type === 'enter' && e.at >= start);
    if (enter) start = enter.at;
    // The first validation after the key press is the one the shopper waits for; the theme then
    // re-renders its cart with the discount and hands it over again, which may cause more.
    const requests = performance.getEntriesByType('resource').filter((r) => r.name.includes('/coupons/validate') && r.startTime >= start);
    const request = requests[0];
    return { start, applied, validations: requests.length, networkMs: request ? request.responseEnd - request.startTime : null, idb: b.idb.filter((t) => t.at >= start), shifts: b.shifts.filter((s) => s.at >= start) };
  }, t0);
  out.coupon = { validations: coupon.validations, totalMs: coupon.applied - coupon.start, networkMs: coupon.networkMs, overheadMs: coupon.networkMs === null ? null : coupon.applied - coupon.start - coupon.networkMs, readwrite: rwCount(coupon.idb), cls: cls(coupon.shifts), shiftsInclInput: coupon.shifts.reduce((n, s) => n + s.value, 0) };

  // 2. Open the signup popup programmatically (no input, so every shift counts), then close it.
  const t1 = await page.evaluate(() => performance.now());
  await page.evaluate(() => window.Fidelio.openSignup());
  await waitInPage(cdp, "window.__bench.events.some((e) => e.type === 'fidelio-signup-open')", 15_000);
  await sleep(700);
  await page.keyboard.press('Escape');
  await sleep(700);
  const popup = await page.evaluate((start) => ({ opened: window.__bench.events.some((e) => e.type === 'fidelio-signup-open'), shifts: window.__bench.shifts.filter((s) => s.at >= start), idb: window.__bench.idb.filter((t) => t.at >= start) }), t1);
  out.popup = { opened: popup.opened, cls: cls(popup.shifts), sources: [...new Set(popup.shifts.flatMap((s) => s.sources))], readwrite: rwCount(popup.idb) };

  // 3. Open the member panel as a mouse user does: the pointer comes over the launcher, the press
  // follows PANEL_HOVER_MS later. From the press (its click) to the panel showing the balance, and
  // the longest task from the hover on. Mouse input goes over the DevTools protocol (no script).
  const at = await page.evaluate(() => {
    const launcher = document.querySelector('fidelio-launcher');
    const button = launcher?.shadowRoot?.querySelector('[part~="button"]');
    if (!button) return null;
    const panel = (window.__panelOpen = { hover: null, pressed: null, shown: null });
    button.addEventListener('click', () => {
      panel.pressed = performance.now();
      const look = () => {
        const text = launcher.shadowRoot.querySelector('fidelio-member-panel')?.shadowRoot?.textContent ?? '';
        if (/\d/.test(text) && /point/i.test(text)) panel.shown = performance.now();
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    }, { capture: true, once: true });
    const box = button.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  });
  if (at) {
    await page.mouse.move(at.x, at.y);
    await page.evaluate(() => (window.__panelOpen.hover = performance.now()));
    await sleep(PANEL_HOVER_MS);
    await page.mouse.click(at.x, at.y);
    await waitInPage(cdp, 'window.__panelOpen.shown !== null', 15_000);
    await sleep(300);
    out.panel = await page.evaluate(() => {
      const p = window.__panelOpen;
      const tasks = window.__bench.longtasks.filter((t) => t.at >= p.hover).map((t) => t.duration);
      return { ms: p.shown !== null && p.pressed !== null ? p.shown - p.pressed : null, longestTask: Math.max(0, ...tasks) };
    });
    await page.keyboard.press('Escape');
  }
  return out;
}

/** Figures of one Fidelio load from the probe: boot, badge paint, the /me answer, IDB, shifts. */
function fidelioFigures(probe) {
  const meRequests = probe.resources.filter((r) => /\/v1\/programs\/[^/]+\/me(\?|$)/.test(r.name));
  const meAnswer = meRequests.length ? Math.min(...meRequests.map((r) => r.responseEnd)) : null;
  const script = probe.resources.find((r) => /\/dist\/fidelio\.js/.test(r.name));
  // The paint itself where Element Timing saw it (the drop-in's early paint marks its text), else
  // the first frame after the badge's balance event (an upper bound: the probe's task may wait).
  const framed = probe.painted.find((p) => typeof p.available === 'number');
  const element = probe.elements.find((e) => e.identifier === 'fidelio-badge-balance');
  const pageFirstPaint = probe.pagePaints.find((p) => p.name === 'first-paint');
  // A balance shown before the page's first frame was rendered is in that first paint: its rendering
  // began at or after the frame the balance waited for, and before the next one.
  const frame = probe.frames.find((f) => typeof f.available === 'number');
  const inFirstPaint = frame && pageFirstPaint && frame.at <= pageFirstPaint.at && (frame.next === null || pageFirstPaint.at <= frame.next);
  const painted = inFirstPaint
    ? { at: pageFirstPaint.at, available: frame.available, how: 'first paint' }
    : element && framed && element.at < framed.at
      ? { at: element.at, available: framed.available, how: 'element timing' }
      : framed && { ...framed, how: 'frame after the event' };
  // Where the time to the badge goes: its chunk and what it imports arrive, IndexedDB opens, the read.
  const since = (t) => (typeof t === 'number' && probe.boot !== null ? t - probe.boot : null);
  const badgeChunk = probe.resources.find((r) => /\/points-badge-[\w-]+\.js/.test(r.name));
  const idbOpen = probe.idbOpens.find((o) => o.name === 'fidelio');
  const firstRead = probe.idb.find((t) => t.db === 'fidelio' && t.stores === 'members');
  const rendered = probe.balance.find((p) => typeof p.available === 'number');
  return {
    boot: probe.boot,
    scriptRequested: script?.start ?? null,
    renderedMs: rendered && probe.boot !== null ? rendered.at - probe.boot : null,
    paintMs: painted && probe.boot !== null ? painted.at - probe.boot : null,
    paintFromNavigationMs: painted?.at ?? null,
    meAnswerMs: meAnswer,
    paintedBeforeAnswer: painted && meAnswer !== null ? painted.at < meAnswer : painted ? true : null,
    available: painted?.available ?? null,
    paintedHow: painted?.how ?? null,
    steps: { badgeChunkRequested: since(badgeChunk?.start), badgeChunkArrived: since(badgeChunk?.responseEnd), idbOpenStarted: since(idbOpen?.at), idbOpened: since(idbOpen?.done), memberRead: since(firstRead?.at), rendered: since(rendered?.at), painted: since(painted?.at), pageFirstPaint: since(pageFirstPaint?.at) },
    idbOpenMs: probe.idbOpens.find((o) => o.name === 'fidelio' && o.done)?.done - probe.idbOpens.find((o) => o.name === 'fidelio')?.at || null,
    loadReadwrite: rwCount(probe.idb),
    loadTransactions: probe.idb.filter((t) => t.db === 'fidelio').map((t) => `${t.mode}:${t.stores}`),
  };
}

function loafFigures(probe) {
  const fidelioLoafs = probe.loafs.filter((f) => f.duration > LONG && f.scripts.some((s) => isFidelioUrl(s.sourceURL)));
  const ours = (f) => f.scripts.filter((s) => isFidelioUrl(s.sourceURL)).reduce((n, s) => n + s.duration, 0);
  return {
    loafs: probe.loafs.filter((f) => f.duration > LONG).length,
    fidelioLoafs: fidelioLoafs.length,
    // as for long tasks: a frame that would have been within 50 ms without our scripts
    causedLoafs: fidelioLoafs.filter((f) => f.duration - ours(f) <= LONG).length,
    fidelioLoafScriptMs: probe.loafs.flatMap((f) => f.scripts).filter((s) => isFidelioUrl(s.sourceURL)).reduce((n, s) => n + s.duration, 0),
    longtasks: probe.longtasks.length,
  };
}

// ------------------------------------------------------------------------------------------------
// Lighthouse
// ------------------------------------------------------------------------------------------------

/** Starts the Debian Chromium with a DevTools port for Lighthouse; resolves { port, kill }. */
function launchForLighthouse() {
  const profile = mkdtempSync(join(tmpdir(), 'fidelio-lh-'));
  const child = spawn(CHROMIUM, [...CHROME_ARGS, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await withTimeout(exited, 5000, 'chromium exit').catch(() => child.kill('SIGKILL'));
    }
    // Chromium's helper processes may still write into the profile for a moment after it exits:
    // retry, and never let a leftover temp folder cost the measurement.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch {}
  };
  return withTimeout(
    new Promise((resolve, reject) => {
      let text = '';
      child.stderr.on('data', (chunk) => {
        text += chunk;
        const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text);
        if (m) resolve({ port: Number(m[1]), kill });
      });
      child.once('exit', (code) => reject(new Error(`chromium exited (${code}) before listening: ${text.slice(-300)}`)));
      child.once('error', reject);
    }),
    20_000,
    'chromium for Lighthouse',
  ).catch(async (error) => {
    await kill();
    throw error;
  });
}

async function lighthouseRuns(urls, log) {
  const { default: lighthouse } = await import('lighthouse');
  const out = {};
  for (const [name] of Object.entries(urls)) out[name] = [];
  for (let i = 0; i < LH_RUNS; i++) {
    for (const [name, url] of Object.entries(urls)) {
      const chrome = await launchForLighthouse();
      try {
        const result = await withTimeout(lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] }), 120_000, `lighthouse ${name}`);
        const lhr = result?.lhr;
        if (lhr?.runtimeError) throw new Error(lhr.runtimeError.message);
        const audit = (id) => lhr?.audits?.[id]?.numericValue ?? null;
        out[name].push({ score: lhr.categories.performance.score === null ? null : lhr.categories.performance.score * 100, tbt: audit('total-blocking-time'), lcp: audit('largest-contentful-paint'), cls: audit('cumulative-layout-shift'), fcp: audit('first-contentful-paint'), si: audit('speed-index'), warnings: lhr.runWarnings ?? [] });
        log(`page: lighthouse ${name} run ${i + 1}: ${out[name].at(-1).score}`);
      } finally {
        await chrome.kill();
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// the section
// ------------------------------------------------------------------------------------------------

/**
 * @param {{ root: string; runs: number; log: (line: string) => void; engine?: object[] }} options
 * @returns the section: { id, title, table, bytes, markdown, json }
 */
export async function benchPage({ root, runs, log }) {
  const started = performance.now();
  const notes = [];
  const failures = [];
  const built = await buildDropIn(root, log);
  notes.push(`Drop-in built with ${built.how}.`, ...built.notes);
  const dist = join(root, 'dist');
  const bytes = measureBytes(dist);

  // Bundles for Node (the backend) and the browser (the redemption probe).
  const scratch = mkdtempSync(join(tmpdir(), 'fidelio-page-bench-'));
  const cleanups = [() => rmSync(scratch, { recursive: true, force: true })];
  const browsers = new Set();
  const closeAll = async () => {
    for (const b of [...browsers]) await b.close().catch(() => undefined);
    browsers.clear();
  };
  try {
    const backendFile = join(scratch, 'backend.mjs');
    await esbuild({ entryPoints: [join(root, 'bench/page-backend.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: backendFile, logLevel: 'warning' });
    // with the drop-in's compile hint (vite.config.ts, compileHints), as the redeem widget's chunks have it
    const probeBuild = await esbuild({ entryPoints: [join(root, 'bench/redeem-probe.ts')], bundle: true, platform: 'browser', format: 'esm', target: 'es2022', write: false, minify: true, define: { 'process.env.NODE_ENV': '"production"' }, banner: { js: '//# allFunctionsCalledOnLoad' }, logLevel: 'warning' });
    const { createBenchBackend, DEMO_PROGRAM_ID } = await import(backendFile);
    const backend = createBenchBackend();
    const server = await startServer({ dist, backend, program: DEMO_PROGRAM_ID, probeJs: probeBuild.outputFiles[0].text });
    cleanups.unshift(() => server.close());
    const { origin } = server;
    const probeScript = readFileSync(new URL('./page-probe.js', import.meta.url), 'utf8');
    const { chromium } = await import('playwright-core');
    const launchOptions = { executablePath: CHROMIUM, headless: true, args: CHROME_ARGS, timeout: 30_000 };
    const contextOptions = { viewport: VIEWPORT, deviceScaleFactor: 1 };
    const pages = { control: `${origin}/control/`, fidelio: `${origin}/fidelio/?delay=0`, fidelioDelayed: `${origin}/fidelio/?delay=${API_DELAY}` };
    const samples = {};
    const push = (key, value) => (samples[key] ??= []).push(value);

    const attempt = async (what, fn) => {
      const t = performance.now();
      try {
        const value = await withTimeout(fn(), 90_000, what);
        if (process.env.BENCH_VERBOSE) log(`page: ${what} ${((performance.now() - t) / 1000).toFixed(1)} s`);
        return value;
      } catch (error) {
        failures.push(`${what}: ${error?.message ?? error}`);
        log(`page: ${what} failed: ${error?.message ?? error}`);
        return null;
      }
    };

    /** `runs` loads of each page, alternating which goes first, each in a fresh context of one browser. */
    const coldVisits = async (kind, rate, options, loadOptions) => {
      const browser = await chromium.launch(launchOptions);
      browsers.add(browser);
      try {
        for (let i = 0; i < runs; i++) {
          for (const variant of i % 2 ? ['fidelio', 'control'] : ['control', 'fidelio']) {
            await attempt(`${kind} ${variant} ${rate}× run ${i + 1}`, async () => {
              await fetch(`${origin}/__reset`, { method: 'POST' });
              const context = await browser.newContext(options);
              try {
                await context.addInitScript({ content: probeScript });
                push(`${kind}:${variant}:${rate}`, await loadPage(context, pages[variant], { rate, origin, ...loadOptions(variant) }));
              } finally {
                await context.close().catch(() => undefined);
              }
            });
          }
        }
      } finally {
        await browser.close().catch(() => undefined);
        browsers.delete(browser);
      }
    };

    const profiles = {};
    for (const rate of THROTTLES) {
      // Cold visits: a fresh profile each time (nothing cached, IndexedDB empty), answers at once.
      log(`page: cold visits at ${rate}× CPU (${runs} runs each)`);
      await coldVisits('cold', rate, contextOptions, (variant) => ({ waitForBalance: variant === 'fidelio', interact: variant === 'fidelio' ? interactions : null }));
      // The same cold visit in a phone-sized window: the cart (coupon field, earn preview) is the
      // page's last section there, four screens down, as on most stores' phone layouts.
      if (rate === 1) {
        log(`page: cold visits in a phone-sized window at ${rate}× CPU (${runs} runs each)`);
        await coldVisits('phone', rate, { ...contextOptions, viewport: PHONE_VIEWPORT }, () => ({ waitForBalance: false }));
      }

      // A store's loyalty API usually has a host of its own. The same visits with the API on the
      // store's origin and on another (a CORS preflight before each signed-in read and each JSON
      // write), from a server where every request waits a round trip and every new connection a set-up
      // (DNS, TCP, TLS), in a regular browser profile (Chromium ignores preconnect hints off the
      // record): a signed-in first visit, then the next page in the same browser (preflights reused:
      // Access-Control-Max-Age), and a visitor's first visit (no early read: the drop-in's preconnect).
      if (rate === 1) {
        log(`page: API on the store's origin and on its own, ${RTT} ms round trips, ${HANDSHAKE} ms connection set-up (${runs} runs each)`);
        const far = await startServer({ dist, backend, program: DEMO_PROGRAM_ID, probeJs: '', handshakeMs: HANDSHAKE });
        cleanups.unshift(() => far.close());
        const profile = async (fn) => {
          const dir = mkdtempSync(join(tmpdir(), 'fidelio-origin-'));
          const context = await chromium.launchPersistentContext(dir, { ...launchOptions, ...contextOptions });
          browsers.add(context);
          try {
            await context.addInitScript({ content: probeScript });
            return await fn(context);
          } finally {
            await context.close().catch(() => undefined);
            browsers.delete(context);
            rmSync(dir, { recursive: true, force: true });
          }
        };
        const preflights = () => far.apiCalls.filter((c) => c.method === 'OPTIONS').length;
        const options = { rate, origin: far.origin, waitForBalance: true, trace: false, latencyMs: RTT };
        for (let i = 0; i < runs; i++) {
          for (const where of i % 2 ? ['cross', 'same'] : ['same', 'cross']) {
            const url = `${far.origin}/fidelio/?delay=0${where === 'cross' ? '&api=cross' : ''}`;
            await attempt(`${where}-origin API run ${i + 1}`, async () => {
              await fetch(`${far.origin}/__reset`, { method: 'POST' });
              await profile(async (context) => {
                const before = preflights();
                const first = await loadPage(context, url, options);
                const between = preflights();
                const next = await loadPage(context, url, options);
                push(`origin:${where}`, { first: fidelioFigures(first.probe), next: fidelioFigures(next.probe), preflights: [between - before, preflights() - between], errors: [...first.errors, ...next.errors] });
              });
            });
            await attempt(`${where}-origin API visitor run ${i + 1}`, () =>
              profile(async (context) => {
                const visit = await loadPage(context, `${url}&anonymous`, { ...options, waitForBalance: false });
                const api = visit.probe.resources.filter((r) => r.name.includes('/api/d0/'));
                push(`origin-visitor:${where}`, { firstAnswer: api.length ? Math.min(...api.map((r) => r.responseEnd)) : null, errors: visit.errors });
              }),
            );
          }
        }
      }

      // Returning visits: a persistent profile primed by one visit (HTTP cache and IndexedDB warm),
      // the browser started again for every visit. Main-thread figures come from traced visits; the
      // first useful paint from untraced ones (tracing slows the page) with the /me answer held back.
      log(`page: returning visits at ${rate}× CPU (${runs} runs each; /me delayed ${API_DELAY} ms in the paint runs)`);
      const visit = async (variant, url, { key, traced, rate: r }) => {
        const context = await chromium.launchPersistentContext(profiles[variant], { ...launchOptions, ...contextOptions });
        browsers.add(context);
        try {
          await context.addInitScript({ content: probeScript });
          const result = await loadPage(context, url, { rate: r, origin, waitForBalance: variant === 'fidelio', trace: traced });
          if (key) push(key, result);
        } finally {
          await context.close().catch(() => undefined);
          browsers.delete(context);
        }
      };
      for (const variant of ['control', 'fidelio']) {
        if (profiles[variant]) continue;
        profiles[variant] = mkdtempSync(join(tmpdir(), `fidelio-profile-${variant}-`));
        cleanups.push(() => rmSync(profiles[variant], { recursive: true, force: true }));
        await attempt(`prime ${variant} profile`, () => visit(variant, pages[variant], { key: null, traced: false, rate: 1 }));
      }
      for (let i = 0; i < runs; i++) {
        await attempt(`warm control ${rate}× run ${i + 1}`, () => visit('control', pages.control, { key: `warm:control:${rate}`, traced: true, rate }));
        await attempt(`warm fidelio ${rate}× run ${i + 1}`, () => visit('fidelio', pages.fidelio, { key: `warm:fidelio:${rate}`, traced: true, rate }));
        await attempt(`warm fidelio paint ${rate}× run ${i + 1}`, () => visit('fidelio', pages.fidelioDelayed, { key: `paint:fidelio:${rate}`, traced: false, rate }));
      }

      // The redemption: the redeem store end to end (outbox record, request, result), above the raw network time.
      log(`page: redemptions at ${rate}× CPU`);
      const probeBrowser = await chromium.launch(launchOptions);
      browsers.add(probeBrowser);
      try {
        for (let i = 0; i < runs; i++) {
          await attempt(`redemption ${rate}× run ${i + 1}`, async () => {
            await fetch(`${origin}/__reset`, { method: 'POST' });
            const context = await probeBrowser.newContext(contextOptions);
            try {
              await context.addInitScript({ content: probeScript });
              const page = await context.newPage();
              const cdp = await context.newCDPSession(page);
              await cdp.send('Emulation.setCPUThrottlingRate', { rate });
              await page.goto(`${origin}/redeem/`, { waitUntil: 'load' });
              const token = await backend.token();
              const before = await page.evaluate(([api, program, t]) => window.fidelioBench.start(api, program, t), [`${origin}/api/d0`, DEMO_PROGRAM_ID, token]);
              if (before === null) throw new Error('the probe could not load the member');
              const t0 = await page.evaluate(() => performance.now());
              const redeemed = await page.evaluate(() => window.fidelioBench.redeem('free-shipping'));
              await sleep(500);
              const detail = await page.evaluate((start) => {
                const request = performance.getEntriesByType('resource').filter((r) => r.name.includes('/me/redemptions') && r.startTime >= start).pop();
                return { networkMs: request ? request.responseEnd - request.startTime : null, idb: window.__bench.idb.filter((t) => t.at >= start && t.db === 'fidelio') };
              }, t0);
              push(`redeem:${rate}`, { ...redeemed, networkMs: detail.networkMs, overheadMs: detail.networkMs === null ? null : redeemed.ms - detail.networkMs, readwrite: detail.idb.filter((t) => t.mode === 'readwrite').length, transactions: detail.idb.map((t) => `${t.mode}:${t.stores}`) });
            } finally {
              await context.close().catch(() => undefined);
            }
          });
        }
      } finally {
        await probeBrowser.close().catch(() => undefined);
        browsers.delete(probeBrowser);
      }
    }

    // Lighthouse: control vs Fidelio (answers at once), mobile preset, simulated throttling.
    let lighthouse = null;
    let lighthouseProblem = null;
    if (LH_RUNS > 0) {
      log(`page: lighthouse (${LH_RUNS} runs each)`);
      const lhStarted = performance.now();
      try {
        lighthouse = await withTimeout(lighthouseRuns({ control: pages.control, fidelio: pages.fidelio }, log), LH_RUNS * 2 * 130_000, 'lighthouse');
        log(`page: lighthouse took ${((performance.now() - lhStarted) / 1000).toFixed(0)} s`);
      } catch (error) {
        lighthouseProblem = String(error?.message ?? error).split('\n')[0];
        failures.push(`lighthouse: ${lighthouseProblem}`);
      }
    } else lighthouseProblem = 'skipped (BENCH_LIGHTHOUSE_RUNS=0)';

    const result = summarise({ samples, bytes, lighthouse, lighthouseProblem, runs, notes, failures, apiCalls: server.apiCalls.length });
    result.elapsedMs = performance.now() - started;
    return result;
  } finally {
    await closeAll();
    for (const cleanup of cleanups) await Promise.resolve().then(cleanup).catch(() => undefined);
  }
}

// ------------------------------------------------------------------------------------------------
// the report
// ------------------------------------------------------------------------------------------------

function summarise({ samples, bytes, lighthouse, lighthouseProblem, runs, notes, failures, apiCalls }) {
  const rows = [];
  const get = (key) => samples[key] ?? [];
  const col = (key, pick) => stats(get(key).map(pick).filter((v) => v !== null && v !== undefined));
  const add = (metric, control, fidelio, compare, goal, met) => rows.push({ metric, control, fidelio, compare, goal, met: met === null || met === undefined ? '—' : met ? 'yes' : '**no**' });
  const KB = 1024;

  // Bytes
  add('Initial drop-in JS, brotli (gzip)', '—', `${kb(bytes.initial.brotli)} (${kb(bytes.initial.gzip)})`, `${bytes.initial.files} file(s)`, '≤ 10 KB brotli', bytes.initial.brotli <= 10 * KB);
  for (const [tag, t] of Object.entries(bytes.components)) add(`+ <${tag}> on first use, brotli (gzip)`, '—', `${kb(t.brotli)} (${kb(t.gzip)})`, `${t.files} chunk(s)`, '—', null);
  add('All locales, brotli (gzip)', '—', `${kb(bytes.locales.brotli)} (${kb(bytes.locales.gzip)})`, `${bytes.locales.files} chunk(s)`, '—', null);
  add('Everything the drop-in can load, brotli (gzip)', '—', `${kb(bytes.everything.brotli)} (${kb(bytes.everything.gzip)})`, `${bytes.everything.files} files`, '≤ 35 KB brotli', bytes.everything.brotli <= 35 * KB);

  for (const rate of THROTTLES) {
    for (const visit of ['cold', 'warm']) {
      const c = `${visit}:control:${rate}`;
      const f = `${visit}:fidelio:${rate}`;
      const task = [col(c, (r) => r.trace?.taskMs), col(f, (r) => r.trace?.taskMs)];
      const ratio = task[0] && task[1] ? `×${(task[1].median / task[0].median).toFixed(2)}, Δ ${ms(task[1].median - task[0].median)}` : '—';
      add(`Main-thread task time, ${visit} load, ${rate}×`, spread(task[0]), spread(task[1]), ratio, '—', null);
      const own = col(f, (r) => r.trace?.fidelioMs);
      const goal = rate === 1 ? '≤ 30 ms' : '—';
      add(`… attributable to Fidelio's URLs, ${visit}, ${rate}×`, '—', spread(own), task[1] && own ? `${((own.median / task[1].median) * 100).toFixed(1)} % of the page's` : '—', goal, rate === 1 && own ? own.median <= 30 : null);
      const longC = col(c, (r) => r.trace?.long.length);
      const longF = col(f, (r) => r.trace?.long.length);
      const caused = col(f, (r) => r.trace?.long.filter((t) => t.causedByFidelio).length);
      const withF = col(f, (r) => r.trace?.long.filter((t) => t.fidelioMs > 0).length);
      add(`Long tasks > 50 ms, ${visit}, ${rate}× (caused by Fidelio / containing Fidelio code)`, spread(longC, num), spread(longF, num), `${spread(caused, num)} / ${spread(withF, num)}`, rate === 4 ? '0 caused by Fidelio' : '—', rate === 4 && caused ? caused.max === 0 : null);
      const loafC = col(c, (r) => loafFigures(r.probe).loafs);
      const loafF = col(f, (r) => loafFigures(r.probe).loafs);
      const loafMine = col(f, (r) => loafFigures(r.probe).fidelioLoafs);
      const loafCaused = col(f, (r) => loafFigures(r.probe).causedLoafs);
      add(`Long animation frames > 50 ms, ${visit}, ${rate}× (caused by Fidelio / with a Fidelio script)`, spread(loafC, num), spread(loafF, num), `${spread(loafCaused, num)} / ${spread(loafMine, num)}`, rate === 4 ? '0 caused by Fidelio' : '—', rate === 4 && loafCaused ? loafCaused.max === 0 : null);
    }
  }

  // The phone-sized window: what the load costs when the cart's widgets are four screens down.
  if (get('phone:fidelio:1').length) {
    const c = 'phone:control:1';
    const f = 'phone:fidelio:1';
    const task = [col(c, (r) => r.trace?.taskMs), col(f, (r) => r.trace?.taskMs)];
    const ratio = task[0] && task[1] ? `×${(task[1].median / task[0].median).toFixed(2)}, Δ ${ms(task[1].median - task[0].median)}` : '—';
    add(`Main-thread task time, cold load, phone-sized window (${PHONE_VIEWPORT.width}×${PHONE_VIEWPORT.height}), 1×`, spread(task[0]), spread(task[1]), ratio, '—', null);
    const own = col(f, (r) => r.trace?.fidelioMs);
    const desktop = col('cold:fidelio:1', (r) => r.trace?.fidelioMs);
    add(`… attributable to Fidelio's URLs, phone-sized window, cold, 1×`, '—', spread(own), desktop && own ? `desktop window ${ms(desktop.median)}` : '—', '≤ 30 ms', own ? own.median <= 30 : null);
    // which chunks a load fetched, by name without the hash, in most of the runs
    const chunks = (key) => {
      const runs = get(key);
      const counts = new Map();
      for (const r of runs) for (const name of new Set(r.probe.resources.map((x) => /\/chunks\/(.+)-[\w-]{8}\.js$/.exec(x.name)?.[1]).filter(Boolean))) counts.set(name, (counts.get(name) ?? 0) + 1);
      return [...counts].filter(([, n]) => n > runs.length / 2).map(([name]) => name).sort();
    };
    const onPhone = chunks(f);
    const onDesktop = chunks('cold:fidelio:1');
    const waiting = onDesktop.filter((name) => !onPhone.includes(name));
    add('Widget chunks fetched by the load, phone-sized / desktop window', '—', `${onPhone.length} / ${onDesktop.length}`, waiting.length ? `not fetched until scrolled near: ${waiting.join(', ')}` : 'the same', '—', null);
    const shift = [col(c, (r) => cls(r.probe.shifts)), col(f, (r) => cls(r.probe.shifts))];
    add('CLS of the load, phone-sized window, cold, 1×', spread(shift[0], num), spread(shift[1], num), `Δ ${shift[0] && shift[1] ? num(shift[1].median - shift[0].median) : '—'}`, 'Δ 0', shift[0] && shift[1] ? shift[1].median - shift[0].median <= 0.0001 : null);
  }

  for (const rate of THROTTLES) {
    const warm = get(`paint:fidelio:${rate}`).map((r) => fidelioFigures(r.probe));
    const cold = get(`cold:fidelio:${rate}`).map((r) => fidelioFigures(r.probe));
    const paint = stats(warm.map((x) => x.paintMs));
    const before = warm.filter((x) => x.paintedBeforeAnswer === true).length;
    const answer = stats(warm.map((x) => x.meAnswerMs === null || x.boot === null ? null : x.meAnswerMs - x.boot));
    add(`First useful paint, returning visit (cached balance), ${rate}×, from boot`, '—', spread(paint), `${before}/${warm.length} before the /me answer (at ${answer ? ms(answer.median) : '—'}); timed by: ${[...new Set(warm.map((x) => x.paintedHow))].join(', ')}`, rate === 1 ? '≤ 50 ms, before the answer' : '—', rate === 1 && paint ? paint.median <= 50 && before === warm.length : null);
    const steps = Object.keys(warm[0]?.steps ?? {}).map((k) => `${k} ${ms(stats(warm.map((x) => x.steps[k]))?.median)}`).join(', ');
    if (steps) add(`… returning visit, ${rate}×: steps from boot (medians)`, '—', '—', steps, '—', null);
    add(`Badge with balance, first visit (nothing cached, answers at once), ${rate}×, from boot`, '—', spread(stats(cold.map((x) => x.paintMs))), `from navigation ${spread(stats(cold.map((x) => x.paintFromNavigationMs)))}`, '—', null);
    add(`IndexedDB open, returning visit, ${rate}×`, '—', spread(stats(warm.map((x) => x.idbOpenMs))), '—', '—', null);
  }

  // the API on the store's origin ("control" column) and on its own (the Fidelio column)
  const signedIn = ['origin:same', 'origin:cross'];
  const visitor = ['origin-visitor:same', 'origin-visitor:cross'];
  if (signedIn.some((key) => get(key).length)) {
    const row = (label, keys, pick) => {
      const [a, b] = keys.map((key) => col(key, pick));
      add(label, spread(a), spread(b), a && b ? `Δ ${ms(b.median - a.median)}` : '—', '—', null);
    };
    row(`Signed-in first visit, badge with balance, from navigation (${RTT} ms round trips, ${HANDSHAKE} ms per new connection, 1×; API on the store's origin / on another)`, signedIn, (x) => x.first.paintFromNavigationMs);
    row('… its GET /me answered, from navigation', signedIn, (x) => x.first.meAnswerMs);
    row('… next page in the same browser: its GET /me answered, from navigation', signedIn, (x) => x.next.meAnswerMs);
    const [same, cross] = signedIn.map((key) => [0, 1].map((k) => spread(col(key, (x) => x.preflights[k]), num)).join(' / '));
    add('… CORS preflights, first visit / next page', same, cross, 'Access-Control-Max-Age: 7200 keeps them for the next pages', '—', null);
    row("Visitor's first visit, first API answer (the earn preview's), from navigation", visitor, (x) => x.firstAnswer);
    const errors = [...signedIn, ...visitor].flatMap((key) => get(key).flatMap((x) => x.errors));
    if (errors.length) add('… errors in those pages', '—', String(errors.length), errors[0].slice(0, 120), 'none', false);
  }

  for (const rate of THROTTLES) {
    for (const visit of ['cold', 'warm']) {
      const c = col(`${visit}:control:${rate}`, (r) => cls(r.probe.shifts));
      const f = col(`${visit}:fidelio:${rate}`, (r) => cls(r.probe.shifts));
      const sources = [...new Set(get(`${visit}:fidelio:${rate}`).flatMap((r) => r.probe.shifts.filter((s) => !s.hadRecentInput).flatMap((s) => s.sources)))].filter(Boolean);
      add(`CLS of the load, ${visit}, ${rate}×`, spread(c, num), spread(f, num), `Δ ${c && f ? num(f.median - c.median) : '—'}${sources.length ? `; shifted: ${sources.slice(0, 4).join(', ')}` : ''}`, 'Δ 0', c && f ? f.median - c.median <= 0.0001 : null);
    }
    const inter = get(`cold:fidelio:${rate}`).map((r) => r.interactions).filter(Boolean);
    const couponCls = stats(inter.map((x) => x.coupon.cls));
    const popupCls = stats(inter.map((x) => x.popup.cls));
    const popupSources = [...new Set(inter.flatMap((x) => x.popup.sources))].filter(Boolean);
    add(`CLS applying a coupon / opening the popup, ${rate}×`, '—', `${spread(couponCls, num)} / ${spread(popupCls, num)}`, popupSources.length ? `shifted: ${popupSources.slice(0, 4).join(', ')}` : '—', '0', couponCls && popupCls ? couponCls.max === 0 && popupCls.max === 0 : null);
  }

  if (lighthouse) {
    const c = stats(lighthouse.control.map((r) => r.score));
    const f = stats(lighthouse.fidelio.map((r) => r.score));
    add('Lighthouse performance score (mobile, simulated)', spread(c, num), spread(f, num), c && f ? `Δ ${num(f.median - c.median, 1)}` : '—', 'Δ ≥ −1', c && f ? c.median - f.median <= 1 : null);
    const tc = stats(lighthouse.control.map((r) => r.tbt));
    const tf = stats(lighthouse.fidelio.map((r) => r.tbt));
    add('Lighthouse total blocking time', spread(tc), spread(tf), tc && tf ? `Δ ${ms(tf.median - tc.median)}` : '—', '—', null);
    const lc = stats(lighthouse.control.map((r) => r.lcp));
    const lf = stats(lighthouse.fidelio.map((r) => r.lcp));
    add('Lighthouse largest contentful paint', spread(lc), spread(lf), lc && lf ? `Δ ${ms(lf.median - lc.median)}` : '—', '—', null);
  } else add('Lighthouse performance score', '—', '—', lighthouseProblem ?? 'not run', 'Δ ≥ −1', null);

  for (const rate of THROTTLES) {
    const warm = get(`paint:fidelio:${rate}`).map((r) => fidelioFigures(r.probe));
    const loadRw = stats(warm.map((x) => x.loadReadwrite));
    const txs = [...new Set(warm.flatMap((x) => x.loadTransactions.filter((t) => t.startsWith('readwrite'))))];
    add(`IndexedDB read-write transactions, returning page load, ${rate}×`, '—', spread(loadRw, num), txs.length ? txs.join(', ') : '—', '≤ 1', loadRw ? loadRw.max <= 1 : null);
    const inter = get(`cold:fidelio:${rate}`).map((r) => r.interactions).filter(Boolean);
    add(`IndexedDB read-write transactions, applying a coupon, ${rate}×`, '—', spread(stats(inter.map((x) => x.coupon.readwrite)), num), '—', '≤ 1', inter.length ? Math.max(...inter.map((x) => x.coupon.readwrite)) <= 1 : null);
    const red = get(`redeem:${rate}`);
    const redTx = [...new Set(red.flatMap((x) => x.transactions.filter((t) => t.startsWith('readwrite'))))];
    add(`IndexedDB read-write transactions, one redemption (redeem store, as <fidelio-points-redeem> calls it), ${rate}×`, '—', spread(stats(red.map((x) => x.readwrite)), num), redTx.join(', ') || '—', '≤ 1', red.length ? Math.max(...red.map((x) => x.readwrite)) <= 1 : null);
    add(`Coupon apply, key press → apply event, above the network, ${rate}×`, '—', spread(stats(inter.map((x) => x.coupon.overheadMs))), `network ${spread(stats(inter.map((x) => x.coupon.networkMs)))}; validation requests per apply ${spread(stats(inter.map((x) => x.coupon.validations)), num)}`, '—', null);
    const panels = inter.map((x) => x.panel).filter(Boolean);
    add(`Member panel opened from the launcher (pressed ${PANEL_HOVER_MS} ms after the pointer came over it): press → balance shown, ${rate}×`, '—', spread(stats(panels.map((x) => x.ms))), `longest task from the hover on ${spread(stats(panels.map((x) => x.longestTask)))}`, '—', null);
    const over = stats(red.map((x) => x.overheadMs));
    add(`Redemption end to end above the network (redeem store, as <fidelio-points-redeem> calls it), ${rate}×`, '—', spread(over), `network ${spread(stats(red.map((x) => x.networkMs)))}`, rate === 1 ? '≤ 5 ms' : '—', rate === 1 && over ? over.median <= 5 : null);
  }

  const errors = Object.values(samples).flat().flatMap((r) => r.errors ?? []);
  const distinctErrors = [...new Set(errors)];
  return { id: 'page', title: 'Store page with and without Fidelio (Chromium, playwright-core)', rows, bytes, samples, lighthouse, lighthouseProblem, notes, failures, errors: distinctErrors, apiCalls, runs, cores: cpus().length };
}

export function pageMarkdown(section) {
  const lines = [
    `### ${section.title}`,
    '',
    `${section.runs} runs per case (median (min–max)), ${section.cores} CPU cores, Chromium at ${THROTTLES.map((r) => `${r}×`).join(' and ')} CPU; "boot" = the moment the drop-in defines \`window.Fidelio\`.`,
    '',
    '| metric | control | Fidelio | ratio / delta | goal | met? |',
    '|---|---|---|---|---|---|',
    ...section.rows.map((r) => `| ${r.metric} | ${r.control} | ${r.fidelio} | ${r.compare} | ${r.goal} | ${r.met} |`),
    '',
    '#### Bytes per file (what the drop-in can load)',
    '',
    '| file | kind | raw | gzip | brotli |',
    '|---|---|---:|---:|---:|',
    ...section.bytes.rows.map((r) => `| ${r.file} | ${r.kind} | ${r.raw} | ${r.gzip} | ${r.brotli} |`),
    `| **total** | | ${section.bytes.everything.raw} | ${section.bytes.everything.gzip} | ${section.bytes.everything.brotli} |`,
  ];
  const notes = [...section.notes, ...section.failures.map((f) => `Failed: ${f}`), ...section.errors.slice(0, 8).map((e) => `Page said: ${e}`)];
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}
