import { FidelioJoinLink } from './join-link.component.js';

export { FidelioJoinLink };
FidelioJoinLink.define('fidelio-join-link');

declare global {
  interface HTMLElementTagNameMap {
    'fidelio-join-link': FidelioJoinLink;
  }
}
