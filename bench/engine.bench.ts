/**
 * Engine benchmark cases (pure functions, run in Node after esbuild bundles this file — see
 * scripts/bench.mjs). Each case builds its input outside the timed region and returns the ms of
 * the timed region only.
 */
import { DAY_MS } from '../src/core/clock.js';
import {
  DEFAULT_PROGRAM, addProgram, emptyState, enrollMember, memberPoints, postOrder,
  type EngineState, type LedgerEntry, type OrderInput, type ProgramConfig,
} from '../src/engine/index.js';

export const T0 = Date.parse('2021-01-04T10:00:00Z');
const YEARS5 = 5 * 365 * DAY_MS;

function program(overrides: Partial<ProgramConfig> = {}): ProgramConfig {
  return { ...DEFAULT_PROGRAM, id: 'shop', name: 'Bench', expiry: { mode: 'fixed', months: 12 }, ...overrides };
}

/** Small deterministic PRNG (mulberry32) so every run sees the same ledger. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One member, `n` ledger entries over 5 years: 60 % order earns (pending 30 days), 20 % redemptions,
 * 10 % returns of an earlier order, 10 % manual adjustments (±). Plus one other member's entries
 * interleaved (so `memberPoints`' ledger filter has something to skip): `others` of them.
 */
export function bigLedgerState(n: number, others = 0): { state: EngineState; memberId: string; now: number } {
  const state = emptyState();
  addProgram(state, program({ joinIncentive: null }));
  const memberId = enrollMember(state, 'shop', { email: 'big@example.com' }, T0).member.id;
  const other = enrollMember(state, 'shop', { email: 'other@example.com' }, T0).member.id;
  const random = rng(42);
  const orders: string[] = [];
  const entries: LedgerEntry[] = [];
  const step = YEARS5 / n;
  for (let i = 0; i < n; i++) {
    const at = Math.floor(T0 + i * step);
    const roll = random();
    const id = `b_${i}`;
    if (roll < 0.6 || orders.length === 0) {
      const orderId = `o${i}`;
      orders.push(orderId);
      entries.push({ id, kind: 'earn', memberId, points: 5 + Math.floor(random() * 200), at, source: 'order', orderId, availableAt: at + 30 * DAY_MS });
    } else if (roll < 0.8) entries.push({ id, kind: 'redeem', memberId, points: 10 + Math.floor(random() * 100), at, ref: `r${i}` });
    else if (roll < 0.9) entries.push({ id, kind: 'reverse', memberId, orderId: orders[Math.floor(random() * orders.length)]!, points: 1 + Math.floor(random() * 50), at, ref: `x${i}` });
    else entries.push({ id, kind: 'adjust', memberId, points: Math.floor(random() * 200) - 100 || 1, at, note: 'bench' });
  }
  for (let i = 0; i < others; i++) entries.push({ id: `z_${i}`, kind: 'earn', memberId: other, points: 10, at: Math.floor(T0 + (i * YEARS5) / others), source: 'order', orderId: `z${i}`, availableAt: T0 });
  state.ledger.push(...entries);
  return { state, memberId, now: T0 + YEARS5 + DAY_MS };
}

const time = (run: () => unknown): { ms: number; result: unknown } => {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
};

/** (a) balance + per-batch expiry for the member with `n` entries. */
export function memberPointsCase(n: number) {
  const { state, memberId, now } = bigLedgerState(n);
  return () => {
    const { ms, result } = time(() => memberPoints(state, 'shop', memberId, now));
    const r = result as ReturnType<typeof memberPoints>;
    return { ms, check: `${r.batches.length} batches, available ${r.summary.available}, expired ${r.summary.expired}, owed ${r.summary.owed}` };
  };
}

/** (c) controls over the same entries: a JSON round trip, and a plain summing loop. */
export function controlCases(n: number) {
  const { state } = bigLedgerState(n);
  return {
    json: () => time(() => JSON.parse(JSON.stringify(state.ledger))),
    loop: () =>
      time(() => {
        let sum = 0;
        for (const e of state.ledger) sum += e.kind === 'cancel' ? 0 : e.kind === 'redeem' || e.kind === 'reverse' ? -e.points : e.points;
        return sum;
      }),
  };
}

/** (b) posting `orders` orders spread over `members` members (round-robin), clock moving forward. */
export function postOrdersCase(orders: number, members: number) {
  return () => {
    const state = emptyState();
    addProgram(state, program());
    const ids: string[] = [];
    const enrolled = time(() => {
      for (let i = 0; i < members; i++) ids.push(enrollMember(state, 'shop', { email: `m${i}@example.com`, name: `Member ${i}` }, T0).member.id);
    });
    const inputs: OrderInput[] = [];
    for (let i = 0; i < orders; i++) {
      inputs.push({
        orderId: `o${i}`, memberId: ids[i % members]!, currency: 'USD', placedAt: T0 + Math.floor((i * YEARS5) / orders),
        lines: [{ id: 'a', unitPrice: 2500 + (i % 7) * 1000, quantity: 1 + (i % 3) }, { id: 'b', unitPrice: 999, quantity: 1 }], discounts: i % 5 === 0 ? 500 : 0,
      });
    }
    const { ms } = time(() => {
      for (const input of inputs) postOrder(state, 'shop', input);
    });
    return { ms, enrollMs: enrolled.ms, check: `${Object.keys(state.orders).length} orders, ${state.ledger.length} ledger entries` };
  };
}
