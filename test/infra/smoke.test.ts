// Infrastructure smoke test: proves that each browser engine in the test matrix can render Lit,
// run axe, use IndexedDB through idb and serve MSW's service worker. Keep it: when it fails, the
// test set-up (not the product) is broken.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, css, html as litHtml } from 'lit';
import { openDB } from 'idb';
import { setupWorker } from 'msw/browser';
import { http, HttpResponse } from 'msw';

class FidelioSmokeBadge extends LitElement {
  static override styles = css`
    :host { display: inline-block; }
  `;
  static override properties = { points: { type: Number } };
  declare points: number;

  constructor() {
    super();
    this.points = 0;
  }

  override render() {
    return litHtml`<p role="status"><span>${this.points}</span> points</p>`;
  }
}
if (!customElements.get('fidelio-smoke-badge')) {
  customElements.define('fidelio-smoke-badge', FidelioSmokeBadge);
}

describe('test infrastructure smoke test', () => {
  it('renders a Lit element into its shadow root', async () => {
    const el = await fixture<FidelioSmokeBadge>(html`<fidelio-smoke-badge points="42"></fidelio-smoke-badge>`);
    expect(el.shadowRoot).to.exist;
    expect(el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('42 points');
    el.points = 43;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('span')!.textContent).to.equal('43');
  });

  it('passes an axe accessibility check', async () => {
    const el = await fixture(html`<fidelio-smoke-badge points="7"></fidelio-smoke-badge>`);
    await expect(el).to.be.accessible();
  });

  it('writes to and reads back from IndexedDB via idb', async () => {
    const name = `fidelio-smoke-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const db = await openDB(name, 1, {
      upgrade(d) {
        d.createObjectStore('kv');
      },
    });
    try {
      await db.put('kv', { balance: 120, tier: 'gold' }, 'member');
      expect(await db.get('kv', 'member')).to.deep.equal({ balance: 120, tier: 'gold' });
    } finally {
      db.close();
      await new Promise<void>((resolve) => {
        const req = indexedDB.deleteDatabase(name);
        req.onsuccess = req.onerror = req.onblocked = () => resolve();
      });
    }
  });

  it('mocks fetch with an MSW service worker', async () => {
    const worker = setupWorker(http.get('/smoke-api', () => HttpResponse.json({ ok: 1 })));
    await worker.start({
      quiet: true,
      onUnhandledRequest: 'bypass',
      serviceWorker: { url: '/mockServiceWorker.js' },
    });
    try {
      const res = await fetch('/smoke-api');
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({ ok: 1 });
    } finally {
      worker.stop();
    }
  });
});
