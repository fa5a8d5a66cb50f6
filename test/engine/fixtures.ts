import { DAY_MS } from '../../src/core/clock.js';
import { expect } from '@open-wc/testing';
import { DEFAULT_PROGRAM, EngineError, addProgram, emptyState, enrollMember, type EngineState, type ProgramConfig } from '../../src/engine/index.js';

export const T0 = Date.parse('2026-03-02T10:00:00Z');
export const days = (n: number) => n * DAY_MS;

export function program(overrides: Partial<ProgramConfig> = {}): ProgramConfig {
  return {
    ...DEFAULT_PROGRAM,
    id: 'shop',
    name: 'Shop Rewards',
    actions: [
      { type: 'signup', points: 0, cap: { count: 1, per: 'ever' } },
      { type: 'newsletter', points: 50, cap: { count: 1, per: 'ever' } },
      { type: 'share', points: 10, cap: { count: 3, per: 'month' } },
      { type: 'birthday', points: 200, cap: { count: 1, per: 'year' } },
      { type: 'review', points: 25, cap: { count: 5, per: 'month' } },
    ],
    rewards: [
      { id: 'r10', name: '$10 off', kind: 'fixed', points: 100, value: 1000, validDays: 90 },
      { id: 'ship', name: 'Free shipping', kind: 'free_shipping', points: 50, validDays: 30 },
      { id: 'pay', name: 'Pay with points', kind: 'pay_with_points', stepPoints: 100, stepValue: 100, maxShare: 0.5, validDays: 7 },
    ],
    referral: { referrerPoints: 500, friendDiscount: 1000, friendMinSpend: 5000, monthlyCap: 2, attributionDays: 30 },
    ...overrides,
  };
}

export function world(overrides: Partial<ProgramConfig> = {}): { state: EngineState; member: string } {
  const state = emptyState();
  addProgram(state, program(overrides));
  const { member } = enrollMember(state, 'shop', { email: 'ana@example.com', name: 'Ana' }, T0);
  return { state, member: member.id };
}

export const line = (id: string, unitPrice: number, quantity = 1, extra: { brand?: string; category?: string } = {}) => ({ id, name: id, unitPrice, quantity, ...extra });

/** Runs an engine call that must refuse, and returns the refusal. */
export function rejects(run: () => unknown): EngineError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected the engine to refuse');
}
