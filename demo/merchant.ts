/**
 * The demo's merchant view: the program's KPIs (the merchant KPI call, with the merchant key, as a
 * back office would make it) and the emails the reference backend would have sent.
 */
import { DEMO_MERCHANT_KEY, DEMO_PROGRAM_ID } from '../src/mock/index.js';

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

export async function renderMerchantView(locale: string): Promise<void> {
  const money = (m: { amount: number; currency: string }) => new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(m.amount / 100);
  const pct = (x: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(x);
  const num = (x: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(x);
  const headers = { 'X-Fidelio-Merchant-Key': DEMO_MERCHANT_KEY };
  const [kpiResponse, outboxResponse] = await Promise.all([fetch(`${api()}/kpis?lifespanYears=5`, { headers }), fetch(`${api()}/demo/outbox?limit=8`)]);
  const table = document.getElementById('kpis') as HTMLTableElement;
  table.replaceChildren();
  if (kpiResponse.ok) {
    const k = (await kpiResponse.json()) as Kpis;
    const rows: [string, string][] = [
      ['Revenue (last 12 months)', money(k.counts.revenue)],
      ['Orders / unique customers', `${k.counts.orders} / ${k.counts.uniqueCustomers}`],
      ['Average order value', money(k.aov)],
      ['Purchase frequency', num(k.purchaseFrequency)],
      ['Customer value', money(k.customerValue)],
      ['Customer lifetime value (5 years)', k.clv ? money(k.clv) : '—'],
      ['Adoption rate (members / customers)', `${pct(k.adoptionRate)} (${k.counts.members} / ${k.counts.totalCustomers})`],
      ['Redemption rate', pct(k.redemptionRate)],
      ['Customer retention rate', pct(k.retentionRate)],
      ['Churn', `${k.churn.customers} (${pct(k.churn.rate)}), ${money(k.churn.valueLost)} (${pct(k.churn.valueRate)} of value)`],
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
    document.getElementById('outbox-total')!.textContent = String(total);
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
