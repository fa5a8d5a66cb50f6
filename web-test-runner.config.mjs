// web-test-runner configuration for Fidelio.
//
// Browsers are chosen with the BROWSERS env variable (comma list of chromium, firefox, webkit).
// `node scripts/test.mjs` (npm test / test:all / .ci/run) always sets it; when wtr is started
// directly without it, all three run under CI and only chromium otherwise (WebKit needs the
// Xvfb + WebKitWebDriver pair that scripts/test.mjs starts). See /work/shared/TOOLCHAIN.md.
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { fidelioTestPages } from './test/helpers/test-pages.mjs';

const ALL_BROWSERS = ['chromium', 'firefox', 'webkit'];
const RESULTS_FILE = fileURLToPath(new URL('./.wtr-results.json', import.meta.url));
const MSW_WORKER = fileURLToPath(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url));

function selectedBrowsers() {
  const raw = process.env.BROWSERS?.trim();
  if (!raw) return process.env.CI ? ALL_BROWSERS : ['chromium'];
  const list = [...new Set(raw.split(',').map((b) => b.trim().toLowerCase()).filter(Boolean))];
  const unknown = list.filter((b) => !ALL_BROWSERS.includes(b));
  if (unknown.length) {
    throw new Error(`BROWSERS: unknown browser(s) ${unknown.join(', ')}; use ${ALL_BROWSERS.join(', ')}`);
  }
  if (!list.length) throw new Error('BROWSERS is empty');
  return list;
}

const launcherFactories = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  firefox: () =>
    puppeteerLauncher({
      launchOptions: { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true },
    }),
  webkit: () =>
    webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      // scripts/test.mjs passes the port it started WebKitWebDriver on (4445 unless taken)
      port: Number(process.env.WEBKIT_DRIVER_PORT) || 4445,
      path: '/',
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': {
          binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
          args: ['--automation'],
        },
      },
    }),
};

const browserNames = selectedBrowsers();
// launcher object -> our own label (launchers name themselves "Chromium", "Firefox", "MiniBrowser"…)
const labels = new Map();
const browsers = browserNames.map((name) => {
  const launcher = launcherFactories[name]();
  labels.set(launcher, name);
  return launcher;
});

/** Counts passed / failed / skipped tests per browser and writes them to .wtr-results.json. */
function resultsFileReporter() {
  const empty = () => ({ passed: 0, failed: 0, skipped: 0, files: 0, failedFiles: 0 });
  // names of failed tests, so the closing lines of a long CI log say which one failed
  const failures = [];
  function walk(suite, counts, where, trail = []) {
    if (!suite) return;
    for (const t of suite.tests ?? []) {
      if (t.skipped) counts.skipped++;
      else if (t.passed) counts.passed++;
      else {
        counts.failed++;
        const why = String(t.error?.message ?? '').split('\n')[0].slice(0, 300);
        failures.push(`${where}: ${[...trail, t.name].join(' › ')}${why ? ` — ${why}` : ''}`);
      }
    }
    for (const s of suite.suites ?? []) walk(s, counts, where, [...trail, s.name]);
  }
  return {
    onTestRunStarted() {
      // never leave a stale result file behind from an earlier run
      try {
        writeFileSync(RESULTS_FILE, JSON.stringify({ status: 'running' }) + '\n');
      } catch {}
    },
    onTestRunFinished({ sessions }) {
      const perBrowser = {};
      // counts per browser and test file, so scripts/test.mjs can swap in the results of a file it ran again
      const perFile = {};
      for (const name of browserNames) perBrowser[name] = empty();
      for (const session of sessions) {
        const name = labels.get(session.browser) ?? session.browser?.name ?? 'unknown';
        const counts = (perBrowser[name] ??= empty());
        counts.files++;
        const before = counts.failed;
        const file = session.testFile?.replace(process.cwd() + '/', '') ?? '';
        const where = `${name} ${file}`;
        const mark = { passed: counts.passed, failed: counts.failed, skipped: counts.skipped };
        walk(session.testResults, counts, where);
        const loadFailed = (session.errors?.length ?? 0) > 0 || session.passed === false;
        if (loadFailed) {
          counts.failedFiles++;
          // a file that failed to load / errored counts as at least one failure
          if (counts.failed === before) {
            counts.failed++;
            const why = String(session.errors?.[0]?.message ?? 'the file did not finish').split('\n')[0];
            failures.push(`${where}: ${why.slice(0, 300)}`);
          }
        }
        (perFile[name] ??= {})[file] = { passed: counts.passed - mark.passed, failed: counts.failed - mark.failed, skipped: counts.skipped - mark.skipped };
      }
      const total = empty();
      for (const c of Object.values(perBrowser)) for (const k of Object.keys(total)) total[k] += c[k];
      const out = { status: 'finished', browsers: perBrowser, total, failures, perFile };
      writeFileSync(RESULTS_FILE, JSON.stringify(out, null, 2) + '\n');
    },
  };
}

export default {
  files: ['test/**/*.test.ts', 'src/**/*.test.ts'],
  nodeResolve: true,
  browsers,
  // WebKitWebDriver drives one MiniBrowser session at a time
  // One test file at a time everywhere: WebKitGTK needs one session at a time; Firefox gives
  // keyboard focus to one tab only (parallel sendKeys steal each other's keys); and test pages
  // share an origin, so one page deleting the SDK's IndexedDB waits for the others' connections.
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 900_000,
  // Lit's one-line dev-mode notice would otherwise be printed for every test file
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  // Under CI (two shared cores, WebKitGTK under Xvfb) a test that fails is run once more before it
  // counts as failed: a real defect fails both times. The closing lines name every failure.
  testFramework: { config: { ui: 'bdd', timeout: 10_000, retries: process.env.CI ? 1 : 0 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  middleware: [
    // Pages with their own CSP, a stub backend and the built drop-in (test/helpers/test-pages.mjs).
    fidelioTestPages,
    // The end-to-end tests open the demo store in a frame; Lit's development build (served
    // unbundled here) reads process.env.NODE_ENV, which Vite would have replaced.
    async function demoProcessShim(ctx, next) {
      await next();
      if (ctx.path === '/demo/index.html' && typeof ctx.body === 'string') {
        ctx.body = ctx.body.replace('<head>', `<head><script>window.process = { env: { NODE_ENV: 'development' } };</script>`);
      }
    },
    async function mockServiceWorker(ctx, next) {
      if (ctx.path === '/mockServiceWorker.js') {
        ctx.status = 200;
        ctx.set('Content-Type', 'application/javascript');
        ctx.set('Service-Worker-Allowed', '/');
        ctx.set('Cache-Control', 'no-cache');
        ctx.body = await readFile(MSW_WORKER, 'utf8');
        return;
      }
      return next();
    },
  ],
  testRunnerHtml: (testFramework) => `<!DOCTYPE html>
<html lang="en">
  <head><meta charset="utf-8"><title>Fidelio tests</title></head>
  <body>
    <script>window.process = { env: { NODE_ENV: 'development' } };</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  reporters: [defaultReporter(), resultsFileReporter()],
};
