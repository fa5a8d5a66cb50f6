/** Warnings go to the console once per key, prefixed so a merchant can filter them. */
const seen = new Set<string>();

export function warnOnce(key: string, message: string): void {
  if (seen.has(key)) return;
  seen.add(key);
  try {
    console.warn(`[fidelio] ${message}`);
  } catch {
    // a host that replaced console with something broken must not break us
  }
}

/** For tests: forget which warnings were already printed. */
export function resetWarnings(): void {
  seen.clear();
}
