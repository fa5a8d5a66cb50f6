// The CORS policy a backend on another origin must answer lives in one file, src/contract/cors.json:
// the test pages' stub API answers exactly it (test/drop-in/cross-origin-api.test.ts), and the README
// and the contract tell merchants the same headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const cors = JSON.parse(read('src/contract/cors.json'));
const lines = {
  'Access-Control-Allow-Origin': cors.allowOrigin,
  'Access-Control-Allow-Methods': cors.allowMethods.join(', '),
  'Access-Control-Allow-Headers': cors.allowHeaders.join(', '),
  'Access-Control-Max-Age': String(cors.maxAgeSeconds),
  'Access-Control-Expose-Headers': cors.exposeHeaders.join(', '),
};

for (const doc of ['README.md', 'src/contract/openapi.yaml']) {
  test(`${doc} states the CORS policy of src/contract/cors.json`, () => {
    const text = read(doc).replace(/\s+/g, ' ');
    for (const [name, value] of Object.entries(lines)) {
      // the origin line is README-only (the contract says `*` in prose)
      if (doc.endsWith('.yaml') && name === 'Access-Control-Allow-Origin') continue;
      assert.ok(text.includes(`${name}: ${value}`), `${doc} lacks "${name}: ${value}"`);
    }
  });
}

test('the policy lets the SDK send its token, its JSON and its idempotency keys, and read Retry-After', () => {
  assert.deepEqual([...cors.allowHeaders].sort(), ['Authorization', 'Content-Type', 'Idempotency-Key']);
  assert.ok(cors.exposeHeaders.includes('Retry-After'));
  assert.ok(cors.maxAgeSeconds >= 600, 'a preflight kept at least as long as WebKit keeps one');
});
