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

/** A button that reads as an underlined link in the accent colour (join offers). */
export const linkButton = css`
  .link {
    all: unset;
    cursor: pointer;
    color: var(--fidelio-accent, #3d2fd0);
    font-weight: 700;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .link:focus-visible {
    outline: 2px solid var(--fidelio-focus, #3d2fd0);
    outline-offset: 2px;
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
