import { atom } from 'nanostores';

/**
 * How many launchers are connected with their code running (inside shadow roots too). A member's
 * badge promises a dialog while there is one (or a launcher tag still waiting for its code, which
 * the badge's press wakes), and follows it: a launcher added after the badge rendered, or removed,
 * changes the badge at once, not at its next balance.
 */
export const $launchers = atom(0);
