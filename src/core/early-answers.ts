/**
 * How a call of the REST contract is fetched (its headers, its time limit), for the REST backend
 * and for the reads asked for while the drop-in starts, before the chunk with the backend
 * client has arrived. On a signed-in page a badge's balance used to wait for the badge's code (one
 * round trip), then for opening IndexedDB, then for its own request (another round trip); asked
 * here, the answer travels while the code does. The REST backend takes an early answer for the same
 * GET with the same token, once; anything else (another token, an old answer, a custom backend)
 * asks the server as before.
 */

/** What every call of the contract accepts: its JSON, or an RFC 9457 problem. */
const CONTRACT_ACCEPT = 'application/json, application/problem+json';

/** The address of one call of the contract: `path` is relative to `/v1/programs/{programId}`. */
export const contractUrl = (api: string, programId: string, path: string): string => `${api}/v1/programs/${encodeURIComponent(programId)}${path}`;

/** The headers of a call of the contract: what it accepts and, signed in, the shopper's token. */
export function contractHeaders(token: string | null): Record<string, string> {
  const headers: Record<string, string> = { Accept: CONTRACT_ACCEPT };
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

/**
 * `fetch` with a time limit on the answer (its headers), not on reading its body: an answer that
 * is in stays readable however long its reader takes to come. Past the limit it rejects with an
 * error named `TimeoutError`; a network failure rejects as `fetch` does.
 *
 * Credentials as the page's own requests have them (`same-origin`): an API on the store's origin is
 * then reached over the page's open connection, where a request without them (`omit`) needed a
 * connection of its own, set up before its first request (DNS, TCP, TLS). Another origin gets no
 * cookies either way; the shopper is the `Authorization` header's token.
 */
export async function fetchWithin(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return await fetch(url, { ...init, credentials: 'same-origin', signal: controller.signal });
  } catch (caught) {
    throw timedOut ? Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' }) : caught;
  } finally {
    clearTimeout(timer);
  }
}

interface EarlyAnswer {
  token: string | null;
  at: number;
  answer: Promise<Response>;
}

const early = new Map<string, EarlyAnswer>();

/** An early answer is used only this soon after it was asked for: after that the server is asked again. */
export const EARLY_FRESH_MS = 10_000;

/** Asks for `url` now (a GET, with the shopper's token when there is one), unless it is already asked. */
export function askEarly(url: string, token: string | null, timeoutMs: number): void {
  if (early.has(url) || typeof fetch !== 'function') return;
  const answer = fetchWithin(url, { headers: contractHeaders(token) }, timeoutMs);
  // a failure is the taker's to report; one nobody takes is nobody's
  answer.catch(() => undefined);
  early.set(url, { token, at: performance.now(), answer });
}

/** The early answer for a GET of `url` with `token`, once; null when there is none to use. */
export function takeEarly(url: string, token: string | null): Promise<Response> | null {
  const found = early.get(url);
  if (!found) return null;
  early.delete(url);
  return found.token === token && performance.now() - found.at < EARLY_FRESH_MS ? found.answer : null;
}
