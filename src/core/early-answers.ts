/**
 * Reads of the REST contract asked for while the drop-in starts, before the chunk with the backend
 * client has arrived. On a signed-in page a badge's balance used to wait for the badge's code (one
 * round trip), then for opening IndexedDB, then for its own request (another round trip); asked
 * here, the answer travels while the code does. The REST backend takes an early answer for the same
 * GET with the same token, once; anything else (another token, an old answer, a custom backend)
 * asks the server as before.
 */

/** What every call of the contract accepts: its JSON, or an RFC 9457 problem. */
export const CONTRACT_ACCEPT = 'application/json, application/problem+json';

/** The address of one call of the contract: `path` is relative to `/v1/programs/{programId}`. */
export const contractUrl = (api: string, programId: string, path: string): string => `${api}/v1/programs/${encodeURIComponent(programId)}${path}`;

interface EarlyAnswer {
  token: string | null;
  at: number;
  /** The response, or the reason there is none (a network failure, the timeout). */
  answer: Promise<Response | Error>;
}

const early = new Map<string, EarlyAnswer>();

/** An early answer is used only this soon after it was asked for: after that the server is asked again. */
export const EARLY_FRESH_MS = 10_000;

/** Asks for `url` now (a GET, with the shopper's token when there is one), unless it is already asked. */
export function askEarly(url: string, token: string | null, timeoutMs: number): void {
  if (early.has(url) || typeof fetch !== 'function') return;
  const headers: Record<string, string> = { Accept: CONTRACT_ACCEPT };
  if (token) headers.Authorization = `Bearer ${token}`;
  // (a timer, not AbortSignal.timeout: once the answer is in, its body must stay readable however
  // long the widget's code takes to arrive)
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const answer = fetch(url, { headers, credentials: 'omit', signal: controller.signal }).then(
      (response) => (clearTimeout(timer), response),
      (caught: unknown) => {
        clearTimeout(timer);
        const error = caught instanceof Error ? caught : new Error(String(caught));
        return timedOut ? Object.assign(new Error('timed out'), { name: 'TimeoutError' }) : error;
      },
    );
    early.set(url, { token, at: performance.now(), answer });
  } catch {
    clearTimeout(timer);
    // no early answer: the widget asks when its code has arrived
  }
}

/** The early answer for a GET of `url` with `token`, once; null when there is none to use. */
export function takeEarly(url: string, token: string | null): Promise<Response | Error> | null {
  const found = early.get(url);
  if (!found) return null;
  early.delete(url);
  return found.token === token && performance.now() - found.at < EARLY_FRESH_MS ? found.answer : null;
}
