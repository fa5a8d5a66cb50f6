import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const workerFile = fileURLToPath(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url));

/** Serves MSW's worker at the site root so the demo's reference backend can control every page. */
function mockServiceWorker(): Plugin {
  return {
    name: 'fidelio-mock-service-worker',
    configureServer(server) {
      // The demo lives under /demo/; the bare address should land there too.
      server.middlewares.use((req, res, next) => {
        if (req.url === '/' || req.url === '/index.html') {
          res.statusCode = 302;
          res.setHeader('Location', '/demo/');
          res.end();
        } else next();
      });
      server.middlewares.use('/mockServiceWorker.js', (_req, res) => {
        res.setHeader('Content-Type', 'application/javascript');
        res.setHeader('Service-Worker-Allowed', '/');
        res.end(readFileSync(workerFile));
      });
      server.httpServer?.once('listening', () => {
        const address = server.httpServer?.address();
        const port = typeof address === 'object' && address ? address.port : 5173;
        setTimeout(() => console.log(`\n  Fidelio demo store: http://localhost:${port}/demo/\n`), 50);
      });
    },
  };
}

export default defineConfig(({ mode, command }): UserConfig => {
  if (mode === 'mock') {
    // The reference backend (it bundles msw) is built on its own, into dist/mock/, so no chunk of
    // the production drop-in can ever share code with it.
    return {
      build: {
        outDir: 'dist/mock',
        emptyOutDir: true,
        target: 'es2022',
        lib: { entry: { index: 'src/mock/index.ts' }, formats: ['es'] },
        rolldownOptions: { output: { minify: true } },
      },
    };
  }
  return {
    plugins: [mockServiceWorker()],
    // Library mode leaves `process.env.NODE_ENV` (nanostores reads it) in the output, and a store's
    // page has no `process`: the drop-in would throw before defining window.Fidelio.
    define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
    server: { port: 5173, strictPort: false },
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      lib: { entry: { fidelio: 'src/drop-in.ts', index: 'src/index.ts' }, formats: ['es'] },
      rolldownOptions: {
        output: {
          minify: true,
          chunkFileNames: 'chunks/[name]-[hash].js',
          // Stores and i18n live in one shared chunk, never inside fidelio.js: if a page loads the
          // drop-in twice under different URLs, both copies still share one set of stores.
          codeSplitting: {
            groups: [{ name: 'runtime', test: /src[\\/](stores[\\/]config|stores[\\/]session|core|i18n[\\/]index|i18n[\\/]locales[\\/]en|api)|nanostores/ }],
          },
        },
      },
    },
  };
});
