import type { Money } from '../core/money.js';

/**
 * The program document a merchant configures (JSON-serialisable). This is the engine's own, richer
 * view; the public `ProgramSummary` of the contract is derived from it.
 */
export interface ProgramConfig {
  id: string;
  name: string;
  currency: string;
  /** `points` per `perMinor` minor units of merchandise subtotal after discounts, rounded down. */
  earn: { points: number; perMinor: number };
  /** The return window: order points stay pending this many days. */
  pendingDays: number;
  /** fixed: a batch expires `months` after it becomes available; rolling: all expire `months` after the last activity. */
  expiry: { mode: 'fixed' | 'rolling' | 'none'; months: number };
  /** What one point is worth when redeemed. */
  pointValue: Money;
  joinIncentive: { points: number; description?: string } | null;
}

export const DEFAULT_PROGRAM: Omit<ProgramConfig, 'id' | 'name'> = {
  currency: 'USD',
  earn: { points: 1, perMinor: 1000 },
  pendingDays: 30,
  expiry: { mode: 'fixed', months: 12 },
  pointValue: { amount: 100, currency: 'USD' },
  joinIncentive: { points: 100 },
};
