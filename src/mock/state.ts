import { systemClock, type Clock } from '../core/clock.js';
import { emptyState, type EngineState, type MemberRecord } from '../engine/index.js';
import { DEMO_MERCHANT_KEY, DEMO_SECRET, seedDemo } from './seed.js';

export { DEMO_PROGRAM_ID, DEMO_MEMBER_ID, DEMO_SECRET, DEMO_MERCHANT_KEY, DEMO_REFERRAL_CODE } from './seed.js';

/** A member as the reference backend stores it: the engine's record. */
export type MockMember = MemberRecord;

/**
 * The backend's clock: the given clock plus an offset, so the demo and the tests can travel
 * forward in time (`MockBackend.advance`) without touching the clock they were given.
 */
export class TravelClock implements Clock {
  offsetMs = 0;
  constructor(readonly base: Clock) {}
  now(): number {
    return this.base.now() + this.offsetMs;
  }
}

/**
 * The reference backend's whole database. `engine` is plain JSON (it is what gets persisted);
 * `attempts` is the coupon-guessing throttle, which lives in memory only.
 */
export interface MockState {
  clock: Clock;
  /** The HS256 secret the merchant's server and the backend share. */
  secret: string;
  /** The `X-Fidelio-Merchant-Key` of server-to-server calls. */
  merchantKey: string;
  engine: EngineState;
  /** Failed coupon validations per bucket (member, visitor or 'anonymous'), epoch ms. */
  attempts: Record<string, number[]>;
  /** The seed includes the generated history (kept for `resetMockState`). */
  history?: boolean;
}

export interface MockStateOptions {
  clock?: Clock;
  secret?: string;
  merchantKey?: string;
  /** Seed the demo program and shopper (default true; ignored when `engine` is given). */
  seed?: boolean;
  /** Start from this engine state (e.g. the one persisted by an earlier page). */
  engine?: EngineState;
  /**
   * Seed a few hundred generated customers with two years of orders, returns, redemptions and
   * memberships as well (default false: the tests' KPI figures are exact; the demo turns it on).
   */
  history?: boolean;
}

/** A state saved before a slice existed gets the slice empty (e.g. the outbox of Engine II). */
function upgrade(engine: EngineState): EngineState {
  const empty = emptyState();
  for (const key of Object.keys(empty) as (keyof EngineState)[]) {
    if (engine[key] === undefined) (engine as unknown as Record<string, unknown>)[key] = empty[key];
  }
  return engine;
}

export function createMockState(options: MockStateOptions = {}): MockState {
  const state: MockState = {
    clock: options.clock ?? systemClock,
    secret: options.secret ?? DEMO_SECRET,
    merchantKey: options.merchantKey ?? DEMO_MERCHANT_KEY,
    engine: options.engine ? upgrade(options.engine) : emptyState(),
    attempts: {},
    history: options.history === true,
  };
  if (!options.engine && options.seed !== false) seedDemo(state, { history: state.history });
  return state;
}

/**
 * Empties the database, forgets throttles and time travel, and seeds the demo again (tests start
 * each case from the same store).
 */
export function resetMockState(state: MockState): void {
  if (state.clock instanceof TravelClock) state.clock.offsetMs = 0;
  state.engine = emptyState();
  state.attempts = {};
  seedDemo(state, { history: state.history === true });
}
