import { FidelioEarnPreview } from './earn-preview.component.js';

export { FidelioEarnPreview };
FidelioEarnPreview.define('fidelio-earn-preview');

declare global {
  interface HTMLElementTagNameMap {
    'fidelio-earn-preview': FidelioEarnPreview;
  }
}
