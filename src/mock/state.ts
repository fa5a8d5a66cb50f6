import { DAY_MS, addMonths, systemClock, type Clock } from '../core/clock.js';
import { availableAfterReturnWindow, pointsFor, type LedgerEntry } from '../engine/points.js';
import { DEFAULT_PROGRAM, type ProgramConfig } from '../engine/program.js';

export interface MockMember {
  id: string;
  programId: string;
  email: string;
  name: string | null;
  joinedAt: number;
}

/** The reference backend's whole database: plain objects in memory, one per page. */
export interface MockState {
  clock: Clock;
  /** The HS256 secret the merchant's server and the backend share. */
  secret: string;
  programs: Map<string, ProgramConfig>;
  members: Map<string, MockMember>;
  ledger: LedgerEntry[];
}

export const DEMO_PROGRAM_ID = 'demo-store';
export const DEMO_MEMBER_ID = 'm_demo_ana';
export const DEMO_SECRET = 'fidelio-demo-secret-not-for-production';

export function createMockState(options: { clock?: Clock; secret?: string; seed?: boolean } = {}): MockState {
  const state: MockState = {
    clock: options.clock ?? systemClock,
    secret: options.secret ?? DEMO_SECRET,
    programs: new Map(),
    members: new Map(),
    ledger: [],
  };
  if (options.seed !== false) seedDemo(state);
  return state;
}

/** Empties the database and seeds the demo again (tests start each case from the same store). */
export function resetMockState(state: MockState): void {
  state.programs.clear();
  state.members.clear();
  state.ledger.length = 0;
  seedDemo(state);
}

/**
 * The demo program (1 point per $10, 30-day return window, points expire 12 months after they
 * become available) and a shopper whose history shows every state: expired, expiring soon,
 * available, redeemed and pending points.
 */
export function seedDemo(state: MockState): void {
  const program: ProgramConfig = { ...DEFAULT_PROGRAM, id: DEMO_PROGRAM_ID, name: 'Casa Verde Rewards', joinIncentive: { points: 100 } };
  state.programs.set(program.id, program);
  const now = state.clock.now();
  const joinedAt = now - 420 * DAY_MS;
  state.members.set(DEMO_MEMBER_ID, { id: DEMO_MEMBER_ID, programId: program.id, email: 'ana@example.com', name: 'Ana', joinedAt });
  const order = (id: string, at: number, subtotal: number): LedgerEntry => ({
    id: `e_${id}`,
    kind: 'earn',
    memberId: DEMO_MEMBER_ID,
    points: pointsFor(subtotal, program.earn),
    at,
    source: 'order',
    orderId: id,
    availableAt: availableAfterReturnWindow(at, program),
  });
  // An order whose points became available just under 12 months ago: they expire in 9 days.
  const soonAvailable = addMonths(now + 9 * DAY_MS, -program.expiry.months);
  state.ledger.push(
    { id: 'e_join', kind: 'earn', memberId: DEMO_MEMBER_ID, points: 100, at: joinedAt, source: 'join', availableAt: joinedAt },
    order('o_1001', soonAvailable - program.pendingDays * DAY_MS, 152_000),
    order('o_1002', now - 200 * DAY_MS, 245_000),
    { id: 'r_1', kind: 'redeem', memberId: DEMO_MEMBER_ID, points: 50, at: now - 60 * DAY_MS, ref: 'reward_5_off' },
    order('o_1003', now - 5 * DAY_MS, 86_000),
  );
}
