import { css, html, type TemplateResult } from 'lit';

/**
 * A sentence with a coupon code in it, the code kept on one line: a bought or welcome code such as
 * `R-REDNP` would otherwise break at its hyphen on a phone, and a shopper copying half a code off
 * two lines gets a code that does not work. Only the display changes; the text copied is the same.
 * For codes the SDK issued (short); a code the shopper typed may be long, and wraps as it must.
 */
export function withCode(text: string, code: string): TemplateResult | string {
  const at = code ? text.indexOf(code) : -1;
  return at < 0 ? text : html`${text.slice(0, at)}<span class="code">${code}</span>${text.slice(at + code.length)}`;
}

/**
 * A message that starts with a name ("Name (optional)", "WhatsApp (opens in a new tab)"), what
 * follows the name rendered apart (in a hint's style, for screen readers only). The catalog, not the
 * template, says whether a space parts the two: none before a full-width bracket ("年（选填）").
 */
export function afterName(text: string, name: string, rest: (after: string) => TemplateResult): TemplateResult | string {
  const at = text.indexOf(name);
  if (at < 0) return text;
  const end = at + name.length;
  return html`${text.slice(0, end)}${rest(text.slice(end))}`;
}

/** The style `withCode` needs in the component's styles. */
export const codeStyle = css`
  .code {
    white-space: nowrap;
  }
`;
