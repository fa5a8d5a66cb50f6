/** The page's localStorage, or null where the browser blocks it (privacy settings; a sandboxed frame throws on the mere access). */
export function localStore(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
