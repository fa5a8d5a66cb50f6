import { FidelioPointsRedeem } from './points-redeem.component.js';

export { FidelioPointsRedeem };
FidelioPointsRedeem.define('fidelio-points-redeem');

declare global {
  interface HTMLElementTagNameMap {
    'fidelio-points-redeem': FidelioPointsRedeem;
  }
}
