/**
 * Applies a shadow root's (or the document's) `@media (forced-colors: active)` rules as Windows High Contrast would:
 * the runner drives Chromium through Puppeteer, whose `emulateMedia` (@web/test-runner-commands)
 * passes on colour scheme and reduced motion but not forced colours. Each such block is unwrapped in
 * place in a copy of the root's adopted sheets, so the cascade (order, specificity) is the real
 * one; the colour forcing itself is not emulated. Returns the undo.
 */
export function asIfForcedColors(root: DocumentOrShadowRoot): () => void {
  // (a copy: Firefox hands out the live array, which the assignment below would change too)
  const before = [...root.adoptedStyleSheets];
  if (!before.length) throw new Error('no adopted stylesheets to read');
  const unwrap = (rule: CSSRule): string =>
    rule instanceof CSSMediaRule && /forced-colors:\s*active/.test(rule.conditionText) ? [...rule.cssRules].map((inner) => inner.cssText).join('\n') : rule.cssText;
  root.adoptedStyleSheets = before.map((sheet) => {
    const copy = new CSSStyleSheet();
    copy.replaceSync([...sheet.cssRules].map(unwrap).join('\n'));
    return copy;
  });
  return () => {
    root.adoptedStyleSheets = before;
  };
}

/** A filled button with no border in normal colours gets a solid one in forced colours, where fills are dropped. */
export function expectOutlinedInForcedColors(root: DocumentOrShadowRoot, button: Element): void {
  const border = () => getComputedStyle(button).borderTopStyle;
  if (border() !== 'none') throw new Error(`the setting: no border in normal colours, found ${border()}`);
  const undo = asIfForcedColors(root);
  try {
    if (border() !== 'solid' || !(parseFloat(getComputedStyle(button).borderTopWidth) > 0)) throw new Error(`no solid border in forced colours (${border()})`);
  } finally {
    undo();
  }
}
