// Checks that the built drop-in can run on a store's page (run after `npm run build`). Both were
// found by the page bench: the bundler dropped every `X.define('fidelio-…')` call (package.json
// `sideEffects` did not list the tag files), and library mode left `process.env.NODE_ENV` in the
// shared chunk, which throws on a page without a `process` global before `window.Fidelio` exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const entry = join(dist, 'fidelio.js');

function specifiers(file, dynamic) {
  const code = readFileSync(file, 'utf8');
  const found = new Set();
  for (const m of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g)) found.add(m[1]);
  if (dynamic) for (const m of code.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)) found.add(m[1]);
  return [...found].map((spec) => join(dirname(file), spec));
}

function closure(start, dynamic) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of specifiers(file, dynamic)) visit(next);
  };
  visit(start);
  return [...seen];
}

test('no shipped file reads process.env (a store page has no `process`)', () => {
  assert.ok(existsSync(entry), 'dist/fidelio.js is missing: run `npm run build` first');
  const files = closure(entry, true);
  assert.ok(files.length >= 3);
  for (const file of files) assert.doesNotMatch(readFileSync(file, 'utf8'), /\bprocess\.env\b/, `${relative(root, file)} reads process.env`);
});

test('every tag the drop-in lazy-loads is defined by the chunk it loads', () => {
  assert.ok(existsSync(entry), 'dist/fidelio.js is missing: run `npm run build` first');
  const initial = closure(entry, false);
  const lazy = [];
  for (const file of initial) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/["'](fidelio-[a-z-]+)["']\s*:\s*\(\)\s*=>\s*(?:__fidelioPreload\(\[[\d,]*\](?:,\d+)?\)\.then\(\(\)\s*=>\s*)?import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g)) lazy.push({ tag: m[1], chunk: join(dirname(file), m[2]) });
  }
  assert.ok(lazy.some((x) => x.tag === 'fidelio-points-badge'), 'the component map was not found in the initial files');
  for (const { tag, chunk } of lazy) {
    const code = closure(chunk, false).map((f) => readFileSync(f, 'utf8')).join('\n');
    assert.match(code, new RegExp(`\\.define\\(\\s*["'\`]${tag}["'\`]`), `<${tag}> is loaded but never defined by ${relative(dist, chunk)}`);
  }
});
