/**
 * The page bench's backend (run in Node after esbuild bundles this file — see bench/page.mjs): the
 * reference backend's own request handlers answering real `Request`s, so every answer the page
 * gets is one the contract allows (the same handlers the tests validate against openapi.yaml).
 * The bench's HTTP server adds the configurable delay in front of it.
 */
import { getResponse } from 'msw';
import { createHandlers } from '../src/mock/handlers.js';
import { signCustomerToken } from '../src/mock/jwt.js';
import { createMockState, DEMO_MEMBER_ID, DEMO_PROGRAM_ID, type MockState } from '../src/mock/state.js';

export { DEMO_MEMBER_ID, DEMO_PROGRAM_ID };

export interface BenchBackend {
  /** The answer to one contract call, or undefined when no handler matches. */
  handle(request: Request): Promise<Response | undefined>;
  /** Back to the seeded demo (points, coupon throttles, redemptions): each run starts alike. */
  reset(): void;
  /** A customer token for the demo shopper as a merchant's server would render it into the page (5 min). */
  token(): Promise<string>;
}

export function createBenchBackend(): BenchBackend {
  let state: MockState = createMockState({ seed: true });
  let handlers = createHandlers(state);
  return {
    handle: (request) => getResponse(handlers, request),
    reset() {
      state = createMockState({ seed: true });
      handlers = createHandlers(state);
    },
    async token() {
      const iat = Math.floor(Date.now() / 1000);
      return signCustomerToken(state.secret, { sub: DEMO_MEMBER_ID, prg: DEMO_PROGRAM_ID, iat, exp: iat + 300 });
    },
  };
}
