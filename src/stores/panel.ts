import { map, onMount } from 'nanostores';
import { FidelioError, toFidelioError } from '../core/errors.js';
import type { ActivityEntry, Birthday, BirthdayChange, DeletionRequest, MemberExport, MembershipRequest, PointBatch, Preferences, RedemptionItem } from '../contract/types.js';
import type { LoyaltyBackend } from '../backend/types.js';
import { $member, refreshMember } from './member.js';
import { $backend, subjectOf, warnConfig } from './runtime.js';
import { $session } from './session.js';
import { $locale, catalogLoading } from '../i18n/locale-store.js';

/** One independently loaded part of the member panel. */
export type Section<T> = { status: 'idle' | 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: FidelioError };

export interface History {
  items: ActivityEntry[];
  /** Cursor of the next page, or null when everything is loaded. */
  next: string | null;
  /** A "Show more" request is out. */
  more: boolean;
  /** The last "Show more" failed (the rows already loaded stay). */
  moreError?: FidelioError;
}

export interface PanelState {
  batches: Section<PointBatch[]>;
  redemptions: Section<RedemptionItem[]>;
  preferences: Section<Preferences>;
  history: Section<History>;
  deletion: DeletionRequest | null;
}

export type SectionName = 'batches' | 'redemptions' | 'preferences' | 'history';

/** Rows per history page: the panel renders only the pages asked for, however long the history. */
export const HISTORY_PAGE = 20;

const idle = (): PanelState => ({ batches: { status: 'idle' }, redemptions: { status: 'idle' }, preferences: { status: 'idle' }, history: { status: 'idle' }, deletion: null });

/**
 * What the member panel shows beyond `$member` and `$program`. Each section loads on its own, so a
 * failed one shows its error (and a retry) while the others stay.
 */
export const $panel = map<PanelState>(idle());

const tickets: Partial<Record<SectionName, number>> = {};

function backendOrFail(): LoyaltyBackend {
  const backend = $backend.get();
  if (!backend) {
    warnConfig();
    throw new FidelioError('config', 'not configured');
  }
  return backend;
}

/** A refused token means the session is over: the member store signs out and the panel follows. */
function fail(error: FidelioError): FidelioError {
  if (error.code === 'unauthorized') void refreshMember();
  return error;
}

/**
 * The consents to send, with the page's language for the member's emails when the server keeps one
 * (its answer has `locale`); a server that does not is sent nothing it would not know.
 */
const inPageLanguage = (preferences: Preferences): Preferences => (preferences.locale === undefined ? preferences : { ...preferences, locale: $locale.get() });

const loaders: { [K in SectionName]: (backend: LoyaltyBackend) => Promise<PanelState[K] extends Section<infer T> ? T : never> } = {
  batches: (b) => b.getBatches(),
  redemptions: (b) => b.listRedemptions(),
  preferences: async (b) => {
    const preferences = await b.getPreferences();
    // (the page's language is settled once its words are in)
    await catalogLoading()?.catch(() => undefined);
    if (preferences.locale === undefined || preferences.locale === $locale.get()) return preferences;
    // The panel opens in another language than the member's emails: they follow it (best effort:
    // the consents show either way).
    return b.updatePreferences(inPageLanguage(preferences)).catch(() => preferences);
  },
  history: async (b) => {
    const page = await b.getActivity(null, HISTORY_PAGE);
    return { items: page.items, next: page.nextCursor, more: false };
  },
};

/** (Re)loads one section; a newer load of the same section wins over an older one. */
export async function loadSection(name: SectionName): Promise<void> {
  const mine = (tickets[name] = (tickets[name] ?? 0) + 1);
  const current = $panel.get()[name];
  // A reload keeps what is shown (no flash); only a first load shows the loading state.
  if (current.status !== 'ready') $panel.setKey(name, { status: 'loading' });
  try {
    const data = await loaders[name](backendOrFail());
    if (mine === tickets[name]) $panel.setKey(name, { status: 'ready', data } as PanelState[typeof name]);
  } catch (caught) {
    if (mine === tickets[name]) $panel.setKey(name, { status: 'error', error: fail(toFidelioError(caught)) });
  }
}

export function loadPanel(): Promise<void[]> {
  return Promise.all((['batches', 'redemptions', 'preferences', 'history'] as const).map(loadSection));
}

/** Appends the next page of history; one request at a time. */
export async function loadMoreHistory(): Promise<void> {
  const state = $panel.get().history;
  if (state.status !== 'ready' || !state.data.next || state.data.more) return;
  const mine = tickets.history;
  $panel.setKey('history', { status: 'ready', data: { ...state.data, more: true, moreError: undefined } });
  try {
    const page = await backendOrFail().getActivity(state.data.next, HISTORY_PAGE);
    if (mine !== tickets.history) return;
    $panel.setKey('history', { status: 'ready', data: { items: [...state.data.items, ...page.items], next: page.nextCursor, more: false } });
  } catch (caught) {
    if (mine !== tickets.history) return;
    $panel.setKey('history', { status: 'ready', data: { ...state.data, more: false, moreError: fail(toFidelioError(caught)) } });
  }
}

/**
 * Saves the email consents at once (with the page's language for the emails, where the server keeps
 * one); on failure the previous choice is shown again and the error thrown.
 */
export async function savePreferences(preferences: Preferences): Promise<Preferences> {
  const before = $panel.get().preferences;
  $panel.setKey('preferences', { status: 'ready', data: preferences });
  try {
    const saved = await backendOrFail().updatePreferences(inPageLanguage(preferences));
    $panel.setKey('preferences', { status: 'ready', data: saved });
    return saved;
  } catch (caught) {
    $panel.setKey('preferences', before);
    throw fail(toFidelioError(caught));
  }
}

/** Runs a member write, then asks for the member again so every widget shows the result. */
async function write<T>(run: (backend: LoyaltyBackend) => Promise<T>): Promise<T> {
  try {
    const result = await run(backendOrFail());
    void refreshMember();
    return result;
  } catch (caught) {
    throw fail(toFidelioError(caught));
  }
}

export const saveName = (name: string) => write((b) => b.updateMe({ name: name.trim() || null }));

/** A change too soon after the last one rejects `validation` with `params.nextChangeOn`. */
export const saveBirthday = (birthday: Birthday): Promise<BirthdayChange> => write((b) => b.changeBirthday(birthday));

export const startMembership = (request: MembershipRequest) => write((b) => b.startMembership(request));

export const cancelMembership = () => write((b) => b.cancelMembership());

export async function exportMyData(): Promise<MemberExport> {
  try {
    return await backendOrFail().exportMyData();
  } catch (caught) {
    throw fail(toFidelioError(caught));
  }
}

export async function requestDeletion(): Promise<DeletionRequest> {
  const request = await write((b) => b.requestDeletion());
  $panel.setKey('deletion', request);
  return request;
}

onMount($panel, () => {
  let identity: string | null | undefined;
  const offSession = $session.subscribe((session) => {
    const next = subjectOf(session);
    if (next === identity) return;
    identity = next;
    for (const name of Object.keys(tickets) as SectionName[]) tickets[name]! += 1;
    $panel.set(idle());
    if (next) void loadPanel();
  });
  // What the member's answer says changed (an order, a redemption here or at checkout, a
  // give-back, points becoming available or expiring as time passes, a refresh the host asked for)
  // changes the batches, the coupons and the history: they load again (the history's newest page,
  // with the new line on top). Only the balance used to follow, beside stale dates and lists.
  let seen: string | null = null;
  const offMember = $member.subscribe((state) => {
    const now = state.status === 'ready' ? `${subjectOf($session.get())}|${JSON.stringify(state.member)}` : null;
    if (now === null || now === seen) return;
    const first = seen === null || !seen.startsWith(`${subjectOf($session.get())}|`);
    seen = now;
    if (first) return;
    void loadSection('redemptions');
    void loadSection('batches');
    void loadSection('history');
  });
  return () => {
    offSession();
    offMember();
    for (const name of Object.keys(tickets) as SectionName[]) tickets[name]! += 1;
    $panel.set(idle());
  };
});
