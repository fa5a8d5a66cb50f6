import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { addMonths } from '../../src/core/clock.js';
import { EngineError, addProgram, emptyState, enrollMember, recordOrder, type EngineState, type Promotion, type Reward, type TierConfig } from '../../src/engine/index.js';
import { emptyOutbox, runOutbox, setEmailLocale, shouldDeliver, unsubscribe, unsubscribeUrl, type EmailKind, type OutboxState } from '../../src/engine/emails.js';
import { EMAIL_LOCALES, escapeHtml, renderEmail, type EmailData } from '../../src/engine/email-templates.js';
import { T0, days, line, program, rejects, world } from './fixtures.js';

const SITE = 'https://shop.example/rewards';
const opts = { siteUrl: SITE };
const APR = Date.UTC(2026, 3, 1);
const MAY = Date.UTC(2026, 4, 1);
const JUN = Date.UTC(2026, 5, 1);
const of = (outbox: OutboxState, kind: EmailKind) => outbox.emails.filter((e) => e.kind === kind);

const promo = (name: string, startsAt: number, endsAt: number): Promotion => ({ id: name, name, multiplier: 2, appliesTo: { categories: ['pots'] }, startsAt, endsAt });

function withNewsletterFan(promotions: Promotion[]): { state: EngineState; ana: string; bob: string } {
  const { state, member } = world({ promotions });
  const bob = enrollMember(state, 'shop', { email: 'bob@example.com', name: 'Bob', newsletter: true }, T0 + days(1)).member.id;
  return { state, ana: member, bob };
}

describe('email outbox', () => {
  it('writes the welcome email once, with the unsubscribe link', () => {
    const { state, member } = world();
    const outbox = emptyOutbox();
    const first = runOutbox(state, outbox, 'shop', T0, opts);
    expect(first.map((e) => e.kind)).to.deep.equal(['welcome']);
    const [welcome] = first;
    expect(welcome!.to).to.equal('ana@example.com');
    expect(welcome!.memberId).to.equal(member);
    expect(welcome!.locale).to.equal('en');
    expect(welcome!.subject).to.contain('Shop Rewards');
    expect(welcome!.text).to.contain('Hi Ana,').and.contain('100 points');
    // (an account email's link turns off statements and reminders, not the newsletter)
    const url = `${SITE}?fidelio-unsubscribe=${state.members[member]!.unsubscribeToken}&fidelio-unsubscribe-from=statement`;
    expect(welcome!.unsubscribeUrl).to.equal(url);
    expect(welcome!.text).to.contain(url);
    expect(welcome!.html).to.contain(`href="${url.replace(/&/g, '&amp;')}"`);
    expect(runOutbox(state, outbox, 'shop', T0, opts)).to.deep.equal([]);
    expect(runOutbox(state, outbox, 'shop', T0 + days(3), opts)).to.deep.equal([]);
    expect(of(outbox, 'welcome')).to.have.length(1);
  });

  it('gives each member an unsubscribe token no one can work out from their id or when they joined', () => {
    const { state, member } = world();
    const bob = enrollMember(state, 'shop', { email: 'bob@example.com', name: 'Bob', newsletter: true }, T0).member.id;
    const tokens = [member, bob].map((id) => state.members[id]!.unsubscribeToken);
    for (const [i, token] of tokens.entries()) {
      expect(token).to.match(/^u_[0-9a-f]{32}$/);
      expect(token).not.to.contain([member, bob][i]);
    }
    expect(tokens[0]).not.to.equal(tokens[1]);
  });

  it('does not greet members who joined long before the outbox first ran', () => {
    const { state } = world();
    const outbox = emptyOutbox();
    expect(runOutbox(state, outbox, 'shop', T0 + days(20), opts).filter((e) => e.kind === 'welcome')).to.deep.equal([]);
  });

  it('writes the statement on the 1st with the balance as of the 1st, once per month', () => {
    const { state, member } = world();
    const outbox = emptyOutbox();
    runOutbox(state, outbox, 'shop', T0, opts);
    expect(of(outbox, 'statement'), 'joined after 1 March: no March statement').to.have.length(0);
    runOutbox(state, outbox, 'shop', APR - 1, opts);
    expect(of(outbox, 'statement')).to.have.length(0);

    const april = runOutbox(state, outbox, 'shop', APR, opts);
    expect(april.map((e) => e.kind)).to.deep.equal(['statement']);
    expect(april[0]!.dedupeKey).to.equal(`statement:${member}:2026-04`);
    expect(april[0]!.subject).to.contain('April 2026');
    expect(april[0]!.text).to.contain('100 points').and.contain('$100.00');
    expect(runOutbox(state, outbox, 'shop', APR, opts)).to.deep.equal([]);
    expect(runOutbox(state, outbox, 'shop', APR + days(12), opts)).to.deep.equal([]);
    expect(runOutbox(state, outbox, 'shop', MAY, opts).map((e) => e.dedupeKey)).to.deep.equal([`statement:${member}:2026-05`]);
  });

  it('writes the statement on the 1st of the store’s month, and names that month', () => {
    const { state, member } = world({ timeZone: 'Asia/Tokyo' });
    const outbox = emptyOutbox();
    // 01:00 on 1 April in Tokyo is still 31 March in UTC
    const april = runOutbox(state, outbox, 'shop', Date.parse('2026-03-31T16:00:00Z'), opts);
    expect(april.map((e) => e.dedupeKey)).to.deep.equal([`statement:${member}:2026-04`]);
    expect(april[0]!.subject).to.contain('April 2026');
  });

  it('after skipped months writes only the current month statement (no flood)', () => {
    const { state, member } = world();
    const outbox = emptyOutbox();
    runOutbox(state, outbox, 'shop', T0, opts);
    const late = runOutbox(state, outbox, 'shop', Date.UTC(2026, 6, 9), opts);
    expect(late.map((e) => e.dedupeKey)).to.deep.equal([`statement:${member}:2026-07`]);
  });

  it('writes no statement to a member who turned statements off', () => {
    const { state, member } = world();
    state.members[member]!.statement = false;
    const outbox = emptyOutbox();
    runOutbox(state, outbox, 'shop', APR, opts);
    runOutbox(state, outbox, 'shop', MAY, opts);
    expect(of(outbox, 'statement')).to.deep.equal([]);
  });

  it('reminds 14 days before 120 points expire, with the date, once', () => {
    const { state, member } = world({ joinIncentive: { points: 120 } });
    const expiresAt = addMonths(T0, 12);
    const outbox = emptyOutbox();
    runOutbox(state, outbox, 'shop', expiresAt - days(14) - 1, opts);
    expect(of(outbox, 'expiry_reminder')).to.have.length(0);
    runOutbox(state, outbox, 'shop', expiresAt - days(14), opts);
    const reminders = of(outbox, 'expiry_reminder');
    expect(reminders).to.have.length(1);
    expect(reminders[0]!.dedupeKey).to.equal(`expiry:${member}:2027-03-02`);
    expect(reminders[0]!.subject).to.equal('Your 120 points expire on March 2, 2027');
    expect(reminders[0]!.text).to.contain('120 points').and.contain('March 2, 2027');
    runOutbox(state, outbox, 'shop', expiresAt - days(3), opts);
    runOutbox(state, outbox, 'shop', expiresAt + days(1), opts);
    expect(of(outbox, 'expiry_reminder')).to.have.length(1);
  });

  it('writes no expiry reminder to a member who turned off "statement and expiry reminders", and holds back one written before', () => {
    const { state, member } = world({ joinIncentive: { points: 120 } });
    const expiresAt = addMonths(T0, 12);
    const outbox = emptyOutbox();
    state.members[member]!.statement = false;
    runOutbox(state, outbox, 'shop', expiresAt - days(14), opts);
    expect(of(outbox, 'expiry_reminder')).to.deep.equal([]);
    state.members[member]!.statement = true;
    const reminder = runOutbox(state, outbox, 'shop', expiresAt - days(10), opts).find((e) => e.kind === 'expiry_reminder');
    expect(reminder, 'turned on again: reminded').to.exist;
    state.members[member]!.statement = false;
    expect(shouldDeliver(state, reminder!)).to.equal(false);
  });

  it('honours reminderDays', () => {
    const { state } = world({ joinIncentive: { points: 120 } });
    const expiresAt = addMonths(T0, 12);
    const outbox = emptyOutbox();
    runOutbox(state, outbox, 'shop', expiresAt - days(14), { ...opts, reminderDays: 7 });
    expect(of(outbox, 'expiry_reminder')).to.have.length(0);
    runOutbox(state, outbox, 'shop', expiresAt - days(7), { ...opts, reminderDays: 7 });
    expect(of(outbox, 'expiry_reminder')).to.have.length(1);
  });

  it('sends the newsletter only to consenting members and only when there are promotions', () => {
    const { state, bob } = withNewsletterFan([promo('Double points on pots', APR + days(9), MAY)]);
    const outbox = emptyOutbox();
    runOutbox(state, outbox, 'shop', T0 + days(1), opts);
    expect(of(outbox, 'newsletter'), 'no promotion in March').to.have.length(0);
    runOutbox(state, outbox, 'shop', APR, opts);
    const issues = of(outbox, 'newsletter');
    expect(issues.map((e) => e.memberId)).to.deep.equal([bob]);
    expect(issues[0]!.subject).to.contain('April 2026');
    expect(issues[0]!.text).to.contain('2× points on Double points on pots, April 10, 2026 – April 30, 2026');
    expect(issues[0]!.text).to.contain('because you said yes to news from Shop Rewards');
    expect(issues[0]!.text).to.contain(issues[0]!.unsubscribeUrl);
    runOutbox(state, outbox, 'shop', MAY, opts);
    expect(of(outbox, 'newsletter'), 'the promotion ended: no May issue').to.have.length(1);
  });

  it('links each email to an unsubscribe from what it is: the newsletter from the newsletter, the others from statements and reminders', () => {
    const { state, bob } = withNewsletterFan([promo('Pots', APR, JUN)]);
    const token = state.members[bob]!.unsubscribeToken;
    const outbox = emptyOutbox();
    runOutbox(state, outbox, 'shop', T0 + days(1), opts);
    runOutbox(state, outbox, 'shop', APR, opts);
    const bobs = outbox.emails.filter((e) => e.memberId === bob);
    expect(bobs.map((e) => e.kind)).to.deep.equal(['welcome', 'statement', 'newsletter']);
    const [welcome, statement, newsletter] = bobs;
    expect(newsletter!.unsubscribeUrl).to.equal(`${SITE}?fidelio-unsubscribe=${token}`);
    for (const email of [welcome!, statement!]) {
      expect(email.unsubscribeUrl).to.equal(`${SITE}?fidelio-unsubscribe=${token}&fidelio-unsubscribe-from=statement`);
      expect(email.text).to.contain(email.unsubscribeUrl);
    }
    expect(unsubscribeUrl('https://s.example/?a=1#top', 'tok', 'statement')).to.equal('https://s.example/?a=1&fidelio-unsubscribe=tok&fidelio-unsubscribe-from=statement#top');
  });

  it('advertises only promotions that give extra points: a 1× promotion is no news', () => {
    const flat = { ...promo('Pots at the usual rate', APR, MAY), multiplier: 1 };
    const { state } = withNewsletterFan([flat]);
    const outbox = emptyOutbox();
    runOutbox(state, outbox, 'shop', APR, opts);
    expect(of(outbox, 'newsletter'), 'nothing extra in April: no issue').to.deep.equal([]);
    state.programs['shop']!.promotions = [flat, promo('Pans', MAY, JUN)];
    runOutbox(state, outbox, 'shop', MAY, opts);
    const [may] = of(outbox, 'newsletter');
    expect(may!.text).to.contain('2× points on Pans').and.not.contain('1×');
  });

  it('after unsubscribe(newsletter) there is no newsletter next month, but statements go on', () => {
    const { state, bob } = withNewsletterFan([promo('Pots', APR, JUN)]);
    const outbox = emptyOutbox();
    runOutbox(state, outbox, 'shop', APR, opts);
    expect(of(outbox, 'newsletter')).to.have.length(1);
    expect(unsubscribe(state, 'shop', state.members[bob]!.unsubscribeToken, 'newsletter')).to.equal('b***@example.com');
    expect(state.members[bob]!.newsletter).to.equal(false);
    const may = runOutbox(state, outbox, 'shop', MAY, opts);
    expect(may.filter((e) => e.kind === 'newsletter')).to.deep.equal([]);
    expect(may.filter((e) => e.memberId === bob).map((e) => e.kind)).to.deep.equal(['statement']);
  });

  it('after unsubscribe(all) nothing more is written, and unsent emails are held back', () => {
    const { state, bob } = withNewsletterFan([promo('Pots', APR, JUN)]);
    const outbox = emptyOutbox();
    runOutbox(state, outbox, 'shop', APR, opts);
    const written = outbox.emails.filter((e) => e.memberId === bob);
    expect(written.map((e) => e.kind)).to.deep.equal(['statement', 'newsletter']);
    unsubscribe(state, 'shop', state.members[bob]!.unsubscribeToken, 'all');
    expect(state.members[bob]).to.include({ newsletter: false, statement: false, emailOptOut: true });
    expect(written.map((e) => shouldDeliver(state, e))).to.deep.equal([false, false]);
    runOutbox(state, outbox, 'shop', MAY, opts);
    runOutbox(state, outbox, 'shop', addMonths(T0, 12) - days(10), opts);
    expect(outbox.emails.filter((e) => e.memberId === bob)).to.have.length(2);
  });

  it('refuses an unknown unsubscribe token with not_found', () => {
    const { state } = world();
    let error: unknown;
    try {
      unsubscribe(state, 'shop', 'u_nobody', 'all');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(EngineError);
    expect(error).to.include({ code: 'not_found', status: 404 });
  });

  it('names the program and its promotions as the program translates them for the member\'s language', () => {
    const { state, bob } = withNewsletterFan([promo('Double points on pots', APR + days(9), MAY)]);
    state.programs['shop']!.translations = { es: { 'Shop Rewards': 'Recompensas Shop', 'Double points on pots': 'Puntos dobles en macetas' } };
    const outbox = emptyOutbox();
    runOutbox(state, outbox, 'shop', APR, { ...opts, locale: (m) => (m.id === bob ? 'es' : 'ro') });
    const [issue] = of(outbox, 'newsletter');
    expect(issue!.locale).to.equal('es');
    expect(issue!.subject).to.contain('Recompensas Shop');
    expect(issue!.text).to.contain('2× puntos en Puntos dobles en macetas');
    // no Romanian translations: Ana's statement names the program as written
    const statement = of(outbox, 'statement').find((e) => e.memberId !== bob)!;
    expect(statement.locale).to.equal('ro');
    expect(statement.subject).to.contain('Shop Rewards');
  });

  it('writes in the language the member joined in when the caller names none', () => {
    const { state } = world();
    const ioana = enrollMember(state, 'shop', { email: 'ioana@example.com', name: 'Ioana', locale: 'ro-RO' }, T0).member;
    expect(ioana.locale).to.equal('ro');
    expect(enrollMember(state, 'shop', { email: 'kai@example.com', locale: 'de' }, T0).member.locale, 'a language the program does not speak').to.equal(undefined);
    const outbox = emptyOutbox();
    const welcome = (to: string) => of(outbox, 'welcome').find((e) => e.to === to)!;
    runOutbox(state, outbox, 'shop', T0, opts);
    expect(welcome('ioana@example.com').locale).to.equal('ro');
    expect(welcome('ioana@example.com').subject).to.equal('Bine ai venit în Shop Rewards!');
    expect([welcome('ana@example.com').locale, welcome('kai@example.com').locale]).to.deep.equal(['en', 'en']);
  });

  it('writes the next emails in the language the member moved to (English for one the program does not speak), the ones written before as they were', () => {
    const { state, member } = world();
    const outbox = emptyOutbox();
    runOutbox(state, outbox, 'shop', T0, opts);
    expect(setEmailLocale(state, 'shop', member, 'ro-RO')).to.equal('ro');
    const [april] = runOutbox(state, outbox, 'shop', APR, opts);
    expect([april!.kind, april!.locale, april!.subject]).to.deep.equal(['statement', 'ro', 'Punctele tale Shop Rewards pentru aprilie 2026']);
    expect(of(outbox, 'welcome')[0]!.locale).to.equal('en');
    expect(setEmailLocale(state, 'shop', member, 'de')).to.equal('en');
    expect(state.members[member]!.locale).to.equal(undefined);
    expect(runOutbox(state, outbox, 'shop', MAY, opts)[0]!.locale).to.equal('en');
    expect(rejects(() => setEmailLocale(state, 'shop', 'm_nobody', 'es')).code).to.equal('not_found');
  });

  it('writes in the member locale and keeps an existing query in the site URL', () => {
    const { state, member } = world();
    const outbox = emptyOutbox();
    const [welcome] = runOutbox(state, outbox, 'shop', T0, { siteUrl: 'https://shop.example/?ref=mail', locale: () => 'es-MX' });
    expect(welcome!.locale).to.equal('es');
    expect(welcome!.subject).to.equal('¡Te damos la bienvenida a Shop Rewards!');
    expect(welcome!.unsubscribeUrl).to.equal(`https://shop.example/?ref=mail&fidelio-unsubscribe=${state.members[member]!.unsubscribeToken}&fidelio-unsubscribe-from=statement`);
    expect(welcome!.html).to.contain('?ref=mail&amp;fidelio-unsubscribe=');
    expect(unsubscribeUrl('https://s.example/#x', 'tok')).to.equal('https://s.example/?fidelio-unsubscribe=tok#x');
  });
});

describe('email templates', () => {
  const url = `${SITE}?fidelio-unsubscribe=u_m_1`;
  const common = { programName: 'Shop Rewards', memberName: 'Ana', unsubscribeUrl: url, siteUrl: SITE };
  const money = (amount: number) => ({ amount, currency: 'EUR' });
  const samples: EmailData[] = [
    { kind: 'welcome', ...common, available: 100, earn: { points: 1, per: money(1000) } },
    { kind: 'statement', ...common, month: APR, available: 1, pending: 23, value: money(100), nextExpiry: { points: 1, expiresAt: MAY } },
    { kind: 'expiry_reminder', ...common, points: 120, expiresAt: MAY, value: money(12000) },
    { kind: 'newsletter', ...common, month: APR, promotions: [promo('Pots', APR, MAY), promo('Pans', APR + days(3), JUN)] },
    {
      kind: 'statement',
      ...common,
      month: APR,
      available: 300,
      pending: 0,
      value: money(300),
      nextExpiry: null,
      rewards: { affordable: [{ kind: 'fixed', value: money(500) }, { kind: 'free_shipping' }, { kind: 'named', name: 'Fern' }], more: 1 },
      tier: { name: 'Silver', benefits: { earnMultiplier: 1.5, freeShipping: true, earlyAccess: true, exclusiveAccess: true, gift: 'a fern' }, next: { name: 'Gold', by: JUN, points: 20 } },
    },
  ];

  for (const locale of EMAIL_LOCALES) {
    for (const data of samples) {
      it(`${data.kind}${'rewards' in data ? ' with rewards and level' : ''} in ${locale}: filled in, with the unsubscribe link`, () => {
        const email = renderEmail(locale, data);
        for (const part of [email.subject, email.text, email.html]) {
          expect(part, part).not.to.match(/\{\w+\}/);
          expect(part.trim()).not.to.equal('');
        }
        expect(email.text).to.contain(url);
        expect(email.html).to.contain(`<a href="${url}">`);
        expect(email.html).to.contain(`<html lang="${locale}">`);
        if (locale !== 'en') expect(email.text).not.to.equal(renderEmail('en', data).text);
      });
    }
  }

  it('uses the plural forms of each language', () => {
    const reminder = (points: number) => ({ kind: 'expiry_reminder' as const, ...common, points, expiresAt: MAY, value: money(points * 100) });
    expect(renderEmail('en', reminder(1)).subject).to.equal('Your 1 point expires on May 1, 2026');
    expect(renderEmail('ro', reminder(1)).text).to.contain('1 punct ');
    expect(renderEmail('ro', reminder(5)).text).to.contain('5 puncte ');
    expect(renderEmail('ro', reminder(20)).text).to.contain('20 de puncte');
    expect(renderEmail('es', reminder(2)).subject).to.contain('2 puntos caducan');
    expect(renderEmail('zh-CN', reminder(1200)).text).to.contain('1,200 积分');
  });

  it('speaks of one expiring point in the singular all through the reminder', () => {
    const reminder = (points: number, rolling: boolean) => ({ kind: 'expiry_reminder' as const, ...common, points, expiresAt: MAY, value: money(points * 100), rolling });
    expect(renderEmail('en', reminder(1, false)).text).to.contain('Use it on your next order').and.contain('Redeem it for a reward before then');
    expect(renderEmail('es', reminder(1, false)).text).to.contain('Úsalo en tu próximo pedido').and.contain('Canjéalo por una recompensa');
    expect(renderEmail('es', reminder(1, true)).text).to.contain('para conservarlo.');
    expect(renderEmail('ro', reminder(1, false)).text).to.contain('Folosește-l la').and.contain('Schimbă-l pe o recompensă');
    expect(renderEmail('ro', reminder(1, true)).text).to.contain('Îl păstrezi cu orice comandă');
    // and in the plural for more, Romanian's "few" included
    expect(renderEmail('en', reminder(2, false)).text).to.contain('Redeem them for a reward');
    expect(renderEmail('es', reminder(2, true)).text).to.contain('para conservarlos.');
    expect(renderEmail('ro', reminder(5, true)).text).to.contain('Le păstrezi cu orice comandă');
    expect(renderEmail('ro', reminder(20, false)).text).to.contain('20 de puncte').and.contain('Schimbă-le pe o recompensă');
  });

  it('tells a member what saves expiring points: any order under a rolling expiry, only spending them otherwise', () => {
    const reminder = (rolling: boolean) => ({ kind: 'expiry_reminder' as const, ...common, points: 120, expiresAt: MAY, value: money(12_000), rolling });
    expect(renderEmail('en', reminder(true)).text).to.contain('Any order or reward before that date counts.');
    expect(renderEmail('en', reminder(false)).text).to.contain('Redeem them for a reward before then').and.not.contain('Any order');
    expect(renderEmail('es', reminder(false)).text).to.contain('Canjéalos por una recompensa');
    // the outbox says which, from the program's expiry
    const tip = (expiry: { mode: 'fixed' | 'rolling'; months: number }) => {
      const { state } = world({ joinIncentive: { points: 120 }, expiry });
      const outbox = emptyOutbox();
      runOutbox(state, outbox, 'shop', addMonths(T0, 12) - days(14), opts);
      return of(outbox, 'expiry_reminder')[0]!.text;
    };
    expect(tip({ mode: 'rolling', months: 12 })).to.contain('Any order or reward before that date counts.');
    expect(tip({ mode: 'fixed', months: 12 })).to.contain('Redeem them for a reward before then').and.not.contain('Any order');
  });

  it('leaves no space between Chinese words around a Chinese program or promotion name, and keeps it around a Latin one', () => {
    const chinese = { ...common, programName: '绿意会员', memberName: '李明' };
    const [welcome, statement, , newsletter] = samples.map((data) => renderEmail('zh-CN', { ...data, ...chinese }));
    expect(statement!.subject).to.equal('您的绿意会员积分月报（2026年4月）');
    expect(welcome!.text).to.contain('感谢您加入绿意会员。').and.contain('您就能获得 1 积分。订单积分').and.contain('您是绿意会员的会员');
    expect(newsletter!.subject).to.equal('2026年4月在绿意会员赚取额外积分');
    const list = renderEmail('zh-CN', { kind: 'newsletter', ...chinese, month: APR, promotions: [promo('花盆双倍积分', APR, MAY)] });
    expect(list.text).to.contain('• 花盆双倍积分：2 倍积分，2026年4月1日至2026年4月30日');
    expect(renderEmail('zh-CN', samples[1]!).subject).to.equal('您的 Shop Rewards 积分月报（2026年4月）');
  });

  it('formats money and dates for the locale', () => {
    const data = samples[2]!;
    expect(renderEmail('en', data).text).to.contain('€120.00').and.contain('May 1, 2026');
    expect(renderEmail('es', data).text).to.match(/120,00\s€/).and.contain('1 de mayo de 2026');
  });

  it('keeps the subject on one line whatever the program is called (it becomes a mail header)', () => {
    const programName = 'Shop\r\nBcc: everyone@example.com\nRewards';
    for (const locale of EMAIL_LOCALES) {
      for (const data of samples) {
        const { subject } = renderEmail(locale, { ...data, programName });
        expect(subject, `${data.kind} in ${locale}`).not.to.match(/[\r\n]/);
      }
    }
    expect(renderEmail('en', { ...samples[0]!, programName }).subject).to.equal('Welcome to Shop Bcc: everyone@example.com Rewards!');
  });

  it('escapes a member name like <script> in the HTML and keeps it in the text', () => {
    const name = '<script>alert("x")</script> & Co';
    for (const data of samples) {
      const email = renderEmail('en', { ...data, memberName: name });
      expect(email.html).not.to.contain('<script>');
      expect(email.html).to.contain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
      expect(email.text).to.contain(name);
    }
    // Enrolment may refuse such names; records imported or written before that rule still reach here.
    const { state, member: id } = world();
    state.members[id]!.name = '<img src=x onerror=alert(1)>';
    const outbox = emptyOutbox();
    const mine = runOutbox(state, outbox, 'shop', T0, opts).find((e) => e.memberId === id)!;
    expect(mine.html).not.to.contain('<img');
    expect(mine.html).to.contain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('the personal monthly statement', () => {
  const fixed = (id: string, points: number, value: number): Reward => ({ id, name: `${id} coupon`, kind: 'fixed', points, value, validDays: 90 });
  const product = (id: string, name: string, points: number): Reward => ({ id, name, kind: 'product', points, productId: id, value: 2000, validDays: 90 });
  const ship: Reward = { id: 'ship', name: 'Shipping on us', kind: 'free_shipping', points: 50, validDays: 30 };
  const pay: Reward = { id: 'pay', name: 'Pay with points', kind: 'pay_with_points', stepPoints: 1, stepValue: 100, maxShare: 1, validDays: 7 };
  const level = (id: string, name: string, threshold: number, benefits: Partial<TierConfig['levels'][number]['benefits']> = {}) => ({
    id,
    name,
    threshold,
    benefits: { earnMultiplier: 1, freeShipping: false, earlyAccess: false, exclusiveAccess: false, ...benefits },
  });
  const tiers = (names: [string, string, string] = ['Member', 'Silver', 'Gold']): TierConfig => ({
    basis: 'spend',
    period: 'calendar_year',
    graceDays: 0,
    levels: [
      level('member', names[0], 0),
      level('silver', names[1], 10_000, { earnMultiplier: 1.5, freeShipping: true, earlyAccess: true, gift: { description: 'a potted fern' } }),
      level('gold', names[2], 20_000, { earnMultiplier: 2 }),
    ],
  });
  /** Ana's April statement in a program set up with `overrides`, after a `spend` order in March. */
  function april(overrides: Parameters<typeof world>[0], spend = 0, locale = 'en') {
    const { state, member } = world(overrides);
    if (spend) recordOrder(state, 'shop', { orderId: 'march', memberId: member, currency: 'USD', lines: [line('pot', spend)], placedAt: T0 + days(1) });
    const outbox = emptyOutbox();
    // (2 April: within the store's April wherever it is)
    runOutbox(state, outbox, 'shop', APR + days(1), { ...opts, locale: () => locale });
    return of(outbox, 'statement').find((e) => e.memberId === member)!;
  }
  const statement = (extra: Partial<Extract<EmailData, { kind: 'statement' }>>): EmailData => ({
    kind: 'statement',
    programName: 'Shop Rewards',
    memberName: 'Ana',
    unsubscribeUrl: `${SITE}?fidelio-unsubscribe=u_m_1`,
    siteUrl: SITE,
    month: APR,
    available: 10,
    pending: 0,
    value: { amount: 1000, currency: 'USD' },
    nextExpiry: null,
    ...extra,
  });
  /** What a mail client shows of the HTML part, as plain text (bullets as in the text part). */
  const shown = (html: string) =>
    html
      .slice(html.indexOf('<body>\n') + 7, html.lastIndexOf('\n</body>'))
      .split('\n')
      .map((block) => (block.startsWith('<ul>') ? block.replace(/<li>/g, '• ').replace(/<\/li>(?!<\/ul>)/g, '\n') : block.replace(/<br>/g, '\n')).replace(/<[^>]+>/g, ''))
      .join('\n\n')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');

  it('names the rewards the balance buys now, cheapest first and as the widgets name them, at most three and "and N more"', () => {
    const rewards = [fixed('r10', 100, 1000), product('fern', 'Fern in a pot', 150), pay, ship, fixed('r5', 30, 500), product('olive', 'Olive tree', 80), product('big', 'Big planter', 500)];
    const email = april({ rewards, joinIncentive: { points: 200 } });
    // 200 points buy r5 (30), shipping (50), olive (80), r10 (100), fern (150); not the planter; pay with points has no price
    expect(email.text).to.contain('Rewards you can get with your points now:\n\n• $5.00 off your order\n• Free shipping\n• Olive tree\n\nAnd 2 more.');
    expect(email.text).not.to.contain('Pay with points').and.not.contain('Big planter');
    expect(email.html).to.contain('<ul><li>$5.00 off your order</li><li>Free shipping</li><li>Olive tree</li></ul>');
    // three affordable: all named, nothing more to add
    const three = april({ rewards: [ship, fixed('r10', 100, 1000), product('olive', 'Olive tree', 80)], joinIncentive: { points: 100 } });
    expect(three.text).to.contain('• Free shipping\n• Olive tree\n• $10.00 off your order').and.not.contain('And ');
  });

  it('tells a member who cannot afford any reward yet how many points the cheapest one still needs', () => {
    const email = april({ rewards: [product('fern', 'Fern in a pot', 150), fixed('r10', 100, 1000), pay], joinIncentive: { points: 60 } });
    expect(email.text).to.contain('Your next reward: $10.00 off your order (40 points to go).');
    expect(email.text).not.to.contain('Rewards you can get');
    expect(april({ rewards: [fixed('r10', 100, 1000)], joinIncentive: { points: 60 } }, 0, 'es').text).to.match(/Tu próxima recompensa: 10,00\sUS\$ de descuento en tu pedido \(te faltan 40 puntos\)\./);
  });

  it('gives the member’s level, its benefits and what reaches the next level by the end of the store’s year', () => {
    // $130 in March in Los Angeles: Silver, $70 short of Gold; the year ends on 31 December there
    const email = april({ tiers: tiers(), timeZone: 'America/Los_Angeles' }, 13_000);
    expect(email.text).to.contain('Your level: Silver, with 1.5× points, free shipping, early access to sales, and a potted fern. Spend $70.00 more by December 31, 2026 to reach Gold.');
    // at the top there is nothing more to reach
    const top = april({ tiers: tiers() }, 25_000);
    expect(top.text).to.contain('Your level: Gold, with 2× points.').and.not.contain('to reach');
    // a level by points earned counts points
    const byPoints = april({ tiers: { ...tiers(), basis: 'points', levels: [level('member', 'Member', 0), level('silver', 'Silver', 100, { freeShipping: true })] } }, 3_000, 'ro');
    expect(byPoints.text).to.contain('Nivelul tău: Member. Mai câștigă 97 de puncte până pe 31 decembrie 2026 ca să ajungi la Silver.');
  });

  it('has no level paragraph in a program without tiers, and no rewards paragraph without priced rewards', () => {
    const email = april({ rewards: [fixed('r10', 100, 1000)] });
    expect(email.text).to.contain('• $10.00 off your order');
    expect(email.text).not.to.contain('Your level');
    const bare = april({ rewards: [pay] });
    expect(bare.text).not.to.contain('Rewards you can').and.not.to.contain('Your next reward').and.not.to.contain('Your level');
    expect(bare.text).to.contain('Available to spend: 100 points');
  });

  it('uses Romanian plural forms for the points still missing and for more to earn (1, 2, 20 with "de")', () => {
    const next = (missing: number) => renderEmail('ro', statement({ rewards: { next: { kind: 'free_shipping' }, missing } })).text;
    expect(next(1)).to.contain('Următoarea ta recompensă: Livrare gratuită (îți mai lipsește 1 punct).');
    expect(next(2)).to.contain('Următoarea ta recompensă: Livrare gratuită (îți mai lipsesc 2 puncte).');
    expect(next(20)).to.contain('Următoarea ta recompensă: Livrare gratuită (îți mai lipsesc 20 de puncte).');
    const earn = (points: number) =>
      renderEmail('ro', statement({ tier: { name: 'Bronz', benefits: { earnMultiplier: 1, freeShipping: false, earlyAccess: false, exclusiveAccess: false }, next: { name: 'Argint', by: null, points } } })).text;
    expect([earn(1), earn(2), earn(20)].map((t) => t.match(/Mai câștigă [^.]+\./)![0])).to.deep.equal([
      'Mai câștigă 1 punct ca să ajungi la Argint.',
      'Mai câștigă 2 puncte ca să ajungi la Argint.',
      'Mai câștigă 20 de puncte ca să ajungi la Argint.',
    ]);
  });

  it('writes the Chinese statement without stray spaces between Chinese words, names translated', () => {
    const rewards = [product('fern', 'Fern in a pot', 30), ship, fixed('r10', 100, 1000)];
    const translations = { 'zh-CN': { 'Fern in a pot': '盆栽蕨类', Silver: '白银', Gold: '黄金', 'a potted fern': '一盆蕨类' } };
    const email = april({ rewards, tiers: tiers(), translations, joinIncentive: { points: 200 } }, 13_000, 'zh-CN');
    expect(email.text).to.contain('您现在可以用积分兑换：\n\n• 盆栽蕨类\n• 免运费\n• 订单立减 US$10.00');
    expect(email.text).to.contain('您的等级：白银，享有 1.5 倍积分、免运费、抢先参加促销和一盆蕨类。在 2026年12月31日前再消费 US$70.00，即可升级为黄金。');
    const gaps = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef] [\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
    expect(email.text).not.to.match(gaps);
    expect(renderEmail('zh-CN', statement({ rewards: { affordable: [{ kind: 'free_shipping' }], more: 4 } })).text).to.contain('• 免运费\n\n另有 4 项奖励可兑换。').and.not.match(gaps);
  });

  it('escapes a reward or level named like <b>& in the HTML and keeps it in the text', () => {
    const email = april({ rewards: [product('x', '<b>& co', 50)], tiers: tiers(['<b>&', 'Silver', 'Gold']) });
    expect(email.html).not.to.contain('<b>');
    expect(email.html).to.contain('<li>&lt;b&gt;&amp; co</li>').and.contain('Your level: &lt;b&gt;&amp;. Spend');
    expect(email.text).to.contain('• <b>& co').and.contain('Your level: <b>&. Spend $100.00 more by December 31, 2026 to reach Silver.');
  });

  it('says in the HTML part what it says in the text part, in every language', () => {
    const rewards = [product('x', 'Fern "&" <pot>', 50), ship, fixed('r10', 100, 1000), fixed('r20', 150, 2000)];
    for (const locale of EMAIL_LOCALES) {
      const rich = april({ rewards, tiers: tiers(), joinIncentive: { points: 500 } }, 13_000, locale);
      const short = april({ rewards, tiers: tiers(), joinIncentive: { points: 10 } }, 0, locale);
      for (const email of [rich, short]) {
        expect(shown(email.html), `${locale}`).to.equal(email.text);
        expect(email.html).to.contain(escapeHtml(email.text.split('\n\n').find((p) => p.includes('Silver'))!));
      }
      expect(rich.text, locale).to.contain('Fern "&" <pot>');
    }
  });
});

describe('email outbox properties', () => {
  type Cmd =
    | { op: 'enroll'; consent: boolean }
    | { op: 'unsubscribe'; who: number; scope: 'newsletter' | 'all' }
    | { op: 'advance'; days: number }
    | { op: 'run' };
  const cmd: fc.Arbitrary<Cmd> = fc.oneof(
    fc.record({ op: fc.constant('enroll' as const), consent: fc.boolean() }),
    fc.record({ op: fc.constant('unsubscribe' as const), who: fc.nat(20), scope: fc.constantFrom('newsletter' as const, 'all' as const) }),
    fc.record({ op: fc.constant('advance' as const), days: fc.integer({ min: 0, max: 45 }) }),
    fc.constant({ op: 'run' as const }),
  );
  // A promotion every month for two years, so that every month has a newsletter issue.
  const promotions = Array.from({ length: 24 }, (_, i) => promo(`Promo ${i}`, addMonths(Date.UTC(2026, 2, 1), i), addMonths(Date.UTC(2026, 2, 1), i + 1)));

  it('never writes a newsletter to a member without consent, nor anything the member opted out of', () => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 40 }), fc.integer({ min: 0, max: 1_000 }), (cmds, reminderDays) => {
        const state = emptyState();
        addProgram(state, program({ promotions, expiry: { mode: 'fixed', months: 1 }, pendingDays: 0 }));
        const outbox = emptyOutbox();
        // The model: what each member agreed to, kept independently of the engine.
        const model: { id: string; token: string; newsletter: boolean; statement: boolean; all: boolean }[] = [];
        let now = T0;
        const options = { siteUrl: SITE, reminderDays: reminderDays % 40 };
        for (const c of cmds) {
          if (c.op === 'enroll') {
            const m = enrollMember(state, 'shop', { email: `u${model.length}@example.com`, newsletter: c.consent }, now).member;
            model.push({ id: m.id, token: m.unsubscribeToken, newsletter: c.consent, statement: true, all: false });
          } else if (c.op === 'unsubscribe' && model.length) {
            const who = model[c.who % model.length]!;
            unsubscribe(state, 'shop', who.token, c.scope);
            who.newsletter = false;
            if (c.scope === 'all') Object.assign(who, { statement: false, all: true });
          } else if (c.op === 'advance') now += days(c.days);
          else if (c.op === 'run') {
            const before = outbox.emails.length;
            const written = runOutbox(state, outbox, 'shop', now, options);
            expect(outbox.emails.length).to.equal(before + written.length);
            for (const email of written) {
              const who = model.find((m) => m.id === email.memberId)!;
              expect(who.all, `${email.kind} to a member who unsubscribed from all`).to.equal(false);
              if (email.kind === 'newsletter') expect(who.newsletter, 'newsletter without consent').to.equal(true);
              if (email.kind === 'statement') expect(who.statement).to.equal(true);
              expect(email.text).to.contain(email.unsubscribeUrl);
            }
            expect(runOutbox(state, outbox, 'shop', now, options), 'a second run writes nothing').to.deep.equal([]);
          }
        }
        const keys = outbox.emails.map((e) => e.dedupeKey);
        expect(new Set(keys).size).to.equal(keys.length);
      }),
      { numRuns: 150 },
    );
  });
});
