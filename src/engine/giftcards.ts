import type { Money } from '../core/money.js';
import { EngineError } from './errors.js';
import { once } from './idempotency.js';
import { program as getProgram } from './members.js';
import { nextId, type EngineState } from './state.js';
import { DAY_MS } from '../core/clock.js';

/**
 * Gift cards (PRODUCT §3): stored value usable at checkout. A card stores only what it was issued
 * with; its balance is derived from its debits and refunds, so it can never disagree with its
 * history. A balance never goes negative, a debit is in the card's currency, an expired card pays
 * nothing, and every debit or refund carries an idempotency key (a replay gets the first answer and
 * moves no money).
 */
export interface GiftCardConfig {
  /** The largest value one card may be issued with (minor units). */
  maxValue: number;
  /** Days a card is valid when issued without an explicit expiry; null = cards do not expire. */
  expiryDays: number | null;
}

export const DEFAULT_GIFT_CARDS: GiftCardConfig = { maxValue: 100_000, expiryDays: null };

export interface GiftCard {
  programId: string;
  /** Canonical code: upper case, without spaces or dashes. */
  code: string;
  currency: string;
  /** The value it was issued with (minor units). */
  value: number;
  issuedAt: number;
  expiresAt: number | null;
}

export type GiftCardTransaction =
  | { id: string; programId: string; code: string; kind: 'debit'; amount: number; at: number; orderId: string | null }
  | { id: string; programId: string; code: string; kind: 'refund'; amount: number; at: number; debitId: string };

/** The slice the lead adds to EngineState (as `giftCards`). */
export interface GiftCardState {
  /** By `${programId}:${code}`. */
  cards: Record<string, GiftCard>;
  transactions: GiftCardTransaction[];
}

export function emptyGiftCardState(): GiftCardState {
  return { cards: {}, transactions: [] };
}

const isInt = (v: unknown, min: number): v is number => Number.isSafeInteger(v) && (v as number) >= min;

export function validateGiftCardConfig(cfg: unknown, path = 'giftCards'): string[] {
  if (typeof cfg !== 'object' || cfg === null || Array.isArray(cfg)) return [`${path} must be an object`];
  const c = cfg as Partial<GiftCardConfig>;
  const problems: string[] = [];
  if (!isInt(c.maxValue, 1)) problems.push(`${path}.maxValue must be a positive integer of minor units`);
  if (c.expiryDays !== null && !isInt(c.expiryDays, 1)) problems.push(`${path}.expiryDays must be an integer ≥ 1 or null`);
  return problems;
}

/** The canonical form of a typed code: spaces and dashes dropped, upper case ("abcd-efgh 12" → "ABCDEFGH12"). */
export function normalizeGiftCardCode(input: string): string {
  return String(input).replace(/[\s-]/g, '').toUpperCase();
}

const CODE = /^[A-Z0-9]{8,32}$/;
const iso = (time: number) => new Date(time).toISOString();
const money = (amount: number, currency: string): Money => ({ amount, currency });
const bad = (field: string, message: string, params: Record<string, unknown> = {}) => new EngineError('validation', 422, message, { field, ...params });

export interface GiftCardView {
  code: string;
  value: Money;
  balance: Money;
  issuedAt: number;
  expiresAt: number | null;
  status: 'active' | 'expired' | 'empty';
}

function find(slice: GiftCardState, programId: string, input: string): GiftCard {
  const card = slice.cards[`${programId}:${normalizeGiftCardCode(input ?? '')}`];
  if (!card) throw new EngineError('not_found', 404, 'unknown gift card', {});
  return card;
}

function balanceOf(slice: GiftCardState, card: GiftCard): number {
  let balance = card.value;
  for (const t of slice.transactions) {
    if (t.programId !== card.programId || t.code !== card.code) continue;
    balance += t.kind === 'refund' ? t.amount : -t.amount;
  }
  return balance;
}

function view(slice: GiftCardState, card: GiftCard, at: number): GiftCardView {
  const balance = balanceOf(slice, card);
  const expired = card.expiresAt !== null && at >= card.expiresAt;
  return {
    code: card.code,
    value: money(card.value, card.currency),
    balance: money(balance, card.currency),
    issuedAt: card.issuedAt,
    expiresAt: card.expiresAt,
    status: expired ? 'expired' : balance === 0 ? 'empty' : 'active',
  };
}

export interface IssueGiftCardInput {
  code: string;
  currency: string;
  /** Minor units. */
  value: number;
  /** Epoch ms (exclusive); omitted → `config.expiryDays` after issue; null → never. */
  expiresAt?: number | null;
}

/**
 * Issues a card. Issuing the same code again with the same currency, value and expiry answers with
 * the card as it is (a retried request); with anything else it is a `conflict`.
 */
export function issueGiftCard(state: EngineState, slice: GiftCardState, programId: string, input: IssueGiftCardInput, at: number, config: GiftCardConfig = DEFAULT_GIFT_CARDS): GiftCardView {
  const rules = getProgram(state, programId);
  const code = normalizeGiftCardCode(typeof input.code === 'string' ? input.code : '');
  if (!CODE.test(code)) throw bad('code', 'a gift card code is 8–32 letters and digits (spaces and dashes are ignored)');
  if (typeof input.currency !== 'string' || !/^[A-Z]{3}$/.test(input.currency)) throw bad('currency', 'currency must be an ISO 4217 code such as USD');
  // (the store's orders are all in the program's currency: a card in another could never be spent)
  if (input.currency !== rules.currency) throw bad('currency', `gift cards must be in ${rules.currency}, the program's currency`);
  if (!isInt(input.value, 1) || input.value > config.maxValue) {
    throw bad('value', 'value must be a positive integer of minor units, at most the maximum', { max: money(config.maxValue, input.currency) });
  }
  const expiresAt = input.expiresAt !== undefined ? input.expiresAt : config.expiryDays === null ? null : at + config.expiryDays * DAY_MS;
  if (expiresAt !== null && !(isInt(expiresAt, 0) && expiresAt > at)) throw bad('expiresAt', 'expiresAt must be a time after the issue');
  const key = `${programId}:${code}`;
  const existing = slice.cards[key];
  if (existing) {
    const same = existing.currency === input.currency && existing.value === input.value && (input.expiresAt === undefined || existing.expiresAt === expiresAt);
    if (!same) throw new EngineError('conflict', 409, 'a gift card with this code already exists', { field: 'code' });
    return view(slice, existing, at);
  }
  const card: GiftCard = { programId, code, currency: input.currency, value: input.value, issuedAt: at, expiresAt };
  slice.cards[key] = card;
  return view(slice, card, at);
}

/** The card's balance and status at `at` (`not_found` for an unknown code). */
export function giftCardBalance(slice: GiftCardState, programId: string, code: string, at: number): GiftCardView {
  return view(slice, find(slice, programId, code), at);
}

export interface DebitInput {
  amount: Money;
  /** Required: the same key answers with the first result and never debits twice. */
  idempotencyKey: string;
  orderId?: string | null;
  /** Take what the card has when it has less than `amount` (checkout splits the rest). */
  allowPartial?: boolean;
}

export interface DebitResult {
  debitId: string;
  code: string;
  debited: Money;
  balance: Money;
}

/**
 * Takes `amount` off the card. Checks, in order: key and amount (`validation`), the card
 * (`not_found`), currency (`validation` { field: 'currency', currency }), expiry (`expired`
 * { expiredOn }), balance (`insufficient_balance` { balance: Money }; with `allowPartial`, only
 * when the balance is 0). A refused debit is not remembered, so a corrected request may reuse the key.
 */
export function debitGiftCard(state: EngineState, slice: GiftCardState, programId: string, code: string, input: DebitInput, at: number): DebitResult {
  const key = typeof input.idempotencyKey === 'string' ? input.idempotencyKey.trim() : '';
  if (!key) throw bad('idempotencyKey', 'a debit needs an idempotency key');
  const body = { code: normalizeGiftCardCode(code ?? ''), amount: input.amount, orderId: input.orderId ?? null, allowPartial: input.allowPartial === true };
  return once(state, `${programId}:giftcard:debit:${key}`, body, () => {
    getProgram(state, programId);
    const amount = input.amount?.amount;
    if (!isInt(amount, 1)) throw bad('amount', 'amount must be a positive integer of minor units');
    const card = find(slice, programId, code);
    if (input.amount.currency !== card.currency) throw bad('currency', `this gift card is in ${card.currency}`, { currency: card.currency });
    if (card.expiresAt !== null && at >= card.expiresAt) throw new EngineError('expired', 422, 'this gift card has expired', { expiredOn: iso(card.expiresAt) });
    const balance = balanceOf(slice, card);
    const take = input.allowPartial ? Math.min(amount, balance) : amount;
    if (take === 0 || take > balance) {
      throw new EngineError('insufficient_balance', 422, 'the gift card balance is too low', { balance: money(balance, card.currency) });
    }
    const id = nextId(state, 'gd');
    slice.transactions.push({ id, programId, code: card.code, kind: 'debit', amount: take, at, orderId: input.orderId ?? null });
    return { debitId: id, code: card.code, debited: money(take, card.currency), balance: money(balance - take, card.currency) };
  });
}

export interface RefundInput {
  /** Omitted → whatever of the debit is not refunded yet. */
  amount?: Money;
  idempotencyKey: string;
  /** The card the debit must be on (as typed); a debit of another card is then `not_found`. */
  code?: string;
}

export interface RefundResult {
  refundId: string;
  debitId: string;
  code: string;
  refunded: Money;
  balance: Money;
}

/**
 * Puts (part of) a debit back on its card; never more than the debit minus earlier refunds
 * (`validation` { field: 'amount', refundable: Money }). Allowed on an expired card: the money is
 * the customer's, the merchant decides how to pay it out.
 */
export function refundGiftCard(state: EngineState, slice: GiftCardState, programId: string, debitId: string, input: RefundInput, at: number): RefundResult {
  const key = typeof input.idempotencyKey === 'string' ? input.idempotencyKey.trim() : '';
  if (!key) throw bad('idempotencyKey', 'a refund needs an idempotency key');
  return once(state, `${programId}:giftcard:refund:${key}`, { debitId, amount: input.amount ?? null, code: input.code ?? null }, () => {
    getProgram(state, programId);
    const debit = slice.transactions.find((t) => t.kind === 'debit' && t.id === debitId && t.programId === programId);
    if (!debit || (input.code !== undefined && debit.code !== normalizeGiftCardCode(input.code))) throw new EngineError('not_found', 404, 'unknown gift card debit', { debitId });
    const card = slice.cards[`${programId}:${debit.code}`]!;
    const refunded = slice.transactions.reduce((sum, t) => sum + (t.kind === 'refund' && t.debitId === debitId ? t.amount : 0), 0);
    const refundable = debit.amount - refunded;
    const amount = input.amount === undefined ? refundable : input.amount.amount;
    if (input.amount !== undefined && input.amount.currency !== card.currency) throw bad('currency', `this gift card is in ${card.currency}`, { currency: card.currency });
    if (!isInt(amount, 1) || amount > refundable) {
      throw bad('amount', 'a refund is a positive amount, at most what is left of the debit', { refundable: money(refundable, card.currency) });
    }
    const id = nextId(state, 'gr');
    slice.transactions.push({ id, programId, code: card.code, kind: 'refund', amount, at, debitId });
    return { refundId: id, debitId, code: card.code, refunded: money(amount, card.currency), balance: money(balanceOf(slice, card), card.currency) };
  });
}

/** The card's debits and refunds, oldest first (for statements and support). */
export function giftCardHistory(slice: GiftCardState, programId: string, code: string): GiftCardTransaction[] {
  const card = find(slice, programId, code);
  return slice.transactions.filter((t) => t.programId === programId && t.code === card.code);
}
