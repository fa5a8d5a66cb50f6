// The store page of the page bench: one theme (HTML, CSS, host JS) served twice, as the control and
// with Fidelio added the way a merchant would add it. Product pictures are inline SVG, so the page
// needs no image files; everything the two variants share is byte-for-byte the same.

const PRODUCTS = [
  ['p-monstera', 'Monstera deliciosa', 'Casa Verde', 'plants', 3400, '#2f7d4f'],
  ['p-fern', 'Boston fern', 'Casa Verde', 'plants', 1900, '#3f9a5c'],
  ['p-pot-terracotta', 'Terracotta pot, 20 cm', 'Acme Garden', 'pots', 2500, '#c2693f'],
  ['p-pot-glazed', 'Glazed pot, 14 cm', 'Studio Clay', 'pots', 2900, '#3d6fa8'],
  ['p-soil', 'Potting mix, 10 l', 'Casa Verde', 'soil', 1200, '#6b4a2f'],
  ['p-snake', 'Snake plant', 'Casa Verde', 'plants', 2700, '#4e8b3a'],
  ['p-can', 'Brass watering can', 'Acme Garden', 'tools', 4200, '#b8923a'],
  ['p-mister', 'Glass plant mister', 'Studio Clay', 'tools', 1500, '#7aa6b8'],
  ['p-pothos', 'Golden pothos', 'Casa Verde', 'plants', 1600, '#7fa83a'],
  ['p-shears', 'Pruning shears', 'Acme Garden', 'tools', 2300, '#8d8f96'],
  ['p-fertilizer', 'Liquid fertilizer', 'Casa Verde', 'soil', 900, '#5a8f7b'],
  ['p-stand', 'Oak plant stand', 'Studio Clay', 'furniture', 5900, '#a67c52'],
].map(([id, name, brand, category, price, colour]) => ({ id, name, brand, category, price, colour }));

const INITIAL_CART = [
  { id: 'p-monstera', quantity: 1 },
  { id: 'p-pot-terracotta', quantity: 2 },
  { id: 'p-soil', quantity: 1 },
];

const money = (minor) => `$${(minor / 100).toFixed(2)}`;

/**
 * The cart as the store's server renders it (the theme's script renders the same markup again on
 * every change): a cart filled in by script after the first frame would shift the page in both
 * variants, a shift of the theme's that the comparison would then blame on whichever run it hit.
 */
function serverCart() {
  const lines = INITIAL_CART.map((l) => ({ ...l, p: PRODUCTS.find((p) => p.id === l.id) }));
  const subtotal = lines.reduce((n, l) => n + l.p.price * l.quantity, 0);
  const shipping = subtotal >= 7500 ? 0 : 690;
  return {
    lines: lines
      .map(
        (l) =>
          `<li class="cart-line">${productSvg(l.p, PRODUCTS.indexOf(l.p))}<div><div>${l.p.name}</div><div class="qty"><button data-step="-1" data-id="${l.id}" aria-label="Fewer">−</button>${l.quantity}<button data-step="1" data-id="${l.id}" aria-label="More">+</button></div></div><strong>${money(l.p.price * l.quantity)}</strong></li>`,
      )
      .join(''),
    subtotal: money(subtotal),
    shipping: shipping ? money(shipping) : 'Free',
    total: money(subtotal + shipping),
    count: String(lines.reduce((n, l) => n + l.quantity, 0)),
  };
}

function productSvg(p, i) {
  // A different little plant or object per card: leaves, a pot, a label; no external images.
  const leaves = Array.from({ length: 3 + (i % 4) }, (_, k) => {
    const angle = -60 + k * (120 / (2 + (i % 4)));
    return `<ellipse cx="80" cy="62" rx="9" ry="30" fill="${p.colour}" opacity="${0.65 + (k % 3) * 0.1}" transform="rotate(${angle.toFixed(1)} 80 92)"/>`;
  }).join('');
  return `<svg viewBox="0 0 160 160" role="img" aria-label="${p.name}" class="product-art"><rect width="160" height="160" fill="#f4f1ea"/>${leaves}<path d="M52 100h56l-8 44H60z" fill="#c9875a"/><rect x="48" y="96" width="64" height="10" rx="3" fill="#b5744a"/><text x="80" y="128" text-anchor="middle" font-size="9" fill="#fff" font-family="sans-serif">${p.brand}</text></svg>`;
}

export const THEME_CSS = `
:root { --ink: #1f2330; --muted: #5d6272; --line: #e3e0d8; --paper: #fffdf8; --brand: #2f6b45; --accent: #d9822b;
  --fidelio-accent: #2f6b45; --fidelio-surface: #eef5ef; --fidelio-font: 600 0.9rem/1.2 system-ui, sans-serif; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--paper); }
a { color: inherit; }
.announcement { background: var(--brand); color: #fff; text-align: center; font-size: .85rem; padding: .4rem 1rem; }
.site-header { position: sticky; top: 0; z-index: 10; background: #fff; border-bottom: 1px solid var(--line); }
.header-inner { max-width: 1240px; margin: 0 auto; display: flex; align-items: center; gap: 1.5rem; padding: .75rem 1.25rem; }
.logo { font: 700 1.35rem/1 Georgia, serif; letter-spacing: .02em; text-decoration: none; display: flex; align-items: center; gap: .5rem; }
.logo svg { width: 28px; height: 28px; }
.nav { display: flex; gap: 1.1rem; font-size: .95rem; }
.nav a { text-decoration: none; color: var(--muted); }
.nav a:hover { color: var(--ink); }
.search { flex: 1; display: flex; }
.search input { width: 100%; max-width: 320px; margin-left: auto; padding: .45rem .75rem; border: 1px solid var(--line); border-radius: 999px; font: inherit; }
.header-tools { display: flex; align-items: center; gap: .75rem; }
.cart-link { position: relative; display: inline-flex; align-items: center; gap: .35rem; text-decoration: none; font-weight: 600; }
.cart-count { min-width: 1.4rem; height: 1.4rem; border-radius: 999px; background: var(--accent); color: #fff; font-size: .75rem; display: inline-grid; place-items: center; }
.hero { max-width: 1240px; margin: 1rem auto 0; padding: 0 1.25rem; }
.hero-slide { border-radius: 14px; background: linear-gradient(120deg, #e6efe4, #f6e7d4); padding: 1.6rem 2rem; display: flex; justify-content: space-between; align-items: center; min-height: 120px; }
.hero-slide h1 { margin: 0; font: 700 1.9rem/1.15 Georgia, serif; }
.hero-slide p { margin: .3rem 0 0; color: var(--muted); }
.hero-dots { display: flex; gap: .35rem; }
.hero-dots button { width: 10px; height: 10px; border-radius: 50%; border: 0; background: #c9c3b5; padding: 0; }
.hero-dots button[aria-current="true"] { background: var(--brand); }
.layout { max-width: 1240px; margin: 1.25rem auto 3rem; padding: 0 1.25rem; display: grid; grid-template-columns: 1fr 340px; gap: 1.5rem; align-items: start; }
.filters { display: flex; gap: .5rem; margin-bottom: .9rem; flex-wrap: wrap; }
.filters button { border: 1px solid var(--line); background: #fff; border-radius: 999px; padding: .3rem .8rem; font: inherit; font-size: .85rem; cursor: pointer; }
.filters button[aria-pressed="true"] { background: var(--ink); color: #fff; border-color: var(--ink); }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 1rem; list-style: none; margin: 0; padding: 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 12px; overflow: hidden; display: flex; flex-direction: column; transition: box-shadow .2s; }
.card:hover { box-shadow: 0 6px 18px rgba(31,35,48,.08); }
.card .product-art { display: block; width: 100%; height: auto; aspect-ratio: 1; }
.card-body { padding: .7rem .8rem .9rem; display: flex; flex-direction: column; gap: .25rem; flex: 1; }
.card-brand { font-size: .75rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.card-name { font-weight: 600; }
.card-price { font-weight: 700; }
.card button { margin-top: auto; border: 0; border-radius: 8px; background: var(--brand); color: #fff; padding: .45rem; font: inherit; font-weight: 600; cursor: pointer; }
.card[hidden] { display: none; }
.cart-panel { position: sticky; top: 76px; background: #fff; border: 1px solid var(--line); border-radius: 14px; padding: 1rem 1.1rem; display: flex; flex-direction: column; gap: .8rem; }
.cart-panel h2 { margin: 0; font: 700 1.2rem/1.2 Georgia, serif; }
.cart-lines { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: .5rem; }
.cart-line { display: grid; grid-template-columns: 44px 1fr auto; gap: .6rem; align-items: center; font-size: .9rem; }
.cart-line svg { width: 44px; height: 44px; border-radius: 8px; }
.qty { display: inline-flex; align-items: center; gap: .3rem; color: var(--muted); }
.qty button { width: 1.5rem; height: 1.5rem; border: 1px solid var(--line); background: #fff; border-radius: 6px; cursor: pointer; }
.totals { border-top: 1px solid var(--line); padding-top: .6rem; display: grid; grid-template-columns: 1fr auto; gap: .2rem; font-size: .95rem; }
.totals .grand { font-weight: 700; font-size: 1.05rem; }
.checkout-button { border: 0; border-radius: 10px; background: var(--accent); color: #fff; font: inherit; font-weight: 700; padding: .7rem; cursor: pointer; }
.trust { font-size: .8rem; color: var(--muted); text-align: center; }
.site-footer { border-top: 1px solid var(--line); background: #f6f3ec; }
.footer-inner { max-width: 1240px; margin: 0 auto; padding: 1.5rem 1.25rem; display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem; font-size: .9rem; color: var(--muted); }
.newsletter input { padding: .4rem .6rem; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
@media (max-width: 860px) { .layout { grid-template-columns: 1fr; } .cart-panel { position: static; } .nav { display: none; } }
`;

// The theme's own script: filters, search, a hero slider, a client-rendered cart with quantity
// steppers, a discount hook, "recently viewed" in localStorage and an analytics beacon queue, the
// kind of work a store's theme does on every page. It knows nothing about Fidelio; it announces its
// cart with a `theme:cart` event, as themes do for their apps.
export const THEME_JS = `
(function () {
  var products = JSON.parse(document.getElementById('product-data').textContent);
  var byId = {}; products.forEach(function (p) { byId[p.id] = p; });
  var state = { lines: JSON.parse(document.getElementById('cart-data').textContent), discount: null };
  var money = function (m) { return '$' + (m / 100).toFixed(2); };
  window.theme = { products: products };

  function cartForApps() {
    var lines = state.lines.filter(function (l) { return l.quantity > 0; }).map(function (l) {
      var p = byId[l.id]; return { id: p.id, name: p.name, unitPrice: p.price, quantity: l.quantity, brand: p.brand, category: p.category };
    });
    var subtotal = lines.reduce(function (s, l) { return s + l.unitPrice * l.quantity; }, 0);
    return { currency: 'USD', lines: lines, subtotal: subtotal, shipping: subtotal >= 7500 ? 0 : 690 };
  }

  function renderCart() {
    var cart = cartForApps();
    var list = document.querySelector('.cart-lines');
    var frag = document.createDocumentFragment();
    cart.lines.forEach(function (l) {
      var li = document.createElement('li'); li.className = 'cart-line';
      li.innerHTML = document.querySelector('[data-art="' + l.id + '"]').innerHTML +
        '<div><div>' + l.name + '</div><div class="qty"><button data-step="-1" data-id="' + l.id + '" aria-label="Fewer">−</button>' + l.quantity +
        '<button data-step="1" data-id="' + l.id + '" aria-label="More">+</button></div></div><strong>' + money(l.unitPrice * l.quantity) + '</strong>';
      frag.appendChild(li);
    });
    list.replaceChildren(frag);
    var discount = state.discount ? state.discount.amount : 0;
    document.querySelector('[data-total="subtotal"]').textContent = money(cart.subtotal);
    document.querySelector('[data-total="discount"]').textContent = discount ? '−' + money(discount) : '—';
    document.querySelector('[data-total="shipping"]').textContent = cart.shipping ? money(cart.shipping) : 'Free';
    document.querySelector('[data-total="total"]').textContent = money(cart.subtotal - discount + cart.shipping);
    document.querySelector('.cart-count').textContent = String(cart.lines.reduce(function (n, l) { return n + l.quantity; }, 0));
    window.theme.cart = cart;
    document.dispatchEvent(new CustomEvent('theme:cart', { detail: cart }));
  }

  document.addEventListener('click', function (e) {
    var step = e.target.closest('[data-step]');
    if (step) {
      var line = state.lines.find(function (l) { return l.id === step.dataset.id; });
      if (line) line.quantity = Math.max(0, line.quantity + Number(step.dataset.step));
      renderCart(); return;
    }
    var add = e.target.closest('[data-add]');
    if (add) {
      var found = state.lines.find(function (l) { return l.id === add.dataset.add; });
      if (found) found.quantity++; else state.lines.push({ id: add.dataset.add, quantity: 1 });
      renderCart(); document.dispatchEvent(new CustomEvent('fidelio-add-to-cart'));
      track('add_to_cart', { id: add.dataset.add }); return;
    }
    var filter = e.target.closest('[data-filter]');
    if (filter) {
      document.querySelectorAll('[data-filter]').forEach(function (b) { b.setAttribute('aria-pressed', String(b === filter)); });
      document.querySelectorAll('.card').forEach(function (card) { card.hidden = filter.dataset.filter !== 'all' && card.dataset.category !== filter.dataset.filter; });
    }
  });

  document.querySelector('.search input').addEventListener('input', function (e) {
    var q = e.target.value.trim().toLowerCase();
    document.querySelectorAll('.card').forEach(function (card) { card.hidden = q && card.dataset.name.toLowerCase().indexOf(q) < 0; });
  });

  // Apps that discount (a coupon field) tell the theme; the theme owns prices.
  document.addEventListener('fidelio-coupon-apply', function (e) { state.discount = e.detail.discount; renderCart(); });
  document.addEventListener('fidelio-coupon-remove', function () { state.discount = null; renderCart(); });

  var slides = [['Spring repotting week', 'Fresh soil, new pots, happy roots.'], ['New: glazed pots', 'Hand-made by Studio Clay.'], ['Free shipping over $75', 'On every order, every day.']];
  var current = 0;
  setInterval(function () {
    current = (current + 1) % slides.length;
    document.querySelector('.hero-slide h1').textContent = slides[current][0];
    document.querySelector('.hero-slide p').textContent = slides[current][1];
    document.querySelectorAll('.hero-dots button').forEach(function (b, i) { b.setAttribute('aria-current', String(i === current)); });
  }, 4000);

  // "Recently viewed" and an analytics queue: JSON in localStorage, a batch every few seconds.
  var queue = [];
  function track(name, data) { queue.push({ name: name, data: data, at: Date.now(), path: location.pathname }); }
  try {
    var seen = JSON.parse(localStorage.getItem('theme:seen') || '[]');
    seen.unshift(products[Math.floor(Math.random() * products.length)].id);
    localStorage.setItem('theme:seen', JSON.stringify(seen.slice(0, 20)));
  } catch (e) {}
  track('page_view', { products: products.length, width: innerWidth });
  setInterval(function () { if (queue.length) { JSON.stringify(queue.splice(0)); } }, 5000);

  renderCart();
})();
`;

const LOGO = '<svg viewBox="0 0 32 32" aria-hidden="true"><circle cx="16" cy="16" r="15" fill="#2f6b45"/><path d="M16 25c0-8 3-13 9-15-1 7-4 12-9 15zm0 0c0-6-2-10-7-12 0 6 2 10 7 12z" fill="#fff"/></svg>';

/**
 * The page. `fidelio` adds the script tag (in the head, as the README shows), the widgets and the
 * merchant's integration lines; null renders the control.
 * @param {{ fidelio: null | { src: string; css: string; api: string; program: string; token: string | null; identifyLater?: boolean; redeem?: boolean } }} options
 *   identifyLater: the page's own script signs the shopper in (Fidelio.identify()) instead of the tag;
 *   redeem: a points redeem widget in the cart, after the earn preview
 */
export function storePage({ fidelio }) {
  const cards = PRODUCTS.map(
    (p, i) => `<li class="card" data-category="${p.category}" data-name="${p.name}"><div data-art="${p.id}">${productSvg(p, i)}</div><div class="card-body"><span class="card-brand">${p.brand}</span><span class="card-name">${p.name}</span><span class="card-price">${money(p.price)}</span><button type="button" data-add="${p.id}">Add to cart</button></div></li>`,
  ).join('\n');
  const categories = ['all', ...new Set(PRODUCTS.map((p) => p.category))];
  const f = fidelio;
  const cart = serverCart();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Casa Verde — plants, pots and soil</title>
<meta name="description" content="Casa Verde: house plants, hand-made pots and potting mix, delivered.">
<link rel="stylesheet" href="/assets/theme.css">
<script src="/assets/theme.js" defer></script>
${f ? `<style>${f.css}</style>` : ''}
${f ? `<script type="module" fetchpriority="low" src="${f.src}" data-api="${f.api}" data-program="${f.program}"${f.token && !f.identifyLater ? ` data-token="${f.token}"` : ''}></script>` : ''}
${f?.token && f.identifyLater ? `<script type="module">window.Fidelio.identify(${JSON.stringify(f.token)});</script>` : ''}
</head>
<body>
<div class="announcement">Free shipping on orders over $75 · Members earn 1 point per $10</div>
<header class="site-header">
  <div class="header-inner">
    <a class="logo" href="/">${LOGO}Casa Verde</a>
    <nav class="nav" aria-label="Main"><a href="#plants">Plants</a><a href="#pots">Pots</a><a href="#soil">Soil &amp; care</a><a href="#tools">Tools</a></nav>
    <form class="search" role="search" onsubmit="return false"><input type="search" placeholder="Search plants, pots…" aria-label="Search"></form>
    <div class="header-tools">
      ${f ? '<fidelio-points-badge></fidelio-points-badge>' : ''}
      <a class="cart-link" href="#cart">Cart <span class="cart-count">${cart.count}</span></a>
    </div>
  </div>
</header>
<section class="hero" aria-roledescription="carousel">
  <div class="hero-slide"><div><h1>Spring repotting week</h1><p>Fresh soil, new pots, happy roots.</p></div>
  <div class="hero-dots"><button aria-current="true" aria-label="Slide 1"></button><button aria-current="false" aria-label="Slide 2"></button><button aria-current="false" aria-label="Slide 3"></button></div></div>
</section>
<div class="layout">
  <main>
    <div class="filters">${categories.map((c, i) => `<button type="button" data-filter="${c}" aria-pressed="${i === 0}">${c[0].toUpperCase()}${c.slice(1)}</button>`).join('')}</div>
    <ul class="grid">
${cards}
    </ul>
  </main>
  <aside class="cart-panel" id="cart" aria-labelledby="cart-title">
    <h2 id="cart-title">Your cart</h2>
    <ul class="cart-lines">${cart.lines}</ul>
    ${f ? '<fidelio-coupon-field></fidelio-coupon-field>\n    <fidelio-earn-preview></fidelio-earn-preview>' : ''}${f?.redeem ? '\n    <fidelio-points-redeem></fidelio-points-redeem>' : ''}
    <div class="totals"><span>Subtotal</span><span data-total="subtotal">${cart.subtotal}</span><span>Discount</span><span data-total="discount">—</span><span>Shipping</span><span data-total="shipping">${cart.shipping}</span><span class="grand">Total</span><span class="grand" data-total="total">${cart.total}</span></div>
    <button class="checkout-button" type="button">Check out</button>
    <p class="trust">Secure checkout · 30-day returns</p>
  </aside>
</div>
<footer class="site-footer"><div class="footer-inner"><div><strong>Casa Verde</strong><br>Plants, pots and soil since 2012.</div><div>Help · Shipping · Returns · Contact</div><form class="newsletter" onsubmit="return false"><label>Newsletter <input type="email" placeholder="you@example.com"></label></form></div></footer>
<script type="application/json" id="product-data">${JSON.stringify(PRODUCTS)}</script>
<script type="application/json" id="cart-data">${JSON.stringify(INITIAL_CART)}</script>
${f ? `<fidelio-signup-popup delay="20" exit-intent add-to-cart></fidelio-signup-popup>
<fidelio-launcher></fidelio-launcher>
<script type="module">
  // The merchant's integration: the theme's cart (the signed-in shopper's token, rendered by the
  // store's server, is on the drop-in's tag as data-token, the README's way for server-rendered pages).
  if (window.theme && window.theme.cart) Fidelio.setCart(window.theme.cart);
  document.addEventListener('theme:cart', (e) => Fidelio.setCart(e.detail));
</script>` : ''}
</body>
</html>
`;
}

/** A bare page for the redemption probe (the redemption UI does not exist yet; the store does). */
export function redeemPage({ src }) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>redeem probe</title><script type="module" src="${src}"></script></head><body><p>redemption probe</p></body></html>`;
}
