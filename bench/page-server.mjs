// The page bench's local server: the store page (control and with Fidelio), the theme's assets,
// the built drop-in from dist/, the redemption probe, and the contract API answered by the
// reference backend's handlers behind a configurable delay: `/api/d<ms>/v1/...` waits <ms> before
// answering, so a page can prove it painted before any answer arrived. The API also answers on a
// second port, another origin (`?api=cross` on the Fidelio page), with the CORS policy of
// src/contract/cors.json, as a store's loyalty API on its own host would.
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { THEME_CSS, THEME_JS, storePage, redeemPage } from './page-site.mjs';

const CORS = JSON.parse(readFileSync(new URL('../src/contract/cors.json', import.meta.url), 'utf8'));

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.map': 'application/json' };

/**
 * @param {{ dist: string; backend: import('./page-backend.ts').BenchBackend; program: string; probeJs: string; handshakeMs?: number }} options
 *   handshakeMs: how long a new connection (to either origin) takes before its first request is
 *   read, as DNS, TCP and TLS to a far server would; 0 by default
 * @returns {Promise<{ origin: string; apiOrigin: string; close(): Promise<void>; apiCalls: { method: string; path: string; delay: number }[] }>}
 */
export async function startServer({ dist, backend, program, probeJs, handshakeMs = 0 }) {
  const apiCalls = [];
  const sockets = new Set();
  const timers = new Set();
  let origin = '';
  let apiOrigin = '';

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };

  // read once: the control page's answer does no file I/O either
  const reservedRoom = readFileSync(join(dist, 'fidelio.css'), 'utf8');

  async function fidelioPage(url) {
    const delay = Number(url.searchParams.get('delay') ?? 0) || 0;
    const signedIn = url.searchParams.get('anonymous') === null;
    return storePage({
      // the widgets' reserved room, in the page's head as the README shows (no request of its own)
      fidelio: { src: '/dist/fidelio.js', css: reservedRoom, api: `${url.searchParams.get('api') === 'cross' ? apiOrigin : origin}/api/d${delay}`, program, token: signedIn ? await backend.token() : null, identifyLater: url.searchParams.get('identify') === 'script', redeem: url.searchParams.get('redeem') === '1' },
    });
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    if (path === '/control/') return send(res, 200, storePage({ fidelio: null }), { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' });
    if (path === '/fidelio/') return send(res, 200, await fidelioPage(url), { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' });
    if (path === '/redeem/') return send(res, 200, redeemPage({ src: '/probe/redeem.js' }), { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' });
    if (path === '/probe/redeem.js') return send(res, 200, probeJs, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-store' });
    if (path === '/assets/theme.css') return send(res, 200, THEME_CSS, { 'Content-Type': TYPES['.css'], 'Cache-Control': 'public, max-age=3600' });
    if (path === '/assets/theme.js') return send(res, 200, THEME_JS, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'public, max-age=3600' });
    if (path === '/favicon.ico') return send(res, 204, '');
    if (path === '/__reset' && req.method === 'POST') {
      backend.reset();
      return send(res, 204, '');
    }
    if (path.startsWith('/dist/')) {
      const file = normalize(join(dist, decodeURIComponent(path.slice('/dist/'.length))));
      if (!file.startsWith(dist + sep)) return send(res, 403, 'forbidden');
      try {
        const body = await readFile(file);
        // Hashed chunks never change; the entry is revalidated after 5 minutes, as a CDN would serve it.
        const cache = path.includes('/chunks/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length, 'Cache-Control': cache });
        return res.end(body);
      } catch {
        return send(res, 404, 'not found');
      }
    }
    const api = /^\/api\/d(\d+)(\/v1\/.*)$/.exec(path);
    if (api) {
      const cors = { 'Access-Control-Allow-Origin': CORS.allowOrigin, 'Access-Control-Expose-Headers': CORS.exposeHeaders.join(', ') };
      if (req.method === 'OPTIONS') {
        apiCalls.push({ method: 'OPTIONS', path: api[2], delay: 0 });
        return send(res, 204, '', {
          'Access-Control-Allow-Origin': CORS.allowOrigin,
          'Access-Control-Allow-Methods': CORS.allowMethods.join(', '),
          'Access-Control-Allow-Headers': CORS.allowHeaders.join(', '),
          'Access-Control-Max-Age': String(CORS.maxAgeSeconds),
        });
      }
      const delay = Number(api[1]);
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = Buffer.concat(chunks);
      apiCalls.push({ method: req.method ?? 'GET', path: api[2], delay });
      if (delay) await new Promise((resolve) => { const t = setTimeout(() => (timers.delete(t), resolve()), delay); timers.add(t); });
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const request = new Request(`http://bench.local${api[2]}${url.search}`, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body });
      const response = await backend.handle(request);
      if (!response) return send(res, 404, JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' }), { 'Content-Type': 'application/problem+json', ...cors });
      const text = await response.text();
      const out = { ...cors };
      response.headers.forEach((value, name) => {
        if (name !== 'content-length' && name !== 'content-encoding') out[name] = value;
      });
      return send(res, response.status, text, out);
    }
    return send(res, 404, 'not found');
  }

  /** One listener on a port of its own: its origin. */
  const listen = async () => {
    const server = createServer((req, res) => {
      handle(req, res).catch((error) => {
        console.error('[bench server]', error);
        if (!res.headersSent) send(res, 500, 'bench server error');
        else res.destroy();
      });
    });
    // A connection's set-up: the HTTP server gets the socket (and reads what it sent) only then.
    const front = handshakeMs
      ? createNetServer((socket) => {
          const t = setTimeout(() => (timers.delete(t), server.emit('connection', socket)), handshakeMs);
          timers.add(t);
        })
      : server;
    // every socket the listening port accepted, so close() can end them all
    front.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise((resolve, reject) => {
      front.once('error', reject);
      front.listen(0, '127.0.0.1', resolve);
    });
    const address = front.address();
    return { server: front, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
  };
  const site = await listen();
  const apiSite = await listen();
  origin = site.origin;
  apiOrigin = apiSite.origin;
  return {
    origin,
    apiOrigin,
    apiCalls,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const socket of sockets) socket.destroy();
      await Promise.all([site, apiSite].map(({ server }) => new Promise((resolve) => server.close(() => resolve()))));
    },
  };
}
