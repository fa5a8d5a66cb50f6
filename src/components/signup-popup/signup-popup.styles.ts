import { css } from 'lit';
import { focusRing, forcedColorsButtons, srOnly } from '../base/shared-styles.js';
import { codeStyle } from '../base/code-text.js';

export const styles = [
  srOnly,
  forcedColorsButtons,
  codeStyle,
  css`
  :host {
    font: var(--fidelio-font, inherit);
    color: var(--fidelio-text, #1f2330);
  }
  :host(:not([inline])) {
    display: contents;
  }
  :host([inline]) {
    display: block;
  }
  dialog {
    box-sizing: border-box;
    inline-size: min(30rem, calc(100vw - 2rem));
    max-block-size: calc(100vh - 2rem);
    padding: 0;
    border: 0;
    border-radius: var(--fidelio-radius-large, 14px);
    background: var(--fidelio-background, #fff);
    color: inherit;
    box-shadow: 0 20px 60px rgb(0 0 0 / 0.3);
  }
  dialog::backdrop {
    background: var(--fidelio-backdrop, rgb(20 22 30 / 0.55));
  }
  @media (prefers-reduced-motion: no-preference) {
    dialog[open] {
      animation: fidelio-rise 180ms ease-out;
    }
  }
  @keyframes fidelio-rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  [part~='base'] {
    position: relative;
    padding: 1.5rem;
    display: grid;
    gap: 0.9rem;
  }
  h2 {
    margin: 0;
    font-size: 1.35rem;
    line-height: 1.25;
    padding-inline-end: 2.5rem;
  }
  p {
    margin: 0;
    line-height: 1.45;
  }
  [part~='incentive'] {
    font-weight: 600;
    color: var(--fidelio-accent, #3d2fd0);
  }
  [part~='greeting'] {
    padding: 0.6rem 0.8rem;
    border-radius: var(--fidelio-radius-small, 8px);
    background: var(--fidelio-surface, #f3f1ff);
  }
  form {
    display: grid;
    gap: 0.8rem;
  }
  label,
  legend {
    font-weight: 600;
    font-size: 0.92rem;
  }
  .field {
    display: grid;
    gap: 0.3rem;
  }
  .hint {
    font-weight: 400;
    font-size: 0.85rem;
    color: var(--fidelio-muted, #4b4f5c);
  }
  input,
  select {
    box-sizing: border-box;
    font: inherit;
    padding: 0.55rem 0.65rem;
    border: 1px solid var(--fidelio-border, #9a9fb0);
    border-radius: var(--fidelio-radius-small, 8px);
    background: var(--fidelio-background, #fff);
    color: inherit;
    min-block-size: 2.5rem;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--fidelio-danger, #b3261e);
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.3rem;
    /* (else as wide as its content) */
    min-inline-size: 0;
  }
  /* the year wraps under day and month where all three do not fit (320 px at 400 % zoom) */
  .birthday {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .birthday > *,
  .birthday select {
    flex: 1 1 auto;
    min-inline-size: 0;
  }
  .birthday > :has([name='month']) {
    flex: 1.6 1 auto;
  }
  .birthday > [name='year'] {
    flex: 1.2 1 5rem;
  }
  .consent {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.6rem;
    align-items: start;
    font-weight: 400;
  }
  .consent input {
    min-block-size: auto;
    inline-size: 1.15rem;
    block-size: 1.15rem;
    margin: 0;
  }
  .consent .ring {
    margin-block-start: 0.15rem;
  }
  [part~='error'],
  .field-error {
    color: var(--fidelio-danger, #b3261e);
    font-size: 0.9rem;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--fidelio-radius-small, 8px);
  }
  [part~='submit'],
  [part~='done'] {
    padding: 0.7rem 1rem;
    border: 0;
    font-weight: 700;
    background: var(--fidelio-accent, #3d2fd0);
    color: var(--fidelio-on-accent, #fff);
  }
  [part~='submit'][aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  [part~='close'] {
    position: absolute;
    inset-block-start: 0.75rem;
    inset-inline-end: 0.75rem;
    inline-size: 2.25rem;
    block-size: 2.25rem;
    border: 0;
    background: transparent;
    color: inherit;
    font-size: 1.4rem;
    line-height: 1;
  }
  a {
    color: var(--fidelio-link, #3d2fd0);
  }
  [part~='sign-in'] {
    margin-block: 0.75rem 0;
    text-align: center;
  }
`,
  // (the dialog's background is one a dark store may theme dark: the other widgets' two-tone ring)
  focusRing,
];
