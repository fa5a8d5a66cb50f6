/** Checks on what a shopper types about themselves; shared by the widgets and the engine. */
export interface Birthday {
  day: number;
  month: number;
  year?: number;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

export function isValidBirthday(b: Birthday): boolean {
  if (!Number.isInteger(b.month) || b.month < 1 || b.month > 12 || !Number.isInteger(b.day) || b.day < 1) return false;
  // 29 Feb is a valid birthday when no year is given (celebrated on 28 Feb in other years).
  const days = new Date(Date.UTC(b.year ?? 2000, b.month, 0)).getUTCDate();
  if (b.day > days) return false;
  return b.year === undefined || (Number.isInteger(b.year) && b.year >= 1900 && b.year <= 2100);
}

/** Names are shown back to the shopper and in emails: bounded, and no markup characters. */
export function isValidName(name: string): boolean {
  return name.length <= 80 && !/[<>]/.test(name);
}
