import { html, nothing, type TemplateResult } from 'lit';

/**
 * A heading at `level` (kept within 1–6). A widget's title sits in the host page's outline, which
 * only the host knows: the `heading-level` attribute puts it (and the headings under it) there.
 */
export function heading(level: number, content: unknown, { id, part, cls }: { id?: string; part?: string; cls?: string } = {}): TemplateResult {
  const i = id ?? nothing;
  const p = part ?? nothing;
  const c = cls ?? nothing;
  switch (Math.min(6, Math.max(1, level))) {
    case 1:
      return html`<h1 id=${i} part=${p} class=${c}>${content}</h1>`;
    case 2:
      return html`<h2 id=${i} part=${p} class=${c}>${content}</h2>`;
    case 3:
      return html`<h3 id=${i} part=${p} class=${c}>${content}</h3>`;
    case 4:
      return html`<h4 id=${i} part=${p} class=${c}>${content}</h4>`;
    case 5:
      return html`<h5 id=${i} part=${p} class=${c}>${content}</h5>`;
    default:
      return html`<h6 id=${i} part=${p} class=${c}>${content}</h6>`;
  }
}
