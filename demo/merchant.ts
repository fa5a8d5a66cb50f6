/**
 * The demo's merchant view: the program's KPIs (the merchant KPI call, with the merchant key, as a
 * back office would make it) and the emails the reference backend would have sent.
 */
import { DEMO_MERCHANT_KEY, DEMO_PROGRAM_ID } from '../src/mock/index.js';
import { storeText, type StoreLocale } from './store-i18n.js';

interface Kpis {
  aov: { amount: number; currency: string };
  purchaseFrequency: number;
  customerValue: { amount: number; currency: string };
  clv?: { amount: number; currency: string };
  adoptionRate: number;
  redemptionRate: number;
  retentionRate: number;
  churn: { customers: number; rate: number; valueLost: { amount: number; currency: string }; valueRate: number };
  counts: { orders: number; uniqueCustomers: number; members: number; totalCustomers: number; revenue: { amount: number; currency: string } };
}

interface Email {
  kind: string;
  to: string;
  subject: string;
  text: string;
  at: string;
  locale: string;
}

const api = () => `${location.origin}/v1/programs/${DEMO_PROGRAM_ID}`;

function cell(row: HTMLTableRowElement, text: string, numeric = false): void {
  const td = row.insertCell();
  td.textContent = text;
  if (numeric) td.className = 'num';
}

/** The lifespan the customer lifetime value is computed over. */
const LIFESPAN_YEARS = 5;

export async function renderMerchantView(locale: StoreLocale): Promise<void> {
  const t = (key: string, params?: Record<string, string | number>) => storeText(locale, key, params);
  const money = (m: { amount: number; currency: string }) => new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(m.amount / 100);
  const pct = (x: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(x);
  const num = (x: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(x);
  const headers = { 'X-Fidelio-Merchant-Key': DEMO_MERCHANT_KEY };
  const [kpiResponse, outboxResponse] = await Promise.all([fetch(`${api()}/kpis?lifespanYears=${LIFESPAN_YEARS}`, { headers }), fetch(`${api()}/demo/outbox?limit=8`)]);
  const table = document.getElementById('kpis') as HTMLTableElement;
  table.replaceChildren();
  if (kpiResponse.ok) {
    const k = (await kpiResponse.json()) as Kpis;
    const rows: [string, string][] = [
      [t('kpi.revenue'), money(k.counts.revenue)],
      [t('kpi.orders'), `${num(k.counts.orders)} / ${num(k.counts.uniqueCustomers)}`],
      [t('kpi.aov'), money(k.aov)],
      [t('kpi.frequency'), num(k.purchaseFrequency)],
      [t('kpi.customerValue'), money(k.customerValue)],
      [t('kpi.clv', { years: LIFESPAN_YEARS }), k.clv ? money(k.clv) : '—'],
      [t('kpi.adoption'), `${pct(k.adoptionRate)} (${num(k.counts.members)} / ${num(k.counts.totalCustomers)})`],
      [t('kpi.redemption'), pct(k.redemptionRate)],
      [t('kpi.retention'), pct(k.retentionRate)],
      [t('kpi.churn'), t('kpi.churnValue', { customers: num(k.churn.customers), rate: pct(k.churn.rate), lost: money(k.churn.valueLost), share: pct(k.churn.valueRate) })],
    ];
    for (const [label, value] of rows) {
      const row = table.insertRow();
      cell(row, label);
      cell(row, value, true);
    }
  }
  const list = document.getElementById('outbox')!;
  list.replaceChildren();
  if (outboxResponse.ok) {
    const { items, total } = (await outboxResponse.json()) as { items: Email[]; total: number };
    document.getElementById('outbox-title')!.textContent = t('tools.outbox', { count: num(total) });
    for (const email of items) {
      const item = document.createElement('li');
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = `${new Date(email.at).toLocaleDateString(locale)} · ${email.kind} · ${email.to} (${email.locale}) — ${email.subject}`;
      const body = document.createElement('pre');
      body.textContent = email.text;
      details.append(summary, body);
      item.append(details);
      list.append(item);
    }
  }
}
