import { localStore } from './local-store.js';

/**
 * What the points badge last showed on this device, kept synchronously readable (localStorage) so
 * the drop-in can paint a returning member's balance before the badge's code, Lit or IndexedDB
 * are ready. It is shown only to the same signed-in customer (the page's token must name the same
 * subject), in the same program and language, and it is removed on sign-out.
 */
export interface BadgeSnapshot {
  program: string;
  subject: string;
  locale: string;
  available: number;
  pending: number;
  /** The formatted balance as the badge wrote it ("1,234 points"). */
  text: string;
}

const KEY = 'fidelio.badge';
/** Marks the element the drop-in adds inside a badge tag that is not defined yet. */
export const PREPAINT_ATTR = 'data-fidelio-prepaint';

/** What this page last read or wrote, so an unchanged balance is not written again. */
let written = '';

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** What the badge last showed; null when nothing (valid) is kept. */
export function readBadgeSnapshot(): BadgeSnapshot | null {
  try {
    const raw = localStore()?.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<BadgeSnapshot> | null;
    // Anything else in that slot (an older shape, a hand edit) is ignored, never shown.
    if (!s || typeof s.program !== 'string' || typeof s.subject !== 'string' || typeof s.locale !== 'string') return null;
    if (!isCount(s.available) || !isCount(s.pending) || typeof s.text !== 'string' || !s.text || s.text.length > 80) return null;
    written = raw;
    return { program: s.program, subject: s.subject, locale: s.locale, available: s.available, pending: s.pending, text: s.text };
  } catch {
    return null;
  }
}

/** Remembers what the badge shows (null forgets it); writes only when it changed. */
export function writeBadgeSnapshot(snapshot: BadgeSnapshot | null): void {
  const value = snapshot ? JSON.stringify(snapshot) : '';
  if (snapshot && value === written) return;
  try {
    const store = localStore();
    if (!store) return;
    if (value) store.setItem(KEY, value);
    else store.removeItem(KEY);
    written = value;
  } catch {
    // quota or a disabled store: the badge simply paints after its code has loaded
  }
}

const painted = new WeakMap<Element, BadgeSnapshot>();

/**
 * Paints `snapshot` inside a badge tag whose code has not run yet: a pill like the badge's own, in
 * the box the drop-in reserved for the tag (see core/footprint), so the later upgrade moves nothing.
 */
function prepaintBadge(badge: Element, snapshot: BadgeSnapshot): void {
  if (painted.has(badge)) return;
  const doc = badge.ownerDocument;
  const pill = doc.createElement('span');
  pill.setAttribute(PREPAINT_ATTR, '');
  const icon = doc.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = '★';
  const text = doc.createElement('span');
  // lets the page's own monitoring (and our bench) see exactly when the balance was painted
  text.setAttribute('elementtiming', 'fidelio-badge-balance');
  text.textContent = snapshot.text;
  pill.append(icon, text);
  badge.append(pill);
  painted.set(badge, snapshot);
  badge.dispatchEvent(
    new CustomEvent('fidelio-balance-change', { bubbles: true, composed: true, detail: { available: snapshot.available, pending: snapshot.pending, cached: true } }),
  );
}

const BADGE = 'fidelio-points-badge';

/**
 * Paints the device's snapshot in every badge tag of `doc` whose code has not run yet, if it is
 * `who`'s (same program, signed-in customer and language). Returns how many badges it painted.
 */
export function prepaintBadges(doc: Document, who: { program: string | undefined; subject: string; locale: string }): number {
  const badges = doc.getElementsByTagName(BADGE);
  if (!badges.length || customElements.get(BADGE)) return 0;
  const snapshot = readBadgeSnapshot();
  if (!snapshot || snapshot.program !== who.program || snapshot.subject !== who.subject || snapshot.locale !== who.locale) return 0;
  for (const badge of badges) prepaintBadge(badge, snapshot);
  return badges.length;
}

/** For the badge when it upgrades: what the early paint in it showed, if any (it stays in place). */
export function prepaintOf(badge: Element): BadgeSnapshot | null {
  return painted.get(badge) ?? null;
}

/** For the badge's first render, which replaces it: removes the early paint. */
export function removePrepaint(badge: Element): void {
  painted.delete(badge);
  for (const child of [...badge.children]) if (child.hasAttribute(PREPAINT_ATTR)) child.remove();
}
