/**
 * A widget already on the page when its tag is defined (the drop-in's case: the code arrives after
 * the markup) renders in a task after the one that defined it, so the chunk's evaluation, the
 * definition and Lit's first render are not one long task. The badge, which takes over an
 * early-painted balance, renders in the same task. Subclasses under fresh tag names let each test
 * define a tag at a moment it chooses.
 */
import { expect } from '@open-wc/testing';
import { configureForTests, resetSdk, useBackend } from '../helpers/backend.js';
import { nextTask } from '../../src/core/idle.js';
import type { FidelioElement } from '../../src/components/base/fidelio-element.js';
import { FidelioEarnPreview } from '../../src/components/earn-preview/earn-preview.component.js';
import { FidelioCouponField } from '../../src/components/coupon-field/coupon-field.component.js';
import { FidelioPointsBadge } from '../../src/components/points-badge/points-badge.component.js';

const microtasks = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

type WidgetClass = (new () => FidelioElement) & { define(tag: string): void };

let tags = 0;
const freshTag = () => `fidelio-upgrade-probe-${++tags}`;

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

  it('renders in a task of its own after its tag is defined, keeping its reserved room meanwhile', async () => {
    const preview = upgrade(FidelioEarnPreview);
    const coupon = upgrade(FidelioCouponField);
    // however many microtasks run, the defining task does not render them...
    await microtasks(20);
    expect(preview.matches(':defined')).to.equal(true);
    expect(preview.hasUpdated).to.equal(false);
    expect(coupon.hasUpdated).to.equal(false);
    // ...while their styles (the reserved room) apply already
    expect(preview.getBoundingClientRect().height).to.be.greaterThan(40);
    // a later task does
    await nextTask();
    await Promise.all([preview.updateComplete, coupon.updateComplete]);
    expect(preview.hasUpdated).to.equal(true);
    expect(coupon.shadowRoot!.querySelector('input')).to.exist;
  });

  it('the badge renders within the task that defined it (it replaces an early-painted balance)', async () => {
    const badge = upgrade(FidelioPointsBadge);
    await microtasks(20);
    expect(badge.hasUpdated).to.equal(true);
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
