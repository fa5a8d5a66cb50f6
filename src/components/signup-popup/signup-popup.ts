import { FidelioSignupPopup } from './signup-popup.component.js';

export { FidelioSignupPopup };
FidelioSignupPopup.define('fidelio-signup-popup');

declare global {
  interface HTMLElementTagNameMap {
    'fidelio-signup-popup': FidelioSignupPopup;
  }
}
