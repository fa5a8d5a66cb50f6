import { expect } from '@open-wc/testing';
import { armSignupTriggers, signupTriggersOf, TYPING_RECHECK_MS, type SignupTrigger } from '../../src/core/signup-triggers.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `check` on a device with a mouse (`(pointer: fine)`) or without one. */
async function withPointer(fine: boolean, check: () => void | Promise<void>): Promise<void> {
  const originalMatch = window.matchMedia;
  window.matchMedia = ((query: string) => ({ matches: fine && query.includes('pointer: fine'), media: query })) as typeof window.matchMedia;
  try {
    await check();
  } finally {
    window.matchMedia = originalMatch;
  }
}

describe('signup popup triggers (shared by the drop-in and the popup)', () => {
  let stop: (() => void) | undefined;
  const fired: SignupTrigger[] = [];
  const arm = (triggers: Parameters<typeof armSignupTriggers>[0]) => (stop = armSignupTriggers(triggers, (trigger) => fired.push(trigger)));
  afterEach(() => {
    stop?.();
    fired.length = 0;
  });

  it('reads a tag that has no code yet as its element will: attributes, or properties a framework set first', () => {
    const tag = document.createElement('fidelio-signup-popup-unregistered');
    tag.setAttribute('delay', '20');
    tag.setAttribute('scroll-depth', '60');
    tag.setAttribute('exit-intent', '');
    expect(signupTriggersOf(tag)).to.deep.equal({ delay: 20, scrollDepth: 60, exitIntent: true, addToCart: false });
    Object.assign(tag, { delay: 5, addToCart: true, exitIntent: false });
    expect(signupTriggersOf(tag)).to.deep.equal({ delay: 5, scrollDepth: 60, exitIntent: false, addToCart: true });
    expect(signupTriggersOf(document.createElement('fidelio-signup-popup-unregistered'))).to.deep.equal({ delay: undefined, scrollDepth: undefined, exitIntent: false, addToCart: false });
  });

  it('fires for the delay, an add to the cart and a pointer leaving towards the tabs with a mouse', () =>
    withPointer(true, async () => {
      arm({ delay: 0.05, exitIntent: true, addToCart: true });
      document.dispatchEvent(new MouseEvent('mouseout', { clientY: 30, relatedTarget: null })); // still inside the page
      document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1, relatedTarget: document.body })); // onto another element
      expect(fired).to.deep.equal([]);
      document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1, relatedTarget: null }));
      document.dispatchEvent(new CustomEvent('fidelio-add-to-cart'));
      await wait(120);
      expect(fired).to.deep.equal(['exit-intent', 'add-to-cart', 'delay']);
    }));

  it('leaves exit intent to mice: a touch screen does not fire it', () =>
    withPointer(false, () => {
      arm({ exitIntent: true });
      document.dispatchEvent(new MouseEvent('mouseout', { clientY: -1, relatedTarget: null }));
      expect(fired).to.deep.equal([]);
    }));

  it('fires for the scroll depth once the page is scrolled that far', async () => {
    const tall = document.createElement('div');
    tall.style.height = '5000px';
    document.body.append(tall);
    try {
      arm({ scrollDepth: 50 });
      window.dispatchEvent(new Event('scroll'));
      expect(fired).to.deep.equal([]);
      window.scrollTo(0, 4000);
      window.dispatchEvent(new Event('scroll'));
      expect(fired).to.include('scroll');
    } finally {
      window.scrollTo(0, 0);
      tall.remove();
    }
  });

  it('ignores unusable numbers and, once stopped, fires nothing', async () => {
    // used, NaN would be a timer of 0 ms and -5 % a depth every scroll reaches
    arm({ delay: Number.NaN, scrollDepth: -5 });
    window.dispatchEvent(new Event('scroll'));
    await wait(30);
    expect(fired).to.deep.equal([]);
    stop!();
    arm({ delay: 0.03, addToCart: true });
    stop!();
    document.dispatchEvent(new CustomEvent('fidelio-add-to-cart'));
    window.dispatchEvent(new Event('scroll'));
    await wait(80);
    expect(fired).to.deep.equal([]);
  });

  it('holds the delay while the shopper types in a field, and fires once they have left it', async () => {
    const input = document.createElement('input');
    document.body.append(input);
    try {
      input.focus();
      arm({ delay: 0.03 });
      await wait(TYPING_RECHECK_MS + 200);
      expect(fired, 'while typing').to.deep.equal([]);
      input.blur();
      await wait(TYPING_RECHECK_MS + 200);
      expect(fired).to.deep.equal(['delay']);
    } finally {
      input.remove();
    }
  });
});
