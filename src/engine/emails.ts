import { localDate, localStart } from './calendar.js';
/**
 * The email outbox: an idempotent scheduler that writes the program's emails into a JSON slice of
 * the engine state. It never sends anything itself (no fetch); a delivery worker reads
 * `outbox.emails`, and should re-check `shouldDeliver` just before sending.
 *
 * Who gets what (the policy):
 * - `welcome` (account): once per member, on the first run after joining, if they joined at most
 *   WELCOME_WINDOW_DAYS ago (turning the outbox on for an old program does not greet everyone).
 * - `statement` (account): on/after the 1st of each month on the store's calendar (`timeZone`,
 *   UTC when unset), with the balance as of midnight that day, to members who joined before it and
 *   keep `statement` on (default on). It is the member's own: the rewards that balance buys now
 *   (or how far the cheapest one is) and, in a program with tiers, their level, its benefits and
 *   what reaches the next one, all as of that midnight.
 *   Only the current month is ever considered: a run after skipped months writes one statement.
 * - `expiry_reminder` (account): `reminderDays` (default 14) before a date on which available
 *   points expire, one per member per expiry date (batches expiring the same day on the store's
 *   calendar are one email), to members who keep `statement` on: the member's one choice is
 *   "monthly points statement and expiry reminders" (the panel's words and the contract's), so
 *   turning it off stops both.
 * - `newsletter` (marketing): one "issue" per month, due on the 1st, listing the promotions that
 *   run during that month and have not ended yet; no promotion → no issue. Only to members who
 *   gave newsletter consent (`newsletter === true`, off unless given), have not opted out of all
 *   email, and joined before the issue date. Consent is read at the moment the email is written.
 * - Nothing at all goes to a member with `emailOptOut`. Every email carries an unsubscribe link
 *   from what it is: a newsletter's from the newsletter, the others' from statements and reminders.
 */
import { DAY_MS } from '../core/clock.js';
import { EngineError } from './errors.js';
import { member as getMember, program as getProgram } from './members.js';
import { matchLocale } from '../core/locale.js';
import { replay, summarize } from './points.js';
import { merchantText } from '../i18n/merchant-text.js';
import type { Reward } from './program.js';
import { memberLedger, type EngineState, type MemberRecord } from './state.js';
import { tierAt, type TierConfig } from './tiers.js';
import { emailLocale, renderEmail, type EmailData, type EmailLocale, type PromotionLine, type RewardName, type StatementRewards, type StatementTier } from './email-templates.js';

export type EmailKind = 'welcome' | 'statement' | 'expiry_reminder' | 'newsletter';
/** Kinds that need explicit consent (and stop with a newsletter unsubscribe). */
export const MARKETING_KINDS: readonly EmailKind[] = ['newsletter'];

export interface OutboxEmail {
  /** `em:` + dedupeKey: unique because dedupe keys are. */
  id: string;
  kind: EmailKind;
  to: string;
  memberId: string;
  programId: string;
  locale: EmailLocale;
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl: string;
  /** When it was written (the `at` of the run). */
  at: number;
  dedupeKey: string;
}

/** The outbox slice of the engine state (plain JSON). `sent` holds the dedupe keys already written. */
export interface OutboxState {
  emails: OutboxEmail[];
  sent: Record<string, true>;
}

export function emptyOutbox(): OutboxState {
  return { emails: [], sent: {} };
}

/** MemberRecord plus the "no email at all" flag (optional until the lead adds it to MemberRecord). */
type Mailable = MemberRecord & { emailOptOut?: boolean };

export interface OutboxOptions {
  /** The shop's page that handles `?fidelio-unsubscribe=<token>`. */
  siteUrl: string;
  /** Days before an expiry date that the reminder is due (default 14). */
  reminderDays?: number;
  /** The member's language (any BCP 47 tag; unsupported → en). Default: the member's own (joined with, or set since by `setEmailLocale`), else 'en'. */
  locale?: (member: MemberRecord) => string | undefined;
}

export const WELCOME_WINDOW_DAYS = 7;
export const DEFAULT_REMINDER_DAYS = 14;

// (the store's months and days: a statement's month begins at midnight on the store's clock)
const monthStart = (at: number, zone: string | undefined, plus = 0) => {
  const d = localDate(at, zone);
  return localStart(d.year, d.month + plus, 1, zone);
};
const two = (n: number) => String(n).padStart(2, '0');
const monthKey = (at: number, zone: string | undefined) => {
  const d = localDate(at, zone);
  return `${d.year}-${two(d.month + 1)}`;
};
const dayKey = (at: number, zone: string | undefined) => {
  const d = localDate(at, zone);
  return `${d.year}-${two(d.month + 1)}-${two(d.day)}`;
};

/**
 * `${siteUrl}?fidelio-unsubscribe=${token}` (or `&…` when the URL already has a query; before any #),
 * plus `&fidelio-unsubscribe-from=statement` for the account emails' link, which turns off
 * statements and reminders rather than the newsletter.
 */
export function unsubscribeUrl(siteUrl: string, token: string, from: 'newsletter' | 'statement' = 'newsletter'): string {
  const hash = siteUrl.indexOf('#');
  const base = hash >= 0 ? siteUrl.slice(0, hash) : siteUrl;
  const fragment = hash >= 0 ? siteUrl.slice(hash) : '';
  const scope = from === 'statement' ? '&fidelio-unsubscribe-from=statement' : '';
  return `${base}${base.includes('?') ? '&' : '?'}fidelio-unsubscribe=${encodeURIComponent(token)}${scope}${fragment}`;
}

/** Whether the member still wants this kind of email now (the rule the scheduler applies). */
export function wantsEmail(member: MemberRecord, kind: EmailKind): boolean {
  const m = member as Mailable;
  if (m.emailOptOut === true) return false;
  if (kind === 'newsletter') return m.newsletter === true;
  if (kind === 'statement' || kind === 'expiry_reminder') return m.statement !== false;
  return true;
}

/**
 * For the delivery worker: is a written email still wanted? An unsubscribe takes effect at once,
 * even for emails written before it and not yet delivered.
 */
export function shouldDeliver(state: EngineState, email: OutboxEmail): boolean {
  const m = state.members[email.memberId];
  return !!m && m.email === email.to && wantsEmail(m, email.kind);
}

/**
 * Promotions of the issue for the month starting at `issue`: running during the month and not over
 * at `at`, and giving extra points (a 1× promotion earns what any order does; the checkout does not
 * show it either).
 */
function issuePromotions(promotions: readonly PromotionLine[], issue: number, at: number, zone: string | undefined): PromotionLine[] {
  const end = monthStart(issue, zone, 1);
  return promotions
    .filter((p) => p.multiplier > 1 && p.startsAt < end && p.endsAt > issue && p.endsAt > at)
    .map((p) => ({ name: p.name, multiplier: p.multiplier, startsAt: p.startsAt, endsAt: p.endsAt }))
    .sort((a, b) => a.startsAt - b.startsAt || a.name.localeCompare(b.name));
}

/** How many rewards a statement names; the rest are "and N more". */
const STATEMENT_REWARDS = 3;

/**
 * What `available` points buy now: up to STATEMENT_REWARDS catalog rewards, cheapest first (the
 * catalog's order between equals), and how many more; when none, the cheapest and the points still
 * missing. "Pay with points" is left out: it has no price (any step of points pays at checkout), and
 * the statement already says what the points are worth. Undefined when the catalog has nothing else.
 */
function statementRewards(rewards: readonly Reward[], available: number, currency: string, own: (text: string) => string): StatementRewards | undefined {
  type Priced = Exclude<Reward, { kind: 'pay_with_points' }>;
  const priced = rewards.filter((r): r is Priced => r.kind !== 'pay_with_points');
  const byCost = priced.map((r, i) => ({ r, i })).sort((a, b) => a.r.points - b.r.points || a.i - b.i).map(({ r }) => r);
  // (the widgets' names: a discount by its value, free shipping by what it is, others by the program's name)
  const name = (r: Priced): RewardName => {
    if (r.kind === 'fixed' && r.value > 0) return { kind: 'fixed', value: { amount: r.value, currency } };
    return r.kind === 'free_shipping' ? { kind: 'free_shipping' } : { kind: 'named', name: own(r.name) };
  };
  const affordable = byCost.filter((r) => r.points <= available);
  if (affordable.length) return { affordable: affordable.slice(0, STATEMENT_REWARDS).map(name), more: Math.max(0, affordable.length - STATEMENT_REWARDS) };
  const cheapest = byCost[0];
  return cheapest ? { next: name(cheapest), missing: cheapest.points - available } : undefined;
}

/**
 * The member's level at `at` for the statement: its name and benefits (the merchant's words in the
 * member's language) and what is still missing for the next level by the end of the period, from
 * the engine's tier rules on the store's calendar. Undefined for a program without tiers.
 */
function statementTier(state: EngineState, programId: string, memberId: string, at: number, tiers: TierConfig | undefined, currency: string, own: (text: string) => string): StatementTier | undefined {
  if (!tiers?.levels.length) return undefined;
  const { level, progress } = tierAt(state, programId, memberId, at, tiers);
  const { earnMultiplier, freeShipping, earlyAccess, exclusiveAccess, gift } = level.benefits;
  const up = progress.next;
  return {
    name: own(level.name),
    benefits: { earnMultiplier, freeShipping, earlyAccess, exclusiveAccess, ...(gift ? { gift: own(gift.description) } : {}) },
    next: up
      ? { name: own(up.name), by: progress.periodEndsOn, ...(tiers.basis === 'spend' ? { spend: { amount: progress.missing, currency } } : { points: progress.missing }) }
      : null,
  };
}

/**
 * Writes every email due at `at` that was not written before, and returns the new ones. Idempotent:
 * a second run at the same time (or any time in the same period) writes nothing new.
 */
export function runOutbox(state: EngineState, outbox: OutboxState, programId: string, at: number, options: OutboxOptions): OutboxEmail[] {
  const rules = getProgram(state, programId);
  if (typeof options?.siteUrl !== 'string' || !options.siteUrl.trim()) {
    throw new EngineError('validation', 422, 'siteUrl is required for the unsubscribe link', { field: 'siteUrl' });
  }
  const reminderDays = options.reminderDays ?? DEFAULT_REMINDER_DAYS;
  if (!Number.isFinite(reminderDays) || reminderDays < 0) throw new EngineError('validation', 422, 'reminderDays must be ≥ 0', { field: 'reminderDays' });

  const zone = rules.timeZone;
  const issue = monthStart(at, zone);
  const month = monthKey(at, zone);
  const promotions = issuePromotions(rules.promotions ?? [], issue, at, zone);
  const value = (points: number) => ({ amount: points * rules.pointValue.amount, currency: rules.pointValue.currency });
  const written: OutboxEmail[] = [];

  for (const member of Object.values(state.members)) {
    if (member.programId !== programId || member.joinedAt > at) continue;
    if (!wantsEmail(member, 'welcome')) continue; // opted out of all
    const locale = emailLocale(options.locale ? options.locale(member) : member.locale);
    // the merchant's own names in the member's language, where the program translates them
    const own = (text: string) => merchantText(rules.translations, locale, text);
    const common = { programName: own(rules.name), memberName: member.name, siteUrl: options.siteUrl, ...(zone ? { timeZone: zone } : {}) };
    const entries = memberLedger(state, member.id);
    const write = (kind: EmailKind, dedupeKey: string, data: (link: { unsubscribeUrl: string }) => EmailData) => {
      if (outbox.sent[dedupeKey] || !wantsEmail(member, kind)) return;
      // (a newsletter's link leaves the newsletter; an account email's, statements and reminders)
      const url = unsubscribeUrl(options.siteUrl, member.unsubscribeToken, MARKETING_KINDS.includes(kind) ? 'newsletter' : 'statement');
      const { subject, text, html } = renderEmail(locale, data({ unsubscribeUrl: url }));
      const email: OutboxEmail = { id: `em:${dedupeKey}`, kind, to: member.email, memberId: member.id, programId, locale, subject, text, html, unsubscribeUrl: url, at, dedupeKey };
      outbox.emails.push(email);
      outbox.sent[dedupeKey] = true;
      written.push(email);
    };

    if (at - member.joinedAt <= WELCOME_WINDOW_DAYS * DAY_MS) {
      write('welcome', `welcome:${member.id}`, (link) => ({
        kind: 'welcome',
        ...common,
        ...link,
        available: summarize(replay(entries, rules, at)).available,
        earn: { points: rules.earn.points, per: { amount: rules.earn.perMinor, currency: rules.currency } },
      }));
    }

    if (member.joinedAt < issue) {
      write('statement', `statement:${member.id}:${month}`, (link) => {
        const s = summarize(replay(entries, rules, issue));
        const rewards = statementRewards(rules.rewards, s.available, rules.currency, own);
        const tier = statementTier(state, programId, member.id, issue, rules.tiers, rules.currency, own);
        return { kind: 'statement', ...common, ...link, month: issue, available: s.available, pending: s.pending, value: value(s.available), nextExpiry: s.nextExpiry, ...(rewards ? { rewards } : {}), ...(tier ? { tier } : {}) };
      });
    }

    // Available points expiring within the reminder window, one email per day on the store's calendar.
    const now = replay(entries, rules, at);
    const expiring = new Map<string, { points: number; expiresAt: number }>();
    for (const b of now.batches) {
      if (b.status !== 'available' || b.remaining <= 0 || b.expiresAt === null) continue;
      if (b.expiresAt <= at || b.expiresAt - reminderDays * DAY_MS > at) continue;
      const day = dayKey(b.expiresAt, zone);
      const group = expiring.get(day);
      if (group) {
        group.points += b.remaining;
        group.expiresAt = Math.min(group.expiresAt, b.expiresAt);
      } else expiring.set(day, { points: b.remaining, expiresAt: b.expiresAt });
    }
    for (const [day, group] of [...expiring].sort((a, b) => a[1].expiresAt - b[1].expiresAt)) {
      write('expiry_reminder', `expiry:${member.id}:${day}`, (link) => ({ kind: 'expiry_reminder', ...common, ...link, points: group.points, expiresAt: group.expiresAt, value: value(group.points), rolling: rules.expiry.mode === 'rolling' }));
    }

    if (promotions.length > 0 && member.joinedAt < issue) {
      write('newsletter', `newsletter:${member.id}:${month}`, (link) => ({ kind: 'newsletter', ...common, ...link, month: issue, promotions: promotions.map((p) => ({ ...p, name: own(p.name) })) }));
    }
  }
  return written;
}

/**
 * The language of the member's emails from now on, for a member who uses the store in another one
 * than they joined in: any BCP 47 tag, mapped as at enrollment (one the SDK does not speak means
 * English). Emails already written keep theirs. Returns the email language.
 */
export function setEmailLocale(state: EngineState, programId: string, memberId: string, tag: unknown): EmailLocale {
  const m = getMember(state, programId, memberId);
  const locale = matchLocale(tag);
  if (locale) m.locale = locale;
  else delete m.locale;
  return emailLocale(m.locale);
}

/** `ana@example.com` → `a***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** The member an email's unsubscribe link names (404 `not_found` for a link that names no one). */
export function memberByUnsubscribeToken(state: EngineState, programId: string, token: unknown): MemberRecord {
  const member = typeof token === 'string' && token ? Object.values(state.members).find((m) => m.programId === programId && m.unsubscribeToken === token) : undefined;
  if (!member) throw new EngineError('not_found', 404, 'unknown unsubscribe link', {});
  return member;
}

/**
 * Follows an unsubscribe link. `newsletter`: no more newsletters. `all`: no more email of any kind
 * (newsletter and statement off, and `emailOptOut` set, which also stops the welcome).
 * Takes effect at once (the scheduler and `shouldDeliver` read the member). Returns the masked email.
 */
export function unsubscribe(state: EngineState, programId: string, token: string, scope: 'newsletter' | 'all'): string {
  getProgram(state, programId);
  if (scope !== 'newsletter' && scope !== 'all') throw new EngineError('validation', 422, 'scope must be newsletter or all', { field: 'scope' });
  const member = memberByUnsubscribeToken(state, programId, token) as Mailable;
  member.newsletter = false;
  if (scope === 'all') {
    member.statement = false;
    member.emailOptOut = true;
  }
  return maskEmail(member.email);
}
