import { openSignup, SIGNUP_TAG } from '../../core/signup-triggers.js';

/**
 * After a widget's `fidelio-join` (`proceed`: the host did not cancel it), makes sure a signup popup
 * will answer: a page without one gets one, opened once it is defined (as `Fidelio.openSignup()`).
 * A popup already on the page answers the event itself (the drop-in fetches its code for it).
 */
export function requestSignup(proceed: boolean): void {
  if (proceed && !document.querySelector(SIGNUP_TAG)) openSignup();
}
