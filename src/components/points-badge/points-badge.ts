import { FidelioPointsBadge } from './points-badge.component.js';

export { FidelioPointsBadge };
FidelioPointsBadge.define('fidelio-points-badge');

declare global {
  interface HTMLElementTagNameMap {
    'fidelio-points-badge': FidelioPointsBadge;
  }
}
