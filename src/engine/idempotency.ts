import { EngineError } from './errors.js';
import type { EngineState } from './state.js';

/**
 * Runs a write once per idempotency key: a repeat with the same body gets the first answer and
 * changes nothing; the same key with another body is a conflict. Rejections are not stored, so a
 * corrected request may reuse its key.
 */
export function once<T>(state: EngineState, key: string | undefined, body: unknown, run: () => T, field = 'Idempotency-Key'): T {
  if (!key) return run();
  const fingerprint = JSON.stringify(body);
  const seen = state.idempotency[key];
  if (seen) {
    // (`field` names what made the request the same one: the header, or an order's or return's id)
    if (seen.fingerprint !== fingerprint) throw new EngineError('conflict', 409, `${field} reused with a different request`, { field });
    return structuredClone(seen.result) as T;
  }
  const result = run();
  state.idempotency[key] = { fingerprint, result: structuredClone(result) };
  return result;
}
