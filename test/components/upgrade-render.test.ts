/**
 * A widget already on the page when its tag is defined (the drop-in's case: the code arrives after
 * the markup) renders in a task after the one that defined it, so the chunk's evaluation, the
 * definition and Lit's first render are not one long task. The badge, which takes over an
 * early-painted balance, shows it through a slot until then. Subclasses under fresh tag names let
 * each test define a tag at a moment it chooses.
 */
import { expect } from '@open-wc/testing';
import { configureForTests, resetSdk, useBackend } from '../helpers/backend.js';
import { nextTask } from '../../src/core/idle.js';
import { html } from 'lit';
import { FidelioElement } from '../../src/components/base/fidelio-element.js';
import { FidelioEarnPreview } from '../../src/components/earn-preview/earn-preview.component.js';
import { FidelioCouponField } from '../../src/components/coupon-field/coupon-field.component.js';
import { FidelioPointsBadge } from '../../src/components/points-badge/points-badge.component.js';
import { FidelioLauncher } from '../../src/components/launcher/launcher.component.js';
import { prepaintBadges } from '../../src/core/badge-snapshot.js';
import { reserveFootprints } from '../../src/core/footprint.js';

const microtasks = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

type WidgetClass = (new () => FidelioElement) & { define(tag: string): void };

let tags = 0;
const freshTag = () => `fidelio-upgrade-probe-${++tags}`;

/**
 * Holds the page's frames back (a headless browser produces one as soon as it is asked): the
 * callbacks wait in `held` until the test runs them; `restore` puts requestAnimationFrame back.
 */
function holdFrames(): { held: FrameRequestCallback[]; restore(): void } {
  const held: FrameRequestCallback[] = [];
  const requestFrame = window.requestAnimationFrame;
  window.requestAnimationFrame = (callback) => (held.push(callback), held.length);
  return { held, restore: () => void (window.requestAnimationFrame = requestFrame) };
}

/** Puts an element of a new tag on the page, then defines that tag with a subclass of `base`. */
function upgrade(base: WidgetClass): FidelioElement {
  const tag = freshTag();
  const el = document.createElement(tag);
  document.body.append(el);
  (class extends base {}).define(tag);
  return el as FidelioElement;
}

describe('first render of an upgraded widget', () => {
  before(async () => {
    await useBackend();
    await resetSdk();
    configureForTests();
  });
  afterEach(() => document.body.replaceChildren());

  it('renders in a task of its own after its tag is defined and after the next frame, keeping its reserved room meanwhile', async () => {
    const { held, restore } = holdFrames();
    let preview: FidelioElement;
    let coupon: FidelioElement;
    try {
      preview = upgrade(FidelioEarnPreview);
      coupon = upgrade(FidelioCouponField);
      // however many microtasks run, the defining task does not render them...
      await microtasks(20);
      expect(preview.matches(':defined')).to.equal(true);
      expect(preview.hasUpdated).to.equal(false);
      expect(coupon.hasUpdated).to.equal(false);
      // ...while their styles (the reserved room) apply already
      expect(preview.getBoundingClientRect().height).to.be.greaterThan(40);
      // nor do the next tasks, before a frame
      await nextTask();
      await nextTask();
      expect(preview.hasUpdated, 'not before the next frame').to.equal(false);
    } finally {
      restore();
    }
    for (const callback of held) callback(performance.now());
    // a task after the frame does
    await nextTask();
    await Promise.all([preview.updateComplete, coupon.updateComplete]);
    expect(preview.hasUpdated).to.equal(true);
    expect(coupon.shadowRoot!.querySelector('input')).to.exist;
  });

  it('renders after a short wait where no frame comes (a hidden page)', async () => {
    const requestFrame = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0;
    try {
      const preview = upgrade(FidelioEarnPreview);
      await nextTask();
      expect(preview.hasUpdated).to.equal(false);
      await new Promise((resolve) => setTimeout(resolve, 150));
      await preview.updateComplete;
      expect(preview.hasUpdated).to.equal(true);
    } finally {
      window.requestAnimationFrame = requestFrame;
    }
  });

  it('the badge keeps an early-painted balance on show, through a slot, until it renders in the next task', async () => {
    expect(customElements.get('fidelio-points-badge')).to.equal(undefined);
    reserveFootprints();
    localStorage.setItem('fidelio.badge', JSON.stringify({ program: 'demo-store', subject: 'probe-member', locale: 'en', available: 42, pending: 0, text: '42 points' }));
    try {
      const badge = document.createElement('fidelio-points-badge') as FidelioElement;
      document.body.append(badge);
      expect(prepaintBadges(document, { program: 'demo-store', subject: 'probe-member', locale: 'en' })).to.equal(1);
      const pill = badge.querySelector('[data-fidelio-prepaint]')!;
      FidelioPointsBadge.define('fidelio-points-badge');
      await microtasks(20);
      expect(badge.matches(':defined')).to.equal(true);
      expect(badge.hasUpdated).to.equal(false);
      // still laid out (a shadow host's children show only through a slot) and still styled as the pill
      expect(pill.isConnected).to.equal(true);
      expect(pill.getBoundingClientRect().width).to.be.greaterThan(40);
      expect(getComputedStyle(pill).display).to.equal('flex');
      expect(badge.shadowRoot!.querySelector('slot')).to.exist;
      await nextTask();
      await badge.updateComplete;
      expect(badge.hasUpdated).to.equal(true);
      expect(pill.isConnected, 'the first render replaces the early paint').to.equal(false);
      expect(badge.shadowRoot!.querySelector('slot')).to.equal(null);
      // (no shopper is signed in here: the badge's own content is its signed-out call to join)
      expect(badge.shadowRoot!.textContent).to.contain('Join');
    } finally {
      localStorage.removeItem('fidelio.badge');
    }
  });

  it('the launcher, defined but not yet rendered, lets page focus move without an error (a popup opening, a field focused)', async () => {
    const { held, restore } = holdFrames();
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(String(event.message));
    window.addEventListener('error', onError);
    try {
      const field = document.createElement('input');
      document.body.append(field);
      const launcher = upgrade(FidelioLauncher as unknown as WidgetClass);
      await microtasks(20);
      expect(launcher.hasUpdated).to.equal(false);
      field.focus();
      await nextTask();
      expect(errors).to.deep.equal([]);
    } finally {
      restore();
      window.removeEventListener('error', onError);
      for (const callback of held) callback(performance.now());
    }
  });

  it('a widget created after its tag is defined renders within the task, as usual', async () => {
    const tag = freshTag();
    (class extends FidelioEarnPreview {}).define(tag);
    const preview = document.createElement(tag) as FidelioElement;
    document.body.append(preview);
    await microtasks(20);
    expect(preview.hasUpdated).to.equal(true);
  });
});

class Tiny extends FidelioElement {
  protected override render() {
    return html`<span>·</span>`;
  }
}

describe('first renders of several widgets upgraded together', () => {
  before(async () => {
    await useBackend();
    await resetSdk();
    configureForTests();
  });
  afterEach(() => document.body.replaceChildren());

  it('take turns: renders that fill a frame leave the next ones for the next frame, not all between the same two frames', async () => {
    // frames are counted, and each first render is made slow (20 ms, more than a frame's share)
    let frames = 0;
    let counting = true;
    const count = () => {
      frames++;
      if (counting) requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    const renderedIn: number[] = [];
    const slow = (base: WidgetClass): WidgetClass =>
      class extends base {
        protected override firstUpdated(changed: Map<PropertyKey, unknown>): void {
          super.firstUpdated(changed);
          renderedIn.push(frames);
          const until = performance.now() + 20;
          while (performance.now() < until) {
            // a render that takes a long time, as at 4x CPU
          }
        }
      } as unknown as WidgetClass;
    try {
      const widgets = [upgrade(slow(FidelioEarnPreview)), upgrade(slow(FidelioCouponField)), upgrade(slow(FidelioEarnPreview))];
      await Promise.all(widgets.map((w) => w.updateComplete));
      expect(renderedIn).to.have.length(3);
      // each after a frame of its own
      expect(new Set(renderedIn).size, `frames at each render: ${renderedIn.join(', ')}`).to.equal(3);
    } finally {
      counting = false;
    }
  });

  it('quick renders share a frame: the next one comes in the next task, not a frame later', async () => {
    const { held, restore } = holdFrames();
    let widgets: FidelioElement[];
    try {
      // (the smallest widget: a render well within the frame's share on a busy machine too)
      widgets = [upgrade(Tiny), upgrade(Tiny), upgrade(Tiny)];
      await microtasks(20);
      expect(widgets.some((w) => w.hasUpdated)).to.equal(false);
      // one frame only
      for (const callback of held.splice(0)) callback(performance.now());
      for (let i = 0; i < 4; i++) await nextTask();
      expect(widgets.map((w) => w.hasUpdated)).to.deep.equal([true, true, true]);
      expect(held, 'no frame waited for').to.have.length(0);
    } finally {
      restore();
    }
  });
});
