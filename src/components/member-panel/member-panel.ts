import { FidelioMemberPanel } from './member-panel.component.js';
import { $locale } from '../../i18n/index.js';
import { nextTask } from '../../core/idle.js';
import { dateFormat, listFormat, numberFormat, storeZone } from '../../core/intl.js';

export { FidelioMemberPanel };
FidelioMemberPanel.define('fidelio-member-panel');

/**
 * Builds the Intl formatters the panel's first render uses, each in a task of its own, before it is
 * asked to render: the page's first number formatter costs ICU's start-up for the locale (73 ms of
 * the 160 ms render task at 4× CPU when the launcher opened the panel; its date and list formatters
 * 15 and 8 ms more). Any number formatter of the locale pays it: a currency formatter built after a
 * plain one took 2–3 ms at 4× instead of 63–84, so a plain one does (reading the program's currency
 * here would load the program store, and a store is the panel's to load).
 * The launcher calls it when the shopper shows they are about to press (hover, focus).
 */
export async function warmUp(): Promise<void> {
  const locale = $locale.get();
  const steps = [
    () => numberFormat(locale),
    () => dateFormat(locale, { day: 'numeric', month: 'short', timeZone: storeZone() }),
    () => listFormat(locale, { type: 'conjunction' }),
  ];
  for (const step of steps) {
    await nextTask();
    try {
      step();
    } catch {
      // a formatter the browser cannot build: the render says so in its own way
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fidelio-member-panel': FidelioMemberPanel;
  }
}
