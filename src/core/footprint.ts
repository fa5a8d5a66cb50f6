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

/** The reservation rules for tags not yet defined, e.g. `fidelio-coupon-field:not(:defined){…}`. */
export function reservationCss(): string {
  return Object.entries(FOOTPRINT)
    .map(([tag, rule]) => `${tag}:not(:defined){${rule}}`)
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
