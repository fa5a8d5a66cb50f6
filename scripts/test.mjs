#!/usr/bin/env node
// Full test driver: node test suites (test/node/), then web-test-runner in the browsers named by
// BROWSERS (comma list of chromium, firefox, webkit; default: all three). For WebKit it starts
// Xvfb and WebKitWebDriver as child processes and always stops them (by pid) at the end.
// The very last line printed is `N passed, N failed` (what CI reads).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = path.join(ROOT, '.wtr-results.json');
const ALL = ['chromium', 'firefox', 'webkit'];
const WEBKIT_PORT_DEFAULT = 4445;
const WTR_PKG = path.join(ROOT, 'node_modules', '@web', 'test-runner', 'package.json');
const WTR_BIN = path.join(path.dirname(WTR_PKG), JSON.parse(readFileSync(WTR_PKG, 'utf8')).bin['web-test-runner']);

const browsers = (process.env.BROWSERS ?? ALL.join(','))
  .split(',')
  .map((b) => b.trim().toLowerCase())
  .filter(Boolean);
const unknown = browsers.filter((b) => !ALL.includes(b));
if (unknown.length || browsers.length === 0) {
  console.error(`test: BROWSERS must be a comma list of ${ALL.join(', ')} (got "${process.env.BROWSERS}")`);
  process.exit(2);
}

const log = (msg) => console.log(`[test] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// child process bookkeeping: helpers (Xvfb, WebKitWebDriver) and the currently running runner
const helpers = []; // { name, child }
let runner = null;
let cleanedUp = false;

function killGroup(child, signal = 'SIGTERM') {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // helpers are spawned detached, so their pid is their process group: this also ends the
    // MiniBrowser / WebKitWebProcess children that WebKitWebDriver started
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {}
  }
}

async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  await stopHelpers();
}

/** Stops Xvfb and WebKitWebDriver (and the browsers the driver started), newest first. */
async function stopHelpers() {
  for (const { name, child } of helpers.splice(0).reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    killGroup(child, 'SIGTERM');
    const exited = await Promise.race([
      new Promise((r) => child.once('exit', () => r(true))),
      sleep(3000).then(() => false),
    ]);
    if (!exited) killGroup(child, 'SIGKILL');
    log(`stopped ${name} (pid ${child.pid})`);
  }
}

let interrupted = null;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = sig;
    log(`received ${sig}, stopping`);
    if (runner) {
      // web-test-runner stops cleanly (closing its browsers) on SIGINT only, and only when the
      // signal goes to its own process: sent to the whole group it also kills esbuild's service
      // and the runner hangs. main() stops the helpers once it has exited.
      try {
        runner.kill('SIGINT');
      } catch {}
      const r = runner;
      setTimeout(() => killGroup(r, 'SIGKILL'), 15_000).unref();
    } else {
      cleanup().then(() => process.exit(130));
    }
  });
}

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    // detached: own process group, so a signal can be passed on to it and all its children
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', detached: true, ...opts });
    runner = child;
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on('error', (err) => {
      console.error(`[test] could not start ${cmd}: ${err.message}`);
      runner = null;
      resolve({ code: 127, out });
    });
    child.on('exit', (code, signal) => {
      runner = null;
      resolve({ code: code ?? (signal ? 128 : 1), out });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// (d) node test suites
async function runNodeTests() {
  const dir = path.join(ROOT, 'test', 'node');
  if (!existsSync(dir)) return null;
  log('running node test suites: node --test test/node/');
  const { code, out } = await run(process.execPath, ['--test', '--test-reporter=tap', 'test/node/'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const num = (key) => {
    const m = out.match(new RegExp(`^# ${key} (\\d+)\\s*$`, 'm'));
    return m ? Number(m[1]) : 0;
  };
  const res = {
    passed: num('pass'),
    failed: num('fail') + num('cancelled'),
    skipped: num('skipped') + num('todo'),
    exitCode: code,
  };
  if (code !== 0 && res.failed === 0) res.failed = 1; // crashed before reporting
  return res;
}

// ---------------------------------------------------------------------------------------------
// (a) Xvfb + WebKitWebDriver for WebKit
function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function pickPort(preferred) {
  for (let p = preferred; p < preferred + 50; p++) if (await portFree(p)) return p;
  throw new Error(`no free port in ${preferred}..${preferred + 49}`);
}

function pickDisplay() {
  for (let n = 99; n < 199; n++) {
    if (!existsSync(`/tmp/.X${n}-lock`) && !existsSync(`/tmp/.X11-unix/X${n}`)) return n;
  }
  throw new Error('no free X display number in :99..:198');
}

function startHelper(name, cmd, args, env) {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env,
    detached: true, // own process group, so cleanup can end its children too
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  child.on('error', (err) => {
    stderr += `\n${err.message}`;
  });
  helpers.push({ name, child });
  return { child, stderr: () => stderr };
}

async function startWebKitDriver() {
  const display = pickDisplay();
  const t0 = Date.now();
  const xvfb = startHelper('Xvfb', 'Xvfb', [`:${display}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], process.env);
  for (let i = 0; i < 100 && !existsSync(`/tmp/.X11-unix/X${display}`); i++) {
    if (xvfb.child.exitCode !== null) break;
    await sleep(100);
  }
  if (!existsSync(`/tmp/.X11-unix/X${display}`)) {
    throw new Error(`Xvfb :${display} did not start:\n${xvfb.stderr()}`);
  }

  const port = await pickPort(Number(process.env.WEBKIT_DRIVER_PORT) || WEBKIT_PORT_DEFAULT);
  const env = { ...process.env, DISPLAY: `:${display}` };
  const driver = startHelper('WebKitWebDriver', 'WebKitWebDriver', [`--port=${port}`], env);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (driver.child.exitCode !== null) {
      throw new Error(`WebKitWebDriver exited (${driver.child.exitCode}):\n${driver.stderr()}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer on port ${port} within 30 s`);
    await sleep(200);
  }
  log(`Xvfb :${display} (pid ${xvfb.child.pid}) and WebKitWebDriver on 127.0.0.1:${port} (pid ${driver.child.pid}) ready in ${Date.now() - t0} ms`);
  return { port, display };
}

// ---------------------------------------------------------------------------------------------
function readWtrResults() {
  try {
    const data = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
    return data.status === 'finished' ? data : null;
  } catch {
    return null;
  }
}

/**
 * Runs web-test-runner (all test files, or `files`) and reads its results file: null when it did
 * not finish. Equivalent to `npx web-test-runner …`, but without npm's wrapper processes, which do
 * not pass SIGTERM on (web-test-runner and its browsers were left running when they got it).
 */
async function runWtr(env, files = []) {
  rmSync(RESULTS_FILE, { force: true });
  const t0 = Date.now();
  const args = [WTR_BIN, '--config', 'web-test-runner.config.mjs', ...(files.length ? ['--files', ...files] : [])];
  const { code } = await run(process.execPath, args, { env });
  log(`web-test-runner exited with ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { code, result: interrupted ? null : readWtrResults() };
}

/**
 * WebKitGTK runs every test file in one long browser session, and now and then that session stops
 * answering IndexedDB or the service worker for a while: a few consecutive files then time out in
 * their first hook, and later ones pass again. The WebKit files that failed are run once more, in a
 * fresh browser session, and their second results replace the first. A real defect fails both
 * times; the log names every file that was run again and why it failed the first time.
 */
const WEBKIT_RERUN_MAX_FILES = 8;

async function rerunWebKitFiles(first, env, code) {
  const files = Object.entries(first.perFile?.webkit ?? {})
    .filter(([, c]) => c.failed > 0)
    .map(([file]) => file);
  if (!files.length) return code;
  if (files.length > WEBKIT_RERUN_MAX_FILES) {
    log(`WebKit: ${files.length} files failed, more than a stalled session explains: not running them again`);
    return code;
  }
  const firstFailures = first.failures.filter((line) => files.some((file) => line.startsWith(`webkit ${file}:`)));
  log(`WebKit: running ${files.length} failed file(s) again in a fresh browser session: ${files.join(', ')}`);
  for (const line of firstFailures) log(`  first run: ${line}`);
  const { code: again, result: second } = await runWtr({ ...env, BROWSERS: 'webkit' }, files);
  if (!second) {
    console.error('[test] the WebKit re-run did not finish: keeping the first results');
    return code;
  }
  // Swap the files' first counts and failures for the second run's.
  const counts = first.browsers.webkit;
  for (const file of files) {
    const before = first.perFile.webkit[file];
    const after = second.perFile?.webkit?.[file] ?? { passed: 0, failed: 1, skipped: 0 };
    for (const key of ['passed', 'failed', 'skipped']) counts[key] += after[key] - before[key];
  }
  first.failures = [...first.failures.filter((line) => !firstFailures.includes(line)), ...second.failures];
  log(`WebKit re-run: ${second.total.passed} passed, ${second.total.failed} failed`);
  // The run as a whole now fails only if a browser still has failures.
  const stillFailing = Object.values(first.browsers).some((c) => c.failed > 0);
  return stillFailing ? code || again || 1 : 0;
}

/** The per-browser counts and failure lines of the runs of several browser groups, in one. */
function mergeResults(into, add) {
  if (!into) return add;
  return { browsers: { ...into.browsers, ...add.browsers }, failures: [...into.failures, ...add.failures] };
}

async function main() {
  const started = Date.now();
  const node = await runNodeTests();

  let wtrCode = 0;
  let wtr = null;
  const missing = [];
  try {
    // Chromium and Firefox share a run; WebKit has its own after it, so that a WebKit session that
    // dies (WebKitGTK's driver has ended a run early and silently) costs only its own results.
    const groups = [browsers.filter((b) => b !== 'webkit'), browsers.filter((b) => b === 'webkit')].filter((g) => g.length);
    for (const group of groups) {
      let result = null;
      let code = 1;
      let env = null;
      for (let attempt = 1; attempt <= 2 && !result; attempt++) {
        if (interrupted) throw new Error(`interrupted by ${interrupted}`);
        if (attempt > 1) log(`${group.join(', ')}: web-test-runner stopped before it finished; running it once more`);
        env = { ...process.env, BROWSERS: group.join(',') };
        if (group.includes('webkit')) {
          // a fresh driver for every attempt: the last one may be what ended the run
          await stopHelpers();
          const { port, display } = await startWebKitDriver();
          env.WEBKIT_DRIVER_PORT = String(port);
          env.WEBKIT_DISPLAY = `:${display}`;
        }
        log(`running web-test-runner in: ${group.join(', ')}`);
        ({ code, result } = await runWtr(env));
        if (!result) console.error('[test] .wtr-results.json is missing or incomplete: web-test-runner did not finish');
      }
      if (!result) {
        missing.push(...group);
        continue;
      }
      if (group.includes('webkit') && !interrupted) code = await rerunWebKitFiles(result, env, code);
      wtr = mergeResults(wtr, result);
      if (code !== 0 && !wtrCode) wtrCode = code;
    }
  } catch (err) {
    console.error(`[test] ${err.message}`);
  } finally {
    await cleanup();
  }

  if (interrupted) {
    log(`interrupted by ${interrupted}`);
    return 130;
  }

  const parts = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const [name, c] of Object.entries(wtr?.browsers ?? {})) {
    parts.push(`${name} ${c.passed} passed / ${c.failed} failed / ${c.skipped} skipped (${c.files} files)`);
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
  }
  if (missing.length) {
    parts.push(`browsers (${missing.join(', ')}) did not report`);
    failed += 1;
  }
  if (node) {
    parts.push(`node ${node.passed} passed / ${node.failed} failed / ${node.skipped} skipped`);
    passed += node.passed;
    failed += node.failed;
    skipped += node.skipped;
  }
  if (wtr && wtrCode !== 0 && failed === 0) {
    // wtr failed for a reason its tests don't show (e.g. a browser that did not start)
    parts.push(`web-test-runner exit code ${wtrCode}`);
    failed += 1;
  }

  if (passed + failed === 0) console.log('[test] no test ran: failing the run');
  console.log('');
  for (const line of wtr?.failures ?? []) console.log(`Failed: ${line}`);
  console.log(`Breakdown: ${parts.join('; ')}; ${skipped} skipped in total; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    console.error(err);
    await cleanup();
    process.exit(1);
  },
);
