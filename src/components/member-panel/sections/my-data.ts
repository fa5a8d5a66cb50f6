import { html, nothing } from 'lit';
import { actionButton, notice, section, type PanelContext } from '../parts.js';
import { ownText } from '../../../i18n/index.js';

/** Download my data (JSON) and ask for deletion, with a confirmation step first. */
export function myDataSection(ctx: PanelContext) {
  const { t, panel } = ctx;
  const program = ownText(ctx.program?.name) ?? '';
  return section(
    ctx.level,
    'data',
    t('panel.data.title'),
    html`
      <p class="muted">${t('panel.data.lede')}</p>
      <div class="buttons">${actionButton(ctx, 'download', t('panel.data.download'), () => ctx.act.download())}</div>
      ${notice(ctx, 'download')}
      ${panel.deletion
        ? nothing
        : ctx.confirmingDelete
          ? html`<div class="confirm" part="confirm" role="group" aria-labelledby="del-q">
              <p id="del-q"><strong>${t('panel.data.confirm', { program })}</strong></p>
              <div class="buttons">
                ${actionButton(ctx, 'delete', t('panel.data.confirmYes'), () => ctx.act.confirmDelete(), 'danger')}
                <button type="button" @click=${() => ctx.act.askDelete(false)}>${t('panel.data.confirmNo')}</button>
              </div>
            </div>`
          : html`<div class="buttons"><button type="button" part="delete" @click=${() => ctx.act.askDelete(true)}>${t('panel.data.delete')}</button></div>`}
      ${notice(ctx, 'delete')}
    `,
  );
}
