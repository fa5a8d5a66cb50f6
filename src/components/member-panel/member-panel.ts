import { FidelioMemberPanel } from './member-panel.component.js';

export { FidelioMemberPanel };
FidelioMemberPanel.define('fidelio-member-panel');

declare global {
  interface HTMLElementTagNameMap {
    'fidelio-member-panel': FidelioMemberPanel;
  }
}
