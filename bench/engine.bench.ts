/**
 * Engine benchmark cases (pure functions, run in Node after esbuild bundles this file — see
 * scripts/bench.mjs). Each case builds its input outside the timed region and returns the ms of
 * the timed region only.
 */
import { DAY_MS } from '../src/core/clock.js';
import {
  DEFAULT_PROGRAM, addProgram, emptyState, enrollMember, memberBalance, memberPoints, postOrder, programKpis,
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

/** One member with `n` entries, timed through `compute` (memberBalance or memberPoints). */
function ledgerCase(n: number, compute: typeof memberBalance) {
  const { state, memberId, now } = bigLedgerState(n);
  return () => {
    const { ms, result } = time(() => compute(state, 'shop', memberId, now));
    const r = result as ReturnType<typeof memberBalance>;
    // memberBalance builds its batch objects only when they are read: the balance is the figure
    const batches = compute === memberBalance ? '' : `${r.batches.length} batches, `;
    return { ms, check: `${batches}available ${r.summary.available}, expired ${r.summary.expired}, owed ${r.summary.owed}` };
  };
}

/** (a) balance + per-batch expiry for the member with `n` entries (what GET /me computes). */
export const memberBalanceCase = (n: number) => ledgerCase(n, memberBalance);

/** (a′) the same with the full history lines (the member panel's history). */
export const memberPointsCase = (n: number) => ledgerCase(n, memberPoints);

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

/**
 * (c) the merchant KPIs over `customers` customers and `orders` orders across two years. The
 * state is written directly as plain records (as a backend would load it), not through postOrder,
 * so the set-up stays fast; returns the timed `programKpis` call for the last year.
 */
export function kpiCase(customers: number, orders: number) {
  const state = emptyState();
  addProgram(state, program());
  const random = rng(7);
  const now = T0 + 2 * 365 * DAY_MS;
  for (let c = 0; c < customers; c += 2) {
    const id = `m${c}`;
    state.members[id] = {
      id, programId: 'shop', email: `c${c}@example.com`, name: null, birthday: null, newsletter: false, statement: true,
      joinedAt: T0 + Math.floor(random() * 700) * DAY_MS, referralCode: `C${c}`, referredBy: null, deviceId: null, unsubscribeToken: `u${c}`, shares: 0,
    };
  }
  for (let i = 0; i < orders; i++) {
    const c = Math.floor(random() * customers);
    const placedAt = T0 + Math.floor(random() * 730 * DAY_MS);
    const price = 1000 + Math.floor(random() * 20) * 500;
    const memberId = c % 2 === 0 ? `m${c}` : null;
    state.orders[`shop:o${i}`] = {
      programId: 'shop', orderId: `o${i}`, memberId, email: `c${c}@example.com`, currency: 'USD',
      lines: [{ id: 'a', unitPrice: price, quantity: 1 }], shipping: 500, tax: 0, discounts: 0, placedAt,
      earnBase: price, points: memberId ? Math.floor(price / 1000) : 0, returned: random() < 0.05 ? price : 0, returnIds: [], pointsReversed: 0, couponCodes: [],
    };
    if (memberId) state.ledger.push({ id: `e${i}`, kind: 'earn', memberId, points: Math.floor(price / 1000), at: placedAt, source: 'order', orderId: `o${i}`, availableAt: placedAt + 30 * DAY_MS });
  }
  return () => {
    let result: ReturnType<typeof programKpis> | undefined;
    const { ms } = time(() => {
      result = programKpis(state, 'shop', { from: now - 365 * DAY_MS, to: now, lifespanYears: 5 });
    });
    return { ms, check: `${result!.orders} orders in range, ${result!.customers} customers, AOV ${result!.averageOrderValue}, adoption ${result!.adoptionRate.percent} %, CRR ${result!.retention.percent} %` };
  };
}
