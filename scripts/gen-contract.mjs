#!/usr/bin/env node
// Generates src/contract/openapi.gen.ts from src/contract/openapi.yaml with openapi-typescript.
// Usage: npm run contract
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const source = new URL('../src/contract/openapi.yaml', import.meta.url);
const target = new URL('../src/contract/openapi.gen.ts', import.meta.url);

const HEADER = `/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: src/contract/openapi.yaml (Fidelio REST contract, OpenAPI 3.1).
 * Regenerate with \`npm run contract\` (scripts/gen-contract.mjs, openapi-typescript).
 * Import friendly aliases from ./types.ts instead of this file.
 */

`;

try {
  const ast = await openapiTS(source, {
    alphabetize: false,
    // Responses are open for extension, but types stay exact for what the contract lists.
    additionalProperties: false,
    defaultNonNullable: false,
  });
  const body = astToString(ast);
  const out = HEADER + body;
  let previous = '';
  try { previous = await readFile(target, 'utf8'); } catch { /* first run */ }
  if (previous !== out) await writeFile(target, out, 'utf8');
  console.log(`${previous === out ? 'unchanged' : 'wrote'} ${fileURLToPath(target)}`);
} catch (err) {
  console.error(`contract generation failed: ${err?.message ?? err}`);
  process.exit(1);
}
