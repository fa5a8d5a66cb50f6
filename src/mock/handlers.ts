import { http, HttpResponse, type HttpHandler } from 'msw';
import { addMonths, DAY_MS } from '../core/clock.js';
import { localDate, MonthsAfter } from '../engine/calendar.js';
import { decodeBase64Url, encodeBase64Url } from '../core/base64url.js';
import { isValidName } from '../core/person.js';
import {
  EngineError,
  cancelMembership,
  changeBirthday,
  chargeFailed,
  chargeSucceeded,
  checkCoupon,
  claimBirthdayReward,
  debitGiftCard,
  enrollMember,
  giftCardBalance,
  issueGiftCard,
  membershipAt,
  normalizeCode,
  normalizeGiftCardCode,
  punchesAt,
  runOutbox,
  emailLocale,
  setEmailLocale,
  maskEmail,
  memberByUnsubscribeToken,
  startTrial,
  refundCredit,
  refundGiftCard,
  settleRebates,
  spendCredit,
  storeCredit,
  subscribe,
  tierAt,
  periodMonthsOf,
  findMemberByEmail,
  isEngineError,
  memberBalance,
  memberPoints,
  once,
  recordOrder,
  recordReturn,
  programKpis,
  previewCart,
  recordAction,
  redeem,
  cancelRedemption,
  referralStats,
  type Activity,
  type AppliesTo,
  type Batch,
  type CouponCart,
  type EngineState,
  type GiftCardView,
  type TierBenefits as EngineTierBenefits,
  type MemberRecord,
  type PointsSummary as EnginePoints,
  type ProgramConfig,
  type Reward as EngineReward,
} from '../engine/index.js';
import type {
  ActivityEntry,
  BirthdayChange,
  DeletionRequest,
  MemberExport,
  RedemptionItem,
  BirthdayReward,
  GiftCard,
  GiftCardDebit,
  GiftCardRefund,
  MemberStoreCredit,
  StoreCreditDebit,
  StoreCreditRefund,
  Membership,
  OutboxPage,
  PunchCardProgress,
  TierBenefits,
  TimeTravelResult,
  ActivityPage,
  Cart,
  CartPreview,
  CouponValidation,
  DemoSession,
  Enrollment,
  ErrorCode,
  Member,
  MemberEventResult,
  OrderResult,
  PointBatch,
  PointsSummary,
  Preferences,
  ProgramKpis,
  ProgramSummary,
  Redemption,
  CancelledRedemption,
  ReferralInfo,
  ReturnResult,
  Reward,
  UnsubscribeResult,
  ValidationIssue,
} from '../contract/types.js';
import { MAX_TOKEN_LIFETIME_S, signCustomerToken, verifyCustomerToken } from './jwt.js';
import { DEMO_MEMBER_ID, TravelClock, type MockState } from './state.js';

const BASE = '*/v1/programs/:programId';
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A day on the store's calendar (a tier's last day), sent as that date's UTC midnight: the widgets
 * print dates in UTC, so a Tokyo store's 31 December is not printed as the 30th.
 */
const calendarDay = (at: number, zone: string | undefined) => {
  const d = localDate(at, zone);
  return iso(Date.UTC(d.year, d.month, d.day));
};
const money = (amount: number, currency: string) => ({ amount, currency });

/** Coupon validations a bucket may fail in a sliding minute before it has to wait. */
export const COUPON_ATTEMPTS_PER_MINUTE = 10;
const MINUTE_MS = 60_000;

/** RFC 9457 problem details with a machine code the SDK translates. */
export function problem(status: number, code: ErrorCode, title: string, params?: Record<string, unknown>, headers?: Record<string, string>) {
  return HttpResponse.json(
    { type: `https://fidelio.dev/problems/${code}`, title, status, code, ...(params ? { params } : {}) },
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

// ---------------------------------------------------------------------------------------------
// request bodies: a small schema check that reports every problem with its JSON Pointer

type Rule = (value: unknown, path: string, issues: ValidationIssue[]) => void;

/** The request broke the contract's schema: answered with `422 validation` and `params.errors`. */
class InvalidRequest extends Error {
  constructor(readonly errors: ValidationIssue[]) {
    super(errors.map((e) => `${e.path} ${e.message}`).join('; '));
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

const is = {
  /** The rule, or null (a property a client may send as null for "none"). */
  orNull:
    (rule: Rule): Rule =>
    (v, p, out) =>
      v === null ? undefined : rule(v, p, out),
  str:
    (o: { min?: number; max?: number; pattern?: RegExp; format?: 'email' | 'date-time' } = {}): Rule =>
    (v, p, out) => {
      if (typeof v !== 'string') return void out.push({ path: p, message: 'must be a string' });
      if (o.min !== undefined && v.length < o.min) out.push({ path: p, message: o.min === 1 ? 'must not be empty' : `must have at least ${o.min} characters` });
      if (o.max !== undefined && v.length > o.max) out.push({ path: p, message: `must have at most ${o.max} characters` });
      if (o.pattern && !o.pattern.test(v)) out.push({ path: p, message: `must match ${o.pattern.source}` });
      if (o.format === 'email' && !EMAIL.test(v)) out.push({ path: p, message: 'must be an email address' });
      if (o.format === 'date-time' && !(DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)))) out.push({ path: p, message: 'must be an RFC 3339 date-time' });
    },
  int:
    (min?: number, max?: number): Rule =>
    (v, p, out) => {
      if (!Number.isSafeInteger(v)) return void out.push({ path: p, message: 'must be an integer' });
      if (min !== undefined && (v as number) < min) out.push({ path: p, message: `must be >= ${min}` });
      if (max !== undefined && (v as number) > max) out.push({ path: p, message: `must be <= ${max}` });
    },
  bool: ((v, p, out) => void (typeof v === 'boolean' || out.push({ path: p, message: 'must be true or false' }))) as Rule,
  oneOf:
    (...values: string[]): Rule =>
    (v, p, out) =>
      void (values.includes(v as string) || out.push({ path: p, message: `must be one of ${values.join(', ')}` })),
  list:
    (item: Rule, minItems = 0): Rule =>
    (v, p, out) => {
      if (!Array.isArray(v)) return void out.push({ path: p, message: 'must be an array' });
      if (v.length < minItems) out.push({ path: p, message: `must have at least ${minItems} item${minItems === 1 ? '' : 's'}` });
      v.forEach((x, i) => item(x, `${p}/${i}`, out));
    },
  /** Checks the listed properties (others are ignored, as the contract's objects are open). */
  obj:
    (props: Record<string, Rule>, required: string[] = [], extra?: (v: Record<string, unknown>, p: string, out: ValidationIssue[]) => void): Rule =>
    (v, p, out) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return void out.push({ path: p || '/', message: 'must be an object' });
      const o = v as Record<string, unknown>;
      for (const key of required) if (o[key] === undefined) out.push({ path: `${p}/${key}`, message: 'is required' });
      for (const [key, rule] of Object.entries(props)) if (o[key] !== undefined) rule(o[key], `${p}/${key}`, out);
      extra?.(o, p, out);
    },
};

const currencyRule = is.str({ pattern: /^[A-Z]{3}$/ });
const cartLineRule = is.obj(
  { id: is.str({ min: 1 }), name: is.str(), brand: is.str(), category: is.str(), unitPrice: is.int(0), quantity: is.int(1) },
  ['id', 'name', 'unitPrice', 'quantity'],
);
const cartRule = is.obj({ currency: currencyRule, lines: is.list(cartLineRule), shipping: is.int(0), subtotal: is.int(0), couponCode: is.str() }, ['currency', 'lines', 'subtotal']);

const bodies = {
  // Email and birthday are only type-checked here: the engine answers `invalid_email` /
  // `invalid_birthday`, the codes the enrollment form translates.
  enroll: is.obj(
    {
      email: is.str({ max: 254 }),
      name: is.str({ max: 100 }),
      birthday: is.obj({ day: is.int(), month: is.int(), year: is.int() }, ['day', 'month']),
      newsletter: is.bool,
      referralCode: is.orNull(is.str({ max: 64 })),
      deviceId: is.str({ max: 128 }),
      locale: is.str({ max: 35 }),
    },
    ['email', 'newsletter'],
  ),
  cart: cartRule,
  coupon: is.obj({ code: is.str({ min: 1, max: 64 }), cart: cartRule }, ['code', 'cart']),
  redemption: is.obj({ rewardId: is.str({ min: 1 }), cart: cartRule, steps: is.int(1) }, ['rewardId']),
  event: is.obj({ type: is.oneOf('share', 'newsletter', 'review', 'birthday', 'social_follow'), ref: is.str({ min: 1, max: 256 }) }, ['type']),
  preferences: is.obj({ newsletter: is.bool, statement: is.bool, locale: is.str({ max: 35 }) }, ['newsletter', 'statement']),
  unsubscribe: is.obj({ token: is.str({ min: 1 }), from: is.oneOf('newsletter', 'statement') }, ['token']),
  order: is.obj(
    {
      orderId: is.str({ min: 1, max: 128 }),
      memberId: is.str({ min: 1 }),
      email: is.str({ format: 'email' }),
      currency: currencyRule,
      lines: is.list(cartLineRule),
      shipping: is.int(0),
      tax: is.int(0),
      subtotal: is.int(0),
      discounts: is.int(0),
      couponCodes: is.list(is.str()),
      placedAt: is.str({ format: 'date-time' }),
      referralCode: is.orNull(is.str({ max: 64 })),
    },
    ['orderId', 'currency', 'lines', 'shipping', 'tax', 'subtotal', 'discounts', 'placedAt'],
    (o, p, out) => void (o.memberId === undefined && o.email === undefined && out.push({ path: p || '/', message: 'needs memberId or email' })),
  ),
  return: is.obj(
    { returnId: is.str({ min: 1, max: 128 }), lines: is.list(is.obj({ id: is.str({ min: 1 }), quantity: is.int(1) }, ['id', 'quantity']), 1), amount: is.int(1) },
    ['returnId'],
    (o, p, out) => void ((o.lines === undefined) === (o.amount === undefined) && out.push({ path: p || '/', message: 'needs exactly one of lines and amount' })),
  ),
  demoSession: is.obj({ email: is.str({ format: 'email' }) }),
  membership: is.obj({ planId: is.str({ min: 1, max: 64 }), action: is.oneOf('trial', 'subscribe') }, ['planId', 'action']),
  charge: is.obj({ chargeId: is.str({ min: 1, max: 128 }), outcome: is.oneOf('succeeded', 'failed') }, ['chargeId', 'outcome']),
  giftCard: is.obj(
    {
      code: is.str({ min: 8, max: 64 }),
      value: is.obj({ amount: is.int(1), currency: currencyRule }, ['amount', 'currency']),
      expiresAt: ((v, p, out) => void (v === null || is.str({ format: 'date-time' })(v, p, out))) as Rule,
    },
    ['code', 'value'],
  ),
  debit: is.obj(
    { amount: is.obj({ amount: is.int(1), currency: currencyRule }, ['amount', 'currency']), orderId: is.str({ min: 1, max: 128 }), allowPartial: is.bool },
    ['amount'],
  ),
  creditDebit: is.obj({ amount: is.obj({ amount: is.int(1), currency: currencyRule }, ['amount', 'currency']), orderId: is.str({ min: 1, max: 128 }) }, ['amount', 'orderId']),
  refund: is.obj({ debitId: is.str({ min: 1, max: 64 }), amount: is.obj({ amount: is.int(1), currency: currencyRule }, ['amount', 'currency']) }, ['debitId']),
  birthday: is.obj({ day: is.int(1, 31), month: is.int(1, 12), year: is.int(1900, 2100) }, ['day', 'month']),
  memberUpdate: is.obj({ name: (v, p, out) => void (v === null || is.str({ max: 80 })(v, p, out)) }),
  timeTravel: is.obj(
    {
      days: ((v, p, out) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) return void out.push({ path: p, message: 'must be a number' });
        if (v < 0 || v > 3660) out.push({ path: p, message: 'must be between 0 and 3660' });
      }) as Rule,
    },
    ['days'],
  ),
};

/** Parses and checks a JSON body; an empty body is `{}` when the body is optional. */
async function readBody<T>(request: Request, rule: Rule, optional = false): Promise<T> {
  const text = await request.text();
  if (!text.trim() && optional) return {} as T;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidRequest([{ path: '/', message: 'must be a JSON document' }]);
  }
  const issues: ValidationIssue[] = [];
  rule(value, '', issues);
  if (issues.length) throw new InvalidRequest(issues);
  return value as T;
}

/** The `Idempotency-Key` header, required on the operations that create something. */
function idempotencyKey(request: Request): string {
  const key = request.headers.get('Idempotency-Key');
  if (key === null) throw new InvalidRequest([{ path: 'header.Idempotency-Key', message: 'is required' }]);
  if (key.length < 8 || key.length > 255) throw new InvalidRequest([{ path: 'header.Idempotency-Key', message: 'must have 8 to 255 characters' }]);
  return key;
}

// ---------------------------------------------------------------------------------------------
// views: engine records → contract shapes

function rewardView(reward: EngineReward, currency: string): Reward {
  const base = { id: reward.id, name: reward.name, validDays: reward.validDays };
  switch (reward.kind) {
    case 'fixed':
      return { ...base, kind: 'fixed', points: reward.points, value: money(reward.value, currency), ...(reward.minSpend ? { minSpend: money(reward.minSpend, currency) } : {}) };
    case 'free_shipping':
      return { ...base, kind: 'free_shipping', points: reward.points };
    case 'product':
      return { ...base, kind: 'free_product', points: reward.points, value: money(reward.value, currency), productId: reward.productId };
    case 'pay_with_points':
      return { ...base, kind: 'pay_with_points', points: reward.stepPoints, stepValue: money(reward.stepValue, currency), maxShare: reward.maxShare };
  }
}

export function programSummary(program: ProgramConfig, now: number): ProgramSummary {
  return {
    id: program.id,
    name: program.name,
    currency: program.currency,
    timeZone: program.timeZone ?? 'UTC',
    earn: program.earn,
    pendingDays: program.pendingDays,
    expiry: program.expiry,
    pointValue: program.pointValue,
    joinIncentive: program.joinIncentive,
    actions: program.actions.map((a) => ({ type: a.type, points: a.points, cap: a.cap.count, capPeriod: a.cap.per === 'ever' ? 'lifetime' : a.cap.per })),
    rewards: program.rewards.map((r) => rewardView(r, program.currency)),
    ...(program.referral
      ? {
          referral: {
            referrerPoints: program.referral.referrerPoints,
            friendDiscount: money(program.referral.friendDiscount, program.currency),
            friendMinSpend: money(program.referral.friendMinSpend, program.currency),
            monthlyCap: program.referral.monthlyCap,
            attributionDays: program.referral.attributionDays,
          },
        }
      : {}),
    // Active and upcoming only: a finished promotion explains nothing to a shopper.
    promotions: program.promotions
      .filter((p) => p.endsAt > now)
      .map((p) => ({ id: p.id, name: p.name, multiplier: p.multiplier, appliesTo: p.appliesTo, startsAt: iso(p.startsAt), endsAt: iso(p.endsAt) })),
    ...engineTwoSummary(program),
    ...(program.translations ? { translations: program.translations } : {}),
  };
}

function tierBenefitsView(b: EngineTierBenefits): TierBenefits {
  // (the contract's earlyAccess is "exclusive / early access": an exclusive-only level has it too)
  return { earnMultiplier: b.earnMultiplier, freeShipping: b.freeShipping, earlyAccess: b.earlyAccess || b.exclusiveAccess, gifts: b.gift ? [b.gift.description] : [] };
}

/** Tiers, cashback, spend levels, punch cards, membership plans, gift cards and buy-ahead cards, when the program has them. */
function engineTwoSummary(program: ProgramConfig): Partial<ProgramSummary> {
  const out: Partial<ProgramSummary> = {};
  const c = program.currency;
  const { tiers, cashback, punchCards, membership, giftCards, buyAhead } = program;
  if (tiers) {
    out.tiers = tiers.levels.map((l) => ({
      id: l.id,
      name: l.name,
      basis: tiers.basis,
      threshold: l.threshold,
      periodMonths: periodMonthsOf(tiers),
      period: tiers.period,
      benefits: tierBenefitsView(l.benefits),
    }));
  }
  if (cashback) {
    out.cashback = { percent: cashback.percent, yearEndRebate: cashback.yearEndRebate.map((r) => ({ threshold: money(r.minSpend, c), percent: r.percent })) };
    out.spendLevels = cashback.spendLevelRewards.map((r) => ({ threshold: money(r.threshold, c), reward: r.name }));
  }
  if (punchCards?.length) {
    out.punchCards = punchCards.map((card) => ({
      id: card.id,
      name: card.name,
      appliesTo: card.appliesTo,
      punches: card.required,
      per: card.per,
      maxPerOrder: card.maxPerOrder,
      maxPerDay: card.maxPerDay,
      ...(card.rewardValidDays !== undefined ? { rewardValidDays: card.rewardValidDays } : {}),
    }));
  }
  if (membership) {
    out.membershipPlans = membership.plans.map((p) => ({
      id: p.id,
      name: p.name,
      price: money(p.fee, c),
      interval: p.period,
      trialDays: p.trialDays,
      benefits: [
        ...(p.benefits.earnMultiplier > 1 ? [`${p.benefits.earnMultiplier}× points`] : []),
        ...(p.benefits.freeShipping ? ['Free shipping'] : []),
        ...(p.benefits.memberPrices ? ['Member prices'] : []),
      ],
      perks: { ...p.benefits },
    }));
  }
  if (giftCards) out.giftCards = { maxValue: money(giftCards.maxValue, c), expiryDays: giftCards.expiryDays };
  if (buyAhead?.length) {
    out.buyAhead = buyAhead.map((b) => ({
      id: b.id,
      name: b.name,
      productId: b.productId,
      bonusPoints: b.bonusPoints,
      discountPercent: b.discountPercent,
      uses: b.uses,
      ...(b.validDays !== undefined ? { validDays: b.validDays } : {}),
    }));
  }
  return out;
}

function pointsView(points: EnginePoints): PointsSummary {
  return {
    available: points.available,
    pending: points.pending,
    lifetime: points.lifetime,
    nextPending: points.nextPending && { points: points.nextPending.points, availableOn: iso(points.nextPending.availableAt) },
    nextExpiry: points.nextExpiry && { points: points.nextExpiry.points, expiresOn: iso(points.nextExpiry.expiresAt) },
  };
}

function batchView(batch: Batch): PointBatch {
  return {
    id: batch.id,
    source: batch.source,
    orderId: batch.orderId,
    points: batch.points,
    remaining: batch.remaining,
    status: batch.status,
    earnedAt: iso(batch.earnedAt),
    availableOn: iso(batch.availableAt),
    expiresOn: batch.expiresAt === null ? null : iso(batch.expiresAt),
  };
}

const SOURCE_TEXT: Record<string, string> = {
  order: 'Order',
  action: 'Action',
  promotion: 'Promotion',
  adjustment: 'Adjustment',
  join: 'Joining bonus',
  referral: 'Referral reward',
  birthday: 'Birthday',
};
const KIND_TEXT: Record<string, string> = { redeem: 'Reward', refund: 'Points given back', expire: 'Expired', return: 'Return', clawback: 'Taken back after a return', adjust: 'Adjustment' };
/** A clawback's words by what it pays back (a return's are KIND_TEXT's). */
const PAYS_TEXT: Record<string, string> = { adjustment: 'Paid back: adjustment', reward: 'Paid back: reward used again' };

function activityView(engine: EngineState, program: ProgramConfig, entry: Activity): ActivityEntry {
  const pays = entry.kind === 'clawback' ? (entry.pays ?? 'return') : undefined;
  // (a reward code charged again at an order is `{redemption id}:{order id}`)
  const rewarded = entry.kind === 'redeem' || entry.kind === 'refund' || pays === 'reward';
  const rewardId = rewarded && entry.ref ? engine.redemptions[entry.ref.split(':')[0]!]?.rewardId : undefined;
  let description = (entry.kind === 'earn' || entry.kind === 'pending') && entry.source ? SOURCE_TEXT[entry.source] : (pays && PAYS_TEXT[pays]) || KIND_TEXT[entry.kind];
  const rewardName = pays === 'reward' && rewardId ? program.rewards.find((r) => r.id === rewardId)?.name : undefined;
  if (rewardName) description = `${description} (${rewardName})`;
  const sourced = entry.source && (entry.kind === 'earn' || entry.kind === 'pending' || entry.kind === 'expire');
  return {
    id: entry.id,
    kind: entry.kind,
    points: entry.points,
    at: iso(entry.at),
    orderId: entry.orderId ?? null,
    ...(sourced ? { source: entry.source } : {}),
    ...(rewardId ? { rewardId } : {}),
    ...(pays ? { pays } : {}),
    ...(description ? { description } : {}),
  };
}

/** A member's redemptions, newest first, with what became of each coupon. */
function redemptionItems(engine: EngineState, program: ProgramConfig, memberId: string): RedemptionItem[] {
  return Object.values(engine.redemptions)
    .filter((r) => r.programId === program.id && r.memberId === memberId)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
    .map((r) => {
      const name = program.rewards.find((x) => x.id === r.rewardId)?.name;
      return {
        id: r.id,
        rewardId: r.rewardId,
        ...(name ? { rewardName: name } : {}),
        points: r.points,
        coupon: { code: r.couponCode, discount: money(r.discount, program.currency), expiresAt: iso(r.expiresAt), ...(r.kind === 'free_shipping' ? { freeShipping: true } : {}) },
        status: r.status,
        createdAt: iso(r.createdAt),
        ...(r.idempotencyKey ? { idempotencyKey: r.idempotencyKey } : {}),
      };
    });
}

/** Deletion requests live among the idempotency records: the engine has no place for them (plain JSON, persisted). */
const deletionKey = (programId: string, memberId: string) => `${programId}:${memberId}:deletion-request`;

/** The member's email consents, and the language their emails are written in. */
function preferencesView(member: MemberRecord): Preferences {
  return { newsletter: member.newsletter, statement: member.statement, locale: emailLocale(member.locale) };
}

export function memberView(state: MockState, member: MemberRecord, program: ProgramConfig): Member {
  const now = state.clock.now();
  const engine = state.engine;
  const view: Member = {
    id: member.id,
    email: member.email,
    name: member.name,
    currency: program.currency,
    points: pointsView(memberBalance(engine, program.id, member.id, now).summary),
    updatedAt: iso(now),
    birthday: member.birthday,
  };
  if (program.tiers) {
    const t = tierAt(engine, program.id, member.id, now, program.tiers);
    view.tier = {
      id: t.level.id,
      name: t.level.name,
      progress: {
        basis: program.tiers.basis,
        current: t.progress.current,
        next: t.progress.next,
        // Null only for a rolling window with nothing counted: the period then ends a window from now (on the store's calendar).
        periodEndsOn: calendarDay(t.progress.periodEndsOn ?? new MonthsAfter(periodMonthsOf(program.tiers), program.timeZone).at(now), program.timeZone),
        missing: t.progress.missing,
        percent: t.progress.percent,
      },
      benefits: tierBenefitsView(t.level.benefits),
      requalifyBy: t.requalifyBy === null ? null : calendarDay(t.requalifyBy, program.timeZone),
      keptByGrace: t.keptByGrace,
    };
  }
  if (program.cashback) {
    const credit = creditView(engine, program as CreditProgram, member.id, now);
    view.storeCredit = credit.available;
    view.storeCreditPending = credit.pending;
  }
  const membership = membershipView(engine, program, member.id, now);
  if (membership) view.membership = membership;
  if (program.punchCards?.length) view.punchCards = program.punchCards.map((card) => punchCardView(engine, program, member.id, card, now));
  return view;
}

type CreditProgram = ProgramConfig & { cashback: NonNullable<ProgramConfig['cashback']> };

/** The program, when it has store credit (cashback); otherwise `409 conflict` (`no_cashback`). */
function withCredit(program: ProgramConfig): CreditProgram {
  if (!program.cashback) throw new EngineError('conflict', 409, 'This program has no store credit', { reason: 'no_cashback' });
  return program as CreditProgram;
}

/** A member's store credit in the contract's shape. A year-end rebate due by now is paid as the balance is read (it does not wait for an order). */
function creditView(engine: EngineState, program: CreditProgram, memberId: string, now: number): MemberStoreCredit {
  settleRebates(engine, engine.cashback, program.id, memberId, now, program.cashback);
  const credit = storeCredit(engine, engine.cashback, program.id, memberId, now, program.cashback);
  const next = credit.nextAvailable;
  return {
    available: money(credit.available, program.currency),
    pending: money(credit.pending, program.currency),
    owed: money(credit.owed, program.currency),
    nextAvailable: next && { amount: money(next.amount, program.currency), at: iso(next.at) },
  };
}

/** A money amount in the request must be in the program's currency (`422 validation` at `path`). */
function inCurrency(program: ProgramConfig, amount: { currency: string }, path: string): void {
  if (amount.currency !== program.currency) throw new InvalidRequest([{ path, message: `must be ${program.currency}` }]);
}

/** The member's membership in the contract's shape, or null when they never had one. */
export function membershipView(engine: EngineState, program: ProgramConfig, memberId: string, now: number): Membership | null {
  const v = membershipAt(engine.memberships, memberId, now, program.timeZone);
  if (v.status === 'none' || v.planId === null) return null;
  // When the current run began: the last trial or subscription that started from nothing.
  let startedAt = now;
  for (const e of engine.memberships.members[memberId]?.events ?? []) {
    if (e.at > now || (e.type !== 'trial' && e.type !== 'subscribe')) continue;
    const before = membershipAt(engine.memberships, memberId, e.at - 1, program.timeZone).status;
    if (before !== 'trial' && before !== 'active' && before !== 'past_due') startedAt = e.at;
  }
  const isoOrNull = (t: number | null) => (t === null ? null : iso(t));
  const plan = program.membership?.plans.find((p) => p.id === v.planId);
  return {
    planId: v.planId,
    ...(plan ? { planName: plan.name } : {}),
    status: v.status,
    startedAt: iso(startedAt),
    renewsOn: isoOrNull(v.renewsOn),
    trialEndsOn: isoOrNull(v.trialEndsOn),
    endsOn: isoOrNull(v.endsOn),
    cancelledAt: isoOrNull(v.cancelledAt),
    graceEndsOn: isoOrNull(v.graceEndsOn),
    benefits: { ...v.benefits },
  };
}

function punchCardView(engine: EngineState, program: ProgramConfig, memberId: string, card: NonNullable<ProgramConfig['punchCards']>[number], now: number): PunchCardProgress {
  const status = punchesAt(engine, program.id, memberId, card, now);
  const prefix = normalizeCode(`PUNCH-${card.id}-${memberId}-`);
  const rewardCodes = Object.entries(engine.issuedCoupons)
    .filter(([code, def]) => code.startsWith(prefix) && def.programId === program.id && (def.endsAt === undefined || def.endsAt > now))
    .filter(([code]) => !engine.couponUses.some((u) => u.programId === program.id && u.code === code))
    .map(([code]) => code);
  return { id: card.id, name: card.name, punches: status.onCard, required: card.required, rewardAvailable: rewardCodes.length > 0, total: status.punches, rewardCodes };
}

function giftCardView(card: GiftCardView): GiftCard {
  return { code: card.code, value: card.value, balance: card.balance, issuedAt: iso(card.issuedAt), expiresAt: card.expiresAt === null ? null : iso(card.expiresAt), status: card.status };
}

/** A human line for the coupon field (the structured `coverage` is what a widget translates). */
function coverageText(a: AppliesTo): string {
  const names = (l: { brands: string[]; categories: string[]; products: string[] }) => [...l.brands, ...l.categories, ...l.products].join(', ');
  if (a.scope === 'all') return 'All items';
  if (a.scope === 'except') return `All items except ${names(a)}`;
  return `Only ${names(a)}${a.except ? ` except ${names(a.except)}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// KPIs (PRODUCT.md §6), over the orders placed in [from, to)

/** The engine's KPIs (PRODUCT.md §6, definitions in engine/kpis.ts) in the contract's shape. */
export function computeKpis(engine: EngineState, programId: string, from: number, to: number, lifespanYears?: number, marginPercent?: number): ProgramKpis {
  const currency = engine.programs[programId]!.currency;
  const k = programKpis(engine, programId, { from, to, ...(lifespanYears !== undefined ? { lifespanYears } : {}), ...(marginPercent !== undefined ? { marginPercent } : {}) });
  return {
    from: iso(from),
    to: iso(to),
    aov: money(k.averageOrderValue, currency),
    purchaseFrequency: k.purchaseFrequency.value,
    customerValue: money(k.customerValue, currency),
    customerValuePerYear: money(k.customerValuePerYear, currency),
    ...(k.clv !== null ? { clv: money(k.clv, currency) } : {}),
    ...(k.yearlyProfit !== null ? { yearlyProfit: money(k.yearlyProfit, currency) } : {}),
    adoptionRate: k.adoptionRate.value,
    redemptionRate: k.redemptionRate.value,
    retentionRate: k.retention.value,
    churn: { customers: k.churn.customersLost, rate: k.churn.rate.value, valueLost: money(k.churn.valueLost, currency), valueRate: k.churn.valueRate.value },
    counts: {
      revenue: money(k.revenue, currency),
      orders: k.orders,
      uniqueCustomers: k.customers,
      members: k.members.total,
      totalCustomers: k.adoptionRate.customerBase,
      pointsIssued: k.points.issued,
      pointsRedeemed: k.points.redeemed,
      customersAtStart: k.retention.customersAtStart,
      customersAtEnd: k.retention.customersAtEnd,
      newCustomers: k.retention.newCustomers,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// authentication

type Authed = { program: ProgramConfig; member: MemberRecord };

function programOf(state: MockState, programId: string): ProgramConfig {
  const program = state.engine.programs[programId];
  if (!program) throw new EngineError('not_found', 404, 'Unknown program', { programId });
  return program;
}

/** Answered as a problem by `route` (for results that are not engine rules). */
class Refusal extends Error {
  constructor(readonly response: Response) {
    super('refused');
  }
}

/**
 * The signed-in member, from a customer token whose `sub` is a member id or an email. Returns null
 * when no token is sent and `optional` is set.
 */
async function signedIn(state: MockState, request: Request, programId: string, optional: true): Promise<Authed | null>;
async function signedIn(state: MockState, request: Request, programId: string, optional?: false): Promise<Authed>;
async function signedIn(state: MockState, request: Request, programId: string, optional = false): Promise<Authed | null> {
  const program = programOf(state, programId);
  const header = request.headers.get('Authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (!token) {
    if (optional && !header) return null;
    throw new Refusal(problem(401, 'unauthorized', 'Sign-in required', { reason: 'missing' }));
  }
  const verified = await verifyCustomerToken(state.secret, token, programId, state.clock.now());
  if (!verified.ok) {
    if (verified.reason === 'program') throw new Refusal(problem(403, 'forbidden', 'This token is for another program', { reason: 'program' }));
    throw new Refusal(problem(401, 'unauthorized', 'Invalid customer token', { reason: verified.reason }));
  }
  const sub = verified.claims.sub;
  const byId = state.engine.members[sub];
  const member = byId && byId.programId === programId ? byId : sub.includes('@') ? findMemberByEmail(state.engine, programId, sub) : undefined;
  // A valid token for someone who has not joined (yet): the member does not exist.
  if (!member) throw new Refusal(problem(404, 'not_found', 'Not a member of this program', { reason: 'member' }));
  return { program, member };
}

function merchant(state: MockState, request: Request, programId: string): ProgramConfig {
  if (request.headers.get('X-Fidelio-Merchant-Key') !== state.merchantKey) {
    throw new Refusal(problem(401, 'unauthorized', 'Merchant key required', { reason: 'merchant_key' }));
  }
  return programOf(state, programId);
}

async function tokenFor(state: MockState, sub: string, programId: string): Promise<{ token: string; expiresAt: string }> {
  const iat = Math.floor(state.clock.now() / 1000);
  const exp = iat + MAX_TOKEN_LIFETIME_S;
  return { token: await signCustomerToken(state.secret, { sub, prg: programId, iat, exp }), expiresAt: iso(exp * 1000) };
}

// ---------------------------------------------------------------------------------------------
// activity cursors: the last entry given, so new entries at the top never shift a page

const encodeCursor = (entry: Activity) => encodeBase64Url(new TextEncoder().encode(JSON.stringify({ at: entry.at, id: entry.id })));
function decodeCursor(cursor: string): { at: number; id: string } {
  try {
    const value = JSON.parse(new TextDecoder().decode(decodeBase64Url(cursor))) as { at?: unknown; id?: unknown };
    if (typeof value.at === 'number' && typeof value.id === 'string') return { at: value.at, id: value.id };
  } catch {
    // fall through
  }
  throw new InvalidRequest([{ path: 'query.cursor', message: 'is not a cursor this server issued' }]);
}

// ---------------------------------------------------------------------------------------------
// coupon-guessing throttle

function throttleKey(request: Request, auth: Authed | null): string {
  if (auth) return `member:${auth.member.id}`;
  // A server keys a visitor without a token on the client's address, which a page cannot see:
  // here every such request is one visitor, unless a test names others with this header (the
  // SDK never sends it; it is not part of the contract).
  const visitor = request.headers.get('X-Fidelio-Visitor');
  return visitor ? `visitor:${visitor}` : 'anonymous';
}

/** Refuses when the bucket already failed the allowed number of times in the last minute. */
function checkThrottle(state: MockState, key: string, now: number): void {
  const recent = (state.attempts[key] ?? []).filter((t) => t > now - MINUTE_MS);
  state.attempts[key] = recent;
  if (recent.length < COUPON_ATTEMPTS_PER_MINUTE) return;
  const retryAfter = Math.max(1, Math.ceil((recent[0]! + MINUTE_MS - now) / 1000));
  throw new Refusal(problem(429, 'too_many_attempts', 'Too many attempts', { retryAfter }, { 'Retry-After': String(retryAfter) }));
}

// ---------------------------------------------------------------------------------------------
// routes

type Ctx = { request: Request; params: Record<string, string | readonly string[] | undefined> };

function toProblem(error: unknown): Response {
  if (error instanceof Refusal) return error.response;
  if (error instanceof InvalidRequest) return problem(422, 'validation', 'Invalid request', { errors: error.errors });
  if (isEngineError(error)) {
    let params = error.params;
    if (error.code === 'validation' && !Array.isArray(params.errors)) {
      // The engine names the field; the contract wants [{ path, message }].
      params = { ...params, errors: [{ path: typeof params.field === 'string' ? `/${params.field.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}` : '/', message: error.message }] };
    }
    return problem(error.status, error.code as ErrorCode, error.message, params);
  }
  console.error('[fidelio mock]', error);
  return problem(500, 'server', 'Something went wrong');
}

export interface HandlerOptions {
  /** Called after every request that may have written (the persistence hook); awaited before answering. */
  onWrite?: () => Promise<void> | void;
  /** Moves the backend's clock (`MockBackend.advance`, used by `POST /demo/time-travel`). */
  advance?: (days: number) => Promise<void> | void;
}

/** Writes the emails due now into the outbox (idempotent); the request's origin is the shop page for unsubscribe links. */
function runOutboxFor(state: MockState, programId: string, request: Request): void {
  if (!state.engine.programs[programId]) return;
  try {
    runOutbox(state.engine, state.engine.outbox, programId, state.clock.now(), { siteUrl: new URL(request.url).origin });
  } catch (error) {
    console.error('[fidelio mock] outbox', error);
  }
}

/** The reference backend: every operation of the REST contract, answered by the program engine. */
export function createHandlers(state: MockState, options: HandlerOptions = {}): HttpHandler[] {
  const read = (run: (ctx: Ctx & { programId: string }) => Promise<Response>) => async (ctx: Ctx) => {
    try {
      return await run({ ...ctx, programId: String(ctx.params.programId) });
    } catch (error) {
      return toProblem(error);
    }
  };
  const write = (run: (ctx: Ctx & { programId: string }) => Promise<Response>) => async (ctx: Ctx) => {
    const response = await read(run)(ctx);
    runOutboxFor(state, String(ctx.params.programId), ctx.request);
    await options.onWrite?.();
    return response;
  };
  const now = () => state.clock.now();

  return [
    http.get(
      BASE,
      read(async ({ programId }) => HttpResponse.json(programSummary(programOf(state, programId), now()), { headers: { 'Cache-Control': 'public, max-age=60' } })),
    ),

    http.post(
      `${BASE}/members`,
      write(async ({ request, programId }) => {
        programOf(state, programId);
        const key = idempotencyKey(request);
        const input = await readBody<{ email: string; name?: string; birthday?: { day: number; month: number; year?: number }; newsletter: boolean; referralCode?: string; deviceId?: string; locale?: string }>(request, bodies.enroll);
        const result = enrollMember(state.engine, programId, input, now(), key);
        const member = state.engine.members[result.member.id]!;
        const body: Enrollment = {
          member: memberView(state, member, programOf(state, programId)),
          token: (await tokenFor(state, member.id, programId)).token,
          pointsAwarded: result.pointsAwarded,
          ...(result.referral ? { referral: result.referral } : {}),
        };
        return HttpResponse.json(body, { status: 201 });
      }),
    ),

    http.get(
      `${BASE}/me`,
      read(async ({ request, programId }) => {
        const { member, program } = await signedIn(state, request, programId);
        return HttpResponse.json(memberView(state, member, program));
      }),
    ),

    http.patch(
      `${BASE}/me`,
      write(async ({ request, programId }) => {
        const { member, program } = await signedIn(state, request, programId);
        const input = await readBody<{ name?: string | null }>(request, bodies.memberUpdate);
        if (input.name !== undefined) {
          const name = input.name === null ? '' : input.name.trim();
          if (!isValidName(name)) throw new EngineError('validation', 422, 'A name is at most 80 characters, without < or >', { field: 'name' });
          member.name = name || null;
        }
        return HttpResponse.json(memberView(state, member, program));
      }),
    ),

    http.get(
      `${BASE}/me/batches`,
      read(async ({ request, programId }) => {
        const { member } = await signedIn(state, request, programId);
        // Oldest first: the order in which they are spent.
        const batches = [...memberBalance(state.engine, programId, member.id, now()).batches].sort((a, b) => a.availableAt - b.availableAt || a.earnedAt - b.earnedAt);
        return HttpResponse.json({ items: batches.map(batchView) });
      }),
    ),

    http.get(
      `${BASE}/me/activity`,
      read(async ({ request, programId }) => {
        const { member, program } = await signedIn(state, request, programId);
        const query = new URL(request.url).searchParams;
        const rawLimit = query.get('limit');
        const limit = rawLimit === null ? 20 : Number(rawLimit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new InvalidRequest([{ path: 'query.limit', message: 'must be an integer from 1 to 100' }]);
        const cursor = query.get('cursor');
        const all = memberPoints(state.engine, programId, member.id, now()).activity; // newest first
        let start = 0;
        if (cursor !== null) {
          const after = decodeCursor(cursor);
          const index = all.findIndex((e) => e.id === after.id && e.at === after.at);
          start = index >= 0 ? index + 1 : all.findIndex((e) => e.at < after.at);
          if (start < 0) start = all.length;
        }
        const items = all.slice(start, start + limit);
        const more = start + limit < all.length;
        const body: ActivityPage = { items: items.map((entry) => activityView(state.engine, program, entry)), nextCursor: more ? encodeCursor(items[items.length - 1]!) : null };
        return HttpResponse.json(body);
      }),
    ),

    http.post(
      `${BASE}/cart/preview`,
      read(async ({ request, programId }) => {
        const program = programOf(state, programId);
        const auth = await signedIn(state, request, programId, true);
        const cart = await readBody<Cart>(request, bodies.cart);
        inCurrency(program, cart, '/currency');
        const coupon = cart.couponCode ? checkCoupon(state.engine, programId, cart.couponCode, cart as CouponCart, auth?.member.id ?? null, now()) : null;
        const discount = coupon?.ok ? coupon.discount : 0;
        const earn = previewCart(state.engine, programId, { ...(cart as CouponCart), discounts: discount }, now(), auth?.member.id ?? null);
        const body: CartPreview = {
          earn: {
            points: earn.points,
            pendingDays: earn.pendingDays,
            multiplier: earn.multiplier,
            bonusPoints: earn.bonusPoints,
            promotions: earn.promotions,
            asMember: earn.asMember,
            ...(earn.asMember ? {} : { joinPoints: earn.joinPoints }),
          },
          ...(earn.tier ? { tier: earn.tier } : {}),
          ...(coupon?.ok ? { discount: money(discount, program.currency) } : {}),
        };
        return HttpResponse.json(body);
      }),
    ),

    http.post(
      `${BASE}/coupons/validate`,
      read(async ({ request, programId }) => {
        programOf(state, programId);
        const auth = await signedIn(state, request, programId, true);
        const bucket = throttleKey(request, auth);
        checkThrottle(state, bucket, now());
        const input = await readBody<{ code: string; cart: Cart }>(request, bodies.coupon);
        const code = input.code.trim().toUpperCase();
        // The cart's own coupon is the one being checked again, not a second coupon.
        const applied = input.cart.couponCode && input.cart.couponCode.trim().toUpperCase() !== code ? [input.cart.couponCode] : [];
        const result = checkCoupon(state.engine, programId, input.code, input.cart as CouponCart, auth?.member.id ?? null, now(), applied);
        if (!result.ok) {
          (state.attempts[bucket] ??= []).push(now());
          throw new EngineError(result.code, 422, 'The coupon does not apply to this cart', result.params);
        }
        const body: CouponValidation = {
          code: result.code,
          kind: result.kind,
          ...(result.percent !== undefined ? { percent: result.percent } : {}),
          discount: money(result.discount, result.currency),
          ...(result.shippingDiscount !== undefined ? { shippingDiscount: money(result.shippingDiscount, result.currency) } : {}),
          lines: result.lines,
          appliesTo: coverageText(result.appliesTo),
          coverage: result.appliesTo,
          ...(result.expiresAt !== undefined ? { expiresAt: iso(result.expiresAt) } : {}),
        };
        return HttpResponse.json(body);
      }),
    ),

    http.get(
      `${BASE}/me/redemptions`,
      read(async ({ request, programId }) => {
        const { member, program } = await signedIn(state, request, programId);
        return HttpResponse.json({ items: redemptionItems(state.engine, program, member.id) });
      }),
    ),

    http.post(
      `${BASE}/me/redemptions`,
      write(async ({ request, programId }) => {
        const { member, program } = await signedIn(state, request, programId);
        const key = idempotencyKey(request);
        const input = await readBody<{ rewardId: string; cart?: Cart; steps?: number }>(request, bodies.redemption);
        const reward = program.rewards.find((r) => r.id === input.rewardId);
        // The minimum spend is checked before any point is spent.
        if (reward?.kind === 'fixed' && reward.minSpend && input.cart && input.cart.subtotal < reward.minSpend) {
          throw new EngineError('coupon_min_spend', 422, 'Minimum spend not reached', {
            minSpend: money(reward.minSpend, program.currency),
            missing: money(reward.minSpend - input.cart.subtotal, program.currency),
          });
        }
        const record = redeem(
          state.engine,
          programId,
          member.id,
          { rewardId: input.rewardId, ...(input.cart ? { cartSubtotal: input.cart.subtotal } : {}), ...(input.steps !== undefined ? { steps: input.steps } : {}) },
          now(),
          key,
        );
        let discount = record.discount;
        if (input.cart && record.status === 'issued') {
          const check = checkCoupon(state.engine, programId, record.couponCode, input.cart as CouponCart, member.id, now());
          if (check.ok) discount = check.discount;
        }
        const body: Redemption = {
          id: record.id,
          rewardId: record.rewardId,
          points: record.points,
          coupon: { code: record.couponCode, discount: money(discount, program.currency), expiresAt: iso(record.expiresAt), ...(record.kind === 'free_shipping' ? { freeShipping: true } : {}) },
          balance: pointsView(memberBalance(state.engine, programId, member.id, now()).summary),
        };
        return HttpResponse.json(body, { status: 201 });
      }),
    ),

    http.delete(
      `${BASE}/me/redemptions/:redemptionId`,
      write(async ({ request, params, programId }) => {
        const { member } = await signedIn(state, request, programId);
        const record = cancelRedemption(state.engine, programId, member.id, String(params.redemptionId), now());
        const body: CancelledRedemption = { id: record.id, status: 'cancelled', points: record.points, balance: pointsView(memberBalance(state.engine, programId, member.id, now()).summary) };
        return HttpResponse.json(body);
      }),
    ),

    http.get(
      `${BASE}/me/referral`,
      read(async ({ request, programId }) => {
        const { member } = await signedIn(state, request, programId);
        const stats = referralStats(state.engine, member.id, now());
        const link = `${new URL(request.url).origin}/?ref=${encodeURIComponent(member.referralCode)}`;
        const body: ReferralInfo = {
          code: member.referralCode,
          link,
          stats: {
            invited: stats.invited,
            joined: stats.joined,
            ordered: stats.ordered,
            rewarded: stats.rewarded,
            pending: stats.pending,
            ...(stats.nextRewardAt !== null ? { nextRewardOn: new Date(stats.nextRewardAt).toISOString() } : {}),
          },
        };
        return HttpResponse.json(body);
      }),
    ),

    http.post(
      `${BASE}/me/events`,
      write(async ({ request, programId }) => {
        const { member } = await signedIn(state, request, programId);
        const key = idempotencyKey(request);
        const input = await readBody<{ type: 'share' | 'newsletter' | 'review' | 'birthday' | 'social_follow'; ref?: string }>(request, bodies.event);
        const body: MemberEventResult = once(state.engine, `${programId}:${member.id}:event:${key}`, input, () => {
          const at = now();
          // Counted for the referral funnel whether or not the share still earns points.
          if (input.type === 'share') member.shares += 1;
          // Claimed by the page, so checked against what the backend knows.
          if (input.type === 'newsletter' && !member.newsletter) return { pointsAwarded: 0, capped: false };
          // The birthday gift's own rule (its month on the store's calendar, once a calendar year
          // whatever the action's cap allows), as POST /me/birthday-reward applies it.
          if (input.type === 'birthday') {
            const claim = claimBirthdayReward(state.engine, programId, member.id, at);
            return claim.ok ? { pointsAwarded: claim.pointsAwarded, capped: false } : { pointsAwarded: 0, capped: claim.reason === 'already_claimed' };
          }
          // One reward per ref (the reviewed product, the shared URL). The engine has no place for
          // refs yet, so the mock keeps them among the idempotency records (see the report).
          const refKey = input.ref === undefined ? null : `${programId}:${member.id}:action-ref:${input.type}:${input.ref}`;
          if (refKey && state.engine.idempotency[refKey]) return { pointsAwarded: 0, capped: true };
          const result = recordAction(state.engine, programId, member.id, input.type, at);
          if (refKey && result.pointsAwarded > 0) state.engine.idempotency[refKey] = { fingerprint: '', result: result.pointsAwarded };
          return result;
        });
        return HttpResponse.json(body);
      }),
    ),

    http.get(
      `${BASE}/me/preferences`,
      read(async ({ request, programId }) => {
        const { member } = await signedIn(state, request, programId);
        return HttpResponse.json(preferencesView(member));
      }),
    ),

    http.put(
      `${BASE}/me/preferences`,
      write(async ({ request, programId }) => {
        const { member } = await signedIn(state, request, programId);
        const input = await readBody<Preferences>(request, bodies.preferences);
        const optedIn = input.newsletter && !member.newsletter;
        member.newsletter = input.newsletter;
        member.statement = input.statement;
        // (left out: the emails keep their language; an older widget sends none)
        if (input.locale !== undefined) setEmailLocale(state.engine, programId, member.id, input.locale);
        // The newsletter action's cap (once ever) keeps opting out and in again from paying twice.
        if (optedIn) recordAction(state.engine, programId, member.id, 'newsletter', now());
        return HttpResponse.json(preferencesView(member));
      }),
    ),

    http.post(
      `${BASE}/unsubscribe`,
      write(async ({ request, programId }) => {
        programOf(state, programId);
        const { token, from = 'newsletter' } = await readBody<{ token: string; from?: 'newsletter' | 'statement' }>(request, bodies.unsubscribe);
        const member = memberByUnsubscribeToken(state.engine, programId, token);
        const alreadyUnsubscribed = !member[from];
        member[from] = false;
        return HttpResponse.json({ email: maskEmail(member.email), newsletter: member.newsletter, statement: member.statement, alreadyUnsubscribed } satisfies UnsubscribeResult);
      }),
    ),

    http.post(
      `${BASE}/orders`,
      write(async ({ request, programId }) => {
        merchant(state, request, programId);
        const input = await readBody<{
          orderId: string;
          memberId?: string;
          email?: string;
          currency: string;
          lines: Cart['lines'];
          shipping: number;
          tax: number;
          discounts: number;
          couponCodes?: string[];
          placedAt: string;
        }>(request, bodies.order);
        // Idempotent on orderId: the same order again is the first answer, another body a conflict.
        const key = `${programId}:order:${input.orderId}`;
        const replay = key in state.engine.idempotency;
        const result = once(state.engine, key, input, () =>
          recordOrder(state.engine, programId, {
            orderId: input.orderId,
            memberId: input.memberId ?? null,
            email: input.email ?? null,
            currency: input.currency,
            lines: input.lines,
            shipping: input.shipping,
            tax: input.tax,
            discounts: input.discounts,
            placedAt: Date.parse(input.placedAt),
            couponCodes: input.couponCodes ?? [],
          }),
          'orderId',
        );
        const record = state.engine.orders[`${programId}:${input.orderId}`];
        const body: OrderResult = {
          orderId: result.orderId,
          memberId: record?.memberId ?? null,
          points: result.points,
          status: result.status === 'not_member' ? 'not_member' : result.pendingUntil !== null && result.pendingUntil > now() ? 'pending' : 'available',
          availableOn: result.pendingUntil === null ? null : iso(result.pendingUntil),
          ...(result.couponFlags ? { couponFlags: result.couponFlags } : {}),
        };
        return HttpResponse.json(body, { status: replay || result.status === 'duplicate' ? 200 : 201 });
      }),
    ),

    http.post(
      `${BASE}/orders/:orderId/returns`,
      write(async ({ request, params, programId }) => {
        merchant(state, request, programId);
        const orderId = String(params.orderId);
        const input = await readBody<{ returnId: string; lines?: { id: string; quantity: number }[]; amount?: number }>(request, bodies.return);
        const order = state.engine.orders[`${programId}:${orderId}`];
        if (!order) throw new EngineError('not_found', 404, 'Unknown order', { orderId });
        const body = once(state.engine, `${programId}:return:${orderId}:${input.returnId}`, input, (): ReturnResult => {
          const at = now();
          const points = () => (order.memberId ? memberPoints(state.engine, programId, order.memberId, at) : null);
          const before = points();
          const wasAvailable = before?.batches.some((b) => b.orderId === orderId && b.source === 'order' && b.availableAt <= at) ?? false;
          const result = recordReturn(state.engine, programId, orderId, input, at);
          const after = points();
          const uncollected = Math.max(0, (after?.owed ?? 0) - (before?.owed ?? 0));
          return {
            orderId,
            returnId: result.returnId,
            pointsReversed: result.pointsReversed,
            clawedBack: wasAvailable ? result.pointsReversed - uncollected : 0,
            uncollected,
          };
        }, 'returnId');
        return HttpResponse.json(body);
      }),
    ),

    http.get(
      `${BASE}/kpis`,
      read(async ({ request, programId }) => {
        merchant(state, request, programId);
        const query = new URL(request.url).searchParams;
        const issues: ValidationIssue[] = [];
        const time = (name: string, fallback: number) => {
          const raw = query.get(name);
          if (raw === null) return fallback;
          const at = Date.parse(raw);
          if (!DATE_TIME.test(raw) || Number.isNaN(at)) issues.push({ path: `query.${name}`, message: 'must be an RFC 3339 date-time' });
          return at;
        };
        const to = time('to', now());
        const from = time('from', addMonths(to, -12));
        const rawLifespan = query.get('lifespanYears');
        const lifespan = rawLifespan === null ? undefined : Number(rawLifespan);
        if (lifespan !== undefined && !(Number.isFinite(lifespan) && lifespan > 0)) issues.push({ path: 'query.lifespanYears', message: 'must be a number > 0' });
        const rawMargin = query.get('marginPercent');
        const margin = rawMargin === null ? undefined : Number(rawMargin);
        if (margin !== undefined && !(rawMargin!.trim() !== '' && Number.isFinite(margin) && margin >= 0 && margin <= 100)) issues.push({ path: 'query.marginPercent', message: 'must be a number from 0 to 100' });
        if (!issues.length && !(from < to)) issues.push({ path: 'query.from', message: 'must be before to' });
        if (issues.length) throw new InvalidRequest(issues);
        return HttpResponse.json(computeKpis(state.engine, programId, from, to, lifespan, margin));
      }),
    ),

    // ------------------------------------------------------------------ paid membership

    http.post(
      `${BASE}/me/membership`,
      write(async ({ request, programId }) => {
        const { member, program } = await signedIn(state, request, programId);
        const input = await readBody<{ planId: string; action: 'trial' | 'subscribe' }>(request, bodies.membership);
        const config = program.membership;
        if (!config) throw new EngineError('not_found', 404, 'This program has no paid membership', { planId: input.planId });
        const run = input.action === 'trial' ? startTrial : subscribe;
        run(state.engine, state.engine.memberships, programId, member.id, config, input.planId, now());
        return HttpResponse.json(membershipView(state.engine, program, member.id, now()));
      }),
    ),

    http.delete(
      `${BASE}/me/membership`,
      write(async ({ request, programId }) => {
        const { member, program } = await signedIn(state, request, programId);
        cancelMembership(state.engine, state.engine.memberships, programId, member.id, now());
        return HttpResponse.json(membershipView(state.engine, program, member.id, now()));
      }),
    ),

    http.post(
      `${BASE}/members/:memberId/membership/charges`,
      write(async ({ request, params, programId }) => {
        const program = merchant(state, request, programId);
        const input = await readBody<{ chargeId: string; outcome: 'succeeded' | 'failed' }>(request, bodies.charge);
        const memberId = String(params.memberId);
        const report = input.outcome === 'succeeded' ? chargeSucceeded : chargeFailed;
        report(state.engine, state.engine.memberships, programId, memberId, input.chargeId, now());
        const view = membershipView(state.engine, program, memberId, now());
        if (!view) throw new EngineError('conflict', 409, 'There is no membership to charge', { reason: 'not_subscribed' });
        return HttpResponse.json(view);
      }),
    ),

    // ------------------------------------------------------------------ store credit

    http.get(
      `${BASE}/members/:memberId/store-credit`,
      read(async ({ request, params, programId }) => {
        const program = withCredit(merchant(state, request, programId));
        const memberId = String(params.memberId);
        return HttpResponse.json(creditView(state.engine, program, memberId, now()));
      }),
    ),

    http.post(
      `${BASE}/members/:memberId/store-credit/debits`,
      write(async ({ request, params, programId }) => {
        const program = withCredit(merchant(state, request, programId));
        const key = idempotencyKey(request);
        const input = await readBody<{ amount: { amount: number; currency: string }; orderId: string }>(request, bodies.creditDebit);
        inCurrency(program, input.amount, '/amount/currency');
        const memberId = String(params.memberId);
        settleRebates(state.engine, state.engine.cashback, programId, memberId, now(), program.cashback);
        const { debit, available } = spendCredit(state.engine, state.engine.cashback, programId, memberId, input.amount.amount, input.orderId, now(), program.cashback, key);
        const body: StoreCreditDebit = { debitId: debit.id, debited: money(debit.amount, program.currency), available: money(available, program.currency) };
        return HttpResponse.json(body, { status: 201 });
      }),
    ),

    http.post(
      `${BASE}/members/:memberId/store-credit/refunds`,
      write(async ({ request, params, programId }) => {
        const program = withCredit(merchant(state, request, programId));
        const key = idempotencyKey(request);
        const input = await readBody<{ debitId: string; amount?: { amount: number; currency: string } }>(request, bodies.refund);
        if (input.amount) inCurrency(program, input.amount, '/amount/currency');
        const memberId = String(params.memberId);
        const { refund, available } = refundCredit(state.engine, state.engine.cashback, programId, memberId, input.debitId, input.amount?.amount, now(), program.cashback, key);
        const body: StoreCreditRefund = { refundId: refund.id, debitId: refund.debitId, refunded: money(refund.amount, program.currency), available: money(available, program.currency) };
        return HttpResponse.json(body, { status: 201 });
      }),
    ),

    // ------------------------------------------------------------------ gift cards

    http.post(
      `${BASE}/gift-cards`,
      write(async ({ request, programId }) => {
        const program = merchant(state, request, programId);
        const input = await readBody<{ code: string; value: { amount: number; currency: string }; expiresAt?: string | null }>(request, bodies.giftCard);
        inCurrency(program, input.value, '/value/currency');
        const existed = `${programId}:${normalizeGiftCardCode(input.code)}` in state.engine.giftCards.cards;
        const card = issueGiftCard(
          state.engine,
          state.engine.giftCards,
          programId,
          {
            code: input.code,
            currency: input.value.currency,
            value: input.value.amount,
            ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt === null ? null : Date.parse(input.expiresAt) } : {}),
          },
          now(),
          program.giftCards,
        );
        return HttpResponse.json(giftCardView(card), { status: existed ? 200 : 201 });
      }),
    ),

    http.get(
      `${BASE}/gift-cards/:code`,
      read(async ({ params, programId }) => {
        programOf(state, programId);
        return HttpResponse.json(giftCardView(giftCardBalance(state.engine.giftCards, programId, String(params.code), now())));
      }),
    ),

    http.post(
      `${BASE}/gift-cards/:code/debits`,
      write(async ({ request, params, programId }) => {
        merchant(state, request, programId);
        const key = idempotencyKey(request);
        const input = await readBody<{ amount: { amount: number; currency: string }; orderId?: string; allowPartial?: boolean }>(request, bodies.debit);
        const result = debitGiftCard(
          state.engine,
          state.engine.giftCards,
          programId,
          String(params.code),
          { amount: input.amount, idempotencyKey: key, orderId: input.orderId ?? null, allowPartial: input.allowPartial === true },
          now(),
        );
        const body: GiftCardDebit = { debitId: result.debitId, code: result.code, debited: result.debited, balance: result.balance };
        return HttpResponse.json(body, { status: 201 });
      }),
    ),

    http.post(
      `${BASE}/gift-cards/:code/refunds`,
      write(async ({ request, params, programId }) => {
        merchant(state, request, programId);
        const key = idempotencyKey(request);
        const input = await readBody<{ debitId: string; amount?: { amount: number; currency: string } }>(request, bodies.refund);
        const result = refundGiftCard(
          state.engine,
          state.engine.giftCards,
          programId,
          input.debitId,
          { ...(input.amount ? { amount: input.amount } : {}), idempotencyKey: key, code: String(params.code) },
          now(),
        );
        const body: GiftCardRefund = { refundId: result.refundId, debitId: result.debitId, code: result.code, refunded: result.refunded, balance: result.balance };
        return HttpResponse.json(body, { status: 201 });
      }),
    ),

    // ------------------------------------------------------------------ birthday

    http.post(
      `${BASE}/me/birthday-reward`,
      write(async ({ request, programId }) => {
        const { member } = await signedIn(state, request, programId);
        const claim = claimBirthdayReward(state.engine, programId, member.id, now());
        if (!claim.ok) throw new EngineError('conflict', 409, 'The birthday reward cannot be claimed now', { reason: claim.reason, ...claim.params });
        const body: BirthdayReward = { pointsAwarded: claim.pointsAwarded, points: pointsView(memberBalance(state.engine, programId, member.id, now()).summary) };
        return HttpResponse.json(body);
      }),
    ),

    http.put(
      `${BASE}/me/birthday`,
      write(async ({ request, programId }) => {
        const { member, program } = await signedIn(state, request, programId);
        const input = await readBody<{ day: number; month: number; year?: number }>(request, bodies.birthday);
        const result = changeBirthday(state.engine, state.engine.birthdays, programId, member.id, input, now(), program.birthday);
        const body: BirthdayChange = { birthday: result.birthday!, changed: result.changed, nextChangeOn: iso(result.nextChangeAt) };
        return HttpResponse.json(body);
      }),
    ),

    // ------------------------------------------------------------------ my data

    http.get(
      `${BASE}/me/export`,
      read(async ({ request, programId }) => {
        const { member, program } = await signedIn(state, request, programId);
        const points = memberPoints(state.engine, programId, member.id, now());
        const requested = state.engine.idempotency[deletionKey(programId, member.id)]?.result;
        const body: MemberExport = {
          exportedAt: iso(now()),
          member: memberView(state, member, program),
          preferences: preferencesView(member),
          batches: points.batches.map(batchView),
          activity: points.activity.map((entry) => activityView(state.engine, program, entry)),
          redemptions: redemptionItems(state.engine, program, member.id),
          orders: Object.values(state.engine.orders)
            .filter((o) => o.programId === programId && o.memberId === member.id)
            .sort((a, b) => a.placedAt - b.placedAt)
            .map((o) => ({
              orderId: o.orderId,
              placedAt: iso(o.placedAt),
              subtotal: money(o.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0), o.currency),
              discounts: money(o.discounts, o.currency),
              points: o.points,
              returned: money(o.returned, o.currency),
            })),
          deletionRequestedAt: typeof requested === 'number' ? iso(requested) : null,
        };
        return HttpResponse.json(body, { headers: { 'Content-Disposition': 'attachment; filename="my-data.json"' } });
      }),
    ),

    http.post(
      `${BASE}/me/deletion-request`,
      write(async ({ request, programId }) => {
        const { member } = await signedIn(state, request, programId);
        const key = deletionKey(programId, member.id);
        // Asking again answers with the first request.
        const first = state.engine.idempotency[key];
        const requestedAt = typeof first?.result === 'number' ? first.result : now();
        if (!first) state.engine.idempotency[key] = { fingerprint: '', result: requestedAt };
        return HttpResponse.json({ status: 'received', requestedAt: iso(requestedAt) } satisfies DeletionRequest, { status: 202 });
      }),
    ),

    // ------------------------------------------------------------------ demo: outbox and time travel

    http.get(
      `${BASE}/demo/outbox`,
      // A read that may write: the scheduler runs first (the `write` wrapper runs it again, a no-op).
      write(async ({ request, programId }) => {
        programOf(state, programId);
        const rawLimit = new URL(request.url).searchParams.get('limit');
        const limit = rawLimit === null ? 50 : Number(rawLimit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new InvalidRequest([{ path: 'query.limit', message: 'must be an integer from 1 to 500' }]);
        runOutboxFor(state, programId, request);
        const all = state.engine.outbox.emails.filter((e) => e.programId === programId);
        // Newest first; emails written in the same run keep their order reversed too.
        const newest = all.map((e, i) => ({ e, i })).sort((a, b) => b.e.at - a.e.at || b.i - a.i);
        const body: OutboxPage = {
          items: newest.slice(0, limit).map(({ e }) => ({
            id: e.id,
            kind: e.kind,
            to: e.to,
            memberId: e.memberId,
            locale: e.locale,
            subject: e.subject,
            text: e.text,
            html: e.html,
            unsubscribeUrl: e.unsubscribeUrl,
            at: iso(e.at),
          })),
          total: all.length,
        };
        return HttpResponse.json(body);
      }),
    ),

    http.post(
      `${BASE}/demo/time-travel`,
      write(async ({ request, programId }) => {
        programOf(state, programId);
        const { days } = await readBody<{ days: number }>(request, bodies.timeTravel);
        if (options.advance) await options.advance(days);
        else if (state.clock instanceof TravelClock) state.clock.offsetMs += days * DAY_MS;
        else throw new EngineError('conflict', 409, 'This backend’s clock cannot travel', { reason: 'fixed_clock' });
        const offset = state.clock instanceof TravelClock ? state.clock.offsetMs : 0;
        const body: TimeTravelResult = { now: iso(now()), offsetDays: offset / DAY_MS };
        return HttpResponse.json(body);
      }),
    ),

    // Demo only: stands in for the merchant's server, which signs tokens for its signed-in customers.
    http.post(
      `${BASE}/demo/session`,
      read(async ({ request, programId }) => {
        programOf(state, programId);
        const input = await readBody<{ email?: string }>(request, bodies.demoSession, true);
        let sub: string;
        if (input.email !== undefined) sub = input.email.trim().toLowerCase();
        else {
          const ana = state.engine.members[DEMO_MEMBER_ID];
          if (!ana || ana.programId !== programId) throw new EngineError('not_found', 404, 'No demo shopper in this program', {});
          sub = ana.id;
        }
        const body: DemoSession = await tokenFor(state, sub, programId);
        return HttpResponse.json(body);
      }),
    ),
  ];
}
