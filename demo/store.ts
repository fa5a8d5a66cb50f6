/**
 * The demo store's own script (what a merchant's theme would have). It starts Fidelio's reference
 * backend in the page, then adds the drop-in tag exactly as a merchant would write it.
 */
import { startMockBackend, DEMO_PROGRAM_ID, DEMO_MERCHANT_KEY, type MockBackend } from '../src/mock/index.js';
import { storeText, type StoreLocale } from './store-i18n.js';
import { renderMerchantView } from './merchant.js';

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
const SHOPPER_KEY = 'casa-verde-shopper';
const API = () => `${location.origin}/v1/programs/${DEMO_PROGRAM_ID}`;
let locale: StoreLocale = 'en';
let backend: MockBackend;

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
        // The signup popup (add-to-cart trigger) listens for this.
        document.dispatchEvent(new CustomEvent('fidelio-add-to-cart', { detail: { productId: p.id } }));
        button.textContent = storeText(locale, 'shop.added');
        setTimeout(() => (button.textContent = storeText(locale, 'shop.add')), 1200);
      });
      return li;
    }),
  );
}

/** The discount Fidelio's events told this checkout to apply (the host owns its prices). */
let applied: { code: string; amount: number; shipping: number } | null = null;

const SHIPPING = 500;

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
        <tfoot>
          <tr><th colspan="2">${storeText(locale, 'checkout.subtotal')}</th><td class="num">${price(subtotal)}</td></tr>
          <tr><th colspan="2">${storeText(locale, 'checkout.shipping')}</th><td class="num">${price(SHIPPING)}</td></tr>
          <tr id="discount-line" hidden></tr>
          <tr class="grand"><th colspan="2">${storeText(locale, 'checkout.orderTotal')}</th><td class="num" id="order-total"></td></tr>
        </tfoot>
      </table>
      <p>${storeText(locale, 'checkout.points')} <fidelio-points-badge></fidelio-points-badge></p>
      <fidelio-earn-preview></fidelio-earn-preview>
      <div class="pay-with">
        <fidelio-coupon-field></fidelio-coupon-field>
        <fidelio-points-redeem></fidelio-points-redeem>
      </div>
      <button type="button" class="place-order" id="place-order">${storeText(locale, 'checkout.place')}</button>
      <p id="order-status" role="status" tabindex="-1"></p>
    </div>`;
  document.getElementById('place-order')!.addEventListener('click', () => void placeOrder());
  // The host applies the discount itself, from Fidelio's events.
  // Subtotal + shipping − the code's discount (a free-shipping reward takes the shipping off).
  const discountLine = document.getElementById('discount-line')!;
  const showDiscount = () => {
    discountLine.hidden = !applied;
    const label = Object.assign(document.createElement('th'), { colSpan: 2, textContent: `${applied?.code}:` });
    const amount = Object.assign(document.createElement('td'), { className: 'num', textContent: `−${price((applied?.amount ?? 0) + (applied?.shipping ?? 0))}` });
    discountLine.replaceChildren(...(applied ? [label, amount] : []));
    document.getElementById('order-total')!.textContent = price(subtotal + SHIPPING - (applied ? applied.amount + applied.shipping : 0));
  };
  showDiscount();
  body.addEventListener('fidelio-coupon-apply', (event) => {
    // a reward's free shipping comes as shippingDiscount: off the shipping, not the items
    const { code, discount, shippingDiscount } = (event as CustomEvent<{ code: string; discount: { amount: number }; shippingDiscount?: { amount: number } }>).detail;
    applied = { code, amount: discount.amount, shipping: shippingDiscount?.amount ?? 0 };
    showDiscount();
  });
  body.addEventListener('fidelio-coupon-remove', (event) => {
    if (applied?.code === (event as CustomEvent<{ code: string }>).detail.code) applied = null;
    showDiscount();
  });
  // The host tells Fidelio its cart; Fidelio previews the points and never touches the prices.
  void window.Fidelio?.setCart({
    currency: 'USD',
    lines: lines.map((p) => ({ id: p.id, name: p.name, brand: p.brand, category: p.category, unitPrice: p.price, quantity: c[p.id]! })),
    shipping: SHIPPING,
    subtotal,
  });
}

/**
 * Plays the merchant's server: the order goes to the loyalty backend from the server, with the
 * merchant key, never from the shopper's browser (that is what stops shoppers posting fake orders).
 */
async function placeOrder(): Promise<void> {
  const status = document.getElementById('order-status')!;
  const c = cart();
  const lines = PRODUCTS.filter((p) => c[p.id]).map((p) => ({ id: p.id, name: p.name, brand: p.brand, category: p.category, unitPrice: p.price, quantity: c[p.id]! }));
  if (!lines.length) {
    status.textContent = storeText(locale, 'checkout.needItems');
    return;
  }
  const shopper = sessionStorage.getItem(SHOPPER_KEY);
  const orderId = `web-${Date.now().toString(36)}`;
  const subtotal = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  // The coupon (typed, or bought with points) is part of the order: its use is counted and the
  // points are earned on what the shopper paid.
  const discount = applied ? { discounts: applied.amount, couponCodes: [applied.code] } : { discounts: 0 };
  const referralCode = await window.Fidelio?.referral?.();
  const body = {
    orderId,
    currency: 'USD',
    lines,
    shipping: SHIPPING - (applied?.shipping ?? 0),
    tax: 0,
    subtotal,
    ...discount,
    placedAt: new Date().toISOString(),
    ...(shopper ? { email: shopper } : { email: 'guest@example.com' }),
    ...(referralCode ? { referralCode } : {}),
  };
  const response = await fetch(`${API()}/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Fidelio-Merchant-Key': DEMO_MERCHANT_KEY }, body: JSON.stringify(body) });
  if (!response.ok) {
    status.textContent = `${response.status} ${(await response.json().catch(() => ({}))).title ?? ''}`;
    return;
  }
  localStorage.removeItem(CART_KEY);
  applied = null;
  renderCheckout();
  const placed = document.getElementById('order-status')!;
  placed.textContent = storeText(locale, 'checkout.placed', { id: orderId });
  // the checkout was drawn again, Place order with it: a keyboard shopper goes on from the confirmation
  placed.focus();
  await window.Fidelio?.refresh();
  void renderMerchantView(locale);
}

function route(): void {
  const page = location.hash === '#checkout' || location.hash === '#rewards' ? location.hash.slice(1) : 'shop';
  for (const id of ['shop', 'checkout', 'rewards']) document.getElementById(id)!.hidden = id !== page;
  if (page === 'checkout') renderCheckout();
  const rewards = document.getElementById('rewards')!;
  if (page === 'rewards' && !rewards.firstElementChild) {
    // the panel is this page's content: its title is the page's h1
    const panel = document.createElement('fidelio-member-panel');
    panel.setAttribute('heading-level', '1');
    rewards.append(panel);
  }
}

function translateChrome(): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = storeText(locale, el.dataset.i18n!);
  renderProducts();
  route();
}

/** Signs a shopper in: the demo session endpoint stands in for the merchant's own login. */
async function signIn(email = 'ana@example.com'): Promise<void> {
  // Stands in for the merchant's server: it signs a 5-minute token whenever Fidelio asks for one.
  const provider = async () => {
    const response = await fetch(`${API()}/demo/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) });
    if (!response.ok) return null;
    return ((await response.json()) as { token: string }).token;
  };
  await window.Fidelio?.identify(provider);
  sessionStorage.setItem(SHOPPER_KEY, email);
  const lost = keepFocusFrom(['sign-in', 'join']);
  document.getElementById('sign-in')!.hidden = true;
  document.getElementById('sign-out')!.hidden = false;
  // A member has nothing to join.
  document.getElementById('join')!.hidden = true;
  if (lost) document.getElementById('sign-out')!.focus();
}

/** Whether focus is on one of these buttons, which are about to be hidden. */
function keepFocusFrom(ids: string[]): boolean {
  return ids.some((id) => document.activeElement?.id === id);
}

function signOut(): void {
  window.Fidelio?.signOut();
  sessionStorage.removeItem(SHOPPER_KEY);
  const lost = keepFocusFrom(['sign-out']);
  document.getElementById('sign-in')!.hidden = false;
  document.getElementById('sign-out')!.hidden = true;
  document.getElementById('join')!.hidden = false;
  if (lost) document.getElementById('sign-in')!.focus();
}

async function start(): Promise<void> {
  // Persisted in the page's IndexedDB, so the demo's members, orders and clock survive reloads.
  backend = await startMockBackend({ persist: true, history: true });
  const params = new URLSearchParams(location.search);
  const requested = params.get('lang') ?? localStorage.getItem('casa-verde-locale') ?? 'en';
  locale = (['en', 'es', 'ro', 'zh-CN'].includes(requested) ? requested : 'en') as StoreLocale;
  document.documentElement.lang = locale;
  (document.getElementById('locale') as HTMLSelectElement).value = locale;

  const script = document.createElement('script');
  script.type = 'module';
  script.src = '/src/drop-in.ts';
  script.fetchPriority = 'low'; // as the README advises: the store's own assets first
  script.dataset.api = location.origin;
  script.dataset.program = DEMO_PROGRAM_ID;
  // where "Already a member? Sign in" in the signup popup leads; this store signs in on the page (below)
  script.dataset.signInUrl = '#sign-in';
  document.head.append(script);
  await new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
  // The widgets read time from the backend's clock, so "Advance 30 days" moves their dates too
  // (pending lines in the history, codes' expiry), not only the backend's answers.
  window.Fidelio?.init({ clock: backend.state.clock });

  translateChrome();
  window.addEventListener('hashchange', route);
  document.getElementById('sign-in')!.addEventListener('click', () => void signIn());
  // "Already a member? Sign in" in the popup: this store signs in without leaving the page.
  document.addEventListener('fidelio-sign-in', (event) => {
    event.preventDefault();
    void signIn();
  });
  document.getElementById('sign-out')!.addEventListener('click', signOut);
  document.getElementById('locale')!.addEventListener('change', (event) => {
    locale = (event.target as HTMLSelectElement).value as StoreLocale;
    localStorage.setItem('casa-verde-locale', locale);
    // Fidelio follows <html lang> when no data-locale was given.
    document.documentElement.lang = locale;
    translateChrome();
  });
  // The popup gives focus back to the button that opened it; when joining or signing in hid that
  // button, the store puts focus on what took its place.
  document.addEventListener('fidelio-signup-close', () => {
    if (document.activeElement !== document.body) return;
    const next = ['sign-out', 'join', 'sign-in'].map((id) => document.getElementById(id)!).find((button) => !button.hidden);
    next?.focus();
  });
  // A new member from the popup: the merchant's site signs them in with its own session.
  document.addEventListener('fidelio-enrolled', (event) => void signIn((event as CustomEvent<{ email: string }>).detail.email));
  const toolStatus = document.getElementById('tool-status')!;
  let travelled = 0;
  document.getElementById('travel')!.addEventListener('click', async () => {
    await backend.advance(30);
    travelled += 30;
    toolStatus.textContent = storeText(locale, 'tools.travelled', { days: travelled });
    await window.Fidelio?.refresh();
    void renderMerchantView(locale);
  });
  document.getElementById('reset')!.addEventListener('click', async () => {
    await backend.reset();
    travelled = 0;
    toolStatus.textContent = storeText(locale, 'tools.resetDone');
    await window.Fidelio?.refresh();
    void renderMerchantView(locale);
  });
  const shopper = sessionStorage.getItem(SHOPPER_KEY);
  if (shopper || params.has('signed-in')) await signIn(shopper ?? undefined);
  void renderMerchantView(locale);
}

void start();
