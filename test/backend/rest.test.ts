import { expect } from '@open-wc/testing';
import { http, HttpResponse, delay } from 'msw';
import { RestBackend } from '../../src/backend/rest.js';
import { FidelioError } from '../../src/core/errors.js';
import { DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { API, clock, tokenFor, useBackend } from '../helpers/backend.js';
import type { MockBackend } from '../../src/mock/index.js';

const ME = '*/v1/programs/:programId/me';

describe('RestBackend', () => {
  let backend: MockBackend;
  let tokens: string[];
  let provided: number;

  function rest(overrides: { retries?: number; timeoutMs?: number; provider?: () => Promise<string | null> } = {}) {
    return new RestBackend(
      {
        api: API,
        programId: DEMO_PROGRAM_ID,
        retries: overrides.retries ?? 3,
        timeoutMs: overrides.timeoutMs ?? 2000,
        clock,
        getToken: async (refresh) => {
          if (refresh && overrides.provider) {
            provided++;
            return overrides.provider();
          }
          return tokens[tokens.length - 1] ?? null;
        },
      },
      { baseMs: 5, capMs: 20, maxRetryAfterMs: 3000 },
    );
  }

  async function failure(promise: Promise<unknown>): Promise<FidelioError> {
    try {
      await promise;
    } catch (error) {
      expect(error).to.be.instanceOf(FidelioError);
      return error as FidelioError;
    }
    throw new Error('expected a rejection');
  }

  beforeEach(async () => {
    backend = await useBackend();
    tokens = [await tokenFor()];
    provided = 0;
  });

  it('reads the program and the signed-in member from the reference backend', async () => {
    const program = await rest().getProgram();
    expect(program).to.include({ id: DEMO_PROGRAM_ID, pendingDays: 30 });
    const member = await rest().getMember();
    expect(member.points).to.include({ available: 397, pending: 86 });
  });

  it('keeps the program\'s translations of the merchant\'s names, leaving out entries that are not text', async () => {
    const program = await rest().getProgram();
    expect(program.translations?.es?.['Silver']).to.equal('Plata');
    const PROGRAM = '*/v1/programs/:programId';
    backend.worker.use(
      http.get(PROGRAM, () => {
        // raw JSON: an object literal would take "__proto__" as its prototype, not as a name
        const translations = '{"es":{"Silver":"Plata","Gold":7,"Bronze":"  ","__proto__":"x","constructor":"Constructor"},"ro":"Argint","zh-CN":null}';
        const body = JSON.stringify({ ...program, translations: null }).replace('"translations":null', `"translations":${translations}`);
        return new HttpResponse(body, { headers: { 'Content-Type': 'application/json' } });
      }),
    );
    const odd = await rest({ retries: 0 }).getProgram();
    expect(odd.name).to.equal(program.name);
    expect(Object.keys(odd.translations ?? {})).to.deep.equal(['es']);
    const es = odd.translations!.es!;
    expect(Object.keys(es)).to.deep.equal(['Silver', '__proto__', 'constructor']);
    expect(Object.getPrototypeOf(es)).to.equal(null);
    expect(({} as Record<string, unknown>).constructor).to.equal(Object);
    // a translations field of the wrong kind is ignored, the program is kept
    backend.worker.use(http.get(PROGRAM, () => HttpResponse.json({ ...program, translations: ['es'] })));
    const list = await rest({ retries: 0 }).getProgram();
    expect(list.translations).to.equal(undefined);
    expect(list.id).to.equal(program.id);
  });

  it('reads what a clawback pays back, keeping an older server\'s line without it and leaving out one that is not text', async () => {
    const at = new Date(clock.now()).toISOString();
    const items = [
      { id: 'c1', kind: 'clawback', points: -30, at, pays: 'adjustment' },
      { id: 'c2', kind: 'clawback', points: -10, at, pays: 'reward', rewardId: 'ten-off' },
      { id: 'c3', kind: 'clawback', points: -20, at },
      { id: 'c4', kind: 'clawback', points: -5, at, pays: 7 },
    ];
    backend.worker.use(http.get(`${ME}/activity`, () => HttpResponse.json({ items, nextCursor: null })));
    const page = await rest({ retries: 0 }).getActivity();
    expect(page.items.map((e) => [e.id, e.pays, e.rewardId])).to.deep.equal([
      ['c1', 'adjustment', undefined],
      ['c2', 'reward', 'ten-off'],
      ['c3', undefined, undefined],
      ['c4', undefined, undefined],
    ]);
  });

  it('retries a read after a 500 and succeeds', async () => {
    let calls = 0;
    backend.worker.use(
      http.get(ME, () => {
        calls++;
        return calls < 3 ? new HttpResponse('boom', { status: 500 }) : undefined;
      }),
    );
    const member = await rest().getMember();
    expect(calls).to.equal(3);
    expect(member.points.available).to.equal(397);
  });

  it('honours Retry-After on 503 before retrying', async () => {
    const times: number[] = [];
    backend.worker.use(
      http.get(ME, () => {
        times.push(performance.now());
        return times.length === 1 ? new HttpResponse(null, { status: 503, headers: { 'Retry-After': '1' } }) : undefined;
      }),
    );
    await rest().getMember();
    expect(times).to.have.length(2);
    expect(times[1]! - times[0]!).to.be.at.least(950);
  });

  it('gives up with rate_limited when Retry-After asks for longer than it will wait', async () => {
    backend.worker.use(http.get(ME, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '120' } })));
    const error = await failure(rest().getMember());
    expect(error.code).to.equal('rate_limited');
    expect(error.retryAfter).to.equal(120);
  });

  it("takes the problem's params.retryAfter when the Retry-After header is not readable (another origin that does not expose it)", async () => {
    const problem = (retryAfter: unknown) => ({ type: 'about:blank', title: 'Slow down', status: 429, code: 'rate_limited', params: { retryAfter } });
    backend.worker.use(http.get(ME, () => HttpResponse.json(problem(120), { status: 429 })));
    expect((await failure(rest().getMember())).retryAfter).to.equal(120);
    // the header, when readable, decides
    backend.worker.use(http.get(ME, () => HttpResponse.json(problem(120), { status: 429, headers: { 'Retry-After': '90' } })));
    expect((await failure(rest().getMember())).retryAfter).to.equal(90);
    // a body value that is not a whole number of seconds is not a delay
    backend.worker.use(http.get(ME, () => HttpResponse.json(problem('soon'), { status: 429 })));
    expect((await failure(rest({ retries: 0 }).getMember())).retryAfter).to.equal(undefined);
  });

  it('stops after the configured number of retries with a server error', async () => {
    let calls = 0;
    backend.worker.use(http.get(ME, () => (calls++, new HttpResponse(null, { status: 502 }))));
    const error = await failure(rest({ retries: 2 }).getMember());
    expect(error.code).to.equal('server');
    expect(calls).to.equal(3);
  });

  it('does not retry a write that carries no idempotency key, and retries one that does', async () => {
    let calls = 0;
    backend.worker.use(http.post('*/v1/programs/:programId/thing', () => (calls++, new HttpResponse(null, { status: 503 }))));
    const check = () => ({});
    await failure(rest().request('POST', '/thing', { check, body: {} }));
    expect(calls).to.equal(1);
    calls = 0;
    const keys: (string | null)[] = [];
    backend.worker.use(
      http.post('*/v1/programs/:programId/thing', ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'));
        return keys.length < 2 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ ok: true });
      }),
    );
    await rest().request('POST', '/thing', { check, body: {}, idempotencyKey: 'k-123' });
    expect(keys).to.deep.equal(['k-123', 'k-123']);
  });

  it('maps a network failure to network', async () => {
    backend.worker.use(http.get(ME, () => HttpResponse.error()));
    expect((await failure(rest({ retries: 0 }).getMember())).code).to.equal('network');
  });

  it('maps a response that never comes to timeout', async () => {
    backend.worker.use(http.get(ME, async () => (await delay('infinite'), undefined)));
    expect((await failure(rest({ retries: 0, timeoutMs: 150 }).getMember())).code).to.equal('timeout');
  });

  it('rejects malformed JSON, an empty body and a wrong shape as invalid_response', async () => {
    backend.worker.use(http.get(ME, () => new HttpResponse('{"id": ', { headers: { 'Content-Type': 'application/json' } })));
    expect((await failure(rest({ retries: 0 }).getMember())).code).to.equal('invalid_response');
    backend.worker.use(http.get(ME, () => new HttpResponse('', { status: 200 })));
    expect((await failure(rest({ retries: 0 }).getMember())).code).to.equal('invalid_response');
    backend.worker.use(http.get(ME, () => HttpResponse.json({ id: 'm', points: { available: 'lots' } })));
    const wrong = await failure(rest({ retries: 0 }).getMember());
    expect(wrong.code).to.equal('invalid_response');
    expect(wrong.message).to.contain('email');
  });

  it('reads the machine code and params of a problem+json answer', async () => {
    backend.worker.use(
      http.get(ME, () =>
        HttpResponse.json({ type: 'about:blank', title: 'Nope', status: 403, code: 'forbidden', params: { why: 'x' } }, { status: 403 }),
      ),
    );
    const error = await failure(rest().getMember());
    expect(error).to.include({ code: 'forbidden', status: 403 });
    expect(error.params).to.deep.equal({ why: 'x' });
  });

  it('answers 401 to a forged or expired token', async () => {
    tokens = [await tokenFor(undefined, { secret: 'forged' })];
    expect((await failure(rest().getMember())).code).to.equal('unauthorized');
    tokens = [await tokenFor()];
    clock.advance(301_000);
    expect((await failure(rest().getMember())).code).to.equal('unauthorized');
  });

  it('asks the token provider once after a 401 and retries with the fresh token', async () => {
    tokens = [await tokenFor(undefined, { secret: 'stale' })];
    const member = await rest({ provider: () => tokenFor() }).getMember();
    expect(provided).to.equal(1);
    expect(member.id).to.equal('m_demo_ana');
    tokens = [await tokenFor(undefined, { secret: 'stale' })];
    const error = await failure(rest({ provider: () => tokenFor(undefined, { secret: 'still-wrong' }) }).getMember());
    expect(error.code).to.equal('unauthorized');
    expect(provided).to.equal(2);
  });

  it('answers a call a guest may make as a guest when the refused token is not renewed (the shopper is signed out)', async () => {
    tokens = [await tokenFor(undefined, { secret: 'stale' })];
    const cart = { currency: 'USD', lines: [{ id: 'p-pot', name: 'Pot', category: 'pots', unitPrice: 3_000, quantity: 2 }], subtotal: 6_000 };
    const coupon = await rest({ provider: async () => null }).validateCoupon('WELCOME10', cart);
    expect(coupon.discount).to.deep.equal({ amount: 1_000, currency: 'USD' });
    expect(provided).to.equal(1);
    // a member's own call still fails: there is no one to answer for
    expect((await failure(rest({ provider: async () => null }).getMember())).code).to.equal('unauthorized');
  });

  it('does not call the server for a signed-in call without a token', async () => {
    tokens = [];
    let calls = 0;
    backend.worker.use(http.get(ME, () => (calls++, undefined)));
    expect((await failure(rest().getMember())).code).to.equal('unauthorized');
    expect(calls).to.equal(0);
  });
});
