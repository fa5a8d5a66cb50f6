import { decodeBase64Url, encodeBase64Url, readJwtClaims } from '../core/base64url.js';

/**
 * HS256 customer tokens, as a merchant's server would sign them, verified with Web Crypto. The
 * reference backend accepts a token only if the signature matches, it has not expired, and it was
 * issued for at most five minutes.
 */
export const MAX_TOKEN_LIFETIME_S = 300;

const encoder = new TextEncoder();

function hmacKey(secret: string, usage: KeyUsage): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

export interface CustomerClaims {
  /** Member id. */
  sub: string;
  /** Program id. */
  prg: string;
  iat: number;
  exp: number;
}

export async function signCustomerToken(secret: string, claims: CustomerClaims): Promise<string> {
  const header = encodeBase64Url(encoder.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const payload = encodeBase64Url(encoder.encode(JSON.stringify(claims)));
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), encoder.encode(`${header}.${payload}`));
  return `${header}.${payload}.${encodeBase64Url(new Uint8Array(signature))}`;
}

export type VerifyResult = { ok: true; claims: CustomerClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'lifetime' | 'program' };

export async function verifyCustomerToken(secret: string, token: string, programId: string, nowMs: number): Promise<VerifyResult> {
  const parts = token.split('.');
  const claims = readJwtClaims(token);
  if (parts.length !== 3 || !claims) return { ok: false, reason: 'malformed' };
  let header: unknown;
  let signature: Uint8Array;
  try {
    header = JSON.parse(new TextDecoder().decode(decodeBase64Url(parts[0]!)));
    signature = decodeBase64Url(parts[2]!);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if ((header as { alg?: unknown })?.alg !== 'HS256') return { ok: false, reason: 'malformed' };
  const valid = await crypto.subtle.verify('HMAC', await hmacKey(secret, 'verify'), signature as BufferSource, encoder.encode(`${parts[0]}.${parts[1]}`));
  if (!valid) return { ok: false, reason: 'signature' };
  const { sub, prg, iat, exp } = claims as Partial<CustomerClaims>;
  if (typeof sub !== 'string' || typeof exp !== 'number' || typeof iat !== 'number') return { ok: false, reason: 'malformed' };
  if (exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  if (exp - iat > MAX_TOKEN_LIFETIME_S) return { ok: false, reason: 'lifetime' };
  if (prg !== programId) return { ok: false, reason: 'program' };
  return { ok: true, claims: { sub, prg, iat, exp } };
}
