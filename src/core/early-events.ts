/**
 * Host events that arrived before the widget answering them was defined. The drop-in listens for
 * them while a widget's code loads at idle time and notes them here; the widget takes its note when
 * it connects, so a shopper who adds to the cart in the first second, or presses the badge before
 * the launcher is there, is answered like one who does it later.
 */
export interface EarlyEvent {
  type: string;
  /** Where it started (the badge pressed, say): `composedPath()` is empty once the event is over. */
  origin: EventTarget | null;
  /** A custom event's detail (the trigger, for the signup popup's due note). */
  detail?: unknown;
}

const noted = new Map<string, EarlyEvent>();

export function noteEarlyEvent(event: Event): void {
  noted.set(event.type, { type: event.type, origin: event.composedPath()[0] ?? null, detail: (event as CustomEvent).detail });
}

/** The latest event of that type noted before, once; null when there was none. */
export function takeEarlyEvent(type: string): EarlyEvent | null {
  const early = noted.get(type) ?? null;
  noted.delete(type);
  return early;
}
