import { css } from 'lit';
import { focusRing, ringOn, srOnly } from '../base/shared-styles.js';

export const styles = [
  srOnly,
  css`
    :host {
      display: block;
      font: var(--fidelio-font, inherit);
      color: var(--fidelio-text, #1f2330);
      --_muted: var(--fidelio-muted, #4b4f5c);
      --_border: var(--fidelio-border, #c9ccd6);
      --_accent: var(--fidelio-accent, #3d2fd0);
    }
    .panel {
      background: var(--fidelio-background, transparent);
    }
    [part~='title'] {
      margin: 0 0 0.25rem;
      font-size: 1.4rem;
    }
    .head {
      margin: 0 0 0.6rem;
      font-size: 1.05rem;
    }
    .sub {
      margin: 0.9rem 0 0.3rem;
      font-size: 0.92rem;
    }
    p {
      margin: 0.3rem 0;
      line-height: 1.45;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr));
      gap: 1rem;
      margin-block-start: 0.8rem;
    }
    section {
      min-inline-size: 0;
      padding: 1rem;
      border: 1px solid var(--_border);
      border-radius: var(--fidelio-radius, 12px);
      background: var(--fidelio-surface, #fff);
      overflow-wrap: anywhere;
    }
    .rewards,
    .history,
    .earn {
      grid-column: 1 / -1;
    }
    .big {
      font-size: 1.6rem;
      font-weight: 700;
      margin: 0;
    }
    .muted {
      color: var(--_muted);
      font-size: 0.92rem;
    }
    .bad,
    .failed {
      color: var(--fidelio-danger, #b3261e);
    }
    /* An empty notice takes no room but stays rendered: display:none took the live region out of the
       accessibility tree, so the words put in it later (Redeem, Copy) were not announced. */
    .notice:empty {
      margin: 0;
      padding: 0;
      border: 0;
    }
    .notice:not(.bad) {
      color: var(--fidelio-success, #1e6b3a);
      font-weight: 600;
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .rows li {
      padding: 0.2rem 0;
    }
    .soonest {
      font-weight: 700;
    }
    .tag {
      font-size: 0.8rem;
      padding: 0.05rem 0.45rem;
      border-radius: 999px;
      background: var(--fidelio-danger, #b3261e);
      color: #fff;
    }
    .rules {
      list-style: disc;
      padding-inline-start: 1.2rem;
      columns: 2 22rem;
      column-gap: 2rem;
    }
    .rules li {
      margin-block-end: 0.35rem;
      break-inside: avoid;
    }
    .list > li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      justify-content: space-between;
      align-items: center;
      padding: 0.55rem 0;
      border-block-end: 1px solid var(--_border);
    }
    .list > li:last-child {
      border: 0;
    }
    /* a button that wrapped under its reward keeps to the row's end, as the unwrapped ones do */
    .list > li > button:last-child {
      margin-inline-start: auto;
    }
    .card {
      flex-direction: column;
      align-items: flex-start !important;
    }
    .coupon {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      justify-content: space-between;
    }
    code {
      font-size: 0.95rem;
      padding: 0.1rem 0.35rem;
      border-radius: 4px;
      background: var(--fidelio-code-bg, #eef0f5);
    }
    .dots {
      display: flex;
      gap: 0.3rem;
    }
    .dots i {
      inline-size: 1rem;
      block-size: 1rem;
      border-radius: 50%;
      border: 2px solid var(--_accent);
    }
    .dots i.on {
      background: var(--_accent);
    }
    .bar {
      block-size: 0.7rem;
      border-radius: 999px;
      background: var(--fidelio-track, #e3e5ec);
      overflow: hidden;
      margin-block-start: 0.6rem;
    }
    .bar span {
      display: block;
      block-size: 100%;
      background: var(--_accent);
    }
    /* forced colours drop backgrounds: the track is outlined, the fill and punched dots kept */
    @media (forced-colors: active) {
      .bar {
        border: 1px solid CanvasText;
      }
      .bar span,
      .dots i.on {
        forced-color-adjust: none;
        background: Highlight;
        border-color: Highlight;
      }
    }
    /* Columns as narrow as their longest word, not one letter (the section's "anywhere" made a
       phone's table break "Câștiga/te" and a date inside "nov."): a date wraps before its year only
       (see yearMayWrap). */
    table {
      inline-size: 100%;
      border-collapse: collapse;
      font-size: 0.93rem;
      overflow-wrap: break-word;
    }
    th,
    td {
      text-align: start;
      padding: 0.4rem 0.3rem;
      border-block-end: 1px solid var(--_border);
    }
    .num {
      white-space: nowrap;
    }
    .num {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    tr.redeem td.num,
    tr.expire td.num,
    tr.return td.num,
    tr.clawback td.num {
      color: var(--fidelio-danger, #b3261e);
    }
    .buttons,
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin-block: 0.5rem;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0.8rem 0 0;
    }
    legend,
    label {
      font-weight: 600;
    }
    .check {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      font-weight: 400;
      margin-block: 0.35rem;
    }
    input,
    select,
    button {
      font: inherit;
      color: inherit;
      border-radius: var(--fidelio-radius-small, 8px);
    }
    input:not([type]),
    select {
      padding: 0.4rem 0.55rem;
      border: 1px solid var(--fidelio-border, #9a9fb0);
      background: var(--fidelio-background, #fff);
      min-inline-size: 0;
    }
    input[type='checkbox'] {
      inline-size: 1.1rem;
      block-size: 1.1rem;
      margin: 0;
      /* (beside a label that wraps, a flex item shrank below its size) */
      flex-shrink: 0;
    }
    button {
      cursor: pointer;
      padding: 0.4rem 0.85rem;
      border: 1px solid var(--fidelio-border, #9a9fb0);
      background: transparent;
    }
    button.small {
      padding: 0.2rem 0.6rem;
      font-size: 0.9rem;
    }
    button.primary {
      border-color: var(--_accent);
      background: var(--_accent);
      color: var(--fidelio-on-accent, #fff);
      font-weight: 700;
    }
    button.danger {
      border-color: var(--fidelio-danger, #b3261e);
      background: var(--fidelio-danger, #b3261e);
      color: #fff;
      font-weight: 700;
    }
    button[aria-disabled='true'] {
      opacity: 0.7;
      cursor: progress;
    }
    .confirm {
      padding: 0.7rem;
      border-radius: var(--fidelio-radius-small, 8px);
      border: 1px solid var(--fidelio-danger, #b3261e);
      margin-block: 0.5rem;
    }
    .signed-out {
      padding: 1rem;
      border: 1px solid var(--_border);
      border-radius: var(--fidelio-radius, 12px);
      background: var(--fidelio-surface, #fff);
    }
  `,
  // (the sections' surface is a card a dark store may theme dark: the other widgets' two-tone ring,
  // also on the messages that take focus)
  focusRing,
  ringOn('[tabindex]:focus-visible'),
];
