import { FidelioUnsubscribeNotice } from './unsubscribe-notice.component.js';

export { FidelioUnsubscribeNotice };
FidelioUnsubscribeNotice.define('fidelio-unsubscribe-notice');

declare global {
  interface HTMLElementTagNameMap {
    'fidelio-unsubscribe-notice': FidelioUnsubscribeNotice;
  }
}

/** Shows the notice for an email's unsubscribe link (the drop-in calls this when the link was followed). */
export function showUnsubscribeNotice(token: string, from: string | null = null): FidelioUnsubscribeNotice {
  const notice = document.createElement('fidelio-unsubscribe-notice');
  notice.token = token;
  if (from === 'statement') notice.from = from;
  (document.body ?? document.documentElement).append(notice);
  return notice;
}
