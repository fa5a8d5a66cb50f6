/**
 * A link that came from the server, made safe to put in an `href` (or to hand to a share sheet):
 * an `https:` address, or an address on the page's own origin (a relative path, or a store still in
 * development on http://localhost), in its normalized form. Anything else — `javascript:`, `data:`,
 * `vbscript:`, `blob:`, a plain-http address elsewhere, something that does not parse — gives null,
 * and the caller shows no link (or its own fallback).
 */
export function safeHref(url: unknown, base: string | undefined = globalThis.location?.href): string | null {
  if (typeof url !== 'string' || !url.trim()) return null;
  let parsed: URL;
  try {
    // The URL parser drops the tabs and newlines that hide a scheme ("java\tscript:"), so the
    // protocol checked here is the one a browser would use.
    parsed = new URL(url, base);
  } catch {
    return null;
  }
  if (parsed.protocol === 'https:') return parsed.href;
  if (parsed.protocol === 'http:' && base !== undefined && parsed.origin === originOf(base)) return parsed.href;
  return null;
}

function originOf(base: string): string | null {
  try {
    return new URL(base).origin;
  } catch {
    return null;
  }
}
