import { http, HttpResponse, type HttpHandler } from 'msw';
import { batchesAt, summarize, type Batch } from '../engine/points.js';
import type { ProgramConfig } from '../engine/program.js';
import type { ErrorCode, Member, PointBatch, ProgramSummary, DemoSession } from '../contract/types.js';
import { MAX_TOKEN_LIFETIME_S, signCustomerToken, verifyCustomerToken } from './jwt.js';
import { DEMO_MEMBER_ID, type MockMember, type MockState } from './state.js';

const BASE = '*/v1/programs/:programId';
const iso = (ms: number) => new Date(ms).toISOString();

/** RFC 9457 problem details with a machine code the SDK translates. */
export function problem(status: number, code: ErrorCode, title: string, params?: Record<string, unknown>, headers?: Record<string, string>) {
  return HttpResponse.json(
    { type: `https://fidelio.dev/problems/${code}`, title, status, code, ...(params ? { params } : {}) },
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

export function programSummary(program: ProgramConfig): ProgramSummary {
  return {
    id: program.id,
    name: program.name,
    currency: program.currency,
    earn: program.earn,
    pendingDays: program.pendingDays,
    expiry: program.expiry,
    pointValue: program.pointValue,
    joinIncentive: program.joinIncentive,
  };
}

function toBatch(batch: Batch): PointBatch {
  return {
    id: batch.id,
    source: batch.source,
    orderId: batch.orderId,
    points: batch.points,
    remaining: batch.remaining,
    status: batch.status,
    earnedAt: iso(batch.earnedAt),
    availableOn: iso(batch.availableAt),
    expiresOn: batch.expiresAt === null ? null : iso(batch.expiresAt),
  };
}

export function memberView(state: MockState, member: MockMember, program: ProgramConfig): Member {
  const now = state.clock.now();
  const points = summarize(batchesAt(state.ledger.filter((e) => e.memberId === member.id), program, now));
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    currency: program.currency,
    points: {
      available: points.available,
      pending: points.pending,
      lifetime: points.lifetime,
      nextPending: points.nextPending && { points: points.nextPending.points, availableOn: iso(points.nextPending.availableAt) },
      nextExpiry: points.nextExpiry && { points: points.nextExpiry.points, expiresOn: iso(points.nextExpiry.expiresAt) },
    },
    updatedAt: iso(now),
  };
}

type Authed = { program: ProgramConfig; member: MockMember };

/** Resolves the program and the signed-in member, or the problem response to send instead. */
async function authenticate(state: MockState, request: Request, programId: string): Promise<Authed | Response> {
  const program = state.programs.get(programId);
  if (!program) return problem(404, 'not_found', 'Unknown program', { programId });
  const header = request.headers.get('Authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  if (!token) return problem(401, 'unauthorized', 'Sign-in required', { reason: 'missing' });
  const verified = await verifyCustomerToken(state.secret, token, programId, state.clock.now());
  if (!verified.ok) return problem(401, 'unauthorized', 'Invalid customer token', { reason: verified.reason });
  const member = state.members.get(verified.claims.sub);
  if (!member || member.programId !== programId) return problem(401, 'unauthorized', 'Unknown member', { reason: 'member' });
  return { program, member };
}

/** The reference backend: the REST contract answered by the program engine over in-memory state. */
export function createHandlers(state: MockState): HttpHandler[] {
  return [
    http.get(BASE, ({ params }) => {
      const program = state.programs.get(String(params.programId));
      return program ? HttpResponse.json(programSummary(program)) : problem(404, 'not_found', 'Unknown program', { programId: String(params.programId) });
    }),

    http.get(`${BASE}/me`, async ({ request, params }) => {
      const auth = await authenticate(state, request, String(params.programId));
      if (auth instanceof Response) return auth;
      return HttpResponse.json(memberView(state, auth.member, auth.program));
    }),

    http.get(`${BASE}/me/batches`, async ({ request, params }) => {
      const auth = await authenticate(state, request, String(params.programId));
      if (auth instanceof Response) return auth;
      const entries = state.ledger.filter((e) => e.memberId === auth.member.id);
      return HttpResponse.json({ items: batchesAt(entries, auth.program, state.clock.now()).map(toBatch) });
    }),

    // Demo only: stands in for the merchant's server, which signs tokens for its signed-in customers.
    http.post(`${BASE}/demo/session`, async ({ params }) => {
      const programId = String(params.programId);
      const member = state.members.get(DEMO_MEMBER_ID);
      if (!state.programs.has(programId) || !member || member.programId !== programId) return problem(404, 'not_found', 'No demo shopper in this program');
      const iat = Math.floor(state.clock.now() / 1000);
      const exp = iat + MAX_TOKEN_LIFETIME_S;
      const body: DemoSession = { token: await signCustomerToken(state.secret, { sub: member.id, prg: programId, iat, exp }), expiresAt: iso(exp * 1000) };
      return HttpResponse.json(body);
    }),
  ];
}
