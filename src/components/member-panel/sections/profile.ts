import { html } from 'lit';
import { dateFormat } from '../../../core/intl.js';
import { failed, loading, notice, section, type PanelContext } from '../parts.js';

function months(locale: string): string[] {
  const format = dateFormat(locale, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(Date.UTC(2000, i, 1)));
}

/** Name and birthday (with the once-a-year limit explained) and the email consents, saved at once. */
export function profileSection(ctx: PanelContext) {
  const { t, locale, member, panel } = ctx;
  const prefs = panel.preferences;
  const birthday = member.birthday;
  const submit = (id: string) => (ctx.busy === id ? t('panel.working') : t('panel.save'));
  return section(
    ctx.level,
    'profile',
    t('panel.profile.title'),
    html`
      <form class="row" @submit=${ctx.act.saveName}>
        <label for="p-name">${t('signup.name')}</label>
        <input id="p-name" name="name" autocomplete="given-name" maxlength="80" .value=${member.name ?? ''} />
        <button type="submit" aria-disabled=${ctx.busy === 'name' ? 'true' : 'false'}>${submit('name')}</button>
      </form>
      <p><span class="muted">${t('signup.email')}</span>&ensp;${member.email}</p>
      ${notice(ctx, 'name')}
      <form @submit=${ctx.act.saveBirthday}>
        <fieldset aria-describedby="p-bday-hint">
          <legend>${t('signup.birthday')}</legend>
          <p class="muted" id="p-bday-hint">${t('panel.profile.birthdayHint')}</p>
          <div class="row">
            <span class="ring"><select name="day" aria-label=${t('signup.day')}>
              <option value="">${t('signup.day')}</option>
              ${Array.from({ length: 31 }, (_, i) => html`<option value=${i + 1} ?selected=${birthday?.day === i + 1}>${i + 1}</option>`)}
            </select></span>
            <span class="ring"><select name="month" aria-label=${t('signup.month')}>
              <option value="">${t('signup.month')}</option>
              ${months(locale).map((label, i) => html`<option value=${i + 1} ?selected=${birthday?.month === i + 1}>${label}</option>`)}
            </select></span>
            <button type="submit" aria-disabled=${ctx.busy === 'birthday' ? 'true' : 'false'}>${submit('birthday')}</button>
          </div>
        </fieldset>
      </form>
      ${notice(ctx, 'birthday')}
      <fieldset>
        <legend>${t('panel.prefs.title')}</legend>
        ${prefs.status === 'error'
          ? failed(ctx, prefs.error, () => ctx.act.retry('preferences'))
          : prefs.status !== 'ready'
            ? loading(ctx)
            : (['newsletter', 'statement'] as const).map(
                (name) => html`<label class="check">
                  <span class="ring"><input type="checkbox" name=${name} .checked=${prefs.data[name]} @change=${(e: Event) => ctx.act.preference(name, (e.target as HTMLInputElement).checked)} /></span>
                  ${t(name === 'newsletter' ? 'panel.prefs.newsletter' : 'panel.prefs.statement')}
                </label>`,
              )}
      </fieldset>
      ${notice(ctx, 'prefs')}
    `,
  );
}
