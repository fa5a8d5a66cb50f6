import { contractHeaders, contractUrl, fetchWithin, takeEarly } from '../core/early-answers.js';
import { FidelioError, toFidelioError, type TransportErrorCode } from '../core/errors.js';
import { ShapeError, type Check } from '../core/validate.js';
import type * as C from '../contract/types.js';
import type { BackendContext, LoyaltyBackend } from './types.js';
import {
  activityPageShape,
  batchListShape,
  birthdayChangeShape,
  cancelledShape,
  cartPreviewShape,
  couponShape,
  deletionShape,
  enrollmentShape,
  eventResultShape,
  exportShape,
  memberShape,
  membershipShape,
  preferencesShape,
  programShape,
  redemptionListShape,
  redemptionShape,
  referralShape,
  unsubscribeShape,
} from './shapes.js';

export interface RequestOptions<T> {
  check: Check<T>;
  body?: unknown;
  /** `true`: signed-in only (Bearer token); `'optional'`: the token is sent when there is one. */
  auth?: boolean | 'optional';
  /** Writes are retried only when they carry a key the server deduplicates on. */
  idempotencyKey?: string;
  /** The write gives the same result when repeated (PUT, DELETE), so it may be retried without a key. */
  idempotent?: boolean;
  /** Never retry (each attempt counts against a rate limit, e.g. coupon tries). */
  noRetry?: boolean;
}

export interface RetryPolicy {
  /** First backoff ceiling in ms; doubles per attempt (full jitter: a random delay below it). */
  baseMs: number;
  capMs: number;
  /** A Retry-After longer than this is not waited for: the caller gets `rate_limited`/`unavailable`. */
  maxRetryAfterMs: number;
  random: () => number;
}

const DEFAULT_POLICY: RetryPolicy = { baseMs: 300, capMs: 5000, maxRetryAfterMs: 30_000, random: Math.random };

const RETRYABLE = new Set<string>(['network', 'timeout', 'server', 'unavailable', 'rate_limited']);

const STATUS_CODES: Record<number, TransportErrorCode> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'validation',
  429: 'rate_limited',
  503: 'unavailable',
};

/** The built-in backend: the documented REST contract over fetch, with timeouts and retries. */
export class RestBackend implements LoyaltyBackend {
  private readonly policy: RetryPolicy;

  constructor(
    private readonly context: BackendContext,
    policy: Partial<RetryPolicy> = {},
  ) {
    this.policy = { ...DEFAULT_POLICY, ...policy };
  }

  getProgram(): Promise<C.ProgramSummary> {
    return this.request('GET', '', { check: programShape });
  }

  getMember(): Promise<C.Member> {
    return this.request('GET', '/me', { check: memberShape, auth: true });
  }

  async getBatches(): Promise<C.PointBatch[]> {
    return (await this.request('GET', '/me/batches', { check: batchListShape, auth: true })).items;
  }

  enroll(request: C.EnrollRequest, idempotencyKey: string): Promise<C.Enrollment> {
    return this.request('POST', '/members', { check: enrollmentShape, body: request, idempotencyKey });
  }

  previewCart(cart: C.Cart): Promise<C.CartPreview> {
    return this.request('POST', '/cart/preview', { check: cartPreviewShape, body: cart, auth: 'optional' });
  }

  validateCoupon(code: string, cart: C.Cart): Promise<C.CouponValidation> {
    // A refusal is an answer, not a fault: one request per attempt, never retried.
    return this.request('POST', '/coupons/validate', { check: couponShape, body: { code, cart }, auth: 'optional', noRetry: true });
  }

  redeem(request: C.RedemptionRequest, idempotencyKey: string): Promise<C.Redemption> {
    return this.request('POST', '/me/redemptions', { check: redemptionShape, body: request, idempotencyKey, auth: true });
  }

  cancelRedemption(redemptionId: string): Promise<C.CancelledRedemption> {
    // Cancelling twice answers the same, so a retry is safe.
    return this.request('DELETE', `/me/redemptions/${encodeURIComponent(redemptionId)}`, { check: cancelledShape, auth: true, idempotent: true });
  }

  getReferral(): Promise<C.ReferralInfo> {
    return this.request('GET', '/me/referral', { check: referralShape, auth: true });
  }

  recordEvent(event: C.MemberEventRequest, idempotencyKey: string): Promise<C.MemberEventResult> {
    return this.request('POST', '/me/events', { check: eventResultShape, body: event, idempotencyKey, auth: true });
  }

  getActivity(cursor?: string | null, limit = 20): Promise<C.ActivityPage> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    return this.request('GET', `/me/activity?${query}`, { check: activityPageShape, auth: true });
  }

  getPreferences(): Promise<C.Preferences> {
    return this.request('GET', '/me/preferences', { check: preferencesShape, auth: true });
  }

  updatePreferences(preferences: C.Preferences): Promise<C.Preferences> {
    return this.request('PUT', '/me/preferences', { check: preferencesShape, body: preferences, auth: true, idempotent: true });
  }

  unsubscribe(token: string, from: C.UnsubscribeFrom = 'newsletter'): Promise<C.UnsubscribeResult> {
    return this.request('POST', '/unsubscribe', { check: unsubscribeShape, body: from === 'newsletter' ? { token } : { token, from }, idempotent: true });
  }

  startMembership(request: C.MembershipRequest): Promise<C.Membership> {
    return this.request('POST', '/me/membership', { check: membershipShape, body: request, auth: true });
  }

  cancelMembership(): Promise<C.Membership> {
    return this.request('DELETE', '/me/membership', { check: membershipShape, auth: true, idempotent: true });
  }

  changeBirthday(birthday: C.Birthday): Promise<C.BirthdayChange> {
    return this.request('PUT', '/me/birthday', { check: birthdayChangeShape, body: birthday, auth: true, idempotent: true });
  }

  async listRedemptions(): Promise<C.RedemptionItem[]> {
    return (await this.request('GET', '/me/redemptions', { check: redemptionListShape, auth: true })).items;
  }

  updateMe(update: C.MemberUpdate): Promise<C.Member> {
    return this.request('PATCH', '/me', { check: memberShape, body: update, auth: true, idempotent: true });
  }

  exportMyData(): Promise<C.MemberExport> {
    return this.request('GET', '/me/export', { check: exportShape, auth: true });
  }

  requestDeletion(): Promise<C.DeletionRequest> {
    // Asking again answers with the first request, so a retry is safe.
    return this.request('POST', '/me/deletion-request', { check: deletionShape, auth: true, idempotent: true });
  }

  /** One call of the contract: path is relative to `/v1/programs/{programId}`. */
  async request<T>(method: string, path: string, options: RequestOptions<T>): Promise<T> {
    const { context, policy } = this;
    const url = contractUrl(context.api, context.programId, path);
    const retryable = !options.noRetry && (method === 'GET' || options.idempotent === true || options.idempotencyKey !== undefined);
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      try {
        let token = options.auth ? await context.getToken() : null;
        if (options.auth === true && !token) throw new FidelioError('unauthorized', 'not signed in', {}, 401);
        let response = await this.send(method, url, options, token);
        if (response.status === 401 && token && !refreshed) {
          // An expired token: the merchant's provider gets one chance to give a fresh one.
          refreshed = true;
          const fresh = await context.getToken(token);
          // (a call a guest may make too goes on as a guest when no fresh token comes: the shopper
          // is signed out now, and their coupon check or earn preview still gets its answer)
          if (fresh ? fresh !== token : options.auth === 'optional') {
            token = fresh;
            response = await this.send(method, url, options, token);
          }
        }
        if (!response.ok) throw await this.problem(response);
        return await this.parse(response, options.check);
      } catch (caught) {
        const error = toFidelioError(caught);
        if (!retryable || attempt >= context.retries || !RETRYABLE.has(error.code)) throw error;
        const delay =
          error.retryAfter !== undefined
            ? error.retryAfter * 1000
            : policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
        if (delay > policy.maxRetryAfterMs) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async send<T>(method: string, url: string, options: RequestOptions<T>, token: string | null): Promise<Response> {
    const headers = contractHeaders(token);
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    try {
      // a GET asked for while the drop-in started (core/early-answers), with the same token, is
      // taken as this attempt
      return await ((method === 'GET' ? takeEarly(url, token) : null) ?? fetchWithin(url, { method, headers, body }, this.context.timeoutMs));
    } catch (caught) {
      if (caught instanceof Error && caught.name === 'TimeoutError') throw new FidelioError('timeout', `no answer from ${url} within ${this.context.timeoutMs} ms`);
      throw new FidelioError('network', `network error calling ${url}: ${caught instanceof Error ? caught.message : caught}`);
    }
  }

  private async parse<T>(response: Response, check: Check<T>): Promise<T> {
    const text = await response.text().catch(() => '');
    if (response.status === 204) return check(undefined, '');
    if (!text.trim()) throw new FidelioError('invalid_response', `empty body from ${response.url}`, {}, response.status);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new FidelioError('invalid_response', `malformed JSON from ${response.url}`, {}, response.status);
    }
    try {
      return check(data, '');
    } catch (caught) {
      if (caught instanceof ShapeError) {
        throw new FidelioError('invalid_response', `unexpected answer from ${response.url}: ${caught.message}`, {}, response.status);
      }
      throw caught;
    }
  }

  /** Turns an error response (RFC 9457 problem+json, or anything else) into a FidelioError. */
  private async problem(response: Response): Promise<FidelioError> {
    const header = parseRetryAfter(response.headers.get('Retry-After'), this.context.clock.now());
    const fallback = STATUS_CODES[response.status] ?? (response.status >= 500 ? 'server' : 'validation');
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(await response.text());
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      // not problem+json: the status code decides
    }
    const code = typeof body.code === 'string' && /^[a-z_]{2,40}$/.test(body.code) ? body.code : fallback;
    const params = body.params && typeof body.params === 'object' ? (body.params as Record<string, unknown>) : {};
    const title = typeof body.title === 'string' ? body.title : `HTTP ${response.status}`;
    // A server on another origin that does not expose Retry-After (CORS) hides the header from us:
    // the problem's own `params.retryAfter` (seconds) says the same
    const inBody = params.retryAfter;
    const retryAfter = header ?? (typeof inBody === 'number' && Number.isInteger(inBody) && inBody >= 0 ? inBody : undefined);
    return new FidelioError(code, title, params, response.status, retryAfter);
  }
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
