import { newId } from '../core/ids.js';
import { toFidelioError } from '../core/errors.js';
import { getStorage } from './runtime.js';

/** Failures after which the same write may still succeed later with the same key. */
const TRANSIENT = new Set(['network', 'timeout', 'unavailable', 'server', 'rate_limited']);

/**
 * Sends a write exactly once from the shopper's point of view: its idempotency key is stored in
 * IndexedDB *before* the first send, so a retry, a reload or another attempt reuses the key and the
 * server deduplicates it. The record is dropped once the server has answered for good; after a
 * transient failure it stays, for the offline replay to send again.
 */
export async function sendOnce<T>(op: string, body: unknown, send: (idempotencyKey: string) => Promise<T>): Promise<T> {
  const storage = await getStorage();
  // Retrying the same write (after a timeout, say) must reuse its key: the first attempt may have
  // reached the server even though its answer did not reach us.
  const fingerprint = JSON.stringify(body);
  const earlier = (await storage.all('pending')).find((w) => w.op === op && JSON.stringify(w.body) === fingerprint);
  const key = earlier?.key ?? newId();
  if (!earlier) await storage.put('pending', key, { key, op, body, createdAt: Date.now() });
  try {
    const result = await send(key);
    await storage.delete('pending', key);
    return result;
  } catch (caught) {
    const error = toFidelioError(caught);
    if (!TRANSIENT.has(error.code)) await storage.delete('pending', key);
    throw error;
  }
}
