// The referral widget's own QR encoder (src/components/referral-share/qr.ts) against two outside
// references: uqr, an encoder (the same symbol, module for module, for the same mask), and jsQR, a
// decoder (a phone's camera would read what the widget draws). Both are dev dependencies only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encode } from 'uqr';
import jsQR from 'jsqr';

const source = fileURLToPath(new URL('../../src/components/referral-share/qr.ts', import.meta.url));

async function loadEncoder() {
  const ts = (await import('typescript')).default;
  const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } });
  const dir = mkdtempSync(join(tmpdir(), 'fidelio-qr-'));
  try {
    writeFileSync(join(dir, 'qr.mjs'), outputText);
    return await import(pathToFileURL(join(dir, 'qr.mjs')).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const { qrModules } = await loadEncoder();

// Level M's byte capacity of each version (ISO/IEC 18004 table 7), to aim at every version's edges.
const CAPACITY = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331];

/** A referral link of exactly `length` bytes (lowercase: byte mode for both encoders). */
function link(length, salt = 0) {
  const base = `https://casa-verde.example/?ref=ana${salt}&utm_source=wechat&p=`;
  let text = base;
  for (let i = 0; text.length < length; i++) text += 'abcdefghijklmnopqrstuvwxyz0123456789-_'[(i * 7 + salt) % 38];
  return text.slice(0, length);
}

function decode(modules) {
  const quiet = 4;
  const scale = 3;
  const side = (modules.length + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4;
          pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
        }
      }
    }),
  );
  return jsQR(pixels, side, side)?.data ?? null;
}

test('the smallest version that holds the link: each version at its last byte, and the next one past it', () => {
  CAPACITY.forEach((bytes, i) => {
    const version = i + 1;
    assert.equal(qrModules(link(bytes, version)).length, version * 4 + 17, `${bytes} bytes fit version ${version}`);
    if (version < 40) assert.equal(qrModules(link(bytes + 1, version)).length, version * 4 + 21, `${bytes + 1} bytes need version ${version + 1}`);
  });
  assert.throws(() => qrModules(link(2332)), RangeError);
});

test('module for module the symbol uqr draws, for every version and mask (level M, byte mode)', () => {
  for (let version = 1; version <= 40; version++) {
    for (const bytes of [CAPACITY[version - 1], version === 1 ? 1 : CAPACITY[version - 2] + 1]) {
      const text = link(bytes, version);
      for (let mask = 0; mask < 8; mask++) {
        const expected = encode(text, { ecc: 'M', border: 0, maskPattern: mask, boostEcc: false }).data;
        assert.deepEqual(qrModules(text, mask), expected, `version ${version}, ${bytes} bytes, mask ${mask}`);
      }
    }
  }
});

test('a decoder reads back the link, Chinese and emoji included, with the mask the encoder picked', () => {
  const texts = ['https://casa-verde.example/?ref=ANA2026', 'https://例子.测试/邀请?ref=王芳2026&来源=微信', `https://casa-verde.example/r/${'🌿'.repeat(20)}`, link(180), link(620), link(1500)];
  for (const text of texts) assert.equal(decode(qrModules(text)), text);
  // a mask of its own choice, one of the eight: decodable whichever it is
  const picks = new Set(Array.from({ length: 24 }, (_, i) => link(20 + i * 9, i)).map((text) => JSON.stringify(qrModules(text)) === JSON.stringify(qrModules(text, 0)) ? 0 : 1));
  assert.ok(picks.size === 2, 'the lowest-penalty choice is not always mask 0');
});
