/**
 * Host events that arrived before the widget answering them was defined. The drop-in listens for
 * them while a widget's code loads at idle time and notes them here; the widget takes its note when
 * it connects, so a shopper who adds to the cart in the first second is treated like one who adds later.
 */
const noted = new Set<string>();

export function noteEarlyEvent(type: string): void {
  noted.add(type);
}

/** True once for each noted event type. */
export function takeEarlyEvent(type: string): boolean {
  return noted.delete(type);
}
