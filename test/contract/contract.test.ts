import { expect } from '@open-wc/testing';
import { RestBackend } from '../../src/backend/rest.js';
import { DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { API, clock, tokenFor, useBackend } from '../helpers/backend.js';
import { checkResponsesAgainstContract, loadContract } from '../helpers/contract.js';

describe('REST contract', () => {
  it('is an OpenAPI 3.1 document for /v1 with problem+json errors', async () => {
    const doc = (await loadContract()) as unknown as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(doc.openapi).to.match(/^3\.1\./);
    for (const path of Object.keys(doc.paths)) expect(path).to.match(/^\/v1\/programs\/\{programId\}/);
    expect(doc.components.schemas.Problem!.properties).to.include.keys('type', 'title', 'status', 'code', 'params');
  });

  it('every response the reference backend gives validates against the document', async () => {
    await useBackend();
    const check = await checkResponsesAgainstContract();
    try {
      const call = (token: string | null, program = DEMO_PROGRAM_ID) =>
        new RestBackend({ api: API, programId: program, retries: 0, timeoutMs: 2000, clock, getToken: async () => token });
      const token = await tokenFor();
      await call(null).getProgram();
      await call(null, 'nope').getProgram().catch(() => undefined);
      await call(token).getMember();
      await call(token).getBatches();
      await call(await tokenFor(undefined, { secret: 'forged' })).getMember().catch(() => undefined);
      await fetch(`${API}/v1/programs/${DEMO_PROGRAM_ID}/demo/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      await fetch(`${API}/v1/programs/${DEMO_PROGRAM_ID}/me/batches`);
      await check.settle();
    } finally {
      check.stop();
    }
    expect(check.failures).to.deep.equal([]);
    expect(check.checked).to.have.length(7);
    expect(check.checked).to.include.members([
      `GET /v1/programs/${DEMO_PROGRAM_ID} 200`,
      'GET /v1/programs/nope 404',
      `GET /v1/programs/${DEMO_PROGRAM_ID}/me 200`,
      `GET /v1/programs/${DEMO_PROGRAM_ID}/me 401`,
      `GET /v1/programs/${DEMO_PROGRAM_ID}/me/batches 200`,
      `GET /v1/programs/${DEMO_PROGRAM_ID}/me/batches 401`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/demo/session 200`,
    ]);
  });

  it('catches a response that breaks the contract (the check itself can fail)', async () => {
    const backend = await useBackend();
    const { http, HttpResponse } = await import('msw');
    backend.worker.use(http.get('*/v1/programs/:programId', () => HttpResponse.json({ id: 1 })));
    const check = await checkResponsesAgainstContract();
    try {
      await fetch(`${API}/v1/programs/${DEMO_PROGRAM_ID}`);
      await check.settle();
    } finally {
      check.stop();
    }
    expect(check.failures).to.have.length(1);
    expect(check.failures[0]).to.contain(`GET /v1/programs/${DEMO_PROGRAM_ID} 200`);
  });
});
