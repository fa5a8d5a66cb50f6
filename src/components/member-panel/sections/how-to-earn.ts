import { html, nothing } from 'lit';
import { rulesText } from '../rules-text.js';
import { section, type Translate } from '../parts.js';
import type { ProgramSummary } from '../../../contract/types.js';
import type { Locale } from '../../../i18n/index.js';

/** The program's rules in plain sentences, generated from its configuration. */
export function howToEarnSection(level: number, program: ProgramSummary | null, t: Translate, locale: Locale, now: number) {
  if (!program) return nothing;
  return section(level, 'earn', t('panel.earn.title'), html`<ul class="rules">${rulesText(program, t, locale, now).map((line) => html`<li>${line}</li>`)}</ul>`);
}
