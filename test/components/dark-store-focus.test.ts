/**
 * Keyboard focus on a light store and a dark one: every widget's focus ring must stand out from
 * what it is drawn on by 3:1 (WCAG 2.4.11 / 1.4.11), whatever the colour of the control it
 * surrounds. The in-page widgets draw it on the page's own background; the cards (referral share
 * and greeting, unsubscribe notice), the member panel and the signup popup on theirs, which a dark
 * store themes dark.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanStores } from 'nanostores';
import '../../src/components/points-badge/points-badge.js';
import '../../src/components/join-link/join-link.js';
import '../../src/components/earn-preview/earn-preview.js';
import '../../src/components/coupon-field/coupon-field.js';
import '../../src/components/points-redeem/points-redeem.js';
import '../../src/components/referral-share/referral-share.js';
import '../../src/components/referral-greeting/referral-greeting.js';
import '../../src/components/launcher/launcher.js';
import '../../src/components/member-panel/member-panel.js';
import '../../src/components/signup-popup/signup-popup.js';
import type { FidelioSignupPopup } from '../../src/components/signup-popup/signup-popup.component.js';
import { showUnsubscribeNotice } from '../../src/components/unsubscribe-notice/unsubscribe-notice.js';
import { deepActiveElement } from '../../src/core/focus.js';
import { $cart, $cartPreview } from '../../src/stores/cart.js';
import { $coupon } from '../../src/stores/coupon.js';
import { $panel } from '../../src/stores/panel.js';
import { resetRedeem } from '../../src/stores/redeem.js';
import { $referralCode, rememberReferral } from '../../src/stores/signup.js';
import { freshSdkEachTest, signInDemo, until } from '../helpers/backend.js';
import { focusRingContrast } from '../helpers/contrast.js';
import { mountPanel } from './member-panel.helpers.js';

const line = (id: string, name: string, unitPrice: number) => ({ id, name, unitPrice, quantity: 1, category: 'plants' });
const cart = { currency: 'USD', lines: [line('p-monstera', 'Monstera deliciosa', 4500), line('p-fig', 'Fiddle-leaf fig', 5600)], subtotal: 10_100 };

/** Two light stores and two dark ones. */
const BACKGROUNDS = ['rgb(255, 255, 255)', 'rgb(240, 240, 240)', 'rgb(17, 17, 17)', 'rgb(30, 30, 30)'];

/** The store's theme on the whole page: its background, and the cards' and the panel's sections' (a dark store sets theirs dark). */
function theme(background: string): void {
  const dark = background.startsWith('rgb(17') || background.startsWith('rgb(30');
  const text = dark ? 'rgb(238, 238, 238)' : 'rgb(31, 35, 48)';
  document.body.style.cssText = `background:${background};color:${text};--fidelio-background:${background};--fidelio-surface:${background};--fidelio-text:${text}`;
}

const tagOf = (el: Element) => (el.getRootNode() as ShadowRoot).host?.localName ?? '';
/** A control's kind: its tag, an input's type. */
const kind = (el: Element) => (el instanceof HTMLInputElement ? el.type : el.localName);

/**
 * Tabs from `start` through every control of the widgets after it (keyboard focus, so
 * :focus-visible applies) and measures each one's ring on every background.
 */
async function tabThrough(start: HTMLElement, widgets: number): Promise<{ seen: Set<string>; failures: string[] }> {
  const seen = new Set<string>();
  const failures: string[] = [];
  start.focus();
  for (let i = 0; i < 40; i++) {
    await sendKeys({ press: 'Tab' });
    const el = deepActiveElement();
    if (!el || el === document.body) break;
    const tag = tagOf(el);
    if (!tag.startsWith('fidelio-')) continue;
    seen.add(tag);
    measure(el, failures);
    if (seen.size === widgets && el.getAttribute('part') === 'button') break;
  }
  return { seen, failures };
}

/** Checks that keyboard focus shows on `el` and measures its ring on every background. */
function measure(el: Element, failures: string[]): void {
  const name = `${tagOf(el)} ${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : `<${el.localName}${el.getAttribute('name') ? ` name=${el.getAttribute('name')}` : ''}>`}`;
  expect(el.matches(':focus-visible'), `${name} focused by the keyboard`).to.equal(true);
  for (const background of BACKGROUNDS) {
    theme(background);
    const { ratio, tones } = focusRingContrast(el, background);
    if (ratio < 3) failures.push(`${name}: ${ratio.toFixed(2)}:1 on ${background} (ring ${tones.join(' + ') || 'none'})`);
  }
}

/** Tabs from `start` through the controls of one widget, until focus leaves it or comes round again, measuring each ring. */
async function tabWithin(widget: Element, start: HTMLElement): Promise<{ controls: Element[]; failures: string[] }> {
  const controls: Element[] = [];
  const failures: string[] = [];
  start.focus();
  for (let i = 0; i < 80; i++) {
    await sendKeys({ press: 'Tab' });
    const el = deepActiveElement();
    if (!el || controls.includes(el) || (el.getRootNode() as ShadowRoot).host !== widget) break;
    controls.push(el);
    measure(el, failures);
  }
  return { controls, failures };
}

describe('focus rings on a light and a dark store', () => {
  freshSdkEachTest(() => {
    $cart.set(null);
    $cartPreview.set({ status: 'idle' });
    $coupon.set({ status: 'idle' });
    $referralCode.set(null);
    resetRedeem();
    cleanStores($panel);
  });
  afterEach(() => {
    document.body.style.cssText = '';
    document.querySelectorAll('body > fidelio-unsubscribe-notice').forEach((el) => el.remove());
  });

  it('rings every control of a signed-out checkout at 3:1 or more against the page, the join buttons on the accent colour too', async () => {
    await rememberReferral('ANA2026');
    const notice = showUnsubscribeNotice('u_m_demo_ana_seed');
    const page = await fixture<HTMLElement>(html`<div>
      <button id="start">Start</button>
      <fidelio-points-badge></fidelio-points-badge>
      <fidelio-join-link .cart=${cart}></fidelio-join-link>
      <fidelio-earn-preview .cart=${cart}></fidelio-earn-preview>
      <fidelio-coupon-field></fidelio-coupon-field>
      <fidelio-points-redeem></fidelio-points-redeem>
      <fidelio-referral-greeting></fidelio-referral-greeting>
      <fidelio-launcher></fidelio-launcher>
    </div>`);
    const inside = (tag: string, selector: string) => page.querySelector(tag)!.shadowRoot!.querySelector(selector);
    await until(() => expect(inside('fidelio-points-badge', '[part~="join"]')).to.exist);
    await until(() => expect(inside('fidelio-join-link', '[part~="link"]')).to.exist);
    await until(() => expect(inside('fidelio-earn-preview', '[part~="join"]')).to.exist);
    await until(() => expect(inside('fidelio-points-redeem', '[part~="join"]')).to.exist);
    await until(() => expect(inside('fidelio-referral-greeting', '[part~="join"]')).to.exist);
    await until(() => expect(notice.shadowRoot!.querySelector('[part~="close"]')).to.exist);
    // (the notice is the body's last child: after the launcher in the tab order)
    const { seen, failures } = await tabThrough(page.querySelector('#start')!, 7);
    notice.shadowRoot!.querySelector<HTMLElement>('[part~="close"]')!.focus();
    for (const background of BACKGROUNDS) {
      theme(background);
      const { ratio } = focusRingContrast(notice.shadowRoot!.activeElement!, background);
      if (ratio < 3) failures.push(`fidelio-unsubscribe-notice [part=close]: ${ratio.toFixed(2)}:1 on ${background}`);
    }
    expect([...seen].sort()).to.deep.equal(['fidelio-coupon-field', 'fidelio-earn-preview', 'fidelio-join-link', 'fidelio-launcher', 'fidelio-points-badge', 'fidelio-points-redeem', 'fidelio-referral-greeting']);
    expect(failures).to.deep.equal([]);
  });

  it('rings a member’s badge, Use buttons, slider and referral link at 3:1 or more, and --fidelio-focus still sets the ring’s colour', async () => {
    await signInDemo();
    const page = await fixture<HTMLElement>(html`<div>
      <button id="start">Start</button>
      <fidelio-points-badge></fidelio-points-badge>
      <fidelio-coupon-field .cart=${cart}></fidelio-coupon-field>
      <fidelio-points-redeem></fidelio-points-redeem>
      <fidelio-referral-share></fidelio-referral-share>
      <fidelio-launcher></fidelio-launcher>
    </div>`);
    const inside = (tag: string, selector: string) => page.querySelector(tag)!.shadowRoot!.querySelector(selector);
    await until(() => expect(inside('fidelio-points-badge', '[part~="points"]'), 'the badge’s points').to.exist, 15_000);
    await until(() => expect(inside('fidelio-points-redeem', '[part~="use"]'), 'a Use button').to.exist, 15_000);
    await until(() => expect(inside('fidelio-referral-share', '[part~="copy"]'), 'the referral link’s Copy button').to.exist, 15_000);
    const { seen, failures } = await tabThrough(page.querySelector('#start')!, 5);
    expect([...seen].sort()).to.deep.equal(['fidelio-coupon-field', 'fidelio-launcher', 'fidelio-points-badge', 'fidelio-points-redeem', 'fidelio-referral-share']);
    expect(failures).to.deep.equal([]);

    // the documented property still sets the ring's colour outright
    page.style.setProperty('--fidelio-focus', 'rgb(1, 2, 3)');
    expect(getComputedStyle(deepActiveElement()!).outlineColor).to.equal('rgb(1, 2, 3)');
  });

  it('rings every control of a member panel at 3:1 or more against its sections, themed dark too', async () => {
    await signInDemo();
    // (a control after the panel: a Tab past the page's last one takes focus into the browser's own
    // controls, where the next test file's page did not get it back)
    const page = await fixture<HTMLElement>(html`<div><button id="start">Start</button><fidelio-member-panel></fidelio-member-panel><button>End</button></div>`);
    const panel = await mountPanel(true, page.querySelector('fidelio-member-panel')!);
    const { controls, failures } = await tabWithin(panel, page.querySelector('#start')!);
    // buttons, the birthday's selects and the preferences' checkboxes
    expect(controls.map(kind)).to.include.members(['button', 'select', 'checkbox']);
    expect(failures).to.deep.equal([]);
  });

  it('rings every control of the signup popup at 3:1 or more against its dialog, themed dark too', async () => {
    const page = await fixture<HTMLElement>(html`<div><fidelio-signup-popup terms-url="/terms"></fidelio-signup-popup></div>`);
    const popup = page.querySelector<FidelioSignupPopup>('fidelio-signup-popup')!;
    await popup.updateComplete;
    popup.show();
    const email = () => popup.shadowRoot!.querySelector<HTMLElement>('input[name="email"]');
    await until(() => expect(email(), 'the form').to.exist);
    // (the dialog keeps focus inside it: Tab comes round to the email field again)
    const { controls, failures } = await tabWithin(popup, email()!);
    expect(controls.map(kind)).to.include.members(['button', 'select', 'checkbox', 'a']);
    setTimeout(() => popup.hide());
    await oneEvent(popup, 'fidelio-signup-close');
    expect(failures).to.deep.equal([]);
  });
});
