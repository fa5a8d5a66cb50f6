import { css, unsafeCSS, type CSSResult } from 'lit';
import { FOOTPRINT, type FootprintTag } from '../../core/footprint.js';

/** Text for screen readers only (live regions, hidden labels). */
export const srOnly = css`
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * A block widget that takes the host page's font and the theme's text colour, or else the page's:
 * it paints no surface of its own, so on a dark store a fixed dark text would be unreadable. (The
 * badge, panel, popup and referral card paint a light surface and keep a dark text of their own.)
 */
export const hostBlock = css`
  :host {
    display: block;
    font: var(--fidelio-font, inherit);
    color: var(--fidelio-text, inherit);
  }
`;

/**
 * The in-page widgets' green (points earned, a code accepted) and red (a refusal). They write on the
 * page's own background (hostBlock), where a fixed #1e6b3a or #b3261e read at 2.9:1 on a dark store
 * (#111). Mixed with the text colour instead, they darken on a light page and lighten on a dark
 * one: ≥ 4.5:1 on #000–#1e1e1e with text #bbb or lighter and on #f0f0f0–#fff with text #595959 or
 * darker (a mid-grey page is not covered). A browser without color-mix() drops the value and shows
 * the text colour itself.
 */
export const successColor = unsafeCSS('var(--fidelio-success,color-mix(in oklab,#1e6b3a 55%,currentColor))');
export const dangerColor = unsafeCSS('var(--fidelio-danger,color-mix(in oklab,#b3261e 55%,currentColor))');

/**
 * The keyboard focus ring's rule for `selectors` (the widgets' controls). The widgets sit on the
 * store's own background (or a card a store may theme), whose colour they cannot know: the accent
 * ring alone read 2.0–2.3:1 on a dark store (#1e1e1e, #111). Two tones 8.3:1 apart leave one at 3:1
 * or more from almost anything behind (WCAG technique C40; only greys near #999 fall between): the
 * accent outline (7.3:1 on #f0f0f0) and a white band on either side of it (16.7:1 on #1e1e1e).
 * `--fidelio-focus` still sets the outline's colour; forced colours drop the band and keep the
 * outline, in the system's colour.
 */
const ring = (selectors: string) => `${selectors}{outline:2px solid var(--fidelio-focus,#3d2fd0);outline-offset:2px;box-shadow:0 0 0 6px #fff}`;

/** The focus ring on more controls than `focusRing`'s (the member panel's messages that take focus). */
export const ringOn = (selectors: string): CSSResult => unsafeCSS(ring(selectors));

/**
 * The focus ring on every widget's controls. WebKit paints no box-shadow on a native slider, select
 * or checkbox (its outline alone read 2.3:1 on a dark store): such a control sits in a `.ring`, a
 * wrapper of its size that draws the band under the control's outline, in every engine.
 */
export const focusRing = unsafeCSS(
  `${ring('button:focus-visible,input:focus-visible,select:focus-visible,a:focus-visible')}.ring{display:flex}.ring:has(>:focus-visible){box-shadow:0 0 0 6px #fff}`,
);

/**
 * A button that reads as an underlined link in the accent colour (join offers), on the page's own
 * background: the accent as it is read 2.3:1 on #111. Mixed with the text colour like the green and
 * red above, it stays the accent's hue and reads at 4.5:1 or more on light and dark stores alike;
 * `--fidelio-link` sets the colour outright.
 */
export const linkButton = css`
  .link {
    all: unset;
    cursor: pointer;
    color: var(--fidelio-link, color-mix(in oklab, var(--fidelio-accent, #3d2fd0) 45%, currentColor));
    font-weight: 700;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
`;

/**
 * Forced colours (Windows High Contrast) drop a button's fill: one without a border would read as
 * plain text. (`:not(.link)` outranks a part's `border: 0`; link buttons stay links.)
 */
export const forcedColorsButtons = css`
  @media (forced-colors: active) {
    button:not(.link) {
      border: 1px solid ButtonText;
    }
  }
`;

/** The widget's fixed box (core/footprint), the same one the drop-in reserves before the code arrives. */
export const footprint = (tag: FootprintTag): CSSResult => unsafeCSS(`:host{${FOOTPRINT[tag]}}`);
