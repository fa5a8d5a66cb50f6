import { FidelioMemberPanel } from './member-panel.component.js';
import { $locale } from '../../i18n/index.js';
import { nextTask } from '../../core/idle.js';
import { dateFormat, listFormat, numberFormat } from '../../core/intl.js';
import { formatMoney } from '../../core/money.js';
import { $program } from '../../stores/program.js';

export { FidelioMemberPanel };
FidelioMemberPanel.define('fidelio-member-panel');

/**
 * Builds the Intl formatters the panel's first render uses, each in a task of its own, before it is
 * asked to render: the page's first number formatter costs ICU's start-up for the locale (73 ms of
 * the 160 ms render task at 4× CPU when the launcher opened the panel; its date and list formatters
 * 15 and 8 ms more). Any number formatter of the locale pays it (a currency formatter after a plain
 * one took 2–3 ms at 4× instead of 63–84), so without the program's currency yet a plain one does.
 * The launcher calls it when the shopper shows they are about to press (hover, focus).
 */
export async function warmUp(): Promise<void> {
  const locale = $locale.get();
  const steps = [
    () => {
      const state = $program.get();
      if (state.status === 'ready') formatMoney({ amount: 0, currency: state.program.currency }, locale);
      else numberFormat(locale);
    },
    () => dateFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
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
