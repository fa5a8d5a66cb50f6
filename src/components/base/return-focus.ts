/**
 * Focus going back after a dialog (the signup popup, the member panel's launcher): to where it came
 * from, or near it when that is gone. In the UI core chunk, beside the widgets that take it.
 */
/** `el`, then the elements and shadow hosts around it, nearest first (where focus may go back to once `el` is gone). */
export function focusPath(el: HTMLElement | null): HTMLElement[] {
  const path: HTMLElement[] = [];
  for (let node: Node | null = el; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) if (node instanceof HTMLElement) path.push(node);
  return path;
}

/**
 * Focus back to the control a dialog opened from (`path[0]`) when it is still on the page and
 * shown; otherwise to the nearest widget around where it was that can take it (`takeFocus()`: a
 * join button the shopper's joining turned into their balance). False when neither could.
 */
export function returnFocus(path: readonly HTMLElement[]): boolean {
  const [opener] = path;
  if (opener?.isConnected && opener.getClientRects().length) {
    opener.focus();
    return true;
  }
  for (const el of path) {
    const widget = el as HTMLElement & { takeFocus?: () => boolean };
    if (el.isConnected && typeof widget.takeFocus === 'function' && widget.takeFocus()) return true;
  }
  return false;
}
