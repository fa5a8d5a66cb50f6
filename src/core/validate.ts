/**
 * Tiny runtime shape checks for server answers. The contract's generated types say what a response
 * should be; these say whether it is, so a wrong-shaped answer becomes `invalid_response` instead of
 * a TypeError deep inside a widget.
 */
export type Check<T> = (value: unknown, path: string) => T;

export class ShapeError extends Error {}

const fail = (path: string, expected: string): never => {
  throw new ShapeError(`${path || 'response'}: expected ${expected}`);
};

export const str: Check<string> = (v, p) => (typeof v === 'string' ? v : fail(p, 'a string'));
export const int: Check<number> = (v, p) => (Number.isSafeInteger(v) ? (v as number) : fail(p, 'an integer'));
export const num: Check<number> = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(p, 'a number'));
export const bool: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'a boolean'));
export const date: Check<string> = (v, p) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : fail(p, 'a date-time'));

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v, p) =>
    v === null ? null : check(v, p);

export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, p) =>
    v === undefined ? undefined : check(v, p);

export const oneOf =
  <T extends string>(...allowed: T[]): Check<T> =>
  (v, p) =>
    allowed.includes(v as T) ? (v as T) : fail(p, `one of ${allowed.join('|')}`);

export const array =
  <T>(check: Check<T>): Check<T[]> =>
  (v, p) =>
    Array.isArray(v) ? v.map((item, i) => check(item, `${p}[${i}]`)) : fail(p, 'an array');

type Shape = Record<string, Check<unknown>>;
type Out<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/** Checks the listed fields and keeps any others, so a newer server can add fields safely. */
export const obj =
  <S extends Shape>(shape: S): Check<Out<S>> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'an object');
    const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    for (const key of Object.keys(shape)) out[key] = shape[key]!((v as Record<string, unknown>)[key], p ? `${p}.${key}` : key);
    return out as Out<S>;
  };

export const moneyShape = obj({ amount: int, currency: str });
