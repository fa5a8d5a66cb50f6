import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/components/signup-popup/signup-popup.js';
import '../../src/components/points-badge/points-badge.js';
import type { FidelioSignupPopup } from '../../src/components/signup-popup/signup-popup.component.js';
import { $signup, mayAutoOpen, rememberReferral } from '../../src/stores/signup.js';
import { resetStorage } from '../../src/stores/runtime.js';
import { signOut } from '../../src/stores/session.js';
import { setLocale } from '../../src/i18n/index.js';
import { DAY_MS } from '../../src/core/clock.js';
import { deepActiveElement } from '../../src/core/focus.js';
import type { MockBackend } from '../../src/mock/index.js';
import { captureWarnings, clock, configureForTests, narrowWindow, replaceIndexedDB, resetSdk, signInDemo, until, useBackend, watchPageErrors } from '../helpers/backend.js';

const MEMBERS = '*/v1/programs/:programId/members';
const root = (el: FidelioSignupPopup) => el.shadowRoot!;
const part = (el: FidelioSignupPopup, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const input = (el: FidelioSignupPopup, name: string) => root(el).querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
const dialog = (el: FidelioSignupPopup) => root(el).querySelector('dialog')!;

/** Records each enrollment request body, then lets the reference backend answer it. */
function recordEnrollments(backend: MockBackend): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  backend.worker.use(
    http.post(MEMBERS, async ({ request }) => {
      bodies.push((await request.clone().json()) as Record<string, unknown>);
      return undefined;
    }),
  );
  return bodies;
}

async function fill(el: FidelioSignupPopup, values: { email?: string; name?: string; day?: string; month?: string; year?: string; newsletter?: boolean }) {
  if (values.email !== undefined) (input(el, 'email') as HTMLInputElement).value = values.email;
  if (values.name !== undefined) (input(el, 'name') as HTMLInputElement).value = values.name;
  if (values.day !== undefined) input(el, 'day').value = values.day;
  if (values.month !== undefined) input(el, 'month').value = values.month;
  if (values.year !== undefined) input(el, 'year').value = values.year;
  if (values.newsletter !== undefined) (input(el, 'newsletter') as HTMLInputElement).checked = values.newsletter;
}

/** Closes the popup and waits until the dismissal is recorded (the close event comes after it). */
async function dismiss(el: FidelioSignupPopup) {
  setTimeout(() => el.hide());
  const event = await oneEvent(el, 'fidelio-signup-close');
  expect(event.detail.joined).to.equal(false);
}

async function submit(el: FidelioSignupPopup) {
  part(el, 'submit')!.click();
  await until(() => $signup.get().status !== 'submitting');
  await el.updateComplete;
}

describe('<fidelio-signup-popup>', () => {
  let backend: MockBackend;
  let page: ReturnType<typeof watchPageErrors>;

  beforeEach(async () => {
    backend = await useBackend();
    await resetSdk();
    $signup.set({ status: 'idle' });
    configureForTests();
    page = watchPageErrors();
  });

  afterEach(() => {
    page.stop();
    expect(page.errors, 'uncaught errors or unhandled rejections').to.deep.equal([]);
  });

  async function popup(attrs = ''): Promise<FidelioSignupPopup> {
    const host = await fixture<HTMLElement>(`<div><button data-fidelio-signup>Join our rewards</button><fidelio-signup-popup terms-url="/terms" ${attrs}></fidelio-signup-popup></div>`);
    const el = host.querySelector('fidelio-signup-popup')!;
    await el.updateComplete;
    return el;
  }

  async function openIt(el: FidelioSignupPopup) {
    el.show();
    await until(() => expect(part(el, 'form')).to.exist);
    await until(() => expect(part(el, 'incentive')?.textContent).to.equal('Join today and get 100 points.'));
    // axe measures colours: let the opening fade finish first.
    await Promise.all(dialog(el).getAnimations().map((animation) => animation.finished));
  }

  it('is accessible closed, open, with errors and after joining', async () => {
    const el = await popup();
    await expect(el).to.be.accessible();
    await openIt(el);
    await expect(el).to.be.accessible();
    await fill(el, { email: 'nope' });
    await submit(el);
    expect(part(el, 'form')!.textContent).to.contain('Please enter a valid email address');
    await expect(el).to.be.accessible();
    await fill(el, { email: 'new.shopper@example.com' });
    await submit(el);
    await until(() => expect(part(el, 'done')).to.exist);
    await expect(el).to.be.accessible();
  });

  it('is a modal dialog: opens from a [data-fidelio-signup] click, traps focus, closes on Escape and gives focus back', async () => {
    const el = await popup();
    const trigger = el.parentElement!.querySelector('button')!;
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(dialog(el).open).to.equal(true));
    await until(() => expect(root(el).activeElement === input(el, 'email'), 'focus on the email field').to.equal(true));
    const visited = new Set<Element | null>();
    for (let i = 0; i < 14; i++) {
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement === el, `focus left the dialog at Tab ${i + 1}`).to.equal(true);
      visited.add(root(el).activeElement);
    }
    // Shift+Tab from the first control wraps to the last (webdriver cannot hold Shift, so the key
    // event is dispatched where the browser would deliver it).
    part(el, 'close')!.focus();
    part(el, 'close')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, composed: true, cancelable: true }));
    expect(root(el).activeElement === part(el, 'submit'), 'Shift+Tab wrapped to the last control').to.equal(true);
    expect(visited.size, 'every control was reached').to.be.at.least(8);
    await sendKeys({ press: 'Escape' });
    await until(() => expect(dialog(el).open).to.equal(false));
    expect(document.activeElement === trigger, 'focus back on the trigger').to.equal(true);
  });

  it('takes a keyboard-only shopper from the trigger to the welcome state, with one request', async () => {
    const bodies = recordEnrollments(backend);
    const el = await popup();
    el.parentElement!.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(root(el).activeElement === input(el, 'email'), 'focus on the email field').to.equal(true));
    await sendKeys({ type: 'keys@example.com' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Kay' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(part(el, 'done'), `${(input(el, 'email') as HTMLInputElement)?.value}|${(input(el, 'name') as HTMLInputElement)?.value}|${part(el, 'error')?.textContent}|${$signup.get().status}`).to.exist);
    expect(part(el, 'title')!.textContent).to.contain('Welcome to Casa Verde Rewards, Kay!');
    expect(part(el, 'incentive')!.textContent).to.equal('You have just earned 100 points.');
    expect(root(el).activeElement === part(el, 'done'), 'focus on the welcome button').to.equal(true);
    expect(bodies).to.have.length(1);
    expect(bodies[0]).to.include({ email: 'keys@example.com', name: 'Kay', newsletter: false });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(dialog(el).open).to.equal(false));
  });

  it('gives focus to the widget whose join button opened it once joining has replaced that button', async () => {
    const host = await fixture<HTMLElement>(`<div><fidelio-points-badge></fidelio-points-badge><fidelio-signup-popup></fidelio-signup-popup></div>`);
    const el = host.querySelector('fidelio-signup-popup')!;
    const badge = host.querySelector('fidelio-points-badge')!;
    await until(() => expect(badge.shadowRoot!.querySelector('button')).to.exist);
    const join = badge.shadowRoot!.querySelector('button')!;
    join.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(dialog(el).open).to.equal(true));
    await until(() => expect(root(el).activeElement === input(el, 'email')).to.equal(true));
    await sendKeys({ type: 'focus.after@example.com' });
    await sendKeys({ press: 'Enter' });
    await until(() => expect(part(el, 'done')).to.exist);
    // the badge now shows the new member's balance: its join button is gone
    await until(() => expect(join.isConnected).to.equal(false));
    const closed = oneEvent(el, 'fidelio-signup-close');
    await sendKeys({ press: 'Enter' });
    await closed;
    const focused = deepActiveElement();
    expect(focused?.getRootNode() === badge.shadowRoot, `focus on the badge, not ${focused?.localName}`).to.equal(true);
  });

  it('closes when a single-page app removes it while open: the page hears it, focus goes back, and it opens as a lightbox when put back', async () => {
    const el = await popup();
    const trigger = el.parentElement!.querySelector('button')!;
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(dialog(el).open).to.equal(true));
    const closed = oneEvent(document, 'fidelio-signup-close');
    const parent = el.parentElement!;
    el.remove();
    expect((await closed).detail).to.deep.equal({ joined: false });
    expect(dialog(el).open).to.equal(false);
    expect(document.activeElement === trigger, 'focus back on the trigger').to.equal(true);
    parent.append(el);
    el.show();
    await until(() => expect(dialog(el).open).to.equal(true));
    expect(dialog(el).matches(':modal'), 'a modal lightbox again').to.equal(true);
    el.hide();
  });

  it('says that the program terms open in a new tab', async () => {
    const el = await popup();
    await openIt(el);
    const link = root(el).querySelector<HTMLAnchorElement>('a[href$="/terms"]')!;
    expect(link.target).to.equal('_blank');
    expect(link.textContent!.replace(/\s+/g, ' ').trim()).to.match(/\(opens in a new tab\)$/);
    el.hide();
  });

  it('opens one lightbox when the tag is on the page twice', async () => {
    const host = await fixture<HTMLElement>(`<div><fidelio-signup-popup></fidelio-signup-popup><fidelio-signup-popup></fidelio-signup-popup></div>`);
    const [first, second] = [...host.querySelectorAll('fidelio-signup-popup')] as [FidelioSignupPopup, FidelioSignupPopup];
    await Promise.all([first.updateComplete, second.updateComplete]);
    let opened = 0;
    const count = () => opened++;
    document.addEventListener('fidelio-signup-open', count);
    try {
      document.dispatchEvent(new CustomEvent('fidelio-open-signup'));
      await until(() => expect(dialog(first).open).to.equal(true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(dialog(second).open).to.equal(false);
      expect(opened).to.equal(1);
      first.hide();
    } finally {
      document.removeEventListener('fidelio-open-signup', count);
      document.removeEventListener('fidelio-signup-open', count);
    }
  });

  it('stores consent exactly as ticked, unticked by default', async () => {
    const bodies = recordEnrollments(backend);
    const el = await popup();
    await openIt(el);
    expect((input(el, 'newsletter') as HTMLInputElement).checked).to.equal(false);
    await fill(el, { email: 'yes@example.com', newsletter: true });
    await submit(el);
    expect(bodies.map((b) => b.newsletter)).to.deep.equal([true]);
  });

  it('joins in the shopper\'s language, so the program writes to them in it', async () => {
    const bodies = recordEnrollments(backend);
    await setLocale('es');
    try {
      const el = await popup();
      el.show();
      await until(() => expect(part(el, 'form')).to.exist);
      await fill(el, { email: 'lucia@example.com' });
      await submit(el);
      expect(bodies.map((b) => b.locale)).to.deep.equal(['es']);
      const welcome = backend.state.engine.outbox.emails.find((e) => e.kind === 'welcome' && e.to === 'lucia@example.com');
      expect(welcome?.locale).to.equal('es');
      expect(welcome?.subject).to.match(/^¡Te damos la bienvenida a /);
    } finally {
      await setLocale('en');
    }
  });

  it('creates one member however often the button is pressed, and updates the badge at once', async () => {
    const bodies = recordEnrollments(backend);
    const host = await fixture<HTMLElement>(html`<div><fidelio-points-badge></fidelio-points-badge><fidelio-signup-popup inline></fidelio-signup-popup></div>`);
    const el = host.querySelector('fidelio-signup-popup')!;
    const badge = host.querySelector('fidelio-points-badge')!;
    await until(() => expect(part(el, 'submit')).to.exist);
    await fill(el, { email: 'twice@example.com' });
    part(el, 'submit')!.click();
    part(el, 'submit')!.click();
    part(el, 'submit')!.click();
    await until(() => expect($signup.get().status).to.equal('success'));
    expect(bodies).to.have.length(1);
    await until(() => expect(badge.shadowRoot!.textContent).to.contain('100 points'));
  });

  it('explains each bad input and keeps what was typed', async () => {
    const el = await popup();
    await openIt(el);
    await fill(el, { email: 'ana@example', name: 'x'.repeat(81) });
    await submit(el);
    expect(part(el, 'form')!.textContent).to.contain('Please keep your name under 80 characters');
    await fill(el, { email: 'ana@example', name: '<script>x</script>', day: '31', month: '2' });
    await submit(el);
    const text = part(el, 'form')!.textContent!;
    expect(text).to.contain('Please enter a valid email address');
    expect(text).to.contain('Please keep your name under 80 characters');
    expect(text).to.contain('That date does not exist');
    await until(() => expect(root(el).activeElement === input(el, 'email'), 'focus on the email field').to.equal(true));
    expect((input(el, 'name') as HTMLInputElement).value).to.equal('<script>x</script>');
  });

  it('says an email is already a member, without creating another', async () => {
    const el = await popup();
    await openIt(el);
    await fill(el, { email: 'ANA@example.com' });
    await submit(el);
    expect(part(el, 'error')!.textContent).to.equal('This email is already a member. Sign in to see your points.');
    // the email field is the one refused, and the refusal describes it
    expect(input(el, 'email').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'email').getAttribute('aria-describedby')!.split(' ')).to.include(part(el, 'error')!.id);
    expect(Object.values(backend.state.engine.members).filter((m) => m.email === 'ana@example.com')).to.have.length(1);
  });

  it('keeps the form after a network failure or a 500, and the retry creates one member', async () => {
    const warnings = captureWarnings();
    try {
      for (const [fault, said] of [
        [() => HttpResponse.error(), /unavailable right now.*will be sent when you’re back online/],
        [() => new HttpResponse('oops', { status: 500 }), /unavailable right now.*Nothing was lost/],
      ] as const) {
        await resetSdk();
        configureForTests();
        $signup.set({ status: 'idle' });
        backend.worker.resetHandlers();
        backend.worker.use(http.post(MEMBERS, fault, { once: true }));
        const el = await popup();
        await openIt(el);
        const email = `retry${Math.random().toString(36).slice(2, 8)}@example.com`;
        await fill(el, { email, name: 'Rita' });
        await submit(el);
        expect(part(el, 'error')!.textContent).to.match(said);
        expect((input(el, 'email') as HTMLInputElement).value).to.equal(email);
        await submit(el);
        await until(() => expect(part(el, 'done')).to.exist);
        expect(Object.values(backend.state.engine.members).filter((m) => m.email === email)).to.have.length(1);
      }
    } finally {
      warnings.restore();
    }
  });

  it('says when the shopper must wait (rate limited)', async () => {
    backend.worker.use(http.post(MEMBERS, () => HttpResponse.json({ type: 'about:blank', title: 'Slow down', status: 429, code: 'rate_limited' }, { status: 429, headers: { 'Retry-After': '600' } })));
    const el = await popup();
    await openIt(el);
    await fill(el, { email: 'fast@example.com' });
    await submit(el);
    expect(part(el, 'error')!.textContent).to.contain('Too many requests');
  });

  it('opens by itself after a delay, a scroll depth, exit intent and add-to-cart — and not again within 14 days of a dismissal', async () => {
    const delayed = await popup('delay="0.05"');
    await until(() => expect(dialog(delayed).open).to.equal(true));
    await dismiss(delayed);
    expect(await mayAutoOpen()).to.equal(false);
    const carted = await popup('add-to-cart');
    document.dispatchEvent(new CustomEvent('fidelio-add-to-cart'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(dialog(carted).open, 'capped after a dismissal').to.equal(false);
    clock.advance(14 * DAY_MS);
    document.dispatchEvent(new CustomEvent('fidelio-add-to-cart'));
    await until(() => expect(dialog(carted).open).to.equal(true));
    await dismiss(carted);
    clock.advance(14 * DAY_MS);

    const originalMatch = window.matchMedia;
    window.matchMedia = ((query: string) => ({ matches: query.includes('pointer: fine'), media: query })) as typeof window.matchMedia;
    try {
      const exit = await popup('exit-intent');
      document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, relatedTarget: null }));
      await until(() => expect(dialog(exit).open).to.equal(true));
      await dismiss(exit);
    } finally {
      window.matchMedia = originalMatch;
    }
    clock.advance(14 * DAY_MS);

    document.body.style.minHeight = '5000px';
    try {
      const scrolled = await popup('scroll-depth="50"');
      window.scrollTo(0, 4000);
      window.dispatchEvent(new Event('scroll'));
      await until(() => expect(dialog(scrolled).open).to.equal(true));
      // (waits for the dismissal's record: written after the next test emptied the database, it kept that test's popup shut)
      await dismiss(scrolled);
    } finally {
      document.body.style.minHeight = '';
      window.scrollTo(0, 0);
    }
  });

  it('warns about a trigger setting it cannot use and leaves it out: a scroll depth past 100 %, a delay that is not a number, a negative cap', async () => {
    const warnings = captureWarnings();
    document.body.style.minHeight = '5000px';
    try {
      const el = await popup('scroll-depth="150" delay="soon" cap-days="-1"');
      expect(warnings.messages).to.include('[fidelio] <fidelio-signup-popup scroll-depth> must be a number from 0 to 100 (a percentage of the page); ignoring it.');
      expect(warnings.messages).to.include('[fidelio] <fidelio-signup-popup delay> must be a number ≥ 0; ignoring it.');
      expect(warnings.messages).to.include('[fidelio] <fidelio-signup-popup cap-days> must be a number ≥ 0; ignoring it.');
      window.scrollTo(0, 5000);
      window.dispatchEvent(new Event('scroll'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(dialog(el).open, 'scrolled to the bottom').to.equal(false);
      // the negative cap is left out for the default 14 days: a dismissal still counts
      el.remove();
      const capped = await popup('add-to-cart cap-days="-1"');
      document.dispatchEvent(new CustomEvent('fidelio-add-to-cart'));
      await until(() => expect(dialog(capped).open).to.equal(true));
      await dismiss(capped);
      clock.advance(13 * DAY_MS);
      document.dispatchEvent(new CustomEvent('fidelio-add-to-cart'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(dialog(capped).open, '13 days after the dismissal').to.equal(false);
    } finally {
      warnings.restore();
      document.body.style.minHeight = '';
      window.scrollTo(0, 0);
    }
  });

  it('keeps the cap across a reload (IndexedDB) and in memory when IndexedDB is unavailable', async () => {
    const el = await popup();
    await openIt(el);
    await dismiss(el);
    resetStorage();
    expect(await mayAutoOpen(), 'after reopening the database').to.equal(false);

    await resetSdk();
    configureForTests();
    const restore = replaceIndexedDB(undefined);
    const warnings = captureWarnings();
    try {
      resetStorage();
      const again = await popup();
      await openIt(again);
      await dismiss(again);
      expect(await mayAutoOpen()).to.equal(false);
    } finally {
      restore();
      warnings.restore();
      resetStorage();
    }
  });

  it('never opens by itself for a member, but opens when asked (badge, API event)', async () => {
    await signInDemo();
    const el = await popup('add-to-cart');
    document.dispatchEvent(new CustomEvent('fidelio-add-to-cart'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(dialog(el).open).to.equal(false);
    document.dispatchEvent(new CustomEvent('fidelio-join', { detail: { source: 'badge' } }));
    await until(() => expect(dialog(el).open).to.equal(true));
    el.hide();
    document.dispatchEvent(new CustomEvent('fidelio-open-signup'));
    await until(() => expect(dialog(el).open).to.equal(true));
  });

  it('shows the inline form again, not the welcome, when the new member signs out', async () => {
    const el = await fixture<FidelioSignupPopup>(html`<fidelio-signup-popup inline></fidelio-signup-popup>`);
    await until(() => expect(part(el, 'form')).to.exist);
    await fill(el, { email: 'inline.joiner@example.com' });
    await submit(el);
    await until(() => expect(part(el, 'title')?.textContent).to.equal('Welcome to Casa Verde Rewards!'));
    signOut();
    await until(() => expect(part(el, 'form')).to.exist);
    expect(part(el, 'title')!.textContent).to.equal('Join Casa Verde Rewards');
  });

  it('offers "Already a member? Sign in" where the store says its sign-in is, and lets a store that signs in on the page take it', async () => {
    const plain = await popup();
    await openIt(plain);
    expect(part(plain, 'sign-in'), 'no sign-in address, no link').to.equal(null);
    await dismiss(plain);
    plain.remove();

    configureForTests({ signInUrl: '/account/login' });
    const el = await popup();
    await openIt(el);
    const link = () => part(el, 'sign-in')?.querySelector('a') ?? null;
    expect(part(el, 'sign-in')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Already a member? Sign in');
    expect(link()!.href).to.equal(new URL('/account/login', location.href).href);
    const asked: string[] = [];
    const ownSignIn = (event: Event) => {
      asked.push((event as CustomEvent<{ url: string }>).detail.url);
      event.preventDefault();
    };
    document.addEventListener('fidelio-sign-in', ownSignIn);
    const before = location.href;
    try {
      const closed = oneEvent(el, 'fidelio-signup-close');
      link()!.click();
      await closed;
    } finally {
      document.removeEventListener('fidelio-sign-in', ownSignIn);
    }
    expect(asked).to.deep.equal([new URL('/account/login', location.href).href]);
    expect(location.href, 'the page stays').to.equal(before);
    expect(dialog(el).open).to.equal(false);
    // the popup's own attribute comes first; an address that is not https or on this site gives no link
    const warnings = captureWarnings();
    try {
      el.setAttribute('sign-in-url', 'javascript:alert(1)');
      await el.updateComplete;
      expect(link()).to.equal(null);
      expect(warnings.messages).to.include('[fidelio] <fidelio-signup-popup sign-in-url> "javascript:alert(1)" is neither an https address nor one on this site; the link is left out.');
    } finally {
      warnings.restore();
    }
    el.setAttribute('sign-in-url', 'https://shop.example/login');
    await el.updateComplete;
    expect(link()!.href).to.equal('https://shop.example/login');
  });

  it('tells a signed-in member they are one instead of offering the form, and offers it again once they sign out', async () => {
    await signInDemo();
    const el = await popup();
    el.show();
    await until(() => expect(part(el, 'title')?.textContent).to.equal('You are a member of Casa Verde Rewards'));
    expect(part(el, 'form'), 'no sign-up form for a member').to.equal(null);
    expect(part(el, 'incentive')!.textContent).to.equal('You are signed in, so every order earns you points.');
    expect(el.shadowRoot!.activeElement, 'focus on its one button').to.equal(part(el, 'done'));
    const closed = oneEvent(el, 'fidelio-signup-close');
    part(el, 'done')!.click();
    await closed;
    expect(dialog(el).open).to.equal(false);

    const inline = await fixture<FidelioSignupPopup>(html`<fidelio-signup-popup inline></fidelio-signup-popup>`);
    await until(() => expect(part(inline, 'title')?.textContent).to.equal('You are a member of Casa Verde Rewards'));
    expect(part(inline, 'form')).to.equal(null);
    expect(part(inline, 'done'), 'inline: nothing to close').to.equal(null);
    signOut();
    await until(() => expect(part(inline, 'form')).to.exist);
    expect(part(inline, 'title')!.textContent).to.equal('Join Casa Verde Rewards');
  });

  it('greets a visitor who came through a referral link and joins with the code', async () => {
    const bodies = recordEnrollments(backend);
    await rememberReferral('ANA2026');
    const el = await popup();
    await openIt(el);
    await until(() => expect(part(el, 'greeting')?.textContent).to.equal('Your friend gave you $10.00 off your first order of $50.00 or more.'));
    await fill(el, { email: 'friend.of.ana@example.com' });
    setTimeout(() => part(el, 'submit')!.click());
    const event = await oneEvent(el, 'fidelio-enrolled');
    expect(event.detail.email).to.equal('friend.of.ana@example.com');
    expect(bodies[0]).to.include({ referralCode: 'ANA2026' });
    await until(() => expect(part(el, 'referral')?.textContent).to.match(/^Your friend’s gift: use code WELCOME-\w+ for \$10\.00 off your first order\.$/));
  });

  it('fits a 320 px wide window (400 % zoom) without scrolling sideways, in Romanian’s long labels', async function () {
    const before = { width: innerWidth, height: innerHeight };
    if (!(await narrowWindow({ width: 320, height: 640 }))) return this.skip();
    await setLocale('ro');
    try {
      const el = await popup();
      el.show();
      await until(() => expect(part(el, 'incentive')).to.exist);
      await Promise.all(dialog(el).getAnimations().map((animation) => animation.finished));
      const box = dialog(el);
      expect(box.scrollWidth, 'the dialog scrolls sideways').to.be.at.most(box.clientWidth);
      // the form keeps the dialog's padding on both sides (about 1rem: Firefox lays it out at 15.5 px)
      const form = part(el, 'form')!.getBoundingClientRect();
      const edges = box.getBoundingClientRect();
      expect(form.left - edges.left).to.be.at.least(12);
      expect(edges.right - form.right).to.be.at.least(12);
    } finally {
      await setLocale('en');
      await setViewport(before);
    }
  });

  it('marks optional fields in the shopper\'s language, with no space before a Chinese full-width bracket', async () => {
    const el = await popup();
    await openIt(el);
    const said = () => [root(el).querySelector('label[for="name"]')!, root(el).querySelector('legend')!].map((node) => node.textContent!.replace(/\s+/g, ' ').trim());
    expect(said()).to.deep.equal(['Name (optional)', 'Birthday (optional)']);
    expect(input(el, 'year').getAttribute('aria-label')).to.equal('Year (optional)');
    expect(root(el).querySelector('legend .hint')!.textContent!.trim(), 'in the hint style').to.equal('(optional)');
    await setLocale('zh-CN');
    try {
      await el.updateComplete;
      expect(said()).to.deep.equal(['姓名（选填）', '生日（选填）']);
      expect(input(el, 'year').getAttribute('aria-label')).to.equal('年（选填）');
      expect(root(el).querySelector('legend .hint')!.textContent).to.equal('（选填）');
    } finally {
      await setLocale('en');
    }
  });

  it('animates only for shoppers who have not asked for reduced motion', async () => {
    const el = await popup();
    const sheets = root(el).adoptedStyleSheets.length ? root(el).adoptedStyleSheets : [...root(el).querySelectorAll('style')].map((style) => style.sheet!);
    const rules = sheets.flatMap((sheet) => [...sheet.cssRules]);
    const animated = (rule: CSSRule): boolean => rule instanceof CSSStyleRule && /animation/.test(rule.style.cssText);
    expect(rules.some(animated), 'no animation outside a media query').to.equal(false);
    const motion = rules.filter((r): r is CSSMediaRule => r instanceof CSSMediaRule && /prefers-reduced-motion:\s*no-preference/.test(r.conditionText));
    expect(motion.some((m) => [...m.cssRules].some(animated)), 'the opening animation sits under prefers-reduced-motion: no-preference').to.equal(true);
  });

  it('ignores a malformed referral code quietly', async () => {
    await rememberReferral('<img src=x onerror=alert(1)>');
    const el = await popup();
    await openIt(el);
    expect(part(el, 'greeting')).to.equal(null);
  });
});
