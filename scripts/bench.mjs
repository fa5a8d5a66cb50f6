#!/usr/bin/env node
// Benchmarks. `npm run bench` runs every section below in order; each section prints a Markdown
// table and writes bench-results/<id>.json and bench-results/<id>.md. To add a section (browser /
// page benchmarks), write an async function returning { id, title, rows, notes } and append it to
// SECTIONS. Figures are ms of wall time (performance.now) in this Node process; each row also gives
// its ratio to a control measured in the same run, which is what to compare across machines.
//
// Env: BENCH_RUNS (default 5 for the engine, at least 5, and for the page), BENCH_LEDGER_SIZES
// (default 10000,50000,100000 ledger entries for the memberPoints case), BENCH_SECTIONS (default
// engine,kpis,page). The page section (bench/page.mjs) has its own table and settings; at the end
// bench-results/BENCH.md gathers every goal in one table. Missed goals are reported, not failures:
// the exit code is non-zero only when the bench itself crashed.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ROOT, 'bench-results');
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS) || 5);
const PAGE_RUNS = Math.max(1, Math.floor(Number(process.env.BENCH_RUNS) || 5));
const ONLY = new Set((process.env.BENCH_SECTIONS ?? 'engine,kpis,page').split(',').map((s) => s.trim()));

// ------------------------------------------------------------------------------------------------
// helpers shared by sections
// ------------------------------------------------------------------------------------------------

/** Bundles a TS entry for Node (ESM) into the OS temp dir and imports it. */
export async function bundleAndImport(entry, name) {
  const outfile = join(tmpdir(), `fidelio-bench-${name}-${process.pid}.mjs`);
  await build({ entryPoints: [join(ROOT, entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning' });
  return import(pathToFileURL(outfile).href);
}

/** Runs `once` (returning { ms, ... }) `runs` times after `warmup` untimed runs. */
export function measure(once, { runs = RUNS, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) once();
  const samples = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = once();
    samples.push(last.ms);
  }
  return { samples, last };
}

export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtRatio = (r) => (r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2));

/** A result row: `control` is the median of the section's control, for the ratio column. */
export function row(name, n, samples, control, note = '') {
  const s = stats(samples);
  return { name, n, runs: samples.length, ...s, ratioToControl: control ? s.median / control : null, samples, note };
}

export function markdown(section) {
  const lines = [`### ${section.title}`, '', '| case | n | runs | median ms | min ms | max ms | × control | note |', '|---|---:|---:|---:|---:|---:|---:|---|'];
  for (const r of section.rows) {
    lines.push(`| ${r.name} | ${r.n ?? ''} | ${r.runs} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.ratioToControl === null ? '—' : fmtRatio(r.ratioToControl)} | ${r.note} |`);
  }
  if (section.notes?.length) lines.push('', ...section.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

export function writeSection(section, elapsedMs) {
  mkdirSync(OUT_DIR, { recursive: true });
  const meta = { node: process.version, platform: `${process.platform}-${process.arch}`, date: new Date().toISOString(), runs: RUNS, elapsedMs: Math.round(elapsedMs) };
  writeFileSync(join(OUT_DIR, `${section.id}.json`), JSON.stringify({ ...meta, ...section }, null, 2) + '\n');
  writeFileSync(join(OUT_DIR, `${section.id}.md`), markdown(section) + `\n_${meta.node}, ${meta.platform}, ${meta.date}, section took ${(elapsedMs / 1000).toFixed(1)} s_\n`);
}

// ------------------------------------------------------------------------------------------------
// sections
// ------------------------------------------------------------------------------------------------

/** The pure program engine (src/engine) in Node: ledger replay and order posting. */
async function benchEngine() {
  const b = await bundleAndImport('bench/engine.bench.ts', 'engine');
  const CONTROL_N = 100_000;
  const sizes = (process.env.BENCH_LEDGER_SIZES ?? '10000,50000,100000').split(',').map(Number).filter((n) => n > 0);
  const rows = [];
  const notes = [];

  // (c) control first: JSON round trip of a 100k-entry ledger, and a plain summing loop over it
  const control = b.controlCases(CONTROL_N);
  const json = measure(control.json);
  const controlMs = stats(json.samples).median;
  rows.push(row('control: JSON.parse(JSON.stringify(ledger))', CONTROL_N, json.samples, controlMs, 'the unit of the × column'));
  rows.push(row('control: plain loop summing the entries', CONTROL_N, measure(control.loop).samples, controlMs));

  // (a) memberBalance (balance + per-batch expiry, what GET /me computes) for one member with n
  // entries over 5 years; then memberPoints, which also builds every history line
  const ledgerRows = (name, label, makeCase) => {
    const measured = [];
    for (const n of sizes) {
      const once = makeCase(n);
      const probe = once(); // also the warm-up
      const { samples, last } = measure(once, { warmup: 0 });
      const jsonSame = stats(measure(b.controlCases(n).json).samples).median;
      measured.push({ n, median: stats(samples).median });
      rows.push(row(label, n, samples, controlMs, `${last.check}; ${fmtRatio(stats(samples).median / jsonSame)}× a JSON round trip of the same ${n} entries; warm-up ${fmt(probe.ms)} ms`));
    }
    if (measured.length >= 2) {
      const [p, q] = measured.slice(-2);
      const exponent = Math.log(q.median / p.median) / Math.log(q.n / p.n);
      notes.push(`${name} grows as n^${exponent.toFixed(2)} between ${p.n} and ${q.n} entries (measured, not extrapolated).`);
    }
  };
  ledgerRows('memberBalance', 'memberBalance (one member)', b.memberBalanceCase);
  ledgerRows('memberPoints', 'memberPoints with history (one member)', b.memberPointsCase);

  // (b) posting 10k orders across 1k members (and the same at 2.5k / 5k to show the growth)
  for (const orders of [2_500, 5_000, 10_000]) {
    const { samples, last } = measure(b.postOrdersCase(orders, 1_000));
    rows.push(row('postOrder × n across 1 000 members', orders, samples, controlMs, `${last.check}; enrolling the 1 000 members first took ${fmt(last.enrollMs)} ms (not in the figure)`));
  }

  return { id: 'engine', title: 'Program engine (Node, esbuild bundle of src/engine)', controlMs, rows, notes };
}

/** The merchant KPIs over 10k customers / 100k orders, against a JSON round trip of the same orders. */
async function benchKpis() {
  const b = await bundleAndImport('bench/engine.bench.ts', 'engine');
  const once = b.kpiCase(10_000, 100_000);
  const { samples, last } = measure(once);
  const control = measure(b.controlCases(100_000).json);
  const controlMs = stats(control.samples).median;
  const rows = [
    row('control: JSON.parse(JSON.stringify(ledger))', 100_000, control.samples, controlMs, 'the unit of the × column'),
    row('programKpis, last 12 months', 100_000, samples, controlMs, `10 000 customers, 100 000 orders over two years; ${last.check}`),
  ];
  return { id: 'kpis', title: 'Merchant KPIs (Node, esbuild bundle of src/engine)', controlMs, rows, notes: [] };
}

/** The store page with and without Fidelio, in Chromium (bench/page.mjs). */
async function benchPage() {
  const { benchPage: run, pageMarkdown } = await import('../bench/page.mjs');
  const section = await run({ root: ROOT, runs: PAGE_RUNS, log: (line) => process.stderr.write(`${line}\n`) });
  return { ...section, markdown: pageMarkdown(section) };
}

const SECTIONS = { engine: benchEngine, kpis: benchKpis, page: benchPage };

// ------------------------------------------------------------------------------------------------

/** The engine's goals (issue #11) from this run's engine and KPI sections, as rows of BENCH.md. */
function engineGoalRows(results) {
  const rows = [];
  const find = (id, name, n) => results[id]?.rows.find((r) => r.name.startsWith(name) && (n === undefined || r.n === n));
  const goal = (metric, r, limit) =>
    rows.push(r
      ? { metric, control: `${fmt(results[r.section].controlMs)} ms (JSON round trip of 100k entries)`, fidelio: `${fmt(r.median)} ms (${fmt(r.min)}–${fmt(r.max)})`, compare: `×${fmtRatio(r.ratioToControl)}`, goal: `≤ ${limit >= 1000 ? `${limit / 1000} s` : `${limit} ms`}`, met: r.median <= limit ? 'yes' : '**no**' }
      : { metric, control: '—', fidelio: 'not run', compare: '—', goal: `≤ ${limit} ms`, met: '—' });
  const tag = (id, r) => (r ? { ...r, section: id } : r);
  goal('Engine: balance + expiry of one member with 100k ledger entries (Node)', tag('engine', find('engine', 'memberBalance', 100_000)), 50);
  goal('Engine: 10k orders posted across 1k members (Node)', tag('engine', find('engine', 'postOrder', 10_000)), 1000);
  goal('Engine: merchant KPIs over 10k customers / 100k orders (Node)', tag('kpis', find('kpis', 'programKpis')), 1000);
  return rows;
}

function benchMd(results) {
  const page = results.page;
  const lines = ['# Fidelio bench', '', `\`npm run bench\` on ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${new Date().toISOString()}.`, ''];
  if (page) lines.push(page.markdown, '');
  else lines.push('_The page section was not run (BENCH_SECTIONS)._', '');
  const engine = engineGoalRows(results);
  lines.push('### Engine goals', '', '| metric | control | Fidelio | ratio / delta | goal | met? |', '|---|---|---|---|---|---|', ...engine.map((r) => `| ${r.metric} | ${r.control} | ${r.fidelio} | ${r.compare} | ${r.goal} | ${r.met} |`), '');
  for (const id of ['engine', 'kpis']) if (results[id]) lines.push(markdown(results[id]), '');
  return lines.join('\n');
}

async function main() {
  const started = performance.now();
  const results = {};
  for (const [id, section] of Object.entries(SECTIONS)) {
    if (!ONLY.has(id)) continue;
    const t = performance.now();
    const result = await section();
    const elapsed = performance.now() - t;
    results[id] = result;
    if (result.markdown) {
      mkdirSync(OUT_DIR, { recursive: true });
      const { markdown: md, samples, ...rest } = result;
      writeFileSync(join(OUT_DIR, `${id}.json`), JSON.stringify({ node: process.version, date: new Date().toISOString(), elapsedMs: Math.round(elapsed), ...rest, samples }, null, 1) + '\n');
      process.stdout.write(`\n${md}\n_section took ${(elapsed / 1000).toFixed(1)} s_\n\n`);
    } else {
      process.stdout.write(markdown(result) + `\n_section took ${(elapsed / 1000).toFixed(1)} s_\n\n`);
      writeSection(result, elapsed);
    }
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const md = benchMd(results);
  writeFileSync(join(OUT_DIR, 'BENCH.md'), md);
  if (results.engine || results.kpis) {
    const engine = engineGoalRows(results);
    process.stdout.write(['### Engine goals', '', '| metric | control | Fidelio | ratio / delta | goal | met? |', '|---|---|---|---|---|---|', ...engine.map((r) => `| ${r.metric} | ${r.control} | ${r.fidelio} | ${r.compare} | ${r.goal} | ${r.met} |`), ''].join('\n') + '\n');
  }
  process.stdout.write(`Machine: ${cpus().length} CPU cores. Wrote bench-results/ (BENCH.md) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

main().then(
  // Playwright and Lighthouse may leave handles behind; everything is closed, so leave now.
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
