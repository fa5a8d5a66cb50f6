import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { cleanStores } from 'nanostores';
import '../../src/components/member-panel/member-panel.js';
import type { FidelioMemberPanel } from '../../src/components/member-panel/member-panel.component.js';
import { setLocale } from '../../src/i18n/index.js';
import { $panel } from '../../src/stores/panel.js';
import { $redeem } from '../../src/stores/redeem.js';
import { $member, refreshMember } from '../../src/stores/member.js';
import { identify } from '../../src/stores/session.js';
import { DEMO_MEMBER_ID, DEMO_PROGRAM_ID } from '../../src/mock/index.js';
import { redeem } from '../../src/engine/index.js';
import { API, clock, freshSdkEachTest, signInDemo, tokenFor, until } from '../helpers/backend.js';
import { activeDeep, mountPanel, note, part, rows, section, text } from './member-panel.helpers.js';
import { asIfForcedColors } from '../helpers/forced-colors.js';

const ACTIVITY = '*/v1/programs/:programId/me/activity';
const BATCHES = '*/v1/programs/:programId/me/batches';
const REDEMPTIONS = '*/v1/programs/:programId/me/redemptions';
const PREFERENCES = '*/v1/programs/:programId/me/preferences';

/** Whether this browser handles messages posted to two channels in the order they were posted. */
async function messagesInOrder(): Promise<boolean> {
  // twenty pairs, not one: WebKit keeps the order some of the time (one pair in order let a run
  // through whose panel rendered in between)
  for (let trial = 0; trial < 20; trial++) {
    const order: string[] = [];
    const [a, b] = [new MessageChannel(), new MessageChannel()];
    await new Promise<void>((done) => {
      a.port1.onmessage = () => order.push('a');
      b.port1.onmessage = () => (order.push('b'), done());
      a.port2.postMessage(null);
      b.port2.postMessage(null);
    });
    a.port1.close();
    b.port1.close();
    if (order.join('') !== 'ab') return false;
  }
  return true;
}

describe('<fidelio-member-panel>', () => {
  const backend = freshSdkEachTest(() => {
    cleanStores($panel);
    $redeem.set({ status: 'idle' });
  });

  it('shows Ana her points, each pending batch with its date, and what expires when with the soonest first', async () => {
    await signInDemo();
    const el = await mountPanel();
    const balance = text(section(el, 'balance'));
    expect(text(part(el, 'available'))).to.equal('397 points available');
    expect(balance).to.contain('Worth $39.70 in rewards.');
    // ($79.40 of 2 % back and her 2025 year-end rebate, $119.10)
    expect(balance).to.contain('$198.50 store credit to spend (+$8.60 pending)');
    expect(balance).to.contain('86 points available on Dec 18');
    const expiring = [...section(el, 'balance').querySelectorAll('li')].map(text);
    expect(expiring).to.deep.equal(['86 points available on Dec 18', '152 points expire on Dec 2 Soonest', '245 points expire on Jan 17, 2027']);
    // (a date is one unbreakable word: no-break spaces)
    expect(section(el, 'balance').querySelector('.soonest')!.textContent).to.contain('152 points expire on Dec\u00a02');
  });

  it('gives a new member no "$0.00 store credit" line: the line comes with the first credit, or the first on its way', async () => {
    const answer = await fetch(`${API}/v1/programs/${DEMO_PROGRAM_ID}/members`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `cleo-${Math.random()}` },
      body: JSON.stringify({ email: 'cleo.new@example.org', name: 'Cleo', newsletter: false }),
    });
    await identify(((await answer.json()) as { token: string }).token);
    const el = await mountPanel();
    expect(text(part(el, 'available'))).to.match(/points available$/);
    expect(text(section(el, 'balance'))).not.to.contain('store credit');
    const ready = $member.get();
    if (ready.status !== 'ready') throw new Error('the member is not ready');
    $member.set({ ...ready, member: { ...ready.member, storeCredit: { amount: 0, currency: 'USD' }, storeCreditPending: { amount: 250, currency: 'USD' } } });
    await el.updateComplete;
    expect(text(section(el, 'balance'))).to.contain('$0.00 store credit to spend (+$2.50 pending)');
  });

  it('keeps a phone-width panel tidy: history words whole, a date broken before its year only, Redeem at each row’s end, checkboxes their size', async () => {
    await signInDemo();
    await setLocale('ro');
    const el = await mountPanel();
    el.style.width = '220px';
    await el.updateComplete;
    const lines = (node: Text, start = 0, end = node.length) => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    const texts = (cell: Node) => {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      const found: Text[] = [];
      while (walker.nextNode()) found.push(walker.currentNode as Text);
      return found;
    };
    const cells = [...el.shadowRoot!.querySelectorAll('table[part~="history"] th, table[part~="history"] td')];
    expect(cells.length).to.be.above(9);
    // (as narrow as a 320 px phone's panel: with dates kept on one line, the activity column broke "Detal/ii", "Câștiga/te")
    for (const cell of cells)
      for (const node of texts(cell))
        for (const word of node.data.matchAll(/[^ ·]+/g)) expect(lines(node, word.index, word.index + word[0].length), `"${word[0]}" in "${cell.textContent}"`).to.equal(1);
    let wrapped = 0;
    for (const cell of el.shadowRoot!.querySelectorAll('table[part~="history"] tbody td:first-child')) {
      const [node] = texts(cell);
      const year = node!.data.search(/\d{4}$/);
      expect(lines(node!, 0, year), `before the year in "${node!.data}"`).to.equal(1);
      wrapped += lines(node!) - 1;
    }
    expect(wrapped, 'a phone’s dates go onto two lines').to.be.above(0);
    for (const button of section(el, 'rewards').querySelectorAll<HTMLElement>('li.reward > button')) {
      const row = button.closest('li')!.getBoundingClientRect();
      expect(row.right - button.getBoundingClientRect().right, button.textContent!).to.be.below(1);
    }
    const boxes = [...section(el, 'profile').querySelectorAll('input[type=checkbox]')].map((box) => Math.round(box.getBoundingClientRect().width));
    expect(boxes).to.have.length(2);
    expect(boxes[0]).to.equal(boxes[1]);
  });

  it('renders the first screenful (balance to rewards) first and the sections after it in a task of their own', async () => {
    await signInDemo();
    await until(() => expect($member.get().status).to.equal('ready'));
    const el = document.createElement('fidelio-member-panel');
    const seen: string[] = [];
    // counts tasks: one message always waits in the queue, ahead of any posted after it
    let tasks = 0;
    const ticker = new MessageChannel();
    ticker.port1.onmessage = () => (tasks += 1, ticker.port2.postMessage(null));
    ticker.port2.postMessage(null);
    const watch = new MutationObserver(() => {
      const has = (id: string) => !!el.shadowRoot!.querySelector(`section.${id}`);
      seen.push(`${has('balance') ? 'balance' : '-'} ${has('rewards') ? 'rewards' : '-'} ${has('history') ? 'history' : '-'} ${has('profile') ? 'profile' : '-'}@${tasks}`);
    });
    try {
      document.body.append(el);
      watch.observe(el.shadowRoot!, { childList: true, subtree: true });
      await el.updateComplete;
      // updateComplete covers both steps
      expect(section(el, 'history'), 'the rest is there once updateComplete resolves').to.exist;
      expect(section(el, 'profile')).to.exist;
      const first = seen.find((s) => s.startsWith('balance rewards'))!;
      expect(first, 'the first render holds the top sections only').to.match(/^balance rewards - -@/);
      const full = seen.find((s) => s.includes('history'))!;
      expect(full).to.match(/^balance rewards history profile@/);
      // The ticker proves a task boundary only where messages of two channels are handled in the
      // order they were posted (Chromium, Firefox; WebKit may not).
      if (await messagesInOrder()) expect(Number(full.split('@')[1]), 'later, not in the same task').to.be.greaterThan(Number(first.split('@')[1]));
    } finally {
      ticker.port1.close();
      watch.disconnect();
      el.remove();
    }
  });

  it('shows the tier, its progress bar with ARIA values, what is missing and until when progress counts', async () => {
    await signInDemo();
    const el = await mountPanel();
    const bar = part(el, 'progress')!;
    expect(bar.getAttribute('role')).to.equal('progressbar');
    expect(bar.getAttribute('aria-valuenow')).to.equal('86');
    expect(bar.getAttribute('aria-valuemin')).to.equal('0');
    expect(bar.getAttribute('aria-valuemax')).to.equal('100');
    expect(bar.getAttribute('aria-valuetext')).to.equal('Spend $70.00 more to reach Silver.');
    // The length is set through the CSSOM (test/security/csp.test.ts: no style attribute in markup).
    expect(bar.querySelector('span')!.style.inlineSize).to.equal('86%');
    expect(text(section(el, 'tier'))).to.contain('Member');
    expect(text(section(el, 'tier'))).to.contain('Progress counts until Dec 31.');
  });

  /** The merchant's server posts one bag of potting mix (a punch-card product) for Ana, placed `daysAgo` days ago. */
  async function postSoilOrder(orderId: string, daysAgo: number): Promise<void> {
    const response = await fetch(`${location.origin}/v1/programs/demo-store/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Fidelio-Merchant-Key': backend().state.merchantKey },
      body: JSON.stringify({
        orderId,
        memberId: DEMO_MEMBER_ID,
        currency: 'USD',
        lines: [{ id: 'p-soil', name: 'Potting mix', category: 'soil', unitPrice: 1_200, quantity: 1 }],
        shipping: 0,
        tax: 0,
        subtotal: 1_200,
        discounts: 0,
        placedAt: new Date(clock.now() - daysAgo * 86_400_000).toISOString(),
      }),
    });
    expect(response.status).to.equal(201);
  }

  it('keeps the tier bar\'s fill and the punched dots in forced colours, which drop backgrounds (Windows High Contrast)', async () => {
    // one bag of potting mix: one punch of five
    await postSoilOrder('soil-1', 1);
    await signInDemo();
    const el = await mountPanel();
    const [on, off] = ['.dots i.on', '.dots i:not(.on)'].map((selector) => section(el, 'punch').querySelector<HTMLElement>(selector)!);
    const fill = part(el, 'progress')!.querySelector('span')!;
    const undo = asIfForcedColors(el.shadowRoot!);
    try {
      // an element with forced-color-adjust: none keeps its own colours; the others lose their backgrounds
      // (WebKit has no forced colours and no such property: there the fills and the outline are read)
      const adjusts = 'forcedColorAdjust' in document.documentElement.style;
      for (const kept of [fill, on]) {
        if (adjusts) expect(getComputedStyle(kept).forcedColorAdjust).to.equal('none');
        expect(getComputedStyle(kept).backgroundColor).not.to.match(/^(transparent|rgba\(0, 0, 0, 0\))$/);
      }
      if (adjusts) expect(getComputedStyle(off).forcedColorAdjust, 'an empty dot is a forced outline').not.to.equal('none');
      expect(getComputedStyle(part(el, 'progress')!).borderTopStyle, 'the track is outlined').to.equal('solid');
    } finally {
      undo();
    }
  });

  it('lists the catalog with what Ana can afford, and how to earn in sentences from the program', async () => {
    await signInDemo();
    const el = await mountPanel();
    const rewards = [...section(el, 'rewards').querySelectorAll('.reward')].map(text);
    expect(rewards).to.deep.equal([
      '$10.00 off your order 100 points Redeem',
      'Free shipping 50 points Redeem',
      'Pay with points 10 points 10 points = $1.00 off, up to 50% of an order. Use it at checkout.',
    ]);
    expect(text(section(el, 'rewards'))).to.contain('No unused codes.');
    const rules = [...section(el, 'earn').querySelectorAll('li')].map(text);
    expect(rules).to.include('Earn 1 point for every $10.00 you spend.');
    expect(rules).to.include('10 points for sharing a product (up to 3 times a month).');
    expect(rules).to.include('Double points on pots: 2× points until Jan 1.');
  });

  it('names each Redeem button with its reward and price, its visible word unchanged', async () => {
    await signInDemo();
    const el = await mountPanel();
    const buttons = () => [...section(el, 'rewards').querySelectorAll<HTMLButtonElement>('.reward button')];
    const names = () => buttons().map((b) => b.getAttribute('aria-label')?.replace(/\s+/g, ' '));
    expect(buttons().map(text)).to.deep.equal(['Redeem', 'Redeem']);
    expect(names()).to.deep.equal(['Redeem $10.00 off your order for 100 points', 'Redeem Free shipping for 50 points']);
    await setLocale('es');
    await el.updateComplete;
    expect(buttons().map(text)).to.deep.equal(['Canjear', 'Canjear']);
    expect(names()).to.deep.equal(['Canjear 10,00 US$ de descuento en tu pedido por 100 puntos', 'Canjear Envío gratis por 50 puntos']);
    await setLocale('en');
  });

  it('keeps each section’s live region rendered while empty, so what appears in it later is announced', async () => {
    await signInDemo();
    const el = await mountPanel();
    const notices = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-notice]')];
    expect(notices.map((n) => n.dataset.notice)).to.include.members(['rewards', 'name', 'birthday', 'prefs', 'download', 'delete']);
    for (const n of notices) {
      expect(n.getAttribute('role'), n.dataset.notice).to.equal('status');
      expect(n.textContent!.trim(), n.dataset.notice).to.equal('');
      // display:none or visibility:hidden would take it out of the accessibility tree
      const style = getComputedStyle(n);
      expect(style.display, n.dataset.notice).not.to.equal('none');
      expect(style.visibility, n.dataset.notice).to.equal('visible');
      // ...and an empty one takes no room
      expect(n.getBoundingClientRect().height, n.dataset.notice).to.equal(0);
      expect(parseFloat(style.marginBlockStart) + parseFloat(style.marginBlockEnd), n.dataset.notice).to.equal(0);
    }
  });

  it('redeems from the panel once however often it is pressed, and lists the new code with copy and expiry', async () => {
    await signInDemo();
    // The outbox may send a queued write again while its first request is out; the key makes it one redemption.
    const keys = new Set<string | null>();
    backend().worker.use(http.post(REDEMPTIONS, ({ request }) => void keys.add(request.headers.get('Idempotency-Key'))));
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void copied.push(t) }, configurable: true });
    try {
      const el = await mountPanel();
      const redeem = section(el, 'rewards').querySelector<HTMLButtonElement>('.reward button')!;
      redeem.click();
      redeem.click();
      await until(() => expect(text(note(el, 'rewards'))).to.match(/^Done! Your code R-\w+ is ready: use it at checkout\.$/));
      const issued = Object.values(backend().state.engine.redemptions).filter((r) => r.memberId === DEMO_MEMBER_ID && r.status === 'issued' && r.rewardId === 'ten-off');
      expect(issued).to.have.length(1);
      expect(keys.size).to.equal(1);
      await until(() => expect(text(part(el, 'available'))).to.equal('297 points available'));
      await until(() => expect(section(el, 'rewards').querySelector('.coupon code')?.textContent).to.equal(issued[0]!.couponCode));
      expect(text(section(el, 'rewards').querySelector('.coupon'))).to.contain('$10.00 off your order, valid until Feb 21');
      section(el, 'rewards').querySelector<HTMLButtonElement>('.coupon button')!.click();
      await until(() => expect(copied).to.deep.equal([issued[0]!.couponCode]));
      await until(() => expect(text(note(el, 'rewards'))).to.equal(`Code ${issued[0]!.couponCode} copied.`));
      await expect(el).to.be.accessible();
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  it('says a redeem left unanswered may have gone through and that pressing again is safe; then finds out by itself that it did', async () => {
    await signInDemo();
    const issued = () => Object.values(backend().state.engine.redemptions).filter((r) => r.memberId === DEMO_MEMBER_ID && r.status === 'issued' && r.rewardId === 'ten-off');
    const before = issued().length;
    // the server redeems, then fails before answering
    backend().worker.use(
      http.post(
        REDEMPTIONS,
        async ({ request }) => {
          redeem(backend().state.engine, DEMO_PROGRAM_ID, DEMO_MEMBER_ID, { rewardId: ((await request.json()) as { rewardId: string }).rewardId }, clock.now(), request.headers.get('Idempotency-Key')!);
          return HttpResponse.json({ type: 'about:blank', title: 'Boom', status: 500, code: 'server' }, { status: 500 });
        },
        { once: true },
      ),
    );
    const el = await mountPanel();
    section(el, 'rewards').querySelector<HTMLButtonElement>('.reward button')!.click();
    await until(() => expect(text(note(el, 'rewards'))).to.equal('Rewards are unavailable right now. Please try again later. We could not tell whether it went through: press Redeem again, it will not spend your points twice.'));
    // a second later: the member's redemptions show the one made with the write's key
    await until(() => expect(issued()).to.have.length(before + 1));
    const code = issued().at(-1)!.couponCode;
    await until(() => expect(text(note(el, 'rewards'))).to.equal(`Done! Your code ${code} is ready: use it at checkout.`), 5000);
    await until(() => expect(section(el, 'rewards').querySelector('.coupon code')?.textContent).to.equal(code));
    await until(() => expect(text(part(el, 'available'))).to.equal('297 points available'));
    expect(issued()).to.have.length(before + 1);
  });

  it('says what became of a redeem queued offline once the connection is back', async () => {
    await signInDemo();
    backend().worker.use(http.post(REDEMPTIONS, () => HttpResponse.error(), { once: true }));
    const el = await mountPanel();
    section(el, 'rewards').querySelector<HTMLButtonElement>('.reward button')!.click();
    await until(() => expect(text(note(el, 'rewards'))).to.equal('Rewards are unavailable right now (no connection). Saved on this device: it will be sent when you’re back online.'));
    window.dispatchEvent(new Event('online'));
    await until(() => expect(text(note(el, 'rewards'))).to.match(/^Done! Your code R-\w+ is ready: use it at checkout\.$/));
    const code = text(note(el, 'rewards')).match(/R-\w+/)![0];
    await until(() => expect(section(el, 'rewards').querySelector('.coupon code')?.textContent).to.equal(code));
    expect(Object.values(backend().state.engine.redemptions).filter((r) => r.couponCode === code)).to.have.length(1);
  });

  it('gives the points of an unused code back', async () => {
    await signInDemo();
    const el = await mountPanel();
    section(el, 'rewards').querySelectorAll<HTMLButtonElement>('.reward button')[1]!.click();
    await until(() => expect(section(el, 'rewards').querySelector('.coupon')).to.exist);
    await until(() => expect(text(part(el, 'available'))).to.equal('347 points available'));
    const cancel = [...section(el, 'rewards').querySelectorAll<HTMLButtonElement>('.coupon button')].find((b) => text(b) === 'Cancel and get 50 points back')!;
    cancel.focus();
    cancel.click();
    await until(() => expect(text(note(el, 'rewards'))).to.match(/^Code R-\w+ cancelled: 50 points are back\.$/));
    // its button went with the code: focus is on the message, not at the top of the page
    await until(() => expect(activeDeep() === note(el, 'rewards'), 'focus on the message').to.equal(true));
    await until(() => expect(text(part(el, 'available'))).to.equal('397 points available'));
    await until(() => expect(text(section(el, 'rewards'))).to.contain('No unused codes.'));
    // the history shows both on its first page without a reload (at one instant here: the test's clock stands still)
    // each named by its reward, as the rewards list names it
    await until(() => expect(rows(el).slice(0, 2).map((row) => text(row).replace(/^.*?(Points given back|Redeemed)\s*/, '$1 '))).to.have.members(['Points given back · Free shipping +50', 'Redeemed · Free shipping -50']));
  });

  it('follows the member: an order and time passing show in the pending dates, expiries and history, not only the balance', async () => {
    await signInDemo();
    const el = await mountPanel();
    expect(rows(el)).to.have.length(6);
    const response = await fetch(`${location.origin}/v1/programs/demo-store/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Fidelio-Merchant-Key': backend().state.merchantKey },
      body: JSON.stringify({ orderId: 'o-new', memberId: DEMO_MEMBER_ID, currency: 'USD', lines: [{ id: 'p-fig', name: 'Fig', unitPrice: 20_000, quantity: 1 }], shipping: 0, tax: 0, subtotal: 20_000, discounts: 0, placedAt: new Date(clock.now()).toISOString() }),
    });
    expect(response.status).to.equal(201);
    await refreshMember();
    await until(() => expect(rows(el)).to.have.length(7));
    await until(() => expect(text(section(el, 'balance'))).to.match(/20 points available on \w{3} \d{1,2}/));
    // a month on: Dec 18's pending points are available, and the list no longer promises them for then
    clock.advance(40 * 86_400_000);
    await refreshMember();
    await until(() => expect(text(section(el, 'balance'))).not.to.contain('86 points available on Dec 18'));
  });

  it('shows a member with every program type at once: points, store credit, tier, trial membership, punch card with a free item', async () => {
    const token = await tokenFor();
    await fetch(`${location.origin}/v1/programs/demo-store/me/membership`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ planId: 'plus', action: 'trial' }) });
    // Seven bags of potting mix on seven days: a full card (a free bag) and two punches on the next.
    for (let day = 7; day >= 1; day--) await postSoilOrder(`soil-${day}`, day);
    await signInDemo();
    const el = await mountPanel();
    expect(text(part(el, 'available'))).to.equal('397 points available');
    expect(text(section(el, 'balance'))).to.contain('store credit to spend');
    expect(part(el, 'progress')).to.exist;
    expect(text(part(el, 'membership-status'))).to.equal('Free trial: 30 days left (until Dec 23).');
    const punch = text(section(el, 'punch'));
    expect(punch).to.contain('Potting mix card');
    expect(punch).to.contain('2 of 5 — your 6th is free');
    expect(section(el, 'punch').querySelector('code')?.textContent).to.match(/^PUNCH-SOIL-CARD-/);
    expect(section(el, 'punch').querySelectorAll('.dots i.on')).to.have.length(2);
    expect(section(el, 'earn').querySelectorAll('li').length).to.be.greaterThan(10);
    await until(() => expect(rows(el)).to.have.length(13));
    await expect(el).to.be.accessible();
  });

  it('starts, keeps and cancels a paid membership', async () => {
    await signInDemo();
    const el = await mountPanel();
    expect(text(part(el, 'membership-status'))).to.equal('You have no paid membership yet.');
    const button = (label: string) => [...section(el, 'membership').querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label);
    button('Start 30-day free trial')!.click();
    await until(() => expect(text(part(el, 'membership-status'))).to.equal('Free trial: 30 days left (until Dec 23).'));
    expect(text(note(el, 'membership'))).to.equal('Your free trial has started.');
    button('Cancel membership')!.click();
    await until(() => expect(text(part(el, 'membership-status'))).to.equal('Cancelled (benefits until Dec 23).'));
    expect(text(note(el, 'membership'))).to.equal('Cancelled. Your benefits continue until Dec 23.');
    expect(button('Resume membership')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('says a membership whose renewal was not paid is past due, with the end of its grace days', async () => {
    // A token provider, as on a real store: time passes beyond any single token's life.
    await identify(() => tokenFor());
    const el = await mountPanel();
    [...section(el, 'membership').querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'Join for $5.00/month')!.click();
    await until(() => expect(text(part(el, 'membership-status'))).to.equal('Active. Renews on Dec 23.'));
    clock.advance(32 * 86_400_000);
    await refreshMember();
    await until(() => expect(text(part(el, 'membership-status'))).to.equal('Payment due. Your benefits continue until Dec 30.'));
    expect(part(el, 'membership-status')!.classList.contains('bad')).to.equal(true);
    expect([...section(el, 'membership').querySelectorAll('button')].map(text)).to.deep.equal(['Cancel membership']);
    await expect(el).to.be.accessible();
  });

  it('pages through thousands of history rows, rendering only the pages asked for', async () => {
    const TOTAL = 5_000;
    const requests: URL[] = [];
    backend().worker.use(
      http.get(ACTIVITY, ({ request }) => {
        const url = new URL(request.url);
        requests.push(url);
        const start = Number(url.searchParams.get('cursor') ?? 0);
        const limit = Number(url.searchParams.get('limit'));
        const items = Array.from({ length: Math.min(limit, TOTAL - start) }, (_, i) => ({
          id: `a${start + i}`,
          kind: 'earn',
          points: 10,
          at: new Date(clock.now() - (start + i) * 3_600_000).toISOString(),
          orderId: `o${start + i}`,
          source: 'order',
        }));
        return HttpResponse.json({ items, nextCursor: start + limit < TOTAL ? String(start + limit) : null });
      }),
    );
    await signInDemo();
    const el = await mountPanel();
    expect(rows(el)).to.have.length(20);
    expect(requests.map((u) => [u.searchParams.get('cursor'), u.searchParams.get('limit')])).to.deep.equal([[null, '20']]);
    for (let page = 2; page <= 4; page++) {
      part(el, 'more')!.click();
      part(el, 'more')!.click();
      await until(() => expect(rows(el)).to.have.length(page * 20));
    }
    expect(requests.map((u) => u.searchParams.get('cursor'))).to.deep.equal([null, '20', '40', '60']);
    expect(text(section(el, 'history').querySelector('[role="status"]'))).to.equal('80 entries shown');
    expect(text(rows(el)[79]!)).to.contain('order o79');
    expect(part(el, 'more')).to.exist;
  });

  it('says how many history entries are shown after Show more only, not after a redeem reloads them', async () => {
    backend().worker.use(
      http.get(ACTIVITY, ({ request }) => {
        const start = Number(new URL(request.url).searchParams.get('cursor') ?? 0);
        const items = Array.from({ length: 20 }, (_, i) => ({ id: `a${start + i}`, kind: 'earn', points: 10, at: new Date(clock.now() - (start + i) * 3_600_000).toISOString() }));
        return HttpResponse.json({ items, nextCursor: String(start + 20) });
      }),
    );
    await signInDemo();
    const el = await mountPanel();
    const status = () => text(section(el, 'history').querySelector('[role="status"]'));
    expect(rows(el)).to.have.length(20);
    expect(status(), 'nothing said on opening').to.equal('');
    part(el, 'more')!.click();
    await until(() => expect(rows(el)).to.have.length(40));
    await until(() => expect(status()).to.equal('40 entries shown'));
    // a redeem changes the member, and the history reloads its newest page: the count changes silently
    section(el, 'rewards').querySelector<HTMLButtonElement>('.reward button')!.click();
    await until(() => expect(text(note(el, 'rewards'))).to.match(/^Done! Your code/));
    await until(() => expect(rows(el)).to.have.length(20));
    await el.updateComplete;
    expect(status(), 'nothing said after the redeem').to.equal('');
    part(el, 'more')!.click();
    await until(() => expect(status()).to.equal('40 entries shown'));
  });

  it('keeps focus in the history when the last page takes Show more away', async () => {
    backend().worker.use(
      http.get(ACTIVITY, ({ request }) => {
        const start = Number(new URL(request.url).searchParams.get('cursor') ?? 0);
        const items = Array.from({ length: start ? 5 : 20 }, (_, i) => ({ id: `a${start + i}`, kind: 'earn', points: 10, at: new Date(clock.now() - (start + i) * 3_600_000).toISOString() }));
        return HttpResponse.json({ items, nextCursor: start ? null : '20' });
      }),
    );
    await signInDemo();
    const el = await mountPanel();
    const more = part(el, 'more')!;
    more.focus();
    more.click();
    await until(() => expect(rows(el)).to.have.length(25));
    expect(part(el, 'more')).to.equal(null);
    await until(() => expect(activeDeep() === el.shadowRoot!.querySelector('table[part~="history"]'), 'focus on the table').to.equal(true));
  });

  it('reads a line of a kind it does not know (a newer server) by its description, and a reward the program no longer has without a name', async () => {
    const at = new Date(clock.now()).toISOString();
    const items = [
      { id: 'x1', kind: 'anniversary', points: 30, at, description: 'Anniversary gift', source: 'gift' },
      { id: 'x2', kind: 'mystery', points: 5, at },
      { id: 'x3', kind: 'redeem', points: -100, at, rewardId: 'retired-reward' },
      { id: 'x4', kind: 'redeem', points: -100, at, rewardId: 'ten-off' },
    ];
    backend().worker.use(http.get(ACTIVITY, () => HttpResponse.json({ items, nextCursor: null })));
    await signInDemo();
    const el = await mountPanel(false);
    await until(() => expect(rows(el)).to.have.length(4));
    expect(rows(el).map((row) => text(row).replace(/^.*?\d{4}\s*/, ''))).to.deep.equal(['Anniversary gift +30', 'Adjustment +5', 'Redeemed -100', 'Redeemed · $10.00 off your order -100']);
  });

  it('says what each clawback pays back, in the shopper\'s language; an older server\'s (which does not say) paid a return', async () => {
    const at = new Date(clock.now()).toISOString();
    const items = [
      { id: 'c1', kind: 'clawback', points: -20, at, orderId: 'o_9', pays: 'return' },
      { id: 'c2', kind: 'clawback', points: -10, at, orderId: 'o_9' },
      { id: 'c3', kind: 'clawback', points: -30, at, orderId: 'o_9', pays: 'adjustment' },
      { id: 'c4', kind: 'clawback', points: -100, at, orderId: 'o_9', pays: 'reward', rewardId: 'ten-off' },
      { id: 'c5', kind: 'clawback', points: -5, at, pays: 'fee', description: 'Paid back: a fee' },
    ];
    backend().worker.use(http.get(ACTIVITY, () => HttpResponse.json({ items, nextCursor: null })));
    await signInDemo();
    const el = await mountPanel(false);
    await until(() => expect(rows(el)).to.have.length(5));
    const read = () => rows(el).map((row) => text(row).replace(/^.*?\d{4}\s*/, ''));
    expect(read()).to.deep.equal([
      'Taken back after a return · order o_9 -20',
      'Taken back after a return · order o_9 -10',
      'Paid back: adjustment · order o_9 -30',
      'Paid back: reward used again · $10.00 off your order -100',
      'Paid back: a fee -5',
    ]);
    const words = { es: ['Retirados tras una devolución', 'Retirados por un ajuste', 'Retirados por una recompensa usada otra vez'], ro: ['Retrase după un retur', 'Retrase pentru o ajustare', 'Retrase pentru o recompensă folosită din nou'], 'zh-CN': ['退货后扣回', '因调整扣回', '因奖励重复使用扣回'] };
    for (const [locale, [returned, adjusted, rewarded]] of Object.entries(words)) {
      await setLocale(locale as 'es');
      const what = () => rows(el).map((row) => text(row.querySelectorAll('td')[1]).split(' · ')[0]);
      await until(() => expect(what().slice(0, 4)).to.deep.equal([returned, returned, adjusted, rewarded]));
    }
  });

  it('says so when there is no history yet', async () => {
    backend().worker.use(http.get(ACTIVITY, () => HttpResponse.json({ items: [], nextCursor: null })));
    await signInDemo();
    const el = await mountPanel(false);
    await until(() => expect(text(section(el, 'history'))).to.equal('History No activity yet. Your points will show here after your first order.'));
    expect(part(el, 'more')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('keeps the other sections when one fails to load, and the failed one retries', async () => {
    backend().worker.use(http.get(ACTIVITY, () => HttpResponse.error()));
    await signInDemo();
    const el = await mountPanel(false);
    await until(() => expect(text(part(el, 'error', 'history'))).to.equal('Rewards are unavailable right now (no connection). Try again'));
    expect(text(part(el, 'available'))).to.equal('397 points available');
    // the sections load side by side: the others' answers may come after the history's failure
    await until(() => {
      expect(text(section(el, 'balance'))).to.contain('152 points expire on Dec 2');
      expect(section(el, 'rewards').querySelectorAll('.reward')).to.have.length(3);
      expect(section(el, 'profile').querySelectorAll('input[type=checkbox]')).to.have.length(2);
    });
    await expect(el).to.be.accessible();
    backend().worker.resetHandlers();
    part(el, 'error', 'history')!.querySelector('button')!.click();
    await until(() => expect(rows(el)).to.have.length(6));
    expect(part(el, 'error', 'history')).to.equal(null);
  });

  it('shows each failed section on its own when several fail', async () => {
    backend().worker.use(
      http.get(BATCHES, () => HttpResponse.json({ title: 'down' }, { status: 500 })),
      http.get(REDEMPTIONS, () => HttpResponse.error()),
      http.get(PREFERENCES, () => HttpResponse.error()),
    );
    await signInDemo();
    const el = await mountPanel(false);
    await until(() => expect(part(el, 'error', 'profile')).to.exist);
    await until(() => expect(el.shadowRoot!.querySelectorAll('[part~="error"]')).to.have.length(3));
    expect(text(section(el, 'balance'))).to.contain('397 points available');
    expect(text(part(el, 'error', 'balance'))).to.equal('Rewards are unavailable right now. Please try again later. Try again');
    await until(() => expect(rows(el)).to.have.length(6));
    await expect(el).to.be.accessible();
  });

  it('shows the signed-out invitation (and how to earn) when the session has expired', async () => {
    await identify(await tokenFor(DEMO_MEMBER_ID, { lifetime: 60 }));
    const el = await mountPanel();
    clock.advance(120_000);
    // The next call finds the token expired: the panel turns into the invitation.
    (section(el, 'profile').querySelector('input[name="newsletter"]') as HTMLInputElement).click();
    await until(() => expect(part(el, 'signed-out')).to.exist);
    expect(text(part(el, 'signed-out'))).to.equal('Join Casa Verde Rewards or sign in to see your points, rewards and history. Join or sign in');
    expect(section(el, 'balance')).to.equal(null);
    await until(() => expect(section(el, 'earn')).to.exist);
    await expect(el).to.be.accessible();
    setTimeout(() => part(el, 'signed-out')!.querySelector('button')!.click());
    const event = await oneEvent(el, 'fidelio-join');
    expect(event.detail).to.deep.equal({ source: 'panel' });
  });

  it('shows the invitation when the server refuses the token', async () => {
    await identify(await tokenFor(DEMO_MEMBER_ID, { secret: 'forged' }));
    const el = await fixture<FidelioMemberPanel>(html`<fidelio-member-panel></fidelio-member-panel>`);
    await until(() => expect(part(el, 'signed-out')).to.exist);
    expect($member.get().status).to.equal('signed-out');
  });

  it('saves the email consents at once and says so', async () => {
    await signInDemo();
    const el = await mountPanel();
    (section(el, 'profile').querySelector('input[name="newsletter"]') as HTMLInputElement).click();
    await until(() => expect(text(note(el, 'prefs'))).to.equal('Saved. It takes effect right away.'));
    expect(backend().state.engine.members[DEMO_MEMBER_ID]!.newsletter).to.equal(false);
    expect(backend().state.engine.members[DEMO_MEMBER_ID]!.statement).to.equal(true);
  });

  it('moves Ana’s emails to the language the panel is shown in, and keeps it with the consents she saves', async () => {
    await setLocale('ro');
    await signInDemo();
    const el = await mountPanel();
    const ana = () => backend().state.engine.members[DEMO_MEMBER_ID]!;
    await until(() => expect(ana().locale, 'she joined without one: English').to.equal('ro'));
    (section(el, 'profile').querySelector('input[name="newsletter"]') as HTMLInputElement).click();
    await until(() => expect(ana().newsletter).to.equal(false));
    expect(ana().locale).to.equal('ro');
    await setLocale('en');
  });

  it('changes the birthday once and explains when it can change again', async () => {
    await signInDemo();
    const el = await mountPanel();
    const form = section(el, 'profile').querySelectorAll('form')[1]!;
    const pick = (day: string, month: string) => {
      (form.querySelector('[name="day"]') as HTMLSelectElement).value = day;
      (form.querySelector('[name="month"]') as HTMLSelectElement).value = month;
      form.querySelector('button')!.click();
    };
    expect(text(section(el, 'profile'))).to.contain('It can be changed once a year, so the birthday treat comes once a year.');
    pick('15', '5');
    await until(() => expect(text(note(el, 'birthday'))).to.equal('Saved. You can change it again from Nov 23, 2027.'));
    expect(backend().state.engine.members[DEMO_MEMBER_ID]!.birthday).to.deep.include({ day: 15, month: 5 });
    pick('16', '5');
    await until(() => expect(text(note(el, 'birthday'))).to.equal('Your birthday was changed recently. You can change it again from Nov 23, 2027.'));
    pick('31', '2');
    await until(() => expect(text(note(el, 'birthday'))).to.equal('That date does not exist. Please check the day and month.'));
    await expect(el).to.be.accessible();
  });

  it('changes the name, and refuses markup without asking the server', async () => {
    await signInDemo();
    const el = await mountPanel();
    const form = section(el, 'profile').querySelector('form')!;
    const input = form.querySelector('input')!;
    input.value = '<b>Ana</b>';
    form.querySelector('button')!.click();
    await until(() => expect(text(note(el, 'name'))).to.equal('Please keep your name under 80 characters, without < or >.'));
    input.value = 'Ana María';
    form.querySelector('button')!.click();
    await until(() => expect(text(note(el, 'name'))).to.equal('Saved.'));
    expect(backend().state.engine.members[DEMO_MEMBER_ID]!.name).to.equal('Ana María');
    await until(() => expect(text(el.shadowRoot!.querySelector('.hello'))).to.equal('Hello, Ana María!'));
  });

  it('downloads the member’s data as JSON', async () => {
    await signInDemo();
    const el = await mountPanel();
    const blobs: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => (blobs.push(blob as Blob), 'blob:fidelio-test');
    const clicked: HTMLAnchorElement[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      [...section(el, 'data').querySelectorAll('button')].find((b) => text(b) === 'Download my data (JSON)')!.click();
      await until(() => expect(text(note(el, 'download'))).to.equal('Your download has started.'));
    } finally {
      URL.createObjectURL = original;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(clicked).to.have.length(1);
    expect(clicked[0]!.download).to.equal('m_demo_ana-data.json');
    const data = JSON.parse(await blobs[0]!.text());
    expect(data.member.id).to.equal(DEMO_MEMBER_ID);
    expect(data.member.email).to.equal('ana@example.com');
    expect(data.activity).to.have.length(6);
    expect(data.orders.map((o: { orderId: string }) => o.orderId)).to.deep.equal(['o_1001', 'o_1002', 'o_1003']);
    expect(data.preferences).to.deep.equal({ newsletter: true, statement: true, locale: 'en' });
  });

  it('asks for deletion only after a confirmation step, which keeps the account when declined', async () => {
    await signInDemo();
    const el = await mountPanel();
    part(el, 'delete')!.click();
    await until(() => expect(part(el, 'confirm')).to.exist);
    expect(text(part(el, 'confirm'))).to.equal('Delete your Casa Verde Rewards account? Your points, rewards and history will be removed. This cannot be undone. Yes, delete my account Keep my account');
    expect(text(activeDeep())).to.equal('Keep my account');
    await expect(el).to.be.accessible();
    (activeDeep() as HTMLButtonElement).click();
    await until(() => expect(part(el, 'confirm')).to.equal(null));
    expect(activeDeep() === part(el, 'delete'), 'focus back on the delete button').to.equal(true);
    expect(Object.keys(backend().state.engine.idempotency).some((k) => k.endsWith('deletion-request'))).to.equal(false);
    part(el, 'delete')!.click();
    await until(() => expect(part(el, 'confirm')).to.exist);
    part(el, 'confirm')!.querySelector('button')!.click();
    await until(() => expect(text(note(el, 'delete'))).to.equal('We received your request on Nov 23. We will email you when your account is deleted.'));
    expect(backend().state.engine.idempotency[`demo-store:${DEMO_MEMBER_ID}:deletion-request`]?.result).to.equal(clock.now());
    expect(part(el, 'delete')).to.equal(null);
  });

  it('can be used with the keyboard alone: redeem, opt out, open and close the deletion step', async () => {
    await signInDemo();
    const host = await fixture<HTMLElement>(html`<div><button id="before">before</button><fidelio-member-panel></fidelio-member-panel></div>`);
    const el = host.querySelector('fidelio-member-panel')!;
    await mountPanel(true, el);
    host.querySelector<HTMLButtonElement>('#before')!.focus();
    const tabTo = async (matches: (el: Element) => boolean, limit = 40) => {
      for (let i = 0; i < limit; i++) {
        await sendKeys({ press: 'Tab' });
        const active = activeDeep();
        expect(active, `focus was lost at Tab ${i + 1}`).to.not.equal(document.body);
        if (active && matches(active)) return active;
      }
      throw new Error('never reached');
    };
    await tabTo((a) => text(a) === 'Redeem');
    await sendKeys({ press: 'Enter' });
    await until(() => expect(text(note(el, 'rewards'))).to.match(/^Done! Your code/));
    await tabTo((a) => a.getAttribute('name') === 'newsletter');
    await sendKeys({ press: ' ' });
    await until(() => expect(backend().state.engine.members[DEMO_MEMBER_ID]!.newsletter).to.equal(false));
    await tabTo((a) => text(a) === 'Delete my account…');
    await sendKeys({ press: 'Enter' });
    await until(() => expect(text(activeDeep())).to.equal('Keep my account'));
    await sendKeys({ press: 'Enter' });
    await until(() => expect(text(activeDeep())).to.equal('Delete my account…'));
  });

  it('is accessible while loading and when the member could not be loaded', async () => {
    backend().worker.use(http.get('*/v1/programs/:programId/me', () => HttpResponse.error()));
    await signInDemo();
    const el = await fixture<FidelioMemberPanel>(html`<fidelio-member-panel></fidelio-member-panel>`);
    await expect(el).to.be.accessible();
    await until(() => expect(text(part(el, 'error'))).to.equal('Rewards are unavailable right now (no connection). Try again'));
    await expect(el).to.be.accessible();
    backend().worker.resetHandlers();
    part(el, 'error')!.querySelector('button')!.click();
    await until(() => expect(text(part(el, 'available'))).to.equal('397 points available'));
  });

  it('speaks the shopper’s language with local dates and numbers', async () => {
    await setLocale('es');
    await signInDemo();
    const el = await mountPanel();
    expect(text(part(el, 'available'))).to.equal('397 puntos disponibles');
    expect(text(section(el, 'balance'))).to.contain('152 puntos caducan el 2 dic');
    expect(text(rows(el)[0]!)).to.equal('18 nov 2026 Pendientes · pedido o_1003 +86');
    // the merchant's own names, in the program's Spanish
    expect(text(section(el, 'tier'))).to.contain('Gasta 70,00 US$ más para llegar a Plata.');
    expect(text(part(el, 'tier-name'))).to.equal('Socio');
    expect(text(section(el, 'punch'))).to.contain('Tarjeta de sustrato');
    expect(text(section(el, 'earn'))).to.contain('Puntos dobles en macetas');
    await expect(el).to.be.accessible();
  });
});
