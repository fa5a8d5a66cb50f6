/**
 * The demo store's own script (what a merchant's theme would have). It starts Fidelio's reference
 * backend in the page, then adds the drop-in tag exactly as a merchant would write it.
 */
import { startMockBackend, DEMO_PROGRAM_ID } from '../src/mock/index.js';
import { storeText, type StoreLocale } from './store-i18n.js';

interface Product {
  id: string;
  name: string;
  brand: string;
  category: string;
  price: number; // minor units
  art: string;
}

const PRODUCTS: Product[] = [
  { id: 'p-monstera', name: 'Monstera deliciosa', brand: 'Verde', category: 'plants', price: 4_500, art: 'M' },
  { id: 'p-fern', name: 'Boston fern', brand: 'Verde', category: 'plants', price: 2_200, art: 'F' },
  { id: 'p-cactus', name: 'Desert cactus trio', brand: 'Sol', category: 'plants', price: 3_000, art: 'C' },
  { id: 'p-pot', name: 'Terracotta pot 20 cm', brand: 'Barro', category: 'pots', price: 1_800, art: 'P' },
  { id: 'p-can', name: 'Brass watering can', brand: 'Acme Garden', category: 'tools', price: 5_600, art: 'W' },
  { id: 'p-soil', name: 'Organic potting mix 10 L', brand: 'Sol', category: 'soil', price: 1_200, art: 'S' },
];

const CART_KEY = 'casa-verde-cart';
let locale: StoreLocale = 'en';

function cart(): Record<string, number> {
  try {
    return JSON.parse(localStorage.getItem(CART_KEY) ?? '{}') as Record<string, number>;
  } catch {
    return {};
  }
}

const price = (minor: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(minor / 100);

function renderProducts(): void {
  const list = document.getElementById('products')!;
  list.replaceChildren(
    ...PRODUCTS.map((p) => {
      const li = document.createElement('li');
      li.className = 'product';
      li.innerHTML = `<div class="art" aria-hidden="true">${p.art}</div><strong></strong><span class="meta"></span><span class="price"></span><button type="button"></button>`;
      li.querySelector('strong')!.textContent = p.name;
      li.querySelector('.meta')!.textContent = `${p.brand} · ${p.category}`;
      li.querySelector('.price')!.textContent = price(p.price);
      const button = li.querySelector('button')!;
      button.textContent = storeText(locale, 'shop.add');
      button.addEventListener('click', () => {
        const c = cart();
        c[p.id] = (c[p.id] ?? 0) + 1;
        localStorage.setItem(CART_KEY, JSON.stringify(c));
        button.textContent = storeText(locale, 'shop.added');
        setTimeout(() => (button.textContent = storeText(locale, 'shop.add')), 1200);
      });
      return li;
    }),
  );
}

function renderCheckout(): void {
  const body = document.getElementById('checkout-body')!;
  const c = cart();
  const lines = PRODUCTS.filter((p) => c[p.id]);
  const subtotal = lines.reduce((sum, p) => sum + p.price * c[p.id]!, 0);
  const rows = lines.map((p) => `<tr><td>${p.name}</td><td class="num">${c[p.id]}</td><td class="num">${price(p.price * c[p.id]!)}</td></tr>`).join('');
  // Rendered only when the shopper opens checkout: Fidelio upgrades tags added later by the page.
  body.innerHTML = `
    <div class="cart">
      <table>
        <thead><tr><th>${storeText(locale, 'checkout.item')}</th><th class="num">${storeText(locale, 'checkout.qty')}</th><th class="num">${storeText(locale, 'checkout.total')}</th></tr></thead>
        <tbody>${rows || `<tr><td colspan="3">${storeText(locale, 'checkout.empty')}</td></tr>`}</tbody>
        <tfoot><tr><th colspan="2">${storeText(locale, 'checkout.subtotal')}</th><th class="num">${price(subtotal)}</th></tr></tfoot>
      </table>
      <p>${storeText(locale, 'checkout.points')} <fidelio-points-badge></fidelio-points-badge></p>
    </div>`;
}

function route(): void {
  const checkout = location.hash === '#checkout';
  document.getElementById('shop')!.hidden = checkout;
  document.getElementById('checkout')!.hidden = !checkout;
  if (checkout) renderCheckout();
}

function translateChrome(): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = storeText(locale, el.dataset.i18n!);
  renderProducts();
  route();
}

async function signIn(): Promise<void> {
  const api = `${location.origin}/v1/programs/${DEMO_PROGRAM_ID}`;
  // Stands in for the merchant's server: it signs a 5-minute token whenever Fidelio asks for one.
  const provider = async () => {
    const response = await fetch(`${api}/demo/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    if (!response.ok) return null;
    return ((await response.json()) as { token: string }).token;
  };
  await window.Fidelio?.identify(provider);
  sessionStorage.setItem('casa-verde-signed-in', '1');
  document.getElementById('sign-in')!.hidden = true;
  document.getElementById('sign-out')!.hidden = false;
}

function signOut(): void {
  window.Fidelio?.signOut();
  sessionStorage.removeItem('casa-verde-signed-in');
  document.getElementById('sign-in')!.hidden = false;
  document.getElementById('sign-out')!.hidden = true;
}

async function start(): Promise<void> {
  await startMockBackend();
  const params = new URLSearchParams(location.search);
  const requested = params.get('lang') ?? localStorage.getItem('casa-verde-locale') ?? 'en';
  locale = (['en', 'es', 'ro', 'zh-CN'].includes(requested) ? requested : 'en') as StoreLocale;
  document.documentElement.lang = locale;
  (document.getElementById('locale') as HTMLSelectElement).value = locale;

  const script = document.createElement('script');
  script.type = 'module';
  script.src = '/src/drop-in.ts';
  script.dataset.api = location.origin;
  script.dataset.program = DEMO_PROGRAM_ID;
  document.head.append(script);
  await new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));

  translateChrome();
  window.addEventListener('hashchange', route);
  document.getElementById('sign-in')!.addEventListener('click', () => void signIn());
  document.getElementById('sign-out')!.addEventListener('click', signOut);
  document.getElementById('locale')!.addEventListener('change', (event) => {
    locale = (event.target as HTMLSelectElement).value as StoreLocale;
    localStorage.setItem('casa-verde-locale', locale);
    // Fidelio follows <html lang> when no data-locale was given.
    document.documentElement.lang = locale;
    translateChrome();
  });
  document.addEventListener('fidelio-join', () => {
    // The signup popup (its own issue) will answer this event; until then the demo signs in.
    void signIn();
  });
  if (sessionStorage.getItem('casa-verde-signed-in') || params.has('signed-in')) await signIn();
}

void start();
