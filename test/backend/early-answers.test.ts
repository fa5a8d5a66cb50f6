/**
 * Reads asked for while the drop-in starts (src/core/early-answers.ts): the REST backend takes the
 * early answer of the same GET with the same token, once, and asks the server in every other case.
 */
import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import { RestBackend } from '../../src/backend/rest.js';
import { askEarly, contractUrl, EARLY_FRESH_MS } from '../../src/core/early-answers.js';
import { FidelioError } from '../../src/core/errors.js';
import { DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { API, clock, tokenFor, until, useBackend } from '../helpers/backend.js';
import type { MockBackend } from '../../src/mock/index.js';

const ME = '*/v1/programs/:programId/me';
const meUrl = contractUrl(API, DEMO_PROGRAM_ID, '/me');

describe('early answers', () => {
  let backend: MockBackend;
  let token: string;
  /** Requests for /me that reached the server, with the token they carried. */
  let asked: (string | null)[];

  const rest = (retries = 2, as: string | null = token) =>
    new RestBackend({ api: API, programId: DEMO_PROGRAM_ID, retries, timeoutMs: 2000, clock, getToken: async () => as }, { baseMs: 5, capMs: 20, maxRetryAfterMs: 1000 });

  beforeEach(async () => {
    backend = await useBackend();
    token = await tokenFor();
    asked = [];
    backend.worker.use(
      http.get(ME, ({ request }) => {
        asked.push(request.headers.get('Authorization'));
        return undefined; // on to the reference backend
      }),
    );
  });

  it('are used by the backend for the same read with the same token: the server is asked once', async () => {
    askEarly(meUrl, token, 2000);
    await until(() => expect(asked).to.have.length(1));
    const member = await rest().getMember();
    expect(member.points.available).to.equal(397);
    expect(asked, 'only the early request').to.deep.equal([`Bearer ${token}`]);
    // once: the next read asks again
    await rest().getMember();
    expect(asked).to.have.length(2);
  });

  it('are not used for another token, another read or once they are old', async () => {
    const other = await tokenFor('mem_other');
    askEarly(meUrl, other, 2000);
    await rest().getMember();
    expect(asked, 'the early request, then the backend’s own with its token').to.deep.equal([`Bearer ${other}`, `Bearer ${token}`]);

    asked = [];
    askEarly(meUrl, token, 2000);
    await rest().getProgram();
    await rest().getMember();
    expect(asked, 'a read of the program does not take the member’s answer').to.have.length(1);

    asked = [];
    askEarly(meUrl, token, 2000);
    const now = performance.now.bind(performance);
    Object.defineProperty(performance, 'now', { configurable: true, value: () => now() + EARLY_FRESH_MS + 1 });
    try {
      await rest().getMember();
    } finally {
      delete (performance as { now?: unknown }).now;
    }
    expect(asked, 'an answer asked for more than ten seconds ago is not used').to.have.length(2);
  });

  it('count a failed early request as one attempt: the read is retried, or fails as the network', async () => {
    let fail = 1;
    backend.worker.use(http.get(ME, () => (fail-- > 0 ? HttpResponse.error() : undefined)));
    askEarly(meUrl, token, 2000);
    const member = await rest(2).getMember();
    expect(member.points.available).to.equal(397);

    fail = 1;
    askEarly(meUrl, token, 2000);
    let error: unknown;
    await rest(0)
      .getMember()
      .catch((caught: unknown) => (error = caught));
    expect(error).to.be.instanceOf(FidelioError);
    expect((error as FidelioError).code).to.equal('network');

    // an early request that never answers times out like the backend's own
    backend.worker.use(http.get(ME, async () => (await delay('infinite'), undefined)));
    askEarly(meUrl, token, 150);
    error = undefined;
    await rest(0)
      .getMember()
      .catch((caught: unknown) => (error = caught));
    expect((error as FidelioError).code).to.equal('timeout');
  });

  it('keep a body readable long after it arrived (the timeout stops waiting for an answer, not the reading of one)', async () => {
    askEarly(meUrl, token, 100);
    await until(() => expect(asked).to.have.length(1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const member = await rest(0).getMember();
    expect(member.points.available).to.equal(397);
    expect(asked).to.have.length(1);
  });
});
