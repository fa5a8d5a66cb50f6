/**
 * Merchant KPIs (PRODUCT.md §6), computed exactly as the guide defines them. Each formula is a pure
 * function on plain numbers; `programKpis` derives their inputs from the engine state for a date
 * range. No DOM, no fetch, time in epoch ms, money in integer minor units.
 *
 * Rounding: every money result is an integer in minor units, rounded half up (toward +∞) once, at
 * the end. Ratios are returned as exact fractions `{ numerator, denominator, value }`; rates also
 * carry `percent` (value × 100 rounded half up to 2 decimals). A zero denominator gives 0.
 */
import { DAY_MS } from '../core/clock.js';
import { EngineError } from './errors.js';
import { mailboxOf, program as getProgram } from './members.js';
import type { EngineState, OrderLine, OrderRecord } from './state.js';

/** An exact ratio; `value` = numerator / denominator, or 0 when the denominator is 0. */
export interface KpiFraction {
  numerator: number;
  denominator: number;
  value: number;
}

/** A ratio read as a rate; `percent` = value × 100, rounded half up to 2 decimals (0 when denominator is 0). */
export interface KpiRate extends KpiFraction {
  percent: number;
}

/** n / d rounded half up to an integer, exact for safe integers (d > 0). */
function roundHalfUpDiv(n: number, d: number): number {
  let q = Math.floor(n / d);
  let r = n - q * d;
  // Correct a float quotient that landed one off.
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  return 2 * r >= d ? q + 1 : q;
}

/** Rounds half up (toward +∞) to an integer: 2.5 → 3, -2.5 → -2. */
function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5);
}

const isSafeInt = (...xs: number[]) => xs.every((x) => Number.isSafeInteger(x));

export function fraction(numerator: number, denominator: number): KpiFraction {
  return { numerator, denominator, value: denominator === 0 ? 0 : numerator / denominator };
}

export function rate(numerator: number, denominator: number): KpiRate {
  const f = fraction(numerator, denominator);
  let percent = 0;
  if (denominator !== 0) {
    // Exact from the integers when possible (0.125 → 12.5, 2/3 → 66.67), else from the float.
    const sign = denominator < 0 ? -1 : 1;
    percent =
      isSafeInt(numerator * 10_000, denominator) ? roundHalfUpDiv(sign * numerator * 10_000, sign * denominator) / 100 : roundHalfUp(f.value * 10_000) / 100;
  }
  return { ...f, percent };
}

const valueOf = (x: number | KpiFraction) => (typeof x === 'number' ? x : x.value);

/**
 * Average order value = total revenue / number of orders, in minor units rounded half up to the
 * minor unit (4999.5 → 5000). 0 orders → 0.
 */
export function averageOrderValue(revenue: number, orders: number): number {
  if (orders <= 0) return 0;
  return isSafeInt(revenue, orders) ? roundHalfUpDiv(revenue, orders) : roundHalfUp(revenue / orders);
}

/** Purchase frequency = number of orders / unique customers (exact fraction; 0 customers → value 0). */
export function purchaseFrequency(orders: number, uniqueCustomers: number): KpiFraction {
  return fraction(orders, uniqueCustomers);
}

/**
 * Customer value = AOV × purchase frequency, in minor units per period (the period the frequency
 * was measured over), rounded half up. The frequency may be a number or an exact fraction.
 */
export function customerValue(aov: number, frequency: number | KpiFraction): number {
  if (typeof frequency !== 'number' && isSafeInt(aov * frequency.numerator, frequency.denominator) && frequency.denominator > 0) {
    return roundHalfUpDiv(aov * frequency.numerator, frequency.denominator);
  }
  return roundHalfUp(aov * valueOf(frequency));
}

/** CLV = customer value (per year) × average customer lifespan in years, minor units rounded half up. */
export function clv(customerValuePerYear: number, lifespanYears: number): number {
  return roundHalfUp(customerValuePerYear * lifespanYears);
}

/** Yearly profit per customer = customer value (per year) × margin% / 100, minor units rounded half up. */
export function yearlyProfit(customerValuePerYear: number, marginPercent: number): number {
  return isSafeInt(customerValuePerYear * marginPercent) ? roundHalfUpDiv(customerValuePerYear * marginPercent, 100) : roundHalfUp((customerValuePerYear * marginPercent) / 100);
}

/** Adoption rate = enrolled members / total customers. */
export function adoptionRate(members: number, customers: number): KpiRate {
  return rate(members, customers);
}

/** Redemption rate = points redeemed / points issued (can exceed 1 when a period spends older points). */
export function redemptionRate(pointsRedeemed: number, pointsIssued: number): KpiRate {
  return rate(pointsRedeemed, pointsIssued);
}

export interface ChurnInput {
  /** Customers at the period's start. */
  customersAtStart: number;
  /** Of those, customers lost during the period. */
  customersLost: number;
  /** Recurring value (minor units) the customers at start brought. */
  recurringValueAtStart: number;
  /** Recurring value (minor units) the lost customers brought. */
  recurringValueLost: number;
}

export interface Churn {
  /** Customers lost (count). */
  customersLost: number;
  /** Customer churn rate = customers lost / customers at start. */
  rate: KpiRate;
  /** Recurring value lost, minor units. */
  valueLost: number;
  /** Value churn rate = recurring value lost / recurring value at start. */
  valueRate: KpiRate;
}

/** Churn as a count, a rate, the recurring value lost and the share of value lost. */
export function churn(input: ChurnInput): Churn {
  return {
    customersLost: input.customersLost,
    rate: rate(input.customersLost, input.customersAtStart),
    valueLost: input.recurringValueLost,
    valueRate: rate(input.recurringValueLost, input.recurringValueAtStart),
  };
}

/**
 * Customer retention rate CRR = (E − N) / S, where S = customers at the period's start, E = at its
 * end, N = new customers acquired in the period; `percent` = CRR × 100 rounded to 2 decimals.
 * S = 0 → 0.
 */
export function retentionRate(customersAtStart: number, customersAtEnd: number, newCustomers: number): KpiRate {
  return rate(customersAtEnd - newCustomers, customersAtStart);
}

/**
 * An order's revenue: merchandise after order-level discounts, minus the merchandise returned so
 * far; shipping and tax are not revenue. Never negative.
 */
export function orderRevenue(order: Pick<OrderRecord, 'discounts' | 'returned'> & { lines: readonly OrderLine[] }): number {
  let gross = 0;
  for (const l of order.lines) gross += l.unitPrice * l.quantity;
  const net = gross - Math.min(Math.max(order.discounts, 0), gross);
  return Math.max(0, net - Math.max(order.returned, 0));
}

const YEAR_MS = 365.2425 * DAY_MS;

/**
 * The range's length in years: a range of exactly 365 or 366 days is one (calendar) year; any other
 * length is measured in mean Gregorian years (365.2425 days).
 */
export function yearsIn(from: number, to: number): number {
  const length = to - from;
  if (length === 365 * DAY_MS || length === 366 * DAY_MS) return 1;
  return length / YEAR_MS;
}

export interface KpiOptions {
  /** Start of the range (inclusive), epoch ms. */
  from: number;
  /** End of the range (exclusive), epoch ms. */
  to: number;
  /** Average customer lifespan in years, for CLV. */
  lifespanYears?: number;
  /** Gross margin in percent (20 = 20 %), for yearly profit. */
  marginPercent?: number;
}

export interface ProgramKpis {
  programId: string;
  /** [from, to): the range measured; `previousFrom` starts the equal-length range before it, [previousFrom, from). */
  period: { from: number; to: number; previousFrom: number; years: number };
  /** Σ orderRevenue of orders placed in [from, to), minor units (returns netted as recorded so far). */
  revenue: number;
  /** Orders placed in [from, to), members' and guests' (a fully returned order still counts). */
  orders: number;
  /** Distinct customers with an order in [from, to) (by mailbox: an address and its aliases are one customer; an order without an address is its own). */
  customers: number;
  /** revenue / orders, minor units rounded half up. */
  averageOrderValue: number;
  /** orders / customers. */
  purchaseFrequency: KpiFraction;
  /** AOV × frequency for the range = revenue / customers (unrounded AOV, rounded once), minor units. */
  customerValue: number;
  /** customerValue / period.years: the customer value over one year at the range's pace. */
  customerValuePerYear: number;
  /** customerValuePerYear × lifespanYears; null without lifespanYears. */
  clv: number | null;
  /** customerValuePerYear × marginPercent / 100; null without marginPercent. */
  yearlyProfit: number | null;
  members: {
    /** Members joined before `to`. */
    total: number;
    /** Members joined in [from, to). */
    joined: number;
    /** Customers of the range (`customers`) who are members by `to`. */
    amongCustomers: number;
  };
  /**
   * Adoption rate = members / total customers, where members = members joined before `to` and total
   * customers = the customer base at `to`: everyone who ordered before `to` plus every member
   * (a member who never bought still counts as a customer, so the rate stays within [0, 1]).
   */
  adoptionRate: KpiRate & { customerBase: number };
  points: {
    /** Points credited in [from, to): every earn entry (orders, join, actions, referrals…) and positive adjustments. */
    issued: number;
    /** Points spent on rewards in [from, to), less redemptions cancelled before `to`. */
    redeemed: number;
    /** Points taken back by returns in [from, to) (not subtracted from `issued`). */
    reversed: number;
  };
  /** Redemption rate = points.redeemed / points.issued (can exceed 1 when the range spends older points). */
  redemptionRate: KpiRate;
  /**
   * CRR = (E − N) / S with S = customers active in the previous period [previousFrom, from),
   * E = customers active in [from, to) (= `customers`), N = customers of [from, to) not active in the
   * previous period (first-time buyers plus returning ones); so E − N = customers kept, CRR ∈ [0, 1]
   * and CRR + churn rate = 1.
   */
  retention: KpiRate & {
    customersAtStart: number;
    customersAtEnd: number;
    newCustomers: number;
    /** Of N: customers whose first order ever is in [from, to). */
    firstTimeCustomers: number;
    /** Of N: customers who had ordered before the previous period and came back. */
    returningCustomers: number;
  };
  /**
   * Churn: customers active in the previous period with no order in [from, to). Recurring value at
   * start = revenue of the previous period's customers in that period; value lost = the lost
   * customers' share of it.
   */
  churn: Churn & { customersAtStart: number; recurringValueAtStart: number };
}

/**
 * All the §6 KPIs of a program over [from, to), derived from the state as of `to` (entries at or
 * after `to` are ignored, so a past range reads the same later; returns are the one exception, since
 * orders keep their returned amount without dates). O(orders + members + ledger).
 */
export function programKpis(state: EngineState, programId: string, options: KpiOptions): ProgramKpis {
  getProgram(state, programId);
  const { from, to } = options;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) {
    throw new EngineError('validation', 422, 'the range needs finite from < to', { field: 'to' });
  }
  const { lifespanYears, marginPercent } = options;
  if (lifespanYears !== undefined && !(Number.isFinite(lifespanYears) && lifespanYears >= 0)) {
    throw new EngineError('validation', 422, 'lifespanYears must be a number ≥ 0', { field: 'lifespanYears' });
  }
  if (marginPercent !== undefined && !Number.isFinite(marginPercent)) {
    throw new EngineError('validation', 422, 'marginPercent must be a number', { field: 'marginPercent' });
  }
  const previousFrom = from - (to - from);

  // Members by mailbox, as of `to`: one person's aliases (ana+shop@, a.na@gmail) are one customer,
  // as they are one person to referrals, trials and per-customer coupon limits.
  // (worked out once per address: a customer's orders share theirs)
  const mailboxes = new Map<string, string>();
  const mailbox = (email: string) => {
    let box = mailboxes.get(email);
    if (box === undefined) mailboxes.set(email, (box = mailboxOf(email)));
    return box;
  };
  const memberEmails = new Set<string>();
  let membersJoined = 0;
  for (const m of Object.values(state.members)) {
    if (m.programId !== programId || m.joinedAt >= to) continue;
    memberEmails.add(mailbox(m.email));
    if (m.joinedAt >= from) membersJoined += 1;
  }

  // One pass over the orders placed before `to`.
  let revenue = 0;
  let orders = 0;
  const current = new Set<string>();
  const previousValue = new Map<string, number>();
  const firstOrderAt = new Map<string, number>();
  for (const o of Object.values(state.orders)) {
    if (o.programId !== programId || o.placedAt >= to) continue;
    const buyer = o.memberId ? state.members[o.memberId] : undefined;
    const who = o.email ? mailbox(o.email) : buyer ? mailbox(buyer.email) : `order:${o.orderId}`;
    const first = firstOrderAt.get(who);
    if (first === undefined || o.placedAt < first) firstOrderAt.set(who, o.placedAt);
    if (o.placedAt >= from) {
      revenue += orderRevenue(o);
      orders += 1;
      current.add(who);
    } else if (o.placedAt >= previousFrom) {
      previousValue.set(who, (previousValue.get(who) ?? 0) + orderRevenue(o));
    }
  }

  let amongCustomers = 0;
  let firstTime = 0;
  for (const who of current) {
    if (memberEmails.has(who)) amongCustomers += 1;
    if (firstOrderAt.get(who)! >= from) firstTime += 1;
  }
  let customerBase = firstOrderAt.size;
  for (const email of memberEmails) if (!firstOrderAt.has(email)) customerBase += 1;

  let kept = 0;
  let lost = 0;
  let valueAtStart = 0;
  let valueLost = 0;
  for (const [who, value] of previousValue) {
    valueAtStart += value;
    if (current.has(who)) kept += 1;
    else {
      lost += 1;
      valueLost += value;
    }
  }
  const customersAtStart = previousValue.size;
  const customers = current.size;
  const newCustomers = customers - kept;

  // Points, as of `to`: redemptions cancelled before `to` do not count.
  const inProgram = (memberId: string) => state.members[memberId]?.programId === programId;
  const cancelled = new Set<string>();
  for (const e of state.ledger) if (e.kind === 'cancel' && e.at < to && inProgram(e.memberId)) cancelled.add(`${e.memberId}:${e.ref}`);
  let issued = 0;
  let redeemed = 0;
  let reversed = 0;
  for (const e of state.ledger) {
    if (e.at < from || e.at >= to || !inProgram(e.memberId)) continue;
    if (e.kind === 'earn' || (e.kind === 'adjust' && e.points > 0)) issued += e.points;
    else if (e.kind === 'redeem' && !cancelled.has(`${e.memberId}:${e.ref}`)) redeemed += e.points;
    else if (e.kind === 'reverse') reversed += e.points;
  }

  const years = yearsIn(from, to);
  // AOV × frequency = (revenue / orders) × (orders / customers): from the unrounded AOV, rounded once.
  const value = customers === 0 ? 0 : customerValue(revenue, fraction(1, customers));
  const perYear = years === 1 ? value : customers === 0 ? 0 : roundHalfUp(revenue / customers / years);
  return {
    programId,
    period: { from, to, previousFrom, years },
    revenue,
    orders,
    customers,
    averageOrderValue: averageOrderValue(revenue, orders),
    purchaseFrequency: purchaseFrequency(orders, customers),
    customerValue: value,
    customerValuePerYear: perYear,
    clv: lifespanYears === undefined ? null : clv(perYear, lifespanYears),
    yearlyProfit: marginPercent === undefined ? null : yearlyProfit(perYear, marginPercent),
    members: { total: memberEmails.size, joined: membersJoined, amongCustomers },
    adoptionRate: { ...adoptionRate(memberEmails.size, customerBase), customerBase },
    points: { issued, redeemed, reversed },
    redemptionRate: redemptionRate(redeemed, issued),
    retention: {
      ...retentionRate(customersAtStart, customers, newCustomers),
      customersAtStart,
      customersAtEnd: customers,
      newCustomers,
      firstTimeCustomers: firstTime,
      returningCustomers: newCustomers - firstTime,
    },
    churn: {
      ...churn({ customersAtStart, customersLost: lost, recurringValueAtStart: valueAtStart, recurringValueLost: valueLost }),
      customersAtStart,
      recurringValueAtStart: valueAtStart,
    },
  };
}
