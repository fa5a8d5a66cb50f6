import type { Clock } from './clock.js';
import type { LoyaltyBackend, BackendContext } from '../backend/types.js';

/** What a merchant configures, by `data-*` attributes on the script tag or `Fidelio.init()`. */
export interface FidelioConfig {
  /** Base URL of the REST backend, e.g. `https://loyalty.example.com` (the SDK adds `/v1/...`). */
  api?: string;
  /** Program id. */
  program?: string;
  /** Locale tag: en, es, ro, zh-CN (others fall back to en). Defaults to `<html lang>`. */
  locale?: string;
  /** A custom backend (object or factory) instead of the built-in REST one. */
  backend?: LoyaltyBackend | ((context: BackendContext) => LoyaltyBackend);
  /** Per-request timeout in ms (default 8000). */
  timeoutMs?: number;
  /** Retries after the first attempt for retryable requests (default 3). */
  retries?: number;
  /** Injectable clock (tests, demos). */
  clock?: Clock;
  /** Query parameter that carries a referral code in links (default `ref`, as in `?ref=ANA2026`). */
  referralParam?: string;
  /** Days this browser remembers a referral code it arrived with (default 30). */
  referralDays?: number;
  /**
   * The store's sign-in page: the signup popup offers "Already a member? Sign in" with it (and
   * dispatches a cancelable `fidelio-sign-in` first, for a store that signs in without leaving the page).
   */
  signInUrl?: string;
}

export interface ResolvedConfig extends FidelioConfig {
  api: string;
  program: string;
  timeoutMs: number;
  retries: number;
}

export const DEFAULT_TIMEOUT_MS = 8000;
export const DEFAULT_RETRIES = 3;

/** Reads the script tag's data attributes; only known keys (a value that is no good is warned about by `usableConfig`). */
export function configFromDataset(dataset: DOMStringMap): FidelioConfig {
  const config: FidelioConfig = {};
  if (dataset.api) config.api = dataset.api;
  if (dataset.program) config.program = dataset.program;
  if (dataset.locale) config.locale = dataset.locale;
  if (dataset.timeout) config.timeoutMs = Number(dataset.timeout);
  if (dataset.referralParam) config.referralParam = dataset.referralParam;
  if (dataset.referralDays) config.referralDays = Number(dataset.referralDays);
  if (dataset.signInUrl) config.signInUrl = dataset.signInUrl;
  return config;
}

const positive = (value: unknown) => typeof value === 'number' && value > 0 && value < Infinity;

/**
 * The given settings less those of the wrong kind, each dropped with a warning that names it (and
 * its data attribute), so a typo costs that setting only and never a TypeError in the page later.
 * `api` and `program` are checked by `resolveConfig`, which says what is missing.
 */
export function usableConfig(config: FidelioConfig, warn: (message: string) => void): FidelioConfig {
  const out: Record<string, unknown> = { ...config };
  const check = (key: keyof FidelioConfig, ok: (value: never) => boolean, what: string) => {
    if (out[key] === undefined || ok(out[key] as never)) return;
    warn(`${key} ${what}; ignored.`);
    delete out[key];
  };
  check('backend', (v: unknown) => typeof v === 'function' || (typeof v === 'object' && v !== null), 'must be a LoyaltyBackend object or a function returning one');
  check('clock', (v: { now?: unknown } | null) => typeof v?.now === 'function', 'must be an object with a now() method');
  check('timeoutMs', positive, 'must be milliseconds > 0 (data-timeout)');
  check('retries', (v: number) => Number.isInteger(v) && v >= 0, 'must be a whole number from 0');
  check('locale', (v: unknown) => typeof v === 'string', 'must be a language tag');
  check('referralParam', (v: unknown) => typeof v === 'string' && /^[\w-]{1,32}$/.test(v), 'must be a plain name (data-referral-param)');
  check('referralDays', positive, 'must be days > 0 (data-referral-days)');
  check('signInUrl', (v: unknown) => typeof v === 'string', 'must be an address (data-sign-in-url)');
  return out as FidelioConfig;
}

/** The referral link parameter: the configured one when it is a plain name, else `ref`. */
export const referralParamOf = (config: FidelioConfig): string => (/^[\w-]{1,32}$/.test(config.referralParam ?? '') ? config.referralParam! : 'ref');

/** Returns the usable config, or the list of problems (each naming the field) when it is not usable. */
export function resolveConfig(config: FidelioConfig): { ok: true; config: ResolvedConfig } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const api = typeof config.api === 'string' ? config.api.trim().replace(/\/+$/, '') : '';
  if (!config.backend) {
    if (!api) problems.push('api is missing: add data-api="https://…" to the script tag or pass { api } to Fidelio.init()');
    else {
      try {
        new URL(api, globalThis.location?.href);
      } catch {
        problems.push(`api is not a URL: ${JSON.stringify(config.api)}`);
      }
    }
  }
  const program = typeof config.program === 'string' ? config.program.trim() : '';
  if (!program) problems.push('program is missing: add data-program="…" to the script tag or pass { program } to Fidelio.init()');
  else if (!/^[\w-]{1,64}$/.test(program)) problems.push(`program must be letters, digits, "_" or "-": ${JSON.stringify(config.program)}`);
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    config: {
      ...config,
      api,
      program,
      timeoutMs: config.timeoutMs && config.timeoutMs > 0 ? config.timeoutMs : DEFAULT_TIMEOUT_MS,
      retries: config.retries !== undefined && config.retries >= 0 ? Math.floor(config.retries) : DEFAULT_RETRIES,
    },
  };
}
