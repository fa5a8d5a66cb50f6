import type { Member } from '../contract/types.js';

/** What one tab tells the others, keyed by `${program}:${customer}` so shoppers never mix. */
export type SyncMessage = { type: 'member'; key: string; member: Member };

const NAME = 'fidelio';
const STORAGE_KEY = 'fidelio:sync';
let channel: BroadcastChannel | null | undefined;

function open(): BroadcastChannel | null {
  if (channel === undefined) {
    try {
      channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(NAME) : null;
    } catch {
      channel = null;
    }
  }
  return channel;
}

/** Tells the store's other tabs (BroadcastChannel; a localStorage `storage` event where it is missing). */
export function publish(message: SyncMessage): void {
  try {
    const bc = open();
    if (bc) bc.postMessage(message);
    else {
      // The event fires in the other tabs only; the item is removed at once.
      localStorage.setItem(STORAGE_KEY, JSON.stringify(message));
      localStorage.removeItem(STORAGE_KEY);
    }
  } catch {
    // Storage blocked or a closed channel: the other tabs catch up on their next refresh.
  }
}

/** Listens to the other tabs; returns the unsubscribe function. */
export function subscribe(handler: (message: SyncMessage) => void): () => void {
  const accept = (data: unknown) => {
    const m = data as SyncMessage | null;
    if (m && m.type === 'member' && typeof m.key === 'string' && m.member && typeof m.member === 'object') handler(m);
  };
  const bc = open();
  if (bc) {
    const onMessage = (event: MessageEvent) => accept(event.data);
    bc.addEventListener('message', onMessage);
    return () => bc.removeEventListener('message', onMessage);
  }
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY || !event.newValue) return;
    try {
      accept(JSON.parse(event.newValue));
    } catch {
      // Not ours, or garbled: ignore.
    }
  };
  globalThis.addEventListener?.('storage', onStorage);
  return () => globalThis.removeEventListener?.('storage', onStorage);
}

/** Tests: forget the channel so a stubbed BroadcastChannel is picked up. */
export function resetSync(): void {
  channel?.close();
  channel = undefined;
}
