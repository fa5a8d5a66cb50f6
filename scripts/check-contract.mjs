#!/usr/bin/env node
// Validates src/contract/openapi.yaml: parses it, compiles every component schema with
// Ajv (JSON Schema 2020-12, as used by OpenAPI 3.1), checks the house rules of the contract
// and validates the document's examples. Usage: npm run contract:check
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const file = new URL('../src/contract/openapi.yaml', import.meta.url);
const doc = parse(await readFile(file, 'utf8'));
const errors = [];
const fail = (msg) => errors.push(msg);

// ---------------------------------------------------------------- document shape
if (!/^3\.1\.\d+$/.test(String(doc.openapi))) fail(`openapi must be 3.1.x, got ${doc.openapi}`);
const schemas = doc.components?.schemas ?? {};
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const PREFIX = '/v1/programs/{programId}';
const operationIds = new Set();
const schemeNames = new Set(Object.keys(doc.components?.securitySchemes ?? {}));
for (const name of ['customerToken', 'merchantKey']) {
  if (!schemeNames.has(name)) fail(`missing security scheme ${name}`);
}

const resolve = (node) => {
  let seen = 0;
  while (node && typeof node.$ref === 'string' && seen++ < 10) {
    const ptr = node.$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    node = ptr.reduce((o, k) => (o == null ? undefined : o[k]), doc);
  }
  return node;
};

for (const [path, item] of Object.entries(doc.paths ?? {})) {
  if (path !== PREFIX && !path.startsWith(`${PREFIX}/`)) fail(`${path}: not under ${PREFIX}`);
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    const where = `${method.toUpperCase()} ${path}`;
    if (!op.operationId) fail(`${where}: no operationId`);
    else if (operationIds.has(op.operationId)) fail(`${where}: duplicate operationId ${op.operationId}`);
    else operationIds.add(op.operationId);
    if (!op.summary) fail(`${where}: no summary`);
    else if (op.summary.includes('\n')) fail(`${where}: summary must be one line`);
    if (!op.description) fail(`${where}: no description`);
    for (const req of op.security ?? []) {
      for (const name of Object.keys(req)) if (!schemeNames.has(name)) fail(`${where}: unknown security scheme ${name}`);
    }
    for (const [status, ref] of Object.entries(op.responses ?? {})) {
      const res = resolve(ref);
      if (!res) { fail(`${where} ${status}: unresolved ${ref.$ref}`); continue; }
      if (/^[45]/.test(status)) {
        const media = res.content?.['application/problem+json'];
        if (!media) fail(`${where} ${status}: error response is not application/problem+json`);
        else if (media.schema?.$ref !== '#/components/schemas/Problem') fail(`${where} ${status}: error schema is not Problem`);
        if (status === '429' && !res.headers?.['Retry-After']) fail(`${where} 429: no Retry-After header`);
      } else if (/^2/.test(status) && !res.content?.['application/json']) {
        fail(`${where} ${status}: success response without application/json`);
      }
    }
  }
}

// ---------------------------------------------------------------- schema house rules
function walk(node, where) {
  if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
  if (!node || typeof node !== 'object') return;
  if ('nullable' in node) fail(`${where}: uses 'nullable' (OpenAPI 3.0); use type: [x, 'null']`);
  if (node.additionalProperties === false) fail(`${where}: additionalProperties: false (responses must stay open)`);
  const isObject = node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));
  if (isObject && node.properties && !Array.isArray(node.required)) fail(`${where}: object schema without explicit 'required'`);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties') {
      for (const [prop, sub] of Object.entries(value)) walk(sub, `${where}/properties/${prop}`);
    } else if (key !== 'examples' && key !== 'example' && key !== 'enum' && key !== 'const') {
      walk(value, `${where}/${key}`);
    }
  }
}
for (const [name, schema] of Object.entries(schemas)) walk(schema, `#/components/schemas/${name}`);

// ---------------------------------------------------------------- compile with Ajv 2020
const ID = 'https://fidelio.example/contract/openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: ID, components: { schemas } });
const validators = {};
for (const name of Object.keys(schemas)) {
  try {
    validators[name] = ajv.compile({ $ref: `${ID}#/components/schemas/${name}` });
  } catch (err) {
    fail(`schema ${name}: ${err.message}`);
  }
}

const REQUIRED_SCHEMAS = [
  'ProgramSummary', 'Member', 'PointsSummary', 'PointBatch', 'Problem', 'Money', 'EnrollRequest',
  'Enrollment', 'Cart', 'CartLine', 'CouponValidation', 'Redemption', 'ActivityEntry', 'DemoSession',
];
for (const name of REQUIRED_SCHEMAS) if (!schemas[name]) fail(`missing schema ${name}`);

// ---------------------------------------------------------------- examples in the document
const check = (name, value, expectValid, label) => {
  const v = validators[name];
  if (!v) return;
  const ok = v(value);
  if (ok !== expectValid) {
    fail(`${label}: expected ${name} ${expectValid ? 'valid' : 'invalid'}${ok ? '' : `: ${ajv.errorsText(v.errors)}`}`);
  }
};
for (const [rname, res] of Object.entries(doc.components?.responses ?? {})) {
  for (const media of Object.values(res.content ?? {})) {
    const target = media.schema?.$ref?.split('/').pop();
    if (!target) continue;
    if (media.example !== undefined) check(target, media.example, true, `response ${rname} example`);
    for (const [ex, { value }] of Object.entries(media.examples ?? {})) check(target, value, true, `response ${rname} example ${ex}`);
  }
}

// ---------------------------------------------------------------- fixtures (sanity of the rules)
const usd = (amount) => ({ amount, currency: 'USD' });
const now = '2025-06-01T12:00:00Z';
check('Money', usd(1000), true, 'money');
check('Money', { amount: 10.5, currency: 'USD' }, false, 'money with a fraction');
check('Money', { amount: 100, currency: 'usd' }, false, 'money with a lowercase currency');
check('ProgramSummary', {
  id: 'demo', name: 'Demo Rewards', currency: 'USD', earn: { points: 1, perMinor: 1000 }, pendingDays: 30,
  expiry: { mode: 'fixed', months: 12 }, pointValue: usd(100), joinIncentive: null,
}, true, 'minimal program');
check('ProgramSummary', {
  id: 'demo', name: 'Demo Rewards', currency: 'USD', earn: { points: 1, perMinor: 1000 }, pendingDays: 30,
  expiry: { mode: 'fixed', months: 12 }, pointValue: usd(100), joinIncentive: { points: 100 },
  actions: [{ type: 'share', points: 5, cap: 3 }], referral: { referrerPoints: 200, friendDiscount: usd(1000) },
  tiers: [], rewards: [{ id: 'r1', name: '$5 off', points: 5, kind: 'fixed', value: usd(500) }], futureField: 1,
}, true, 'full program with an unknown field');
const member = {
  id: 'm1', email: 'ana@example.com', name: null, currency: 'USD', updatedAt: now,
  points: { available: 10, pending: 5, lifetime: 15, nextPending: { points: 5, availableOn: now }, nextExpiry: null },
};
check('Member', member, true, 'member');
check('Member', { ...member, points: { ...member.points, available: -1 } }, false, 'negative balance');
check('EnrollRequest', { email: 'ana@example.com', newsletter: false }, true, 'minimal enrollment');
check('EnrollRequest', { email: 'ana@example.com' }, false, 'enrollment without explicit newsletter');
check('EnrollRequest', { email: 'not-an-email', newsletter: true }, false, 'enrollment with a bad email');
check('PointBatch', {
  id: 'b1', source: 'order', orderId: 'o1', points: 10, remaining: 10, status: 'pending',
  earnedAt: now, availableOn: now, expiresOn: null,
}, true, 'batch');
check('Problem', { type: 'about:blank', title: 'x', status: 422, code: 'nope' }, false, 'unknown problem code');
check('Problem', {
  type: 'about:blank', title: 'x', status: 422, code: 'coupon_min_spend', params: { missing: usd(100), note: 'x', list: [1] },
}, true, 'problem with params');
const line = { id: 'l1', name: 'Mug', unitPrice: 1200, quantity: 1 };
const order = {
  orderId: 'o1', currency: 'USD', lines: [line], shipping: 0, tax: 0, subtotal: 1200, discounts: 0, placedAt: now,
};
check('OrderRequest', { ...order, email: 'ana@example.com' }, true, 'order by email');
check('OrderRequest', order, false, 'order without memberId or email');
check('ReturnRequest', { returnId: 'r1', amount: 500 }, true, 'return by amount');
check('ReturnRequest', { returnId: 'r1', lines: [{ id: 'l1', quantity: 1 }] }, true, 'return by lines');
check('ReturnRequest', { returnId: 'r1', amount: 500, lines: [{ id: 'l1', quantity: 1 }] }, false, 'return by both');
check('ReturnRequest', { returnId: 'r1' }, false, 'return by neither');
check('UnsubscribeResult', { email: 'a***@example.com', newsletter: false }, true, 'unsubscribe');
check('DemoSession', { token: 'x.y.z', expiresAt: now }, true, 'demo session');

// ---------------------------------------------------------------- report
const paths = Object.keys(doc.paths ?? {}).length;
if (errors.length) {
  console.error(`contract check FAILED (${errors.length}):\n- ${errors.join('\n- ')}`);
  process.exit(1);
}
console.log(`contract OK: ${paths} paths, ${operationIds.size} operations, ${Object.keys(schemas).length} schemas compiled`);
