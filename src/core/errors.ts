/**
 * Every failure the SDK meets becomes a FidelioError with a machine code. Widgets map the code to a
 * translated message; nothing raw (stack, HTML error page, JSON dump) reaches a shopper.
 */
export type TransportErrorCode =
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'rate_limited'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'validation'
  | 'server'
  | 'unavailable'
  | 'invalid_response'
  | 'config'
  | 'storage';

/** Transport codes plus the domain codes a server sends in problem+json (coupon_expired, ...). */
export type FidelioErrorCode = TransportErrorCode | (string & {});

export type ErrorParams = Record<string, unknown>;

export class FidelioError extends Error {
  override readonly name = 'FidelioError';
  constructor(
    readonly code: FidelioErrorCode,
    message: string,
    readonly params: ErrorParams = {},
    readonly status?: number,
    /** Seconds the server asked us to wait (Retry-After), when it did. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export function isFidelioError(value: unknown): value is FidelioError {
  return value instanceof FidelioError;
}

export function toFidelioError(value: unknown): FidelioError {
  if (isFidelioError(value)) return value;
  if (value instanceof DOMException && value.name === 'AbortError') return new FidelioError('aborted', 'aborted');
  return new FidelioError('server', value instanceof Error ? value.message : String(value));
}
