/**
 * Property tests for the program engine: random sequences of writes (enroll, orders, returns,
 * redemptions, cancellations, actions) applied to one program with a moving clock. After every
 * command the ledger invariants are checked for every member.
 *
 * Each `it` runs the same kind of command sequence and checks one property, so a failure names the
 * property and fast-check prints the shrunk sequence of commands.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  EngineError, adjustPoints, cancelRedemption, enrollMember, memberPoints, postOrder, postReturn, recordAction, redeem,
  type ActionRule, type EngineState, type OrderInput, type PointsSummary, type ProgramConfig, type RedeemInput, type ReturnInput,
} from '../../src/engine/index.js';
import { T0, days, line, world } from './fixtures.js';

const RUNS = 200;

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

type LineSpec = { price: number; qty: number; category: 'pots' | 'plants' };
type Op =
  | { t: 'enroll'; email: number; newsletter: boolean; referrer: number | null; key: number | null }
  | { t: 'order'; member: number; orderId: number; lines: LineSpec[]; discounts: number; shipping: number; coupon: number | null }
  | { t: 'return'; orderId: number; returnId: number; mode: 'full' | 'lines' | 'amount'; picks: number[]; amount: number }
  | { t: 'redeem'; member: number; reward: string; cartSubtotal: number; steps: number | null; key: number | null }
  | { t: 'cancel'; redemption: number; otherMember: number | null }
  | { t: 'action'; member: number; type: ActionRule['type'] }
  | { t: 'adjust'; member: number; points: number }
  | { t: 'advance'; days: number; ms: number };

const lineSpec: fc.Arbitrary<LineSpec> = fc.record({
  price: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 200_000 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 999, 1000, 3333) }),
  qty: fc.integer({ min: 1, max: 4 }),
  category: fc.constantFrom('pots', 'plants'),
});

/**
 * Commands over small pools of members / order ids / return ids / keys, so duplicates and writes on
 * the same order happen often. `focus` narrows to one shopper's orders, redemptions, returns and
 * cancellations (the paths that create debts), with clock moves around the return window.
 */
function opsArb(focus: boolean): fc.Arbitrary<Op> {
  const members = focus ? 0 : 3;
  const orders = 3;
  const w = (broad: number, focused: number) => (focus ? focused : broad);
  return fc.oneof(
    { weight: w(2, 0), arbitrary: fc.record({ t: fc.constant('enroll' as const), email: fc.nat(5), newsletter: fc.boolean(), referrer: fc.option(fc.nat(3)), key: fc.option(fc.nat(3)) }) },
    {
      weight: w(5, 4),
      arbitrary: fc.record({
        t: fc.constant('order' as const),
        member: fc.nat(members),
        orderId: fc.nat(orders),
        lines: fc.array(lineSpec, { minLength: 1, maxLength: 3 }),
        discounts: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 80_000 })),
        shipping: fc.integer({ min: 0, max: 2000 }),
        coupon: fc.option(fc.nat(5), { freq: 4 }),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        t: fc.constant('return' as const),
        orderId: fc.nat(orders),
        returnId: fc.nat(2),
        mode: fc.constantFrom('full' as const, 'lines' as const, 'amount' as const),
        picks: fc.array(fc.nat(9), { minLength: 3, maxLength: 3 }),
        amount: fc.integer({ min: -10, max: 120_000 }),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        t: fc.constant('redeem' as const),
        member: fc.nat(members),
        reward: fc.constantFrom('r10', 'ship', 'pay', 'pay', 'nope'),
        cartSubtotal: fc.integer({ min: 0, max: 60_000 }),
        steps: fc.option(fc.integer({ min: -1, max: 8 })),
        key: fc.option(fc.nat(3)),
      }),
    },
    { weight: w(2, 3), arbitrary: fc.record({ t: fc.constant('cancel' as const), redemption: fc.nat(7), otherMember: fc.option(fc.nat(3), { freq: 5 }) }) },
    { weight: w(2, 1), arbitrary: fc.record({ t: fc.constant('action' as const), member: fc.nat(members), type: fc.constantFrom('newsletter', 'share', 'birthday', 'review', 'social_follow') as fc.Arbitrary<ActionRule['type']> }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('adjust' as const), member: fc.nat(members), points: fc.oneof(fc.integer({ min: -400, max: 400 }), fc.constantFrom(-100, -1, 1, 100)) }) },
    { weight: 3, arbitrary: fc.record({ t: fc.constant('advance' as const), days: focus ? fc.constantFrom(0, 1, 15, 29, 30, 31, 61, 200) : fc.integer({ min: 0, max: 400 }), ms: fc.nat(86_399_999) }) },
  );
}

type Overrides = Partial<ProgramConfig>;
const overridesArb: fc.Arbitrary<Overrides> = fc.record({
  pendingDays: fc.constantFrom(0, 1, 14, 30, 60),
  expiry: fc.oneof(
    fc.record({ mode: fc.constant('fixed' as const), months: fc.constantFrom(0, 1, 6, 12, 24) }),
    fc.record({ mode: fc.constant('rolling' as const), months: fc.constantFrom(1, 6, 12) }),
    fc.record({ mode: fc.constant('calendar' as const), months: fc.constantFrom(0, 1, 12), on: fc.constantFrom({ month: 12, day: 31 }, { month: 6, day: 30 }, { month: 2, day: 28 }) }),
    fc.constant({ mode: 'none' as const, months: 0 }),
  ),
  joinIncentive: fc.constantFrom(null, { points: 100 }, { points: 250 }),
  earn: fc.constantFrom({ points: 1, perMinor: 1000 }, { points: 1, perMinor: 100 }, { points: 3, perMinor: 700 }),
  earnBase: fc.constantFrom({ shipping: false, tax: false }, { shipping: true, tax: false }),
  promotionStacking: fc.constantFrom('max' as const, 'add' as const),
  promotions: fc.constantFrom([], [{ id: 'p2', name: 'Double pots', multiplier: 2, appliesTo: { categories: ['pots'] }, startsAt: T0, endsAt: T0 + days(90) }]),
  // (a store's zone moves every expiry date off UTC's: the invariants hold on any calendar)
  timeZone: fc.constantFrom(undefined, 'UTC', 'America/Los_Angeles', 'Asia/Kathmandu'),
});

/** Half the runs broad (several shoppers, referrals, actions), half focused on one shopper's debts. */
const scenarioArb = fc.oneof(
  fc.record({ overrides: overridesArb, ops: fc.array(opsArb(false), { minLength: 1, maxLength: 50 }) }),
  fc.record({ overrides: overridesArb, ops: fc.array(opsArb(true), { minLength: 1, maxLength: 40 }) }),
);

// ---------------------------------------------------------------------------------------------
// Interpreter
// ---------------------------------------------------------------------------------------------

const EMAILS = ['bo@example.com', 'cy@example.com', 'di@example.com', 'ed@example.com', 'fa@example.com', 'Ana@Example.com'];

/** A write, ready to run (and to run again for the replay property). */
interface Write {
  name: string;
  /** Does running it again (same key / order id / return id) promise to change nothing? */
  replayable: boolean;
  run: () => unknown;
}

interface Sim {
  state: EngineState;
  now: number;
  rules: ProgramConfig;
}

const memberIds = (sim: Sim) => Object.keys(sim.state.members);
const pickMember = (sim: Sim, n: number) => {
  const ids = memberIds(sim);
  return n < ids.length ? ids[n]! : 'm_nobody'; // an unknown member now and then: must be refused
};

function toOrder(sim: Sim, op: Extract<Op, { t: 'order' }>): OrderInput {
  const redemptions = Object.values(sim.state.redemptions);
  const coupon = op.coupon !== null && redemptions.length ? redemptions[op.coupon % redemptions.length]!.couponCode : null;
  return {
    orderId: `o${op.orderId}`,
    memberId: pickMember(sim, op.member),
    currency: 'USD',
    lines: op.lines.map((l, i) => line(`l${i}`, l.price, l.qty, { category: l.category })),
    discounts: op.discounts,
    shipping: op.shipping,
    placedAt: sim.now,
    ...(coupon ? { couponCodes: [coupon] } : {}),
  };
}

function toReturn(sim: Sim, op: Extract<Op, { t: 'return' }>): ReturnInput {
  const order = sim.state.orders[`shop:o${op.orderId}`];
  const returnId = `x${op.returnId}`;
  if (!order) return { returnId, amount: 1 };
  if (op.mode === 'amount') return { returnId, amount: op.amount };
  const lines = order.lines.map((l, i) => ({ id: l.id, quantity: op.mode === 'full' ? l.quantity : (op.picks[i] ?? 0) % (l.quantity + 1) })).filter((l) => l.quantity > 0);
  return { returnId, lines: lines.length ? lines : [{ id: order.lines[0]!.id, quantity: 1 }] };
}

/** Turns an op into a write against the current state (or null for a clock move). */
function toWrite(sim: Sim, op: Op): Write | null {
  const { state } = sim;
  const at = sim.now;
  switch (op.t) {
    case 'advance':
      sim.now += days(op.days) + op.ms;
      return null;
    case 'enroll': {
      const ids = memberIds(sim);
      const referrer = op.referrer !== null && op.referrer < ids.length ? state.members[ids[op.referrer]!]!.referralCode : null;
      const input = { email: EMAILS[op.email]!, name: `N${op.email}`, newsletter: op.newsletter, ...(referrer ? { referralCode: referrer } : {}) };
      const key = op.key === null ? undefined : `ek${op.key}`;
      return { name: 'enroll', replayable: key !== undefined, run: () => enrollMember(state, 'shop', input, at, key) };
    }
    case 'order': {
      const input = toOrder(sim, op);
      return { name: 'postOrder', replayable: true, run: () => postOrder(state, 'shop', input) };
    }
    case 'return': {
      const input = toReturn(sim, op);
      return { name: 'postReturn', replayable: true, run: () => postReturn(state, 'shop', `o${op.orderId}`, input, at) };
    }
    case 'redeem': {
      const member = pickMember(sim, op.member);
      const input: RedeemInput = { rewardId: op.reward, cartSubtotal: op.cartSubtotal, ...(op.steps === null ? {} : { steps: op.steps }) };
      const key = op.key === null ? undefined : `rk${op.key}`;
      return { name: 'redeem', replayable: key !== undefined, run: () => redeem(state, 'shop', member, input, at, key) };
    }
    case 'cancel': {
      const all = Object.values(state.redemptions);
      const record = all.length ? all[op.redemption % all.length]! : null;
      const member = op.otherMember !== null ? pickMember(sim, op.otherMember) : (record?.memberId ?? 'm_nobody');
      const id = record?.id ?? 'red_nope';
      return { name: 'cancelRedemption', replayable: true, run: () => cancelRedemption(state, 'shop', member, id, at) };
    }
    case 'action': {
      const member = pickMember(sim, op.member);
      return { name: 'recordAction', replayable: false, run: () => recordAction(state, 'shop', member, op.type, at) };
    }
    case 'adjust': {
      // a merchant's correction: a debit beyond the balance is owed
      const member = pickMember(sim, op.member);
      return { name: 'adjustPoints', replayable: false, run: () => adjustPoints(state, 'shop', member, op.points, 'correction', at) };
    }
  }
}

/** Runs a write; an EngineError is a legitimate refusal, anything else fails the property. */
function attempt(write: Write): { ok: true; value: unknown } | { ok: false; error: EngineError } {
  try {
    return { ok: true, value: write.run() };
  } catch (error) {
    if (!(error instanceof EngineError)) throw new Error(`${write.name} threw a non-EngineError: ${String((error as Error)?.stack ?? error)}`);
    return { ok: false, error };
  }
}

function newSim(overrides: Overrides): Sim {
  const { state } = world(overrides);
  return { state, now: T0, rules: state.programs.shop! };
}

/** Interprets the ops in order; `after` sees the state after every op (writes and clock moves). */
function interpret(overrides: Overrides, ops: Op[], after: (sim: Sim, write: Write | null, outcome: ReturnType<typeof attempt> | null) => void): Sim {
  const sim = newSim(overrides);
  after(sim, null, null);
  for (const op of ops) {
    const write = toWrite(sim, op);
    const outcome = write ? attempt(write) : null;
    after(sim, write, outcome);
  }
  return sim;
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

function checkInvariants(sim: Sim): void {
  for (const id of memberIds(sim)) {
    const { summary: s, batches, owed, activity } = memberPoints(sim.state, 'shop', id, sim.now);
    const where = `member ${id} at T0+${(sim.now - T0) / days(1)}d`;
    expect(s.available, `available ≥ 0 (${where})`).to.be.at.least(0);
    expect(s.pending, `pending ≥ 0 (${where})`).to.be.at.least(0);
    expect(s.owed, `owed ≥ 0 (${where})`).to.be.at.least(0);
    expect(owed).to.equal(s.owed);
    for (const b of batches) {
      for (const k of ['remaining', 'spent', 'expired', 'reversed', 'clawed'] as const) expect(b[k], `batch ${b.id}.${k} ≥ 0 (${where})`).to.be.at.least(0);
      expect(b.remaining + b.spent + b.expired + b.reversed + b.clawed, `batch ${b.id} conserves its points (${where})`).to.equal(b.points);
      expect(Number.isSafeInteger(b.points) && Number.isSafeInteger(b.remaining), `batch ${b.id} holds whole points (${where})`).to.equal(true);
    }
    const earned = batches.reduce((sum, b) => sum + b.points, 0);
    expect(earned, `Σ points = available + pending + redeemed + expired + reversed + clawedBack (${where})`).to.equal(
      s.available + s.pending + s.redeemed + s.expired + s.reversed + s.clawedBack,
    );
    // The history a member reads adds up to the balance they see.
    const lines = activity.reduce((sum, a) => sum + a.points, 0);
    expect(lines, `Σ history lines = available + pending (${where})`).to.equal(s.available + s.pending);
    // and each line that pays a debt back says which kind of debt (a reward's, which charge)
    for (const a of activity) {
      if (a.kind !== 'clawback') continue;
      expect(['return', 'adjustment', 'reward'], `clawback ${a.id} says what it pays (${where})`).to.include(a.pays);
      if (a.pays === 'reward') expect(a.ref, `clawback ${a.id} names the charge it pays (${where})`).to.be.a('string');
    }
  }
}

const snapshot = (state: EngineState) => JSON.stringify(state);
const balances = (s: PointsSummary) => ({ available: s.available, pending: s.pending, owed: s.owed, lifetime: s.lifetime });

/** `examples` run first (the shrunk counterexamples of the skipped properties, so they fail at once). */
function assertProperty<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, examples: Ts[] = []) {
  fc.assert(property, { numRuns: RUNS, verbose: 1, examples });
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('program engine properties (fast-check)', function () {
  this.timeout(30_000);

  it(`keeps every balance ≥ 0 and conserves every batch's points after each command (${RUNS} runs)`, () => {
    assertProperty(
      fc.property(scenarioArb, ({ overrides, ops }) => {
        interpret(overrides, ops, (sim) => checkInvariants(sim));
      }),
    );
  });

  it(`never throws anything but EngineError, and a refused write leaves the state byte-identical (${RUNS} runs)`, () => {
    assertProperty(
      fc.property(scenarioArb, ({ overrides, ops }) => {
        const sim = newSim(overrides);
        for (const op of ops) {
          const before = snapshot(sim.state);
          const write = toWrite(sim, op);
          if (!write) continue;
          const outcome = attempt(write); // throws (failing the property) on anything but EngineError
          if (!outcome.ok) expect(snapshot(sim.state), `${write.name} refused with ${outcome.error.code} but changed the state`).to.equal(before);
        }
      }),
    );
  });

  it(`changes nothing when a write is replayed with its idempotency key / order id / return id (${RUNS} runs)`, () => {
    assertProperty(
      fc.property(scenarioArb, ({ overrides, ops }) => {
        interpret(overrides, ops, (sim, write, outcome) => {
          if (!write || !outcome?.ok || !write.replayable) return;
          const before = snapshot(sim.state);
          const again = attempt(write);
          expect(again.ok, `replayed ${write.name} was refused`).to.equal(true);
          expect(snapshot(sim.state), `replayed ${write.name} changed the state`).to.equal(before);
          // and once more later on the clock: the answer is remembered, not recomputed
          const later = attempt(write);
          expect(snapshot(sim.state), `second replay of ${write.name} changed the state`).to.equal(before);
          if (write.name === 'redeem' || write.name === 'enroll') expect(again.ok && later.ok && JSON.stringify((again as { value: unknown }).value)).to.equal(JSON.stringify(outcome.value));
        });
      }),
    );
  });

  /**
   * Order then full return inside the window, on a copy of the state after each command of a random
   * sequence: every member's available / pending / owed / lifetime at the return time equal what
   * they are without that order. `filter` chooses the states the round trip is tried on.
   */
  function roundTripProperty(filter: (sim: Sim, member: string) => boolean, onChecked: () => void = () => {}) {
    const roundTrip = fc.record({
      member: fc.nat(3),
      lines: fc.array(lineSpec, { minLength: 1, maxLength: 3 }),
      discounts: fc.integer({ min: 0, max: 30_000 }),
      shipping: fc.integer({ min: 0, max: 2000 }),
      byLines: fc.boolean(),
      returnAfter: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    });
    return fc.property(scenarioArb, roundTrip, ({ overrides, ops }, trip) => {
      let step = trip.member;
      interpret(overrides, ops, (sim) => {
        const ids = memberIds(sim);
        const member = ids[step++ % ids.length]!; // each command, the next member
        if (sim.rules.pendingDays === 0 || !filter(sim, member)) return; // no return window to return inside
        onChecked();
        const copy = structuredClone(sim.state);
        const returnAt = sim.now + Math.floor(trip.returnAfter * days(sim.rules.pendingDays)); // before placedAt + pendingDays
        const input: OrderInput = {
          orderId: 'round-trip', memberId: member, currency: 'USD', placedAt: sim.now,
          lines: trip.lines.map((l, n) => line(`l${n}`, l.price, l.qty, { category: l.category })), discounts: trip.discounts, shipping: trip.shipping,
        };
        postOrder(copy, 'shop', input);
        const order = copy.orders['shop:round-trip']!;
        const merchandise = order.lines.reduce((sum, l) => sum + (l as typeof l & { net: number }).net, 0);
        const full: ReturnInput = trip.byLines || merchandise === 0 ? { returnId: 'all', lines: order.lines.map((l) => ({ id: l.id, quantity: l.quantity })) } : { returnId: 'all', amount: merchandise };
        postReturn(copy, 'shop', 'round-trip', full, returnAt);
        expect(copy.orders['shop:round-trip']!.pointsReversed).to.equal(order.points);
        for (const id of ids) {
          const without = balances(memberPoints(sim.state, 'shop', id, returnAt).summary);
          const withTrip = balances(memberPoints(copy, 'shop', id, returnAt).summary);
          expect(withTrip, `member ${id} after order + full return (round trip by ${member})`).to.deep.equal(without);
        }
      });
    });
  }

  // Shrunk counterexamples (fast-check, then replayed by hand), kept as `examples` so the skipped
  // properties fail at once until the engine is fixed.
  const base = { earn: { points: 1, perMinor: 1000 }, earnBase: { shipping: false, tax: false }, promotionStacking: 'max' as const, promotions: [] };
  const trip = { member: 0, lines: [{ price: 1000, qty: 1, category: 'pots' as const }], discounts: 0, shipping: 0, byLines: false };
  const order0 = (price: number): Op => ({ t: 'order', member: 0, orderId: 0, lines: [{ price, qty: 1, category: 'pots' }], discounts: 0, shipping: 0, coupon: null });
  const fullReturn0: Op = { t: 'return', orderId: 0, returnId: 0, mode: 'full', picks: [0, 0, 0], amount: 0 };
  const redeem10: Op = { t: 'redeem', member: 0, reward: 'r10', cartSubtotal: 0, steps: null, key: null };
  type Scenario = { overrides: Overrides; ops: Op[] };
  type Trip = typeof trip & { returnAfter: number };

  // Regression examples, found by these properties and fixed in points.ts: (a) a debt clawed from
  // a new order made `lifetime` grow after that order was returned; (b) under rolling expiry a fully
  // returned order still counted as activity and kept older points alive; (c) below.
  const roundTripExamples: [Scenario, Trip][] = [
    [{ overrides: { ...base, pendingDays: 30, expiry: { mode: 'fixed', months: 12 }, joinIncentive: null }, ops: [order0(1_000_000), { t: 'advance', days: 30, ms: 0 }, redeem10, fullReturn0] }, { ...trip, returnAfter: 0 }],
    [{ overrides: { ...base, pendingDays: 30, expiry: { mode: 'rolling', months: 1 }, joinIncentive: { points: 250 } }, ops: [{ t: 'advance', days: 29, ms: 0 }] }, { ...trip, returnAfter: 2 / 30 }],
    // (c) a reward code used on two orders is charged again, leaving a debt; the round trip's order
    // paid it a point, and its return took a pending point of another order instead of owing again
    [
      {
        overrides: { ...base, pendingDays: 1, expiry: { mode: 'rolling', months: 1 }, joinIncentive: null },
        ops: [
          order0(50_000),
          { t: 'advance', days: 30, ms: 0 },
          { t: 'redeem', member: 0, reward: 'ship', cartSubtotal: 0, steps: null, key: null },
          { t: 'order', member: 0, orderId: 2, lines: [{ price: 250, qty: 4, category: 'pots' }], discounts: 0, shipping: 0, coupon: 0 },
          { t: 'order', member: 0, orderId: 1, lines: [{ price: 0, qty: 1, category: 'pots' }], discounts: 0, shipping: 0, coupon: 0 },
        ],
      },
      { ...trip, lines: [{ price: 250, qty: 4, category: 'pots' }], returnAfter: 0 },
    ],
  ];
  it(`order then full return inside the window leaves available / pending / owed / lifetime unchanged, any state (${RUNS} runs)`, () => {
    assertProperty(roundTripProperty(() => true), roundTripExamples);
  });

  it(`order then full return inside the window leaves available / pending / owed / lifetime unchanged — fixed or no expiry, member without debt (${RUNS} runs)`, () => {
    let checked = 0;
    assertProperty(
      roundTripProperty(
        (sim, member) => sim.rules.expiry.mode !== 'rolling' && memberPoints(sim.state, 'shop', member, sim.now).owed === 0,
        () => checked++,
      ),
    );
    expect(checked, 'round trips actually checked').to.be.greaterThan(RUNS * 2);
  });

  // Regression (c), fixed in points.ts: cancelling a redemption gave points back to a batch whose
  // order had since been returned in full, while the member still owed them.
  it(`a fully returned order's points never become spendable again (${RUNS} runs)`, () => {
    assertProperty(
      fc.property(scenarioArb, ({ overrides, ops }) => {
        interpret(overrides, ops, (sim) => {
          for (const order of Object.values(sim.state.orders)) {
            if (!order.memberId || order.points === 0 || order.pointsReversed < order.points) continue;
            const batch = memberPoints(sim.state, 'shop', order.memberId, sim.now).batches.find((b) => b.source === 'order' && b.orderId === order.orderId);
            expect(batch?.remaining ?? 0, `points left on fully returned order ${order.orderId}`).to.equal(0);
          }
        });
      }),
      [
        [{ overrides: { ...base, pendingDays: 30, expiry: { mode: 'fixed', months: 12 }, joinIncentive: null }, ops: [order0(150_000), { t: 'advance', days: 30, ms: 0 }, redeem10, fullReturn0, { t: 'cancel', redemption: 0, otherMember: null }] }],
        // (d) two orders, the reward paid, the larger order returned (a debt), the redemption
        // cancelled (its points back), then the smaller order returned: its batch kept points
        [
          {
            overrides: { ...base, pendingDays: 0, expiry: { mode: 'none', months: 0 }, joinIncentive: null },
            ops: [
              { t: 'order', member: 0, orderId: 0, lines: [{ price: 999, qty: 2, category: 'pots' }], discounts: 0, shipping: 0, coupon: null },
              { t: 'order', member: 0, orderId: 2, lines: [{ price: 24_750, qty: 4, category: 'pots' }], discounts: 0, shipping: 0, coupon: null },
              redeem10,
              { t: 'return', orderId: 2, returnId: 0, mode: 'full', picks: [0, 0, 0], amount: 0 },
              { t: 'cancel', redemption: 0, otherMember: null },
              fullReturn0,
            ],
          },
        ],
      ],
    );
  });

  const junk = fc.oneof(fc.constantFrom<unknown>(null, undefined, '', '12', 'abc', -1, 0, 1.5, 0.01, 1e300, -0, true, [], {}), fc.integer(), fc.double());
  const hostile = fc.record({
    overrides: overridesArb,
    ops: fc.array(opsArb(false), { maxLength: 12 }),
    orderLine: fc.record({ unitPrice: junk, quantity: junk }),
    orderExtras: fc.record({ discounts: junk, shipping: junk, orderId: junk, currency: fc.constantFrom<unknown>('USD', 'usd', 'EUR', null) }),
    returnInput: fc.record({ returnId: junk, amount: junk, qty: junk }),
    redeemInput: fc.record({ cartSubtotal: junk, steps: junk, rewardId: fc.constantFrom<unknown>('pay', 'r10', 'ship', null, 7) }),
    enrollInput: fc.record({ email: fc.oneof(junk, fc.constantFrom('a@b.co', ' X@Y.ORG ', 'a@b', 'a b@c.de')), birthday: fc.oneof(fc.constant(null), fc.record({ day: junk, month: junk })) }),
  });
  type Hostile = typeof hostile extends fc.Arbitrary<infer H> ? H : never;

  /** Malformed JSON bodies (wrong types, fractions, NaN-producing strings) for each write. */
  function hostileWrites(h: Hostile, sim: Sim): Write[] {
    const { state, now: at } = sim;
    const member = memberIds(sim)[0]!;
    const raw = <T,>(v: unknown) => v as T;
    return [
      { name: 'postOrder', replayable: false, run: () => postOrder(state, 'shop', raw<OrderInput>({ orderId: h.orderExtras.orderId, memberId: member, currency: h.orderExtras.currency, lines: [{ id: 'j', ...h.orderLine }], discounts: h.orderExtras.discounts, shipping: h.orderExtras.shipping, placedAt: at })) },
      { name: 'postOrder(valid)', replayable: false, run: () => postOrder(state, 'shop', { orderId: 'hostile-ok', memberId: member, currency: 'USD', lines: [line('a', 5000, 2)], placedAt: at }) },
      { name: 'postReturn(amount)', replayable: false, run: () => postReturn(state, 'shop', 'hostile-ok', raw<ReturnInput>({ returnId: h.returnInput.returnId, amount: h.returnInput.amount }), at) },
      { name: 'postReturn(lines)', replayable: false, run: () => postReturn(state, 'shop', 'hostile-ok', raw<ReturnInput>({ returnId: 'jl', lines: [{ id: 'a', quantity: h.returnInput.qty }] }), at) },
      { name: 'enroll', replayable: false, run: () => enrollMember(state, 'shop', raw(h.enrollInput), at) },
      { name: 'redeem', replayable: false, run: () => redeem(state, 'shop', member, raw<RedeemInput>(h.redeemInput), at) },
    ];
  }

  function hostileProperty(include: (name: string) => boolean) {
    return fc.property(hostile, (h) => {
      const sim = interpret(h.overrides, h.ops, () => {});
      sim.now += days(400);
      for (const write of hostileWrites(h, sim).filter((w) => include(w.name))) {
        attempt(write); // anything but an EngineError fails the property
        checkInvariants(sim); // and an accepted write must leave whole, non-negative points
      }
    });
  }

  it(`refuses malformed orders, returns and enrollments with EngineError only, never storing fractional or NaN points (${RUNS} runs)`, () => {
    assertProperty(hostileProperty((name) => name !== 'redeem'));
  });

  // Regression (d), fixed in redemption.ts: a non-numeric cartSubtotal or steps made the cost NaN,
  // which passed both range checks and stored a NaN debit.
  it(`refuses malformed redemptions with EngineError only, never storing fractional or NaN points (${RUNS} runs)`, () => {
    assertProperty(hostileProperty((name) => name === 'redeem' || name === 'postOrder(valid)'));
  });
});
