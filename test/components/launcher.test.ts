import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { cleanStores } from 'nanostores';
import '../../src/components/launcher/launcher.js';
import '../../src/components/points-badge/points-badge.js';
import type { FidelioLauncher } from '../../src/components/launcher/launcher.component.js';
import type { FidelioMemberPanel } from '../../src/components/member-panel/member-panel.component.js';
import { $panel } from '../../src/stores/panel.js';
import { $locale } from '../../src/i18n/index.js';
import { freshSdkEachTest, signInDemo, until } from '../helpers/backend.js';
import { activeDeep, mountPanel, text } from './member-panel.helpers.js';
import { expectOutlinedInForcedColors } from '../helpers/forced-colors.js';

const dialog = (el: FidelioLauncher) => el.shadowRoot!.querySelector('dialog')!;
const button = (el: FidelioLauncher) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!;
const panelOf = (el: FidelioLauncher) => el.shadowRoot!.querySelector<FidelioMemberPanel>('fidelio-member-panel');

/** Is the focused element inside the launcher's dialog (through the panel's shadow root)? */
function focusInDialog(el: FidelioLauncher): boolean {
  const active = activeDeep();
  return !!active && (dialog(el).contains(active) || (panelOf(el)?.shadowRoot?.contains(active) ?? false));
}

/**
 * Runs `test` while counting the date formatters built, by locale (the panel's code builds them
 * through core/intl); afterwards Intl and the page's locale (the test sets one no other test here
 * renders the panel in, so its formatters are not cached yet) are as before.
 */
async function countingDateFormatters(test: (built: string[]) => Promise<void>): Promise<void> {
  const built: string[] = [];
  const Original = Intl.DateTimeFormat;
  Intl.DateTimeFormat = new Proxy(Original, {
    construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      built.push(String(args[0]));
      return Reflect.construct(target, args) as Intl.DateTimeFormat;
    },
  });
  try {
    await test(built);
  } finally {
    Intl.DateTimeFormat = Original;
    $locale.set('en');
  }
}

describe('<fidelio-launcher>', () => {
  freshSdkEachTest(() => cleanStores($panel));

  it('floats in a corner without taking space in the page, with a configurable position and label', async () => {
    const host = await fixture<HTMLElement>(html`<div><p id="a">above</p><fidelio-launcher position="top-left" label="Rewards club"></fidelio-launcher><p id="b">below</p></div>`);
    const el = host.querySelector('fidelio-launcher')!;
    await el.updateComplete;
    const a = host.querySelector('#a')!.getBoundingClientRect();
    const b = host.querySelector('#b')!.getBoundingClientRect();
    const plain = await fixture<HTMLElement>(html`<div><p>above</p><p>below</p></div>`);
    const [pa, pb] = [...plain.querySelectorAll('p')].map((p) => p.getBoundingClientRect());
    // The paragraphs sit exactly as they would without the launcher.
    expect(b.top - a.top).to.equal(pb!.top - pa!.top);
    expect(getComputedStyle(el).position).to.equal('fixed');
    const box = button(el).getBoundingClientRect();
    expect(box.left).to.be.lessThan(innerWidth / 2);
    expect(box.top).to.be.lessThan(innerHeight / 2);
    expect(text(button(el)).replace('★', '').trim()).to.equal('Rewards club');
    expect(dialog(el).open).to.equal(false);
    expect(panelOf(el), 'the panel is not loaded before it is asked for').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('outlines its button in forced colours, which drop its fill (Windows High Contrast)', async () => {
    const el = await fixture<FidelioLauncher>(html`<fidelio-launcher></fidelio-launcher>`);
    await el.updateComplete;
    const floating = button(el);
    expectOutlinedInForcedColors(el.shadowRoot!, floating);
  });

  it('never hides a page control that takes focus: it scrolls it clear, or steps aside where the page cannot scroll (WCAG 2.4.11)', async () => {
    const el = await fixture<FidelioLauncher>(html`<fidelio-launcher></fidelio-launcher>`);
    await el.updateComplete;
    const mine = button(el).getBoundingClientRect();
    const coveredBy = (target: HTMLElement) => {
      const box = target.getBoundingClientRect();
      return document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2) !== target;
    };
    // a control in the page's flow that focus brings to where the button floats
    const page = document.createElement('div');
    page.style.cssText = `block-size: ${innerHeight * 3}px; position: relative`;
    const inFlow = document.createElement('button');
    inFlow.textContent = 'Use';
    inFlow.style.cssText = `position: absolute; inset-block-start: ${innerHeight * 2}px; inset-inline-start: ${mine.left}px; inline-size: ${mine.width}px`;
    page.append(inFlow);
    document.body.append(page);
    // one that never moves (a fixed bar's button, right there)
    const fixed = document.createElement('button');
    fixed.textContent = 'Pay';
    fixed.style.cssText = `position: fixed; inset-block-start: ${mine.top}px; inset-inline-start: ${mine.left}px; inline-size: ${mine.width}px; block-size: ${mine.height}px`;
    document.body.append(fixed);
    try {
      window.scrollTo(0, innerHeight * 2 - mine.top + 4);
      expect(coveredBy(inFlow), 'the setting: the control sits under the button').to.equal(true);
      inFlow.focus({ preventScroll: true });
      await until(() => expect(coveredBy(inFlow), 'scrolled clear').to.equal(false));
      expect(el.hasAttribute('aside')).to.equal(false);
      fixed.focus();
      await until(() => expect(coveredBy(fixed), 'the button stepped aside').to.equal(false));
      expect(el.hasAttribute('aside')).to.equal(true);
      inFlow.focus();
      await until(() => expect(getComputedStyle(el).visibility, 'back once focus moves on').to.equal('visible'));
    } finally {
      page.remove();
      fixed.remove();
      window.scrollTo(0, 0);
    }
  });

  it('scrolls clear a control that Tab reaches inside another widget (focus moving within one shadow root reaches the document as no focusin)', async () => {
    const el = await fixture<FidelioLauncher>(html`<fidelio-launcher></fidelio-launcher>`);
    await el.updateComplete;
    const mine = button(el).getBoundingClientRect();
    // a widget of the page's own with two buttons in its shadow root, the second right under the launcher
    const page = document.createElement('div');
    page.style.cssText = `block-size: ${innerHeight * 3}px; position: relative`;
    const widget = document.createElement('div');
    widget.style.cssText = `position: absolute; inset-block-start: ${innerHeight * 2}px; inset-inline-start: ${mine.left}px`;
    const shadow = widget.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<button>First</button><br><button style="inline-size:${mine.width}px">Use</button>`;
    page.append(widget);
    document.body.append(page);
    const [first, use] = [...shadow.querySelectorAll('button')] as [HTMLButtonElement, HTMLButtonElement];
    const covered = () => {
      const box = use.getBoundingClientRect();
      const at = document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
      return at !== widget;
    };
    try {
      first.focus();
      window.scrollTo(0, use.getBoundingClientRect().top + scrollY - mine.top + 4);
      expect(covered(), 'the setting: Use sits under the button').to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(shadow.activeElement === use, 'Tab moved focus to Use').to.equal(true);
      await until(() => expect(covered(), 'scrolled clear').to.equal(false));
    } finally {
      page.remove();
      window.scrollTo(0, 0);
    }
  });

  it('closes when a single-page app removes it while open, and gives focus to its button when the opener was re-rendered', async () => {
    const host = await fixture<HTMLElement>(html`<div><button id="opener">Rewards</button><fidelio-launcher></fidelio-launcher></div>`);
    const el = host.querySelector('fidelio-launcher')!;
    const opener = host.querySelector<HTMLButtonElement>('#opener')!;
    opener.focus();
    await el.show(opener);
    expect(dialog(el).open).to.equal(true);
    el.remove();
    expect(dialog(el).open).to.equal(false);
    expect(document.activeElement === opener, 'focus back on the opener').to.equal(true);
    // put back, opened from a control the page then re-renders: focus goes to the launcher's button
    host.append(el);
    await el.show(opener);
    opener.remove();
    el.hide();
    await until(() => expect(el.shadowRoot!.activeElement === button(el), 'focus on the launcher button').to.equal(true));
  });

  it('opens one panel when the tag is on the page twice', async () => {
    const host = await fixture<HTMLElement>(html`<div><fidelio-launcher></fidelio-launcher><fidelio-launcher></fidelio-launcher></div>`);
    const [first, second] = [...host.querySelectorAll('fidelio-launcher')] as [FidelioLauncher, FidelioLauncher];
    await Promise.all([first.updateComplete, second.updateComplete]);
    document.dispatchEvent(new CustomEvent('fidelio-badge-click', { detail: { available: 0 } }));
    await until(() => expect(dialog(first).open).to.equal(true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(dialog(second).open).to.equal(false);
    first.hide();
  });

  it('gets the panel ready when the pointer comes over its button or focus reaches it, before any press', () =>
    countingDateFormatters(async (built) => {
      const el = await fixture<FidelioLauncher>(html`<fidelio-launcher></fidelio-launcher>`);
      await el.updateComplete;
      // locales no other test here renders the panel in, so their formatters are not cached yet
      $locale.set('ro');
      await new Promise((r) => setTimeout(r, 150));
      expect(built.filter((l) => l === 'ro'), 'nothing is built before the shopper shows intent').to.deep.equal([]);
      button(el).dispatchEvent(new PointerEvent('pointerenter'));
      await until(() => built.includes('ro'));
      expect(dialog(el).open, 'hovering does not open it').to.equal(false);
      $locale.set('zh-CN');
      button(el).blur();
      const fresh = await fixture<FidelioLauncher>(html`<fidelio-launcher></fidelio-launcher>`);
      await fresh.updateComplete;
      button(fresh).focus();
      await until(() => built.includes('zh-CN'));
      expect(dialog(fresh).open).to.equal(false);
    }));

  it('gets the panel ready when a signed-in member points at the badge, which opens it too; not for a visitor', () =>
    countingDateFormatters(async (built) => {
      const host = await fixture<HTMLElement>(html`<div><fidelio-launcher></fidelio-launcher><fidelio-points-badge></fidelio-points-badge></div>`);
      const el = host.querySelector('fidelio-launcher')!;
      await el.updateComplete;
      const badge = host.querySelector('fidelio-points-badge')!;
      // a locale no other test here renders the panel in
      $locale.set('es');
      badge.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
      await new Promise((r) => setTimeout(r, 200));
      expect(built.filter((l) => l === 'es'), 'a visitor\'s badge opens no panel: nothing is built').to.deep.equal([]);
      await signInDemo();
      document.body.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
      await new Promise((r) => setTimeout(r, 200));
      expect(built.filter((l) => l === 'es'), 'pointing elsewhere builds nothing').to.deep.equal([]);
      badge.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
      await until(() => built.includes('es'));
      expect(dialog(el).open).to.equal(false);
    }));

  it('renders a signed-in member\'s panel into the closed dialog on intent, so the press only has to show it', async () => {
    await signInDemo();
    const el = await fixture<FidelioLauncher>(html`<fidelio-launcher></fidelio-launcher>`);
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 100));
    expect(panelOf(el), 'nothing is rendered before the shopper shows intent').to.equal(null);
    button(el).dispatchEvent(new PointerEvent('pointerenter'));
    await until(() => expect(panelOf(el)?.shadowRoot?.querySelector('[part~="available"]')?.textContent ?? '').to.match(/\d/));
    expect(dialog(el).open, 'still closed').to.equal(false);
    // its sections' data was asked for then too
    await until(() => expect($panel.get().history.status).to.equal('ready'));
    const rendered = panelOf(el);
    button(el).click();
    await until(() => expect(dialog(el).open).to.equal(true));
    expect(panelOf(el), 'the same panel is shown, not a new one').to.equal(rendered);
  });

  it('lays out only the sections in sight when the panel opens; the others as they scroll near', async () => {
    await signInDemo();
    const el = await fixture<FidelioLauncher>(html`<fidelio-launcher></fidelio-launcher>`);
    await el.show();
    const panel = await mountPanel(true, panelOf(el)!);
    const sections = [...panel.shadowRoot!.querySelectorAll<HTMLElement>('section')];
    expect(sections.length).to.be.greaterThan(4);
    for (const one of sections) expect(getComputedStyle(one).contentVisibility, one.className).to.equal('auto');
    // The last section, far below the dialog's fold, is skipped (its heading not rendered) until it
    // is scrolled into view (where the browser can tell: checkVisibility's option is recent).
    const heading = sections.at(-1)!.querySelector('h3')!;
    const seen = () => (heading as HTMLElement & { checkVisibility(o: object): boolean }).checkVisibility({ contentVisibilityAuto: true });
    if (!('checkVisibility' in heading)) return;
    await until(() => expect(seen(), 'skipped while far below').to.equal(false));
    heading.scrollIntoView();
    await until(() => expect(seen(), 'rendered once in view').to.equal(true));
  });

  it('opens the panel as a modal dialog: focus moves in, Tab wraps both ways, Escape closes and focus returns', async () => {
    await signInDemo();
    const el = await fixture<FidelioLauncher>(html`<fidelio-launcher></fidelio-launcher>`);
    expect(text(button(el)).replace('★', '').trim()).to.equal('My rewards');
    button(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => expect(dialog(el).open).to.equal(true));
    expect(el.open).to.equal(true);
    expect(focusInDialog(el), 'focus moved into the dialog').to.equal(true);
    expect(activeDeep()).to.equal(el.shadowRoot!.querySelector('[part~="close"]'));
    await mountPanel(true, panelOf(el)!);
    await expect(el).to.be.accessible();
    // Tab all the way round: focus never leaves the dialog and comes back to the close button.
    let wrapped = false;
    for (let i = 0; i < 80 && !wrapped; i++) {
      await sendKeys({ press: 'Tab' });
      expect(focusInDialog(el), `focus left the dialog at Tab ${i + 1}`).to.equal(true);
      wrapped = i > 3 && activeDeep() === el.shadowRoot!.querySelector('[part~="close"]');
    }
    expect(wrapped, 'Tab wrapped from the last control to the first').to.equal(true);
    // Shift+Tab from the first control goes to the last (webdriver cannot hold Shift everywhere, so
    // the key is dispatched where the browser would deliver it).
    const close = el.shadowRoot!.querySelector<HTMLElement>('[part~="close"]')!;
    close.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, composed: true, cancelable: true }));
    expect(text(activeDeep())).to.equal('Delete my account…');
    // From a message the panel focused (tabindex -1), Tab goes on to the next control after it, not
    // back to the top of the dialog; Shift+Tab to the one before it.
    const panelRoot = panelOf(el)!.shadowRoot!;
    // (one with words: an empty notice stays rendered, 0 px high, as a live region waiting for them)
    const message = [...panelRoot.querySelectorAll<HTMLElement>('[tabindex="-1"]')].find((el) => el.getClientRects().length > 0 && el.textContent!.trim())!;
    const controls = [...panelRoot.querySelectorAll<HTMLElement>('button, a[href], input, select')].filter((c) => c.getClientRects().length > 0);
    expect(message, 'a message or table the panel focuses').to.exist;
    message.focus();
    await sendKeys({ press: 'Tab' });
    const after = controls.find((c) => message.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING)!;
    expect(activeDeep() === after, `Tab from a focused message reaches ${text(after)}`).to.equal(true);
    message.focus();
    message.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, composed: true, cancelable: true }));
    const before = controls.filter((c) => message.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_PRECEDING).pop()!;
    expect(activeDeep() === before, `Shift+Tab from it reaches ${text(before)}`).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await until(() => expect(dialog(el).open).to.equal(false));
    expect(el.open).to.equal(false);
    expect(activeDeep(), 'focus back on the launcher').to.equal(button(el));
  });

  it('has a member’s badge say its press opens a dialog as soon as a launcher comes (one in a shadow root too), and no more once it goes', async () => {
    await signInDemo();
    const badge = await fixture<HTMLElement>(html`<fidelio-points-badge></fidelio-points-badge>`);
    const pill = () => badge.shadowRoot!.querySelector('[part~="button"]');
    await until(() => expect(pill()?.textContent).to.contain('397 points'));
    expect(pill()!.hasAttribute('aria-haspopup')).to.equal(false);
    // a single-page app mounts the launcher after the badge rendered; the balance does not change
    const launcher = document.createElement('fidelio-launcher');
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).append(document.createElement('fidelio-launcher'));
    try {
      for (const added of [launcher, host]) {
        document.body.append(added);
        await until(() => expect(pill()!.getAttribute('aria-haspopup')).to.equal('dialog'), 1000);
        added.remove();
        await until(() => expect(pill()!.hasAttribute('aria-haspopup')).to.equal(false), 1000);
      }
    } finally {
      launcher.remove();
      host.remove();
    }
  });

  it('opens when a member presses the points badge, and closes for the signup popup when a signed-out shopper asks to join', async () => {
    const el = await fixture<FidelioLauncher>(html`<fidelio-launcher></fidelio-launcher>`);
    document.dispatchEvent(new CustomEvent('fidelio-badge-click', { detail: { available: 0 } }));
    await until(() => expect(dialog(el).open).to.equal(true));
    const panel = panelOf(el)!;
    await until(() => expect(panel.shadowRoot!.querySelector('[part~="signed-out"] button')).to.exist);
    const joined = oneEvent(document, 'fidelio-join');
    panel.shadowRoot!.querySelector<HTMLButtonElement>('[part~="signed-out"] button')!.click();
    expect((await joined).detail).to.deep.equal({ source: 'panel' });
    expect(dialog(el).open).to.equal(false);
  });
});
