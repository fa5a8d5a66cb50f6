/**
 * After a widget's `fidelio-join` (`proceed`: the host did not cancel it), makes sure a signup popup
 * will answer: a page without one gets one, opened once it is defined (as `Fidelio.openSignup()`).
 */
export function requestSignup(proceed: boolean): void {
  if (!proceed || document.querySelector('fidelio-signup-popup')) return;
  document.body.append(document.createElement('fidelio-signup-popup'));
  void customElements.whenDefined('fidelio-signup-popup').then(() => document.dispatchEvent(new CustomEvent('fidelio-open-signup')));
}
