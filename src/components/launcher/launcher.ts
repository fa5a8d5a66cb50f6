import { FidelioLauncher } from './launcher.component.js';

export { FidelioLauncher };
FidelioLauncher.define('fidelio-launcher');

declare global {
  interface HTMLElementTagNameMap {
    'fidelio-launcher': FidelioLauncher;
  }
}
