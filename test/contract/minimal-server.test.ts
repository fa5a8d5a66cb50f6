/**
 * A merchant's own server that speaks the documented contract and nothing more: every answer here
 * carries only what the contract requires (optional fields absent, nullable fields null, lists
 * empty, numbers at their documented edges), errors are bare `Problem` documents with or without
 * their optional `params`. Each request the widgets send is checked against the contract (method,
 * path, headers, body) and each answer this server gives is too, so the server itself cannot drift
 * from the document. The widgets must cope: nothing thrown into the page (freshSdkEachTest fails the
 * test otherwise), and every sentence translated and whole — no `undefined`, `NaN`, raw message
 * keys, blanks where a value was expected, or empty buttons.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { cleanStores } from 'nanostores';
import { Validator } from '@cfworker/json-schema';
import { http, HttpResponse, type HttpHandler } from 'msw';
import '../../src/components/points-badge/points-badge.js';
import '../../src/components/member-panel/member-panel.js';
import '../../src/components/coupon-field/coupon-field.js';
import '../../src/components/points-redeem/points-redeem.js';
import '../../src/components/earn-preview/earn-preview.js';
import '../../src/components/join-link/join-link.js';
import '../../src/components/signup-popup/signup-popup.js';
import '../../src/components/referral-share/referral-share.js';
import { showUnsubscribeNotice } from '../../src/components/unsubscribe-notice/unsubscribe-notice.js';
import { $cart, setCart } from '../../src/stores/cart.js';
import { $coupon } from '../../src/stores/coupon.js';
import { $member } from '../../src/stores/member.js';
import { $panel } from '../../src/stores/panel.js';
import { $program } from '../../src/stores/program.js';
import { $referral } from '../../src/stores/referral.js';
import { $signup } from '../../src/stores/signup.js';
import { resetRedeem } from '../../src/stores/redeem.js';
import { LOCALES, setLocale } from '../../src/i18n/index.js';
import { NOW, freshSdkEachTest, signInDemo, tokenFor, until } from '../helpers/backend.js';
import { loadContract } from '../helpers/contract.js';

// ------------------------------------------------------------------ the contract, as a checker

interface Operation {
  operationId: string;
  security?: Record<string, unknown>[];
  parameters?: ({ $ref: string } | { name: string; in: string; required?: boolean; schema?: { minLength?: number; maxLength?: number; minimum?: number; maximum?: number } })[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { $ref: string } | { content?: Record<string, { schema: object }> }>;
}
type Doc = Awaited<ReturnType<typeof loadContract>> & {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object>; responses: Record<string, { content?: Record<string, { schema: object }> }>; parameters: Record<string, unknown> };
};

let doc: Doc;
const deref = <T>(node: T | { $ref: string }): T => {
  if (node && typeof node === 'object' && '$ref' in node) {
    const [, , group, name] = (node as { $ref: string }).$ref.split('/');
    return (doc.components as unknown as Record<string, Record<string, T>>)[group!]![name!]!;
  }
  return node as T;
};
const schemaErrors = (schema: object, value: unknown): string[] => {
  const result = new Validator({ ...schema, components: doc.components } as never, '2020-12', false).validate(value);
  return result.valid ? [] : result.errors.map((e) => `${e.instanceLocation} ${e.error}`);
};

/** Every way a request or an answer broke the contract, in this test. */
let breaches: string[] = [];
/** `METHOD operationId` of every request the widgets sent, in this test. */
let sent: string[] = [];

/** The operation a request is for, and its path's template. */
function operationOf(request: Request): { template: string; op: Operation } | null {
  const path = new URL(request.url).pathname;
  for (const [template, item] of Object.entries(doc.paths)) {
    if (!new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path)) continue;
    const op = item[request.method.toLowerCase()];
    if (op) return { template, op };
  }
  return null;
}

/** What the SDK sent, checked against the operation: its headers, query and body. */
async function checkRequest(request: Request, op: Operation): Promise<void> {
  const where = `${request.method} ${op.operationId}`;
  const security = op.security ?? [];
  const needsToken = security.length > 0 && security.every((s) => 'customerToken' in s);
  const auth = request.headers.get('Authorization');
  if (needsToken && !/^Bearer \S+$/.test(auth ?? '')) breaches.push(`${where}: no Bearer token`);
  if (security.length === 0 && auth) breaches.push(`${where}: a token sent to a public operation`);
  if (security.some((s) => 'merchantKey' in s) || request.headers.has('X-Fidelio-Merchant-Key')) breaches.push(`${where}: a merchant-only call from the storefront`);
  const query = new URL(request.url).searchParams;
  for (const raw of op.parameters ?? []) {
    const p = deref(raw) as { name: string; in: string; required?: boolean; schema?: { minLength?: number; maxLength?: number; minimum?: number; maximum?: number } };
    const value = p.in === 'header' ? request.headers.get(p.name) : p.in === 'query' ? query.get(p.name) : undefined;
    if (value === undefined) continue;
    if (value === null) {
      if (p.required) breaches.push(`${where}: no ${p.name} ${p.in}`);
      continue;
    }
    const s = p.schema ?? {};
    if ((s.minLength !== undefined && value.length < s.minLength) || (s.maxLength !== undefined && value.length > s.maxLength)) breaches.push(`${where}: ${p.name} of length ${value.length}`);
    if ((s.minimum !== undefined && Number(value) < s.minimum) || (s.maximum !== undefined && Number(value) > s.maximum)) breaches.push(`${where}: ${p.name}=${value}`);
  }
  const text = await request.text();
  const schema = op.requestBody?.content['application/json']?.schema;
  if (!schema) {
    if (text) breaches.push(`${where}: a body the operation does not take`);
    return;
  }
  if (!/^application\/json/.test(request.headers.get('Content-Type') ?? '')) breaches.push(`${where}: body without Content-Type: application/json`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return void breaches.push(`${where}: body is not JSON`);
  }
  for (const error of schemaErrors(schema, body)) breaches.push(`${where} body: ${error}`);
}

/** An answer this server gives, checked against what the operation declares for its status. */
function checked(op: Operation, status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const declared = op.responses[String(status)];
  const media = declared ? deref(declared).content : undefined;
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  const schema = media?.[type]?.schema;
  if (!schema) breaches.push(`${op.operationId}: the test server answered ${status}, which the contract does not declare`);
  else for (const error of schemaErrors(schema, body)) breaches.push(`${op.operationId} ${status} answer: ${error}`);
  return new HttpResponse(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

// ------------------------------------------------------------------ the minimal server

const at = (days = 0) => new Date(NOW + days * 86_400_000).toISOString();
const USD = (amount: number) => ({ amount, currency: 'USD' });

/** A Problem with only what the contract requires (`params` and `detail` are optional). */
const problem = (status: number, code: string, params?: Record<string, unknown>) => ({ status, body: { type: 'about:blank', title: 'Refused', status, code, ...(params ? { params } : {}) } });
type Answer = { status: number; body: unknown; headers?: Record<string, string> };
type Reply = Answer | ((request: Request) => Answer | Promise<Answer>);

const minimalProgram = () => ({
  id: 'minimal',
  name: 'Minimal Rewards',
  currency: 'USD',
  earn: { points: 1, perMinor: 1000 },
  pendingDays: 0,
  expiry: { mode: 'none', months: 0 },
  pointValue: USD(1),
  joinIncentive: null,
});
const minimalMember = () => ({
  id: 'm_min',
  email: 'kim@example.com',
  name: null,
  currency: 'USD',
  points: { available: 0, pending: 0, lifetime: 0, nextPending: null, nextExpiry: null },
  updatedAt: at(),
});
const minimalMembership = (status: string) => ({ planId: 'plus', status, startedAt: at(-40), renewsOn: null, trialEndsOn: null });

/** Each operation the widgets call, with the smallest answer the contract allows. */
function minimalAnswers(): Record<string, Reply> {
  return {
    getProgram: { status: 200, body: minimalProgram() },
    getMe: { status: 200, body: minimalMember() },
    updateMe: { status: 200, body: minimalMember() },
    listPointBatches: { status: 200, body: { items: [] } },
    listActivity: { status: 200, body: { items: [], nextCursor: null } },
    previewCart: { status: 200, body: { earn: { points: 0, pendingDays: 0 } } },
    validateCoupon: { status: 200, body: { code: 'SAVE5', kind: 'fixed', discount: USD(500), lines: [], appliesTo: '' } },
    listRedemptions: { status: 200, body: { items: [] } },
    redeemReward: { status: 201, body: { id: 'red_1', rewardId: 'five', points: 1, coupon: { code: 'R-MIN1', discount: USD(500), expiresAt: at(30) } } },
    cancelRedemption: { status: 200, body: { id: 'red_1', status: 'cancelled', points: 0 } },
    getReferral: { status: 200, body: { code: 'KIM1', link: 'https://shop.example/?ref=KIM1', stats: { invited: 0, joined: 0, ordered: 0, rewarded: 0, pending: 0 } } },
    recordMemberEvent: { status: 200, body: { pointsAwarded: 0, capped: false } },
    getPreferences: { status: 200, body: { newsletter: false, statement: false } },
    updatePreferences: async (request) => ({ status: 200, body: await request.json() }),
    unsubscribe: { status: 200, body: { email: 'k***@example.com', newsletter: false } },
    enrollMember: async () => ({ status: 201, body: { member: minimalMember(), token: await tokenFor(), pointsAwarded: 0 } }),
    startMembership: { status: 200, body: minimalMembership('trial') },
    cancelMembership: { status: 200, body: minimalMembership('cancelled') },
    changeBirthday: { status: 200, body: { birthday: { day: 1, month: 1 }, changed: true, nextChangeOn: at(365) } },
    exportMyData: { status: 200, body: { exportedAt: at(), member: minimalMember(), preferences: { newsletter: false, statement: false }, batches: [], activity: [], redemptions: [], orders: [] } },
    requestDeletion: { status: 202, body: { status: 'received', requestedAt: at() } },
  };
}

let answers: Record<string, Reply> = {};

/** The server answers `operationId` with `reply` from now on in this test. */
const serve = (overrides: Record<string, Reply>) => Object.assign(answers, overrides);

function serverHandlers(): HttpHandler[] {
  return [
    http.all('*/v1/*', async ({ request }) => {
      const found = operationOf(request);
      if (!found) {
        breaches.push(`${request.method} ${new URL(request.url).pathname}: no such operation in the contract`);
        return new HttpResponse(null, { status: 404 });
      }
      const { op } = found;
      sent.push(`${request.method} ${op.operationId}`);
      await checkRequest(request.clone(), op);
      const reply = answers[op.operationId];
      if (!reply) {
        breaches.push(`${op.operationId}: a widget called it, and this test gave it no answer`);
        return checked(op, 500, problem(500, 'server').body);
      }
      const { status, body, headers } = typeof reply === 'function' ? await reply(request) : reply;
      return checked(op, status, body, headers);
    }),
  ];
}

// ------------------------------------------------------------------ what the shopper sees

/** Text of an element, its shadow root and the shadow roots inside it, as a shopper reads it. */
function seen(root: Node): string {
  let out = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) out += node.textContent;
    if (node instanceof Element) {
      if (node.localName === 'style' || node.localName === 'script') return;
      for (const name of ['aria-label', 'title', 'aria-valuetext']) if (node.hasAttribute(name)) out += ` ${node.getAttribute(name)} `;
      if (node.shadowRoot) walk(node.shadowRoot);
      if (['p', 'li', 'div', 'td', 'th', 'button', 'label', 'legend', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'dd', 'option', 'span'].includes(node.localName)) out += '\n';
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return out;
}

const RAW_KEY = /\b(?:badge|signup|coupon|redeem|earn|join|referral|panel|reward|rules|error|unsub|benefit)\.[A-Za-z_]+(?:\.[A-Za-z_]+)*\b/;

/** No sentence with a hole in it: nothing a shopper would read as broken. */
function expectWhole(el: Element, what = el.localName): string {
  const lines = seen(el)
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  for (const line of lines) {
    expect(line, `${what}: "${line}"`).not.to.match(/undefined|NaN|\[object Object\]|\bnull\b|Invalid Date/);
    expect(line, `${what}: a raw message key in "${line}"`).not.to.match(RAW_KEY);
    // a value left blank: "until ).", "Spend  more", "on .", "apply to ."
    expect(line, `${what}: a blank where a value belongs in "${line}"`).not.to.match(/\s[.,;:)）。]|\(\s*\)|\s{2}|[(（]\s*[)）]|\{\w+\}/);
  }
  const buttons = [] as HTMLElement[];
  const collect = (root: ParentNode) => {
    for (const node of root.querySelectorAll('*')) {
      if (node.localName === 'button') buttons.push(node as HTMLElement);
      if (node.shadowRoot) collect(node.shadowRoot);
    }
  };
  collect(el.shadowRoot ?? el);
  for (const button of buttons) expect((button.getAttribute('aria-label') ?? button.textContent ?? '').trim(), `${what}: an empty button`).not.to.equal('');
  return lines.join('\n');
}

const shadowPart = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const cart = { currency: 'USD', lines: [{ id: 'sku-1', name: 'Monstera', unitPrice: 4500, quantity: 1 }], subtotal: 4500 };

async function panel() {
  const el = await fixture<HTMLElement & { updateComplete: Promise<boolean> }>(html`<fidelio-member-panel></fidelio-member-panel>`);
  await until(() => expect($member.get().status).to.equal('ready'));
  await until(() => expect($program.get().status).to.equal('ready'));
  await until(() => {
    const state = $panel.get();
    for (const name of ['batches', 'redemptions', 'preferences', 'history'] as const) expect(state[name].status, name).to.equal('ready');
  });
  await el.updateComplete;
  return el;
}

async function couponRefusal(reply: Answer): Promise<string> {
  serve({ validateCoupon: reply });
  setCart(cart);
  const el = await fixture<HTMLElement>(html`<fidelio-coupon-field></fidelio-coupon-field>`);
  (shadowPart(el, 'input') as HTMLInputElement).value = 'SAVE5';
  shadowPart(el, 'apply')!.click();
  await until(() => expect($coupon.get().status).to.equal('rejected'));
  await (el as unknown as { updateComplete: Promise<boolean> }).updateComplete;
  expectWhole(el);
  return shadowPart(el, 'message')!.textContent!.replace(/\s+/g, ' ').trim();
}

// ------------------------------------------------------------------ the tests

describe('A merchant server that sends only what the contract requires', () => {
  const backend = freshSdkEachTest(() => {
    cleanStores($panel, $referral);
    $signup.set({ status: 'idle' });
    $cart.set(null);
    $coupon.set({ status: 'idle' });
    resetRedeem();
  });

  before(async () => {
    doc = (await loadContract()) as Doc;
  });

  beforeEach(() => {
    breaches = [];
    sent = [];
    answers = minimalAnswers();
    backend().worker.use(...serverHandlers());
  });

  afterEach(async () => {
    await setLocale('en');
    expect(breaches, 'requests or answers outside the contract').to.deep.equal([]);
  });

  describe('reads', () => {
    it('paints a minimal member in the badge: 0 points, no dates', async () => {
      await signInDemo();
      const el = await fixture<HTMLElement>(html`<fidelio-points-badge></fidelio-points-badge>`);
      await until(() => expect(shadowPart(el, 'points')?.textContent).to.equal('0 points'));
      shadowPart(el, 'button')!.focus();
      await until(() => expect(shadowPart(el, 'details')!.textContent).to.contain('No points pending'));
      expect(shadowPart(el, 'details')!.textContent).to.contain('No points expiring soon');
      expectWhole(el);
      expect(sent).to.include('GET getMe');
    });

    it('shows the member panel from the smallest member, program and empty lists, in every language', async () => {
      await signInDemo();
      const el = await panel();
      let text = expectWhole(el);
      expect(text).to.contain('0 points');
      expect(text).to.contain('There are no rewards yet.');
      for (const locale of LOCALES.filter((l) => l !== 'en')) {
        await setLocale(locale);
        await el.updateComplete;
        text = expectWhole(el, `member panel (${locale})`);
      }
      expect(sent).to.include.members(['GET getProgram', 'GET getMe', 'GET listPointBatches', 'GET listRedemptions', 'GET getPreferences', 'GET listActivity']);
    });

    it('labels every history kind and every batch status and source it may be sent, from required fields only', async () => {
      const kinds = ['earn', 'pending', 'redeem', 'refund', 'expire', 'return', 'adjust', 'clawback'];
      const sources = ['order', 'action', 'promotion', 'adjustment', 'join', 'referral', 'birthday'];
      const statuses = ['pending', 'available', 'expired', 'spent', 'reversed'];
      serve({
        listActivity: { status: 200, body: { items: kinds.map((kind, i) => ({ id: `a${i}`, kind, points: kind === 'redeem' ? -1 : 1, at: at(-i) })), nextCursor: null } },
        listPointBatches: {
          status: 200,
          body: { items: statuses.flatMap((status, i) => sources.map((source, j) => ({ id: `b${i}${j}`, source, points: 1, remaining: 1, status, earnedAt: at(-60), availableOn: at(i - 2), expiresOn: j % 2 ? null : at(90) }))) },
        },
      });
      await signInDemo();
      const el = await panel();
      const text = expectWhole(el);
      for (const word of ['Earned', 'Redeemed', 'Points given back', 'Expired', 'Returned', 'Adjustment', 'Taken back after a return']) expect(text).to.contain(word);
    });

    for (const status of ['trial', 'active', 'past_due', 'cancelled', 'expired']) {
      it(`says where a member stands when their membership is ${status} and the server leaves every date out`, async () => {
        serve({
          getProgram: { status: 200, body: { ...minimalProgram(), membershipPlans: [{ id: 'plus', name: 'Plus', price: USD(900), interval: 'month', trialDays: 0, benefits: [] }] } },
          getMe: { status: 200, body: { ...minimalMember(), membership: minimalMembership(status) } },
        });
        await signInDemo();
        const el = await panel();
        const said = shadowPart(el, 'membership-status')!.textContent!.trim();
        expect(said).to.match(status === 'expired' ? /no paid membership/ : status === 'active' ? /^Active\.$/ : /\w/);
        expectWhole(el);
      });
    }

    it('tells a member their cancellation went through when the answer has no end date', async () => {
      serve({
        getProgram: { status: 200, body: { ...minimalProgram(), membershipPlans: [{ id: 'plus', name: 'Plus', price: USD(900), interval: 'month', trialDays: 0, benefits: [] }] } },
        getMe: { status: 200, body: { ...minimalMember(), membership: { ...minimalMembership('active'), renewsOn: at(20) } } },
      });
      await signInDemo();
      const el = await panel();
      const cancel = [...el.shadowRoot!.querySelectorAll<HTMLElement>('section.membership button')].find((b) => b.textContent!.includes('Cancel membership'))!;
      cancel.click();
      await until(() => expect(el.shadowRoot!.querySelector('[data-notice="membership"]')!.textContent!.trim()).to.not.equal(''));
      expect(sent).to.include('DELETE cancelMembership');
      expectWhole(el);
    });

    it('shows a pay-with-points reward only as the contract describes it (its step and share are required)', async () => {
      const reward = { id: 'pwp', name: 'Pay with points', points: 10, kind: 'pay_with_points' };
      const schema = (doc.components.schemas as Record<string, object>).Reward!;
      expect(schemaErrors(schema, reward), 'a pay-with-points reward without its step value and share').to.not.deep.equal([]);
      expect(schemaErrors(schema, { ...reward, stepValue: USD(100), maxShare: 0.5 })).to.deep.equal([]);
      expect(schemaErrors(schema, { id: 'five', name: 'Five off', points: 5, kind: 'fixed' })).to.deep.equal([]);
    });

    it('offers a minimal catalog: rewards with only id, name, points and kind', async () => {
      const rewards = [
        { id: 'fixed', name: 'A treat', points: 5, kind: 'fixed' },
        { id: 'percent', name: 'Ten percent', points: 5, kind: 'percent' },
        { id: 'ship', name: 'Free delivery', points: 5, kind: 'free_shipping' },
        { id: 'gift', name: 'A free pot', points: 5, kind: 'free_product' },
        { id: 'pwp', name: 'Points pay', points: 10, kind: 'pay_with_points', stepValue: USD(100), maxShare: 0.5 },
      ];
      serve({
        getProgram: { status: 200, body: { ...minimalProgram(), rewards } },
        getMe: { status: 200, body: { ...minimalMember(), points: { available: 5, pending: 0, lifetime: 5, nextPending: null, nextExpiry: null } } },
      });
      await signInDemo();
      setCart(cart);
      const el = await panel();
      const text = expectWhole(el);
      for (const name of ['A treat', 'Ten percent', 'Free shipping', 'A free pot', 'Pay with points']) expect(text).to.contain(name);
      const redeem = await fixture<HTMLElement>(html`<fidelio-points-redeem></fidelio-points-redeem>`);
      await until(() => expect(redeem.shadowRoot!.querySelectorAll('[part~="reward"]')).to.have.length(5));
      expectWhole(redeem);
    });

    it('explains a program with no earn rate (0 points per purchase) without promising 0 points', async () => {
      serve({ getProgram: { status: 200, body: { ...minimalProgram(), earn: { points: 0, perMinor: 1 } } } });
      const el = await fixture<HTMLElement>(html`<fidelio-signup-popup inline></fidelio-signup-popup>`);
      await until(() => expect($program.get().status).to.equal('ready'));
      await (el as unknown as { updateComplete: Promise<boolean> }).updateComplete;
      const text = expectWhole(el);
      expect(text).not.to.match(/earn 0 points/i);
    });

    it('gives a member their referral link from zero counts, no next reward date and a program without referral terms', async () => {
      await signInDemo();
      const el = await fixture<HTMLElement>(html`<fidelio-referral-share></fidelio-referral-share>`);
      await until(() => expect($referral.get().status).to.equal('ready'));
      await until(() => expect(shadowPart(el, 'stats')).to.exist);
      expectWhole(el);
      expect((el.shadowRoot!.querySelector('input') as HTMLInputElement).value).to.contain('ref=KIM1');
      expect(shadowPart(el, 'next')).to.equal(null);
    });

    it('shows a tier at the top and on the way, and a punch card, from their required fields only', async () => {
      const tier = (next: unknown) => ({ id: 'silver', name: 'Silver', progress: { basis: 'spend', current: 0, next, periodEndsOn: '2026-12-31T00:00:00Z' } });
      serve({ getMe: { status: 200, body: { ...minimalMember(), tier: tier(null), punchCards: [{ id: 'pots', name: 'Pot card', punches: 0, required: 1, rewardAvailable: false }] } } });
      await signInDemo();
      let el = await panel();
      let text = expectWhole(el);
      expect(text).to.contain('Silver');
      expect(text).to.contain('Pot card');
      el.remove();
      cleanStores($panel, $member);
      serve({ getMe: { status: 200, body: { ...minimalMember(), tier: tier({ id: 'gold', name: 'Gold', threshold: 0 }) } } });
      el = await panel();
      text = expectWhole(el);
      expect(text).to.contain('Gold');
    });

    it('tells a member what a cart earns and where it takes them from the smallest preview with a tier', async () => {
      serve({ previewCart: { status: 200, body: { earn: { points: 5, pendingDays: 0 }, tier: { basis: 'points', current: 0, after: 5, next: { id: 'gold', name: 'Gold', threshold: 10 } } } } });
      await signInDemo();
      setCart(cart);
      const el = await fixture<HTMLElement>(html`<fidelio-earn-preview></fidelio-earn-preview>`);
      await until(() => expect(shadowPart(el, 'points')?.textContent).to.contain('5 points'));
      const text = expectWhole(el);
      expect(text).to.contain('Gold');
    });

    it('says when pending points become spendable at checkout from nextPending alone', async () => {
      serve({ getMe: { status: 200, body: { ...minimalMember(), points: { available: 0, pending: 3, lifetime: 3, nextPending: { points: 3, availableOn: at(10) }, nextExpiry: { points: 0, expiresOn: at(100) } } } } });
      await signInDemo();
      setCart(cart);
      const el = await fixture<HTMLElement>(html`<fidelio-points-redeem></fidelio-points-redeem>`);
      await until(() => expect(shadowPart(el, 'pending')).to.exist);
      expectWhole(el);
    });

    it('states the referral offer of a program that gives the referrer 0 points without promising 0 points', async () => {
      serve({ getProgram: { status: 200, body: { ...minimalProgram(), referral: { referrerPoints: 0, friendDiscount: USD(1000) } } } });
      await signInDemo();
      const el = await fixture<HTMLElement>(html`<fidelio-referral-share></fidelio-referral-share>`);
      await until(() => expect($referral.get().status).to.equal('ready'));
      await until(() => expect($program.get().status).to.equal('ready'));
      await (el as unknown as { updateComplete: Promise<boolean> }).updateComplete;
      const text = expectWhole(el);
      expect(text).not.to.match(/\b0 points/);
    });

    it('promises nothing for a cart that earns 0 points, to a visitor and to a member', async () => {
      setCart(cart);
      const preview = await fixture<HTMLElement>(html`<div><fidelio-earn-preview></fidelio-earn-preview><fidelio-join-link></fidelio-join-link></div>`);
      await until(() => expect(sent).to.include('POST previewCart'));
      await new Promise((r) => setTimeout(r, 50));
      const text = expectWhole(preview);
      expect(text).not.to.match(/\b0 points/);
      expect(text).to.contain('Join');
      await signInDemo();
      // (a member's cart that earns nothing yet is told the rate, from the program's rules)
      await until(() => expect(seen(preview)).to.contain('Earn 1 point for every $10.00 you spend.'));
      expectWhole(preview);
    });
  });

  describe('writes', () => {
    it('welcomes a new member from the smallest enrollment answer (no referral outcome, 0 points)', async () => {
      const el = await fixture<HTMLElement>(html`<fidelio-signup-popup inline></fidelio-signup-popup>`);
      await until(() => expect(el.shadowRoot!.querySelector('input[name="email"]')).to.exist);
      (el.shadowRoot!.querySelector('input[name="email"]') as HTMLInputElement).value = 'kim@example.com';
      shadowPart(el, 'submit')!.click();
      await until(() => expect($signup.get().status).to.equal('success'));
      await (el as unknown as { updateComplete: Promise<boolean> }).updateComplete;
      const text = expectWhole(el);
      expect(text).to.contain('You are now a member');
      expect(sent).to.include('POST enrollMember');
    });

    it('buys a reward and gives it back from the smallest answers, sending what the contract asks', async () => {
      serve({
        getProgram: { status: 200, body: { ...minimalProgram(), rewards: [{ id: 'five', name: 'Five off', points: 1, kind: 'fixed', value: USD(500) }] } },
        getMe: { status: 200, body: { ...minimalMember(), points: { available: 1, pending: 0, lifetime: 1, nextPending: null, nextExpiry: null } } },
      });
      await signInDemo();
      setCart(cart);
      const el = await fixture<HTMLElement>(html`<div><fidelio-points-redeem></fidelio-points-redeem><fidelio-coupon-field></fidelio-coupon-field></div>`);
      const redeem = el.querySelector('fidelio-points-redeem')!;
      await until(() => expect(shadowPart(redeem, 'use')).to.exist);
      shadowPart(redeem, 'use')!.click();
      await until(() => expect(shadowPart(redeem, 'cancel')).to.exist);
      await until(() => expect($coupon.get().status).to.equal('applied'));
      expectWhole(el);
      shadowPart(redeem, 'cancel')!.click();
      await until(() => expect(sent).to.include('DELETE cancelRedemption'));
      await until(() => expect(shadowPart(redeem, 'message')?.textContent).to.contain('back in your balance'));
      expectWhole(el);
      expect(sent).to.include.members(['POST redeemReward', 'POST validateCoupon']);
    });
    it('saves the profile, consents, birthday, a trial, the export and a deletion request from the smallest answers', async () => {
      serve({ getProgram: { status: 200, body: { ...minimalProgram(), membershipPlans: [{ id: 'plus', name: 'Plus', price: USD(900), interval: 'month', trialDays: 7, benefits: ['Free shipping'] }] } } });
      await signInDemo();
      const el = await panel();
      const root = el.shadowRoot!;
      const notice = (id: string) => root.querySelector<HTMLElement>(`[data-notice="${id}"]`)!.textContent!.trim();
      const submit = (form: HTMLFormElement) => form.requestSubmit();
      // consents (PUT, the whole object), name (PATCH), birthday (PUT)
      root.querySelector<HTMLInputElement>('input[name="newsletter"]')!.click();
      await until(() => expect(notice('prefs')).to.not.equal(''));
      root.querySelector<HTMLInputElement>('#p-name')!.value = 'Kim';
      submit(root.querySelector<HTMLInputElement>('#p-name')!.form!);
      await until(() => expect(notice('name')).to.not.equal(''));
      root.querySelector<HTMLSelectElement>('select[name="day"]')!.value = '1';
      root.querySelector<HTMLSelectElement>('select[name="month"]')!.value = '1';
      submit(root.querySelector<HTMLSelectElement>('select[name="day"]')!.form!);
      await until(() => expect(notice('birthday')).to.not.equal(''));
      // a trial of the plan (its benefits are the plan's own lines: it has no perks)
      expect(seen(root.querySelector('section.membership')!)).to.contain('Includes Free shipping.');
      [...root.querySelectorAll<HTMLElement>('section.membership button')].find((b) => b.textContent!.includes('free trial'))!.click();
      await until(() => expect(notice('membership')).to.not.equal(''));
      // the export (a file download) and the deletion request
      const original = URL.createObjectURL;
      URL.createObjectURL = () => 'blob:fidelio-test';
      try {
        [...root.querySelectorAll<HTMLElement>('section.data button')].find((b) => b.textContent!.includes('Download'))!.click();
        await until(() => expect(notice('download')).to.not.equal(''));
      } finally {
        URL.createObjectURL = original;
      }
      root.querySelector<HTMLElement>('[part~="delete"]')!.click();
      await (el as unknown as { updateComplete: Promise<boolean> }).updateComplete;
      root.querySelector<HTMLElement>('[part~="confirm"] button')!.click();
      await until(() => expect(notice('delete')).to.not.equal(''));
      expect(sent).to.include.members(['PUT updatePreferences', 'PATCH updateMe', 'PUT changeBirthday', 'POST startMembership', 'GET exportMyData', 'POST requestDeletion']);
      for (const id of ['prefs', 'name', 'birthday', 'membership', 'download', 'delete']) expect(root.querySelector(`[data-notice="${id}"]`)!.classList.contains('bad'), `${id}: ${notice(id)}`).to.equal(false);
      expectWhole(el);
    });

    it('records a share of the referral link with its idempotency key, and an answer of 0 points says nothing of points', async () => {
      await signInDemo();
      const el = await fixture<HTMLElement>(html`<fidelio-referral-share></fidelio-referral-share>`);
      await until(() => expect(shadowPart(el, 'channels')).to.exist);
      const email = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="email"]')!;
      email.addEventListener('click', (e) => e.preventDefault());
      email.click();
      await until(() => expect(sent).to.include('POST recordMemberEvent'));
      await (el as unknown as { updateComplete: Promise<boolean> }).updateComplete;
      const text = expectWhole(el);
      expect(text).not.to.match(/earned 0 points/);
    });
  });

  describe('refusals, with and without their optional params', () => {
    const bare: [string, RegExp][] = [
      ['coupon_not_found', /We do not know the code SAVE5/],
      ['coupon_expired', /expired/],
      ['coupon_not_active', /not .*yet|cannot be used yet/],
      ['coupon_min_spend', /minimum/],
      ['coupon_excluded_items', /does not apply/],
      ['coupon_usage_limit', /used as many times/],
      ['coupon_members_only', /members only/],
      ['coupon_already_applied', /already applied/],
    ];
    for (const [code, says] of bare) {
      it(`explains ${code} without params`, async () => {
        expect(await couponRefusal(problem(422, code))).to.match(says);
      });
    }

    it('explains every coupon refusal with its documented params', async () => {
      const cases: [Answer, string][] = [
        [problem(422, 'coupon_expired', { expiredOn: '2026-01-31T23:59:59Z' }), 'This code expired on Jan 31.'],
        [problem(422, 'coupon_not_active', { startsOn: '2027-01-01T00:00:00Z' }), 'This code can be used from Jan 1.'],
        [problem(422, 'coupon_min_spend', { minSpend: USD(5000), missing: USD(500) }), 'Spend $5.00 more to use this code (minimum $50.00).'],
        [problem(422, 'coupon_excluded_items', { excluded: [{ id: 'sku-1', reason: 'brand', value: 'Acme' }] }), 'This code does not apply to Monstera (brand Acme).'],
        [problem(422, 'coupon_usage_limit', { limit: 1, scope: 'customer' }), 'You have already used this code.'],
      ];
      for (const [reply, says] of cases) {
        $coupon.set({ status: 'idle' });
        expect(await couponRefusal(reply)).to.equal(says);
      }
    });

    it('asks the shopper to wait after too many coupon tries, with or without Retry-After', async () => {
      expect(await couponRefusal({ ...problem(429, 'too_many_attempts', { retryAfter: 30 }), headers: { 'Retry-After': '30' } })).to.equal('Too many tries. Please wait 30 seconds.');
      $coupon.set({ status: 'idle' });
      expect(await couponRefusal(problem(429, 'too_many_attempts'))).to.match(/^Too many tries\./);
    });

    it('says why points could not be spent when insufficient_points comes without its params', async () => {
      serve({
        getProgram: { status: 200, body: { ...minimalProgram(), rewards: [{ id: 'five', name: 'Five off', points: 1, kind: 'fixed', value: USD(500) }] } },
        getMe: { status: 200, body: { ...minimalMember(), points: { available: 1, pending: 0, lifetime: 1, nextPending: null, nextExpiry: null } } },
        redeemReward: problem(422, 'insufficient_points'),
      });
      await signInDemo();
      setCart(cart);
      const el = await fixture<HTMLElement>(html`<fidelio-points-redeem></fidelio-points-redeem>`);
      await until(() => expect(shadowPart(el, 'use')).to.exist);
      shadowPart(el, 'use')!.click();
      await until(() => expect(shadowPart(el, 'message')).to.exist);
      expectWhole(el);
      expect(shadowPart(el, 'message')!.textContent).to.equal('You do not have enough points for this yet.');
    });

    it('says why the panel could not redeem when insufficient_points comes without its params', async () => {
      serve({
        getProgram: { status: 200, body: { ...minimalProgram(), rewards: [{ id: 'five', name: 'Five off', points: 1, kind: 'fixed', value: USD(500) }] } },
        getMe: { status: 200, body: { ...minimalMember(), points: { available: 1, pending: 0, lifetime: 1, nextPending: null, nextExpiry: null } } },
        redeemReward: problem(422, 'insufficient_points'),
      });
      await signInDemo();
      const el = await panel();
      const button = [...el.shadowRoot!.querySelectorAll<HTMLElement>('section.rewards button')].find((b) => b.textContent!.includes('Redeem'))!;
      button.click();
      await until(() => expect(el.shadowRoot!.querySelector('[data-notice="rewards"]')!.textContent!.trim()).to.not.equal(''));
      expectWhole(el);
    });

    for (const [status, code] of [
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [404, 'not_found'],
      [429, 'rate_limited'],
      [500, 'server'],
      [503, 'server'],
    ] as const) {
      it(`shows a translated state when GET /me answers ${status} ${code}`, async () => {
        serve({ getMe: problem(status, code) });
        await signInDemo();
        const el = await fixture<HTMLElement>(html`<fidelio-points-badge></fidelio-points-badge>`);
        await until(() => expect(['signed-out', 'error']).to.include($member.get().status));
        await (el as unknown as { updateComplete: Promise<boolean> }).updateComplete;
        const text = expectWhole(el);
        expect(text).to.match(status === 401 ? /Join & earn/ : /Rewards|Too many requests|Something went wrong/);
      });
    }

    it('tells the shopper their unsubscribe link is not valid on a bare 404, and confirms a minimal 200', async () => {
      const ok = showUnsubscribeNotice('tok_min');
      await until(() => expect(ok.shadowRoot?.querySelector('p')?.textContent).to.equal('k***@example.com will no longer receive our newsletter.'));
      expectWhole(ok);
      ok.remove();
      serve({ unsubscribe: problem(404, 'not_found') });
      const bad = showUnsubscribeNotice('tok_other');
      await until(() => expect(bad.shadowRoot?.querySelector('p')?.textContent).to.match(/not valid/));
      expectWhole(bad);
      bad.remove();
    });

    for (const [reply, says] of [
      [problem(409, 'already_member'), /already a member/],
      [problem(422, 'invalid_email'), /valid email/],
      [problem(422, 'validation'), /Nothing was lost|try again/i],
      [problem(429, 'rate_limited'), /Too many requests|try again/i],
      [problem(503, 'server'), /unavailable|try again/i],
    ] as const) {
      it(`keeps the signup form and says why on a bare ${reply.status} ${reply.body.code}`, async () => {
        serve({ enrollMember: reply });
        const el = await fixture<HTMLElement>(html`<fidelio-signup-popup inline></fidelio-signup-popup>`);
        await until(() => expect(el.shadowRoot!.querySelector('input[name="email"]')).to.exist);
        (el.shadowRoot!.querySelector('input[name="email"]') as HTMLInputElement).value = 'kim@example.com';
        shadowPart(el, 'submit')!.click();
        await until(() => expect($signup.get().status).to.equal('error'));
        await (el as unknown as { updateComplete: Promise<boolean> }).updateComplete;
        expect(seen(el)).to.match(says);
        expect((el.shadowRoot!.querySelector('input[name="email"]') as HTMLInputElement).value, 'what the shopper typed').to.equal('kim@example.com');
        expectWhole(el);
      });
    }
  });
});
