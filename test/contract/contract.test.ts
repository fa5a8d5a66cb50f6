import { expect } from '@open-wc/testing';
import { RestBackend } from '../../src/backend/rest.js';
import { DEMO_MEMBER_ID, DEMO_MERCHANT_KEY, DEMO_PROGRAM_ID, signCustomerToken } from '../../src/mock/index.js';
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

  it('every operation answers a success and an error that validate against the document', async function () {
    // Some 70 requests through the service worker: WebKitGTK on a busy 2-core machine needs more than 10 s.
    this.timeout(60_000);
    const backend = await useBackend();
    const doc = (await loadContract()) as unknown as { paths: Record<string, Record<string, { operationId?: string }>> };
    const check = await checkResponsesAgainstContract();
    const base = `${API}/v1/programs/${DEMO_PROGRAM_ID}`;
    const send = (method: string, path: string, options: { body?: unknown; token?: string; key?: string; merchant?: string; visitor?: string } = {}) =>
      fetch(`${base}${path}`, {
        method,
        headers: {
          ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...(options.key ? { 'Idempotency-Key': options.key } : {}),
          ...(options.merchant ? { 'X-Fidelio-Merchant-Key': options.merchant } : {}),
          ...(options.visitor ? { 'X-Fidelio-Visitor': options.visitor } : {}),
        },
        body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      });
    const cart = { currency: 'USD', lines: [{ id: 'p-pot', name: 'Pot', category: 'pots', unitPrice: 1_800, quantity: 3 }, { id: 'p-can', name: 'Can', brand: 'Acme Garden', unitPrice: 5_600, quantity: 1 }], subtotal: 11_000 };
    const order = (orderId: string, extra: Record<string, unknown> = {}) => ({
      orderId,
      memberId: DEMO_MEMBER_ID,
      currency: 'USD',
      lines: cart.lines,
      shipping: 0,
      tax: 0,
      subtotal: cart.subtotal,
      discounts: 0,
      placedAt: new Date(clock.now()).toISOString(),
      ...extra,
    });
    const merchant = DEMO_MERCHANT_KEY;
    try {
      const ana = await tokenFor();
      const forged = await tokenFor(undefined, { secret: 'forged' });
      // program and enrollment
      await send('GET', '');
      await fetch(`${API}/v1/programs/nope`);
      const joined = await send('POST', '/members', { key: 'contract-enroll-1', body: { email: 'kim@example.com', name: 'Kim', newsletter: true, referralCode: 'ANA2026' } });
      await send('POST', '/members', { key: 'contract-enroll-2', body: { email: 'bea@example.com', newsletter: false, referralCode: 'ANA2026' } });
      await send('POST', '/members', { key: 'contract-enroll-3', body: { email: 'ana@example.com', newsletter: false } });
      await send('POST', '/members', { body: { email: 'lee@example.com', newsletter: false } });
      await send('POST', '/members', { key: 'contract-enroll-4', body: { email: 'nope', newsletter: false } });
      const kim = ((await joined.json()) as { token: string }).token;
      // the member
      await send('GET', '/me', { token: ana });
      await send('GET', '/me', { token: forged });
      await send('GET', '/me', { token: await tokenFor('nobody@example.com') });
      const iat = Math.floor(clock.now() / 1000);
      await send('GET', '/me', { token: await signCustomerToken(backend.state.secret, { sub: DEMO_MEMBER_ID, prg: 'other-store', iat, exp: iat + 60 }) });
      await send('GET', '/me/batches', { token: ana });
      await send('GET', '/me/batches');
      await send('GET', '/me/activity?limit=3', { token: ana });
      await send('GET', '/me/activity?cursor=forged', { token: ana });
      // cart and coupons
      await send('POST', '/cart/preview', { body: { ...cart, couponCode: 'SPRING15' } });
      await send('POST', '/cart/preview', { token: ana, body: cart });
      await send('POST', '/cart/preview', { body: { ...cart, currency: 'EUR' } });
      await send('POST', '/coupons/validate', { body: { code: 'SPRING15', cart } });
      await send('POST', '/coupons/validate', { token: ana, body: { code: 'MEMBERS20', cart } });
      for (const code of ['NOPE', 'SUMMER20', 'EARLYBIRD', 'FLASH5', 'MEMBERS20']) await send('POST', '/coupons/validate', { visitor: 'contract', body: { code, cart } });
      await send('POST', '/coupons/validate', { visitor: 'contract', body: { code: 'WELCOME10', cart: { ...cart, lines: [cart.lines[0]], subtotal: 5_400 - 1_000 } } });
      await send('POST', '/coupons/validate', { visitor: 'contract', body: { code: 'SPRING15', cart: { ...cart, lines: [cart.lines[1]], subtotal: 5_600 } } });
      for (let i = 0; i < 4; i++) await send('POST', '/coupons/validate', { visitor: 'contract', body: { code: `GUESS${i}`, cart } });
      await send('POST', '/coupons/validate', { visitor: 'contract', body: { code: 'WELCOME10', cart } });
      await send('POST', '/coupons/validate', { body: { code: '', cart } });
      // rewards, referral, events
      const redeemed = await send('POST', '/me/redemptions', { token: ana, key: 'contract-redeem-1', body: { rewardId: 'ten-off', cart } });
      await send('POST', '/me/redemptions', { token: ana, key: 'contract-redeem-2', body: { rewardId: 'pay-with-points', cart } });
      await send('POST', '/me/redemptions', { token: kim, key: 'contract-redeem-3', body: { rewardId: 'ten-off' } });
      await send('POST', '/me/redemptions', { token: kim, key: 'contract-redeem-4', body: { rewardId: 'ten-off' } });
      await send('DELETE', `/me/redemptions/${((await redeemed.clone().json()) as { id: string }).id}`, { token: ana });
      await send('DELETE', '/me/redemptions/red_unknown', { token: ana });
      await send('GET', '/me/redemptions', { token: ana });
      await send('GET', '/me/redemptions');
      await send('GET', '/me/referral', { token: ana });
      await send('GET', '/me/referral', { token: forged });
      await send('POST', '/me/events', { token: ana, key: 'contract-event-1', body: { type: 'share' } });
      await send('POST', '/me/events', { token: ana, key: 'contract-event-2', body: { type: 'dance' } });
      await send('POST', '/me/events', { token: ana, key: 'contract-event-1', body: { type: 'review' } });
      // communication
      await send('GET', '/me/preferences', { token: ana });
      await send('GET', '/me/preferences');
      await send('PUT', '/me/preferences', { token: kim, body: { newsletter: false, statement: true } });
      await send('PUT', '/me/preferences', { token: kim, body: { newsletter: 'yes' } });
      // profile and my data
      await send('PATCH', '/me', { token: kim, body: { name: 'Kim Lee' } });
      await send('PATCH', '/me', { token: kim, body: { name: '<b>Kim</b>' } });
      await send('GET', '/me/export', { token: ana });
      await send('GET', '/me/export');
      await send('POST', '/me/deletion-request', { token: kim });
      await send('POST', '/me/deletion-request', { token: forged });
      await send('POST', '/unsubscribe', { body: { token: backend.state.engine.members[DEMO_MEMBER_ID]!.unsubscribeToken } });
      await send('POST', '/unsubscribe', { body: { token: 'forged' } });
      // merchant
      await send('POST', '/orders', { merchant, body: order('o_contract_1') });
      await send('POST', '/orders', { merchant, body: order('o_contract_1') });
      await send('POST', '/orders', { merchant, body: order('o_contract_1', { discounts: 1 }) });
      await send('POST', '/orders', { merchant, body: order('o_contract_2', { memberId: undefined, email: 'walk-in@example.com' }) });
      await send('POST', '/orders', { body: order('o_contract_3') });
      await send('POST', '/orders', { merchant, body: order('o_contract_4', { memberId: undefined }) });
      await send('POST', '/orders/o_contract_1/returns', { merchant, body: { returnId: 'contract-ret-1', lines: [{ id: 'p-pot', quantity: 1 }] } });
      await send('POST', '/orders/o_1002/returns', { merchant, body: { returnId: 'contract-ret-2', amount: 10_000 } });
      await send('POST', '/orders/o_missing/returns', { merchant, body: { returnId: 'contract-ret-3', amount: 100 } });
      await send('POST', '/orders/o_1002/returns', { merchant, body: { returnId: 'contract-ret-4' } });
      await send('GET', '/kpis?lifespanYears=3', { merchant });
      await send('GET', '/kpis');
      await send('GET', '/kpis?from=soon', { merchant });
      // paid membership
      await send('POST', '/me/membership', { token: kim, body: { planId: 'plus', action: 'trial' } });
      await send('POST', '/me/membership', { token: kim, body: { planId: 'plus', action: 'trial' } });
      await send('POST', '/me/membership', { token: kim, body: { planId: 'plus', action: 'subscribe' } });
      await send('POST', '/me/membership', { token: kim, body: { planId: 'nope', action: 'trial' } });
      await send('POST', '/me/membership', { token: kim, body: { planId: 'plus', action: 'buy' } });
      await send('DELETE', '/me/membership', { token: kim });
      await send('DELETE', '/me/membership', { token: ana });
      await send('POST', '/me/membership', { token: ana, body: { planId: 'plus', action: 'subscribe' } });
      await send('POST', `/members/${DEMO_MEMBER_ID}/membership/charges`, { merchant, body: { chargeId: 'ch_contract_1', outcome: 'succeeded' } });
      await send('POST', `/members/${DEMO_MEMBER_ID}/membership/charges`, { merchant, body: { chargeId: 'ch_contract_2', outcome: 'failed' } });
      await send('POST', `/members/${DEMO_MEMBER_ID}/membership/charges`, { body: { chargeId: 'ch_contract_3', outcome: 'failed' } });
      await send('POST', '/members/m_nobody/membership/charges', { merchant, body: { chargeId: 'ch_contract_4', outcome: 'failed' } });
      // gift cards
      await send('POST', '/gift-cards', { merchant, body: { code: 'GIFT-CONTRACT-1', value: { amount: 3_000, currency: 'USD' } } });
      await send('POST', '/gift-cards', { merchant, body: { code: 'GIFT-CONTRACT-1', value: { amount: 3_000, currency: 'USD' } } });
      await send('POST', '/gift-cards', { merchant, body: { code: 'GIFT-CONTRACT-1', value: { amount: 4_000, currency: 'USD' } } });
      await send('POST', '/gift-cards', { merchant, body: { code: 'GIFT-NEVER-1', value: { amount: 4_000, currency: 'USD' }, expiresAt: null } });
      await send('POST', '/gift-cards', { merchant, body: { code: 'short', value: { amount: 4_000, currency: 'USD' } } });
      await send('GET', '/gift-cards/GIFT-CONTRACT-1');
      await send('GET', '/gift-cards/GIFT-UNKNOWN-1');
      // store credit spent at checkout, and more than there is
      await send('POST', `/members/${DEMO_MEMBER_ID}/store-credit/debits`, { merchant, key: 'contract-credit-1', body: { amount: { amount: 1_000, currency: 'USD' }, orderId: 'o_contract_credit' } });
      await send('POST', `/members/${DEMO_MEMBER_ID}/store-credit/debits`, { merchant, key: 'contract-credit-2', body: { amount: { amount: 9_999_999, currency: 'USD' }, orderId: 'o_contract_credit' } });
      await send('GET', `/members/${DEMO_MEMBER_ID}/store-credit`, { merchant });
      await send('GET', '/members/m_nobody/store-credit', { merchant });
      const creditDebit = (await (await send('POST', `/members/${DEMO_MEMBER_ID}/store-credit/debits`, { merchant, key: 'contract-credit-3', body: { amount: { amount: 500, currency: 'USD' }, orderId: 'o_contract_credit_2' } })).json()) as { debitId: string };
      await send('POST', `/members/${DEMO_MEMBER_ID}/store-credit/refunds`, { merchant, key: 'contract-credit-refund-1', body: { debitId: creditDebit.debitId, amount: { amount: 200, currency: 'USD' } } });
      await send('POST', `/members/${DEMO_MEMBER_ID}/store-credit/refunds`, { merchant, key: 'contract-credit-refund-2', body: { debitId: creditDebit.debitId, amount: { amount: 9_999, currency: 'USD' } } });
      await send('POST', `/members/${DEMO_MEMBER_ID}/store-credit/refunds`, { merchant, key: 'contract-credit-refund-3', body: { debitId: 'cd_nope' } });
      await send('POST', '/gift-cards/GIFT-CONTRACT-1/debits', { merchant, key: 'contract-debit-1', body: { amount: { amount: 1_000, currency: 'USD' }, orderId: 'o_contract_1' } });
      await send('POST', '/gift-cards/GIFT-CONTRACT-1/debits', { merchant, key: 'contract-debit-2', body: { amount: { amount: 9_000, currency: 'USD' } } });
      await send('POST', '/gift-cards/GIFT-CONTRACT-1/debits', { merchant, key: 'contract-debit-3', body: { amount: { amount: 9_000, currency: 'USD' }, allowPartial: true } });
      await send('POST', '/gift-cards/GIFT-UNKNOWN-1/debits', { merchant, key: 'contract-debit-4', body: { amount: { amount: 100, currency: 'USD' } } });
      const giftDebit = (await (await send('POST', '/gift-cards/GIFT-NEVER-1/debits', { merchant, key: 'contract-debit-5', body: { amount: { amount: 1_000, currency: 'USD' } } })).json()) as { debitId: string };
      await send('POST', '/gift-cards/GIFT-NEVER-1/refunds', { merchant, key: 'contract-refund-1', body: { debitId: giftDebit.debitId, amount: { amount: 400, currency: 'USD' } } });
      await send('POST', '/gift-cards/GIFT-NEVER-1/refunds', { merchant, key: 'contract-refund-2', body: { debitId: giftDebit.debitId, amount: { amount: 9_000, currency: 'USD' } } });
      await send('POST', '/gift-cards/GIFT-CONTRACT-1/refunds', { merchant, key: 'contract-refund-3', body: { debitId: giftDebit.debitId } });
      // birthday
      await send('POST', '/me/birthday-reward', { token: ana });
      await send('POST', '/me/birthday-reward', { token: kim });
      await send('PUT', '/me/birthday', { token: ana, body: { day: new Date(clock.now()).getUTCDate(), month: new Date(clock.now()).getUTCMonth() + 1 } });
      await send('PUT', '/me/birthday', { token: ana, body: { day: 1, month: 1 } });
      await send('PUT', '/me/birthday', { token: ana, body: { day: 31, month: 2 } });
      await send('POST', '/me/birthday-reward', { token: ana });
      // demo
      await send('GET', '/demo/outbox');
      await send('GET', '/demo/outbox?limit=0');
      await fetch(`${API}/v1/programs/nope/demo/outbox`);
      await send('POST', '/demo/time-travel', { body: { days: 'soon' } });
      await send('POST', '/demo/session', { body: {} });
      await send('POST', '/demo/session', { body: { email: 'new@example.com' } });
      await send('POST', '/demo/session', { body: { email: 'not an email' } });
      // last: time travel moves the backend's clock
      await send('POST', '/demo/time-travel', { body: { days: 1 } });
      await check.settle();
    } finally {
      check.stop();
    }
    expect(check.failures).to.deep.equal([]);

    // Which operation each checked response belongs to, and the statuses seen for it.
    const seen = new Map<string, Set<number>>();
    const operations: string[] = [];
    for (const [template, methods] of Object.entries(doc.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, operation] of Object.entries(methods)) {
        if (!operation || typeof operation !== 'object' || !operation.operationId) continue;
        operations.push(operation.operationId);
        for (const label of check.checked) {
          const [verb, path, status] = label.split(' ');
          if (verb === method.toUpperCase() && pattern.test(path!)) (seen.get(operation.operationId) ?? seen.set(operation.operationId, new Set()).get(operation.operationId)!).add(Number(status));
        }
      }
    }
    expect(operations).to.have.length(36);
    for (const id of operations) {
      const statuses = [...(seen.get(id) ?? [])];
      expect(statuses.some((s) => s >= 200 && s < 300), `${id}: a success (${statuses})`).to.equal(true);
      expect(statuses.some((s) => s >= 400 && s < 500), `${id}: an error (${statuses})`).to.equal(true);
    }
    expect(check.checked).to.include.members([
      `POST /v1/programs/${DEMO_PROGRAM_ID}/members 201`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/members 409`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/coupons/validate 429`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/orders 200`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/orders 401`,
      `GET /v1/programs/${DEMO_PROGRAM_ID}/me 401`,
      `GET /v1/programs/${DEMO_PROGRAM_ID}/me 403`,
      `GET /v1/programs/${DEMO_PROGRAM_ID}/me 404`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/me/membership 200`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/me/membership 409`,
      `DELETE /v1/programs/${DEMO_PROGRAM_ID}/me/membership 409`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/members/${DEMO_MEMBER_ID}/membership/charges 200`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/gift-cards 201`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/gift-cards 200`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/gift-cards 409`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/gift-cards/GIFT-CONTRACT-1/debits 201`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/gift-cards/GIFT-CONTRACT-1/debits 422`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/me/birthday-reward 200`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/me/birthday-reward 409`,
      `PUT /v1/programs/${DEMO_PROGRAM_ID}/me/birthday 200`,
      `PUT /v1/programs/${DEMO_PROGRAM_ID}/me/birthday 422`,
      `GET /v1/programs/${DEMO_PROGRAM_ID}/demo/outbox 200`,
      `POST /v1/programs/${DEMO_PROGRAM_ID}/demo/time-travel 200`,
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
