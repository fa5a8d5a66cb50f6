import { css } from 'lit';
import { focusRing, forcedColorsButtons, srOnly } from '../base/shared-styles.js';

export const styles = [
  srOnly,
  forcedColorsButtons,
  focusRing,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      font: var(--fidelio-font, inherit);
      color: var(--fidelio-text, #1f2330);
      contain: layout style;
    }
    [part~='base'] {
      display: grid;
      gap: 0.75rem;
      padding: var(--fidelio-referral-padding, 1.25rem);
      border: 1px solid var(--fidelio-border-soft, #dcdbe6);
      border-radius: var(--fidelio-radius-large, 16px);
      background: var(--fidelio-background, #fff);
      /* Loading, error and ready take about the same room, so the page does not jump. */
      min-block-size: 9rem;
      align-content: start;
    }
    [part~='title'] {
      margin: 0;
      font-size: 1.2em;
    }
    p {
      margin: 0;
    }
    [part~='offer'] {
      font-weight: 600;
    }
    [part~='hint'],
    [part~='cap'],
    [part~='next'] {
      color: var(--fidelio-muted, #555b6e);
      font-size: 0.9em;
    }
    label {
      display: block;
      font-weight: 600;
      margin-block-end: 0.3rem;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    input {
      flex: 1 1 14rem;
      min-inline-size: 0;
      font: inherit;
      padding: 0.5rem 0.65rem;
      border: 1px solid var(--fidelio-border, #9a9fb0);
      border-radius: var(--fidelio-radius-small, 8px);
      background: var(--fidelio-surface, #f3f1ff);
      color: inherit;
    }
    button,
    a[part~='channel'] {
      font: inherit;
      cursor: pointer;
      border-radius: var(--fidelio-radius-small, 8px);
      padding: 0.5rem 0.9rem;
      text-decoration: none;
      display: inline-flex;
      align-items: center;
      gap: 0.3em;
    }
    [part~='copy'],
    [part~='share'],
    [part~='join'],
    [part~='retry'] {
      border: 0;
      font-weight: 700;
      background: var(--fidelio-accent, #3d2fd0);
      color: var(--fidelio-on-accent, #fff);
    }
    [part~='channels'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    a[part~='channel'],
    button[part~='channel'] {
      border: 1px solid var(--fidelio-border, #9a9fb0);
      background: transparent;
      color: inherit;
      font-weight: 600;
    }
    [part~='qr'] {
      display: grid;
      justify-items: start;
      gap: 0.4rem;
      margin: 0;
    }
    [part~='qr-code'] {
      inline-size: var(--fidelio-qr-size, 10rem);
      block-size: var(--fidelio-qr-size, 10rem);
      background: #fff;
    }
    [part~='status'] {
      min-block-size: 1.4em;
      color: var(--fidelio-success, #1e6b3a);
      font-weight: 600;
    }
    [part~='error'] {
      color: var(--fidelio-danger, #b3261e);
    }
    [part~='stats'] {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(6.5rem, 1fr));
      gap: 0.5rem;
      margin: 0;
    }
    [part~='stats'] div {
      padding: 0.4rem 0.6rem;
      border-radius: var(--fidelio-radius-small, 8px);
      background: var(--fidelio-surface, #f3f1ff);
    }
    dt {
      font-size: 0.85em;
      overflow-wrap: anywhere;
      hyphens: auto;
      color: var(--fidelio-muted, #555b6e);
    }
    dd {
      margin: 0;
      font-size: 1.25em;
      font-weight: 700;
    }
    [part~='skeleton'] {
      block-size: 2.4rem;
      border-radius: var(--fidelio-radius-small, 8px);
      background: var(--fidelio-skeleton, #ecebf3);
    }
  `,
];
