import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/points-badge/points-badge.js';
import '../../src/components/join-link/join-link.js';
import '../../src/components/member-panel/member-panel.js';
import '../../src/components/points-redeem/points-redeem.js';
import '../../src/components/signup-popup/signup-popup.js';
import { $cart } from '../../src/stores/cart.js';
import { freshSdkEachTest, until } from '../helpers/backend.js';

// A page need not carry <fidelio-signup-popup> for its join buttons to work: without one, the
// press adds one and opens it, as Fidelio.openSignup() does; a host that handles fidelio-join
// itself (preventDefault) keeps its own sign-up form.

const cart = { currency: 'USD', lines: [{ id: 'p-fern', name: 'Boston fern', unitPrice: 4500, quantity: 1 }], subtotal: 4500 };
const popups = () => document.querySelectorAll('fidelio-signup-popup');
const dialogOpen = () => popups()[0]?.shadowRoot?.querySelector('dialog')?.open === true;

/** Each widget signed out, and how to find its join button. */
const widgets = [
  { name: 'badge', mount: () => html`<fidelio-points-badge></fidelio-points-badge>`, button: '[part~="join"]' },
  { name: 'join link', mount: () => html`<fidelio-join-link .cart=${cart}></fidelio-join-link>`, button: 'button' },
  { name: 'member panel', mount: () => html`<fidelio-member-panel></fidelio-member-panel>`, button: 'button.primary' },
  { name: 'points redeem', mount: () => html`<fidelio-points-redeem .cart=${cart}></fidelio-points-redeem>`, button: '[part~="join"]' },
];

async function joinButton(template: ReturnType<(typeof widgets)[number]['mount']>, selector: string): Promise<HTMLButtonElement> {
  const el = await fixture<HTMLElement>(template);
  let button: HTMLButtonElement | null = null;
  await until(() => expect((button = el.shadowRoot!.querySelector<HTMLButtonElement>(selector))).to.exist);
  return button!;
}

describe('join buttons on a page without a signup popup', () => {
  freshSdkEachTest(() => $cart.set(null));
  afterEach(() => popups().forEach((popup) => popup.remove()));

  for (const { name, mount, button } of widgets) {
    it(`the ${name}'s join adds the popup and opens it`, async () => {
      expect(popups()).to.have.length(0);
      const seen: string[] = [];
      const record = (event: Event) => seen.push((event as CustomEvent<{ source: string }>).detail.source);
      document.addEventListener('fidelio-join', record);
      try {
        (await joinButton(mount(), button)).click();
        await until(() => expect(dialogOpen(), 'popup open').to.equal(true));
        // opened with its form, focus in the email field (as with the tag on the page)
        const email = popups()[0]!.shadowRoot!.querySelector('input[name="email"]');
        expect(email, 'the form is there when it opens').to.exist;
        expect(popups()[0]!.shadowRoot!.activeElement, 'focus in the email field').to.equal(email);
        expect(popups()).to.have.length(1);
        expect(seen).to.have.length(1);
      } finally {
        document.removeEventListener('fidelio-join', record);
      }
    });
  }

  it('leaves a host that handles fidelio-join itself alone with the popup on the page too, wherever its listener sits', async () => {
    const host = await fixture<HTMLElement>(html`<div><fidelio-signup-popup></fidelio-signup-popup><fidelio-points-badge></fidelio-points-badge></div>`);
    const popup = host.querySelector('fidelio-signup-popup')!;
    await (popup as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    // registered after the popup's own listener: it runs after it
    const own = (event: Event) => event.preventDefault();
    document.addEventListener('fidelio-join', own);
    try {
      (await joinButton(html`<fidelio-points-badge></fidelio-points-badge>`, '[part~="join"]')).click();
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(dialogOpen(), 'the host shows its own form').to.equal(false);
    } finally {
      document.removeEventListener('fidelio-join', own);
    }
    // not handled: it opens
    (await joinButton(html`<fidelio-points-badge></fidelio-points-badge>`, '[part~="join"]')).click();
    await until(() => expect(dialogOpen()).to.equal(true));
  });

  it('leaves a host that handles fidelio-join itself alone', async () => {
    const own = (event: Event) => event.preventDefault();
    document.addEventListener('fidelio-join', own);
    try {
      (await joinButton(widgets[0]!.mount(), widgets[0]!.button)).click();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(popups()).to.have.length(0);
    } finally {
      document.removeEventListener('fidelio-join', own);
    }
  });
});
