// Installed in every bench page before its own scripts (playwright `addInitScript`). It only
// observes: layout shifts, long tasks, long animation frames (with script attribution), IndexedDB
// transactions and opens, the moment `window.Fidelio` is defined (the drop-in's boot), and the
// badge's `fidelio-balance-change` event with the first frame painted after it. Nothing it
// records changes what the page does.
(() => {
  if (window.__bench) return;
  const bench = (window.__bench = { shifts: [], loafs: [], longtasks: [], idb: [], idbOpens: [], balance: [], painted: [], pagePaints: [], elements: [], frames: [], boot: null, events: [] });
  const now = () => performance.now();

  /** A short name for a node: the Fidelio element it belongs to, else tag#id.class. */
  const describe = (node) => {
    if (!node) return null;
    let el = node.nodeType === 1 ? node : node.parentElement;
    const root = el?.getRootNode?.();
    if (root && root.host) el = root.host;
    if (!el) return null;
    const own = el.closest?.('[class], [id], fidelio-points-badge, fidelio-coupon-field, fidelio-earn-preview, fidelio-join-link, fidelio-signup-popup, fidelio-launcher') ?? el;
    const fidelio = el.closest?.('fidelio-points-badge, fidelio-coupon-field, fidelio-earn-preview, fidelio-join-link, fidelio-signup-popup, fidelio-launcher');
    const name = (x) => `${x.localName}${x.id ? `#${x.id}` : ''}${typeof x.className === 'string' && x.className ? `.${x.className.trim().split(/\s+/).join('.')}` : ''}`;
    return fidelio ? name(fidelio) : name(own);
  };
  const observe = (type, push) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(push)).observe({ type, buffered: true });
    } catch {
      // not supported: the figure stays empty and the report says so
    }
  };
  observe('layout-shift', (e) =>
    bench.shifts.push({ at: e.startTime, value: e.value, hadRecentInput: e.hadRecentInput, sources: (e.sources ?? []).map((s) => describe(s.node)) }),
  );
  observe('paint', (e) => bench.pagePaints.push({ name: e.name, at: e.startTime }));
  // Element Timing: when text marked `elementtiming` (the badge's early paint) was painted, exactly.
  observe('element', (e) => bench.elements.push({ identifier: e.identifier, at: e.renderTime || e.loadTime }));
  observe('longtask', (e) => bench.longtasks.push({ at: e.startTime, duration: e.duration }));
  observe('long-animation-frame', (e) =>
    bench.loafs.push({
      at: e.startTime,
      duration: e.duration,
      blockingDuration: e.blockingDuration,
      scripts: (e.scripts ?? []).map((s) => ({ sourceURL: s.sourceURL, duration: s.duration, invoker: s.invoker, invokerType: s.invokerType, forced: s.forcedStyleAndLayoutDuration })),
    }),
  );

  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    bench.idb.push({ at: now(), db: this.name, mode: mode ?? 'readonly', stores: [].concat(stores).join(',') });
    return transaction.call(this, stores, mode, options);
  };
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (name, version) {
    const request = version === undefined ? open.call(this, name) : open.call(this, name, version);
    const entry = { at: now(), name, done: null };
    bench.idbOpens.push(entry);
    request.addEventListener('success', () => (entry.done = now()));
    return request;
  };

  const defineProperty = Object.defineProperty;
  Object.defineProperty = function (target, key, descriptor) {
    if (target === window && key === 'Fidelio' && bench.boot === null) bench.boot = now();
    return defineProperty.call(this, target, key, descriptor);
  };

  document.addEventListener(
    'fidelio-balance-change',
    (event) => {
      const at = now();
      const available = event.detail?.available;
      bench.balance.push({ at, available });
      // The frame that shows it: the rAF callback runs before that frame's paint, a task posted
      // from it runs after.
      // The frame's start and the next frame's start are kept too: a change made before the page's
      // very first frame is painted exactly at the first-paint entry's time.
      requestAnimationFrame(() => {
        const frame = { at: now(), available, next: null };
        bench.frames.push(frame);
        requestAnimationFrame(() => (frame.next = now()));
        setTimeout(() => bench.painted.push({ at: now(), available }), 0);
      });
    },
    true,
  );
  // The shopper's Enter in a Fidelio field (the key event crosses the shadow root): when an action starts.
  document.addEventListener('keydown', (event) => event.key === 'Enter' && bench.events.push({ type: 'enter', at: event.timeStamp }), true);
  for (const type of ['fidelio-coupon-apply', 'fidelio-signup-open', 'fidelio-signup-close']) {
    document.addEventListener(type, () => bench.events.push({ type, at: now() }), true);
  }
})();
