/** Shared helpers of the member panel and launcher tests. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/member-panel/member-panel.js';
import type { FidelioMemberPanel } from '../../src/components/member-panel/member-panel.component.js';
import { $panel } from '../../src/stores/panel.js';
import { $member } from '../../src/stores/member.js';
import { $program } from '../../src/stores/program.js';
import { until } from '../helpers/backend.js';

/** What the element reads as on screen (rendered text, line breaks as spaces). */
export const text = (el: Element | null | undefined) => ((el as HTMLElement | null)?.innerText ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The live region where a section says how an action went. */
export const note = (el: FidelioMemberPanel, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`[data-notice="${id}"]`);

export const section = (el: FidelioMemberPanel, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`section.${id}`)!;

/** An element by part name, in the whole panel or in one section. */
export const part = (el: FidelioMemberPanel, name: string, within?: string) =>
  (within ? section(el, within) : el.shadowRoot!)?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

export const rows = (el: FidelioMemberPanel) => [...el.shadowRoot!.querySelectorAll('table[part~="history"] tbody tr')];

/** The element with focus, looking inside shadow roots. */
export function activeDeep(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Mounts a panel (or takes one already on the page) and waits for the member and, by default, every section. */
export async function mountPanel(all = true, existing?: FidelioMemberPanel): Promise<FidelioMemberPanel> {
  const el = existing ?? (await fixture<FidelioMemberPanel>(html`<fidelio-member-panel></fidelio-member-panel>`));
  await until(() => expect($member.get().status).to.equal('ready'));
  await until(() => expect($program.get().status).to.equal('ready'));
  if (all) {
    await until(() => {
      const state = $panel.get();
      for (const name of ['batches', 'redemptions', 'preferences', 'history'] as const) expect(state[name].status, name).to.equal('ready');
    });
  }
  await el.updateComplete;
  expect(el.shadowRoot!.querySelector('[part~="available"]')).to.exist;
  return el;
}
