import { css, unsafeCSS } from 'lit';
import { BADGE_PILL } from '../../core/footprint.js';
import { focusRing, footprint, forcedColorsButtons, srOnly } from '../base/shared-styles.js';

export const styles = [
  srOnly,
  forcedColorsButtons,
  focusRing,
  // the box is the same size in every state, so the host page never shifts when data arrives
  footprint('fidelio-points-badge'),
  css`
  :host {
    position: relative;
    contain: layout style;
    color: var(--fidelio-text, #1f2330);
  }
  [part~='base'] {
    display: flex;
    align-items: center;
    block-size: 100%;
  }
  button {
    all: unset;
    color: inherit;
    cursor: pointer;
  }
  [part~='join'] {
    background: var(--fidelio-accent, #3d2fd0);
    color: var(--fidelio-on-accent, #fff);
  }
  [part~='icon'] {
    color: var(--fidelio-accent, #3d2fd0);
  }
  [part~='skeleton'] {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    border-radius: var(--fidelio-radius, 999px);
    background: var(--fidelio-skeleton, #ecebf3);
  }
  [part~='message'] {
    font-size: 0.8em;
    line-height: 1.2;
    color: var(--fidelio-muted, #4b4f5c);
    /* the reserved box sets the width, not the sentence: two lines at most (whole in its title,
       and to screen readers), so a failure never pushes the header's next item aside */
    max-inline-size: calc(var(--fidelio-badge-min-width, 9.5em) / 0.8);
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
  }
  [part~='stale'] {
    color: var(--fidelio-warning, #8a5300);
  }
  [part~='details'] {
    display: none;
    position: absolute;
    inset-block-start: calc(100% + 6px);
    inset-inline-end: 0;
    z-index: var(--fidelio-z, 2147483000);
    /* within a phone's window (the badge moves it inside) */
    box-sizing: border-box;
    min-inline-size: min(19.6em, calc(100vw - 16px));
    max-inline-size: calc(100vw - 16px);
    padding: 0.6em 0.8em;
    border-radius: var(--fidelio-radius-small, 8px);
    background: var(--fidelio-tooltip-bg, #1f2330);
    color: var(--fidelio-tooltip-text, #fff);
    font-size: 0.85em;
    font-weight: 400;
    line-height: 1.4;
    white-space: normal;
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }
  [part~='details'] p {
    margin: 0;
  }
  :host(:hover) [part~='details'],
  :host(:focus-within) [part~='details'] {
    display: block;
  }
  :host([details-dismissed]) [part~='details'] {
    display: none;
  }
  @media (prefers-reduced-motion: no-preference) {
    [part~='skeleton'] {
      animation: fidelio-pulse 1.4s ease-in-out infinite;
    }
  }
  @keyframes fidelio-pulse {
    50% {
      opacity: 0.55;
    }
  }
`,
  // after the `all: unset` above; the drop-in's early paint of a cached balance uses the same pill
  unsafeCSS(`button{${BADGE_PILL}}`),
];
