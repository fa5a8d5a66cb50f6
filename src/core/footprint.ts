/**
 * The box each in-page widget keeps in every state (loading, empty, ready, failed). The drop-in
 * reserves the same box for a tag before its code has arrived (`:not(:defined)`), so neither the
 * code's arrival nor the data's moves the host page: Fidelio adds no layout shift.
 *
 * One string per tag serves both sides: the component's `:host` rule and the reservation.
 * Sizes are in the widget's own `em` (its font is the same on both sides), with fixed line heights
 * inside, so the reserved box and the rendered one are the same to the pixel. Merchants can change
 * a size with the custom property named in each rule.
 */
export const FOOTPRINT = {
  'fidelio-points-badge':
    'display:inline-block;vertical-align:middle;box-sizing:border-box;min-inline-size:var(--fidelio-badge-min-width,9.5em);block-size:var(--fidelio-badge-height,2.25rem);font:var(--fidelio-font,inherit)',
  // label, input row, one line of message
  'fidelio-coupon-field': 'display:block;box-sizing:border-box;font:var(--fidelio-font,inherit);line-height:1.25;min-block-size:var(--fidelio-coupon-height,6.5em)',
  // the sentence and up to three short lines (promotions, tier, when the points become spendable)
  'fidelio-earn-preview': 'display:block;box-sizing:border-box;font:var(--fidelio-font,inherit);line-height:1.3;min-block-size:var(--fidelio-earn-height,7.5em)',
  // one sentence, which wraps once in a narrow summary column
  'fidelio-join-link': 'display:block;box-sizing:border-box;font:var(--fidelio-font,inherit);line-height:1.3;min-block-size:2.6em',
} as const;

export type FootprintTag = keyof typeof FOOTPRINT;

/**
 * The member badge's pill: the badge's button, and the drop-in's early paint of a cached balance
 * (core/badge-snapshot) inside the reserved box, so the two look the same and take the same room.
 */
export const BADGE_PILL =
  'box-sizing:border-box;display:flex;align-items:center;justify-content:center;gap:0.4em;block-size:100%;inline-size:100%;padding:0 0.8em;border-radius:var(--fidelio-radius,999px);background:var(--fidelio-surface,#f3f1ff);white-space:nowrap;font-weight:600';
// Defined or not: the badge shows the early paint through a slot until its first render removes it.
const PREPAINT = 'fidelio-points-badge [data-fidelio-prepaint]';

/** The reservation rules for tags not yet defined, e.g. `fidelio-coupon-field:not(:defined){…}`. */
export function reservationCss(): string {
  return Object.entries(FOOTPRINT)
    .map(([tag, rule]) => `${tag}:not(:defined){${rule}}`)
    .concat(
      `${PREPAINT}{${BADGE_PILL};color:var(--fidelio-text,#1f2330)}`,
      `${PREPAINT} [aria-hidden]{color:var(--fidelio-accent,#3d2fd0)}`,
      // forced colours drop the pill's fill: a border bounds it, as the badge's button (border-box: no shift)
      `@media(forced-colors:active){${PREPAINT}{border:1px solid ButtonText}}`,
    )
    .join('');
}

let reserved = false;

/**
 * Adds the reservation rules to the document once, as a constructed stylesheet (allowed by a strict
 * CSP, no `<style>` element in the host's markup). Browsers without constructed stylesheets simply
 * do not reserve. Returns whether the rules are in place.
 */
export function reserveFootprints(doc: Document = document): boolean {
  if (reserved) return true;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(reservationCss());
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    reserved = true;
  } catch {
    // no constructed stylesheets (or a frozen array): widgets still work, with a shift on arrival
  }
  return reserved;
}
