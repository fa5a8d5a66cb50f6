import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { reservationCss } from './src/core/footprint.js';

const workerFile = fileURLToPath(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url));

/**
 * dist/fidelio.css: the widgets' reserved boxes (src/core/footprint.ts) for the page's <head>, so
 * their space is kept from the very first paint, before the module script has run.
 */
function footprintStylesheet(): Plugin {
  return {
    name: 'fidelio-footprint-stylesheet',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'fidelio.css', source: `/* Fidelio: space kept for widgets whose code has not arrived yet */\n${reservationCss()}\n` });
    },
  };
}

/**
 * A widget's chunk imports shared chunks, which import others: fetched one level after another,
 * that is three round trips before a badge can render. In the drop-in, every lazy `import()` of a
 * chunk first asks at once for the widget's chunk and every chunk it will need (its static imports,
 * transitively, less what the drop-in itself already loaded), so they all download in parallel.
 *
 * They are asked for as `<link rel="modulepreload" fetchpriority="low">` (removed once loaded), not
 * with `import()`: Chrome fetches an `import()` at high priority whatever the tag's
 * `fetchpriority="low"` says, so a dozen widget chunks competed with the store's own images and
 * fonts, and Lighthouse's simulation counts a high-priority script started before the first paint
 * as render-blocking. A preloaded module is fetched, not run.
 *
 * Each shared chunk then runs on its own, once, from a task of its own (an `import()`, which finds
 * it fetched or on its way): run together with the widget they ran as one (Lit, the stores, the
 * English words, the widget and its first render), a long task at 4× CPU. Starting a fetch also
 * costs the calling task about a millisecond on a slow machine (2–3 ms at 4×): a dozen of them made
 * the drop-in's boot a long task, so each preload, too, is added from a task of its own. And a dozen
 * such tasks back to back, with no frame between them, made one long animation frame at 4× (43–75 ms
 * of ours in frames of 76–113 ms): once they have run for BURST_MS, the next waits for a frame.
 */
/** How long the preloads and imports a load asks for may run back to back before a frame. */
const BURST_MS = 12;

function preloadLazyDependencies(): Plugin {
  return {
    name: 'fidelio-preload-lazy-dependencies',
    generateBundle(_options, bundle) {
      const entry = bundle['fidelio.js'];
      if (!entry || entry.type !== 'chunk') return;
      const imports = new Map<string, readonly string[]>();
      for (const item of Object.values(bundle)) if (item.type === 'chunk') imports.set(item.fileName, item.imports);
      const closure = (file: string, seen = new Set<string>()): Set<string> => {
        for (const dep of imports.get(file) ?? []) if (!seen.has(dep)) closure(dep, seen.add(dep));
        return seen;
      };
      const present = closure('fidelio.js');
      const table: string[] = [];
      const index = (file: string) => (table.includes(file) ? table.indexOf(file) : table.push(file) - 1);
      // (backticks when minified, double quotes in a FIDELIO_NO_MINIFY build)
      entry.code = entry.code.replace(/import\(([`"])\.\/(chunks\/[^`"]+\.js)\1\)/g, (call, _quote: string, file: string) => {
        const deps = [...closure(file)].filter((dep) => !present.has(dep));
        return `__fidelioPreload([${deps.map(index).join(',')}],${index(file)}).then(()=>${call})`;
      });
      if (table.length) {
        const urls = JSON.stringify(table.map((dep) => `./${dep}`));
        // f: a low-priority preload of one chunk (once, each from a task of its own, ahead of the
        // imports' tasks); its <link> leaves the page once loaded
        const preload = `h=>{try{const k=document.createElement("link");k.rel="modulepreload";k.setAttribute("fetchpriority","low");k.href=new URL(h,import.meta.url).href;k.onload=k.onerror=()=>k.remove();(document.head||document.documentElement).append(k)}catch{}}`;
        // a failed shared chunk fails the widget's own import, which the drop-in reports and retries
        // q: the preloads and imports waiting, run one per task (g); after BURST_MS of them (timed
        // from the first one's task, r) the next waits for a frame (a timer stands in when none
        // comes: a hidden tab)
        entry.code = `const __fidelioPreload=((u,p,s,f,q=[],b=0,t=0)=>{const g=()=>{q.shift()();if(!q.length)return void(b=0);if(performance.now()-t<${BURST_MS})return void setTimeout(g);let d=0;const n=()=>{if(!d){d=1;setTimeout(r)}};requestAnimationFrame(n);setTimeout(n,100)},r=()=>{t=performance.now();g()},a=j=>{q.push(j);if(!b){b=1;setTimeout(r)}};return(l,w)=>{for(const i of[w,...l])s[i]??=(a(()=>f(u[i])),1);return Promise.all(l.map(i=>p[i]??=new Promise(a).then(()=>import(u[i])).catch(()=>{})))}})(${urls},[],[],${preload});\n${entry.code}`;
      }
    },
  };
}

/**
 * The bundler keeps its one helper (it builds the module object a lazy `import()` of a widget
 * returns) in a 120-byte chunk of its own, imported by every widget chunk: one more fetch, started
 * in a task of the drop-in's, on every page with a widget. It moves into the runtime chunk, which
 * the drop-in imports statically, so it is there before any widget asks for it. The runtime chunk's
 * name gets a hash of its new content, and every import of either file is rewritten.
 * test/node/build.test.mjs checks that no chunk is left importing the helper's file.
 */
function bundlerHelperIntoRuntime(): Plugin {
  return {
    name: 'fidelio-bundler-helper-into-runtime',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((item) => (item.type === 'chunk' ? [item] : []));
      const helper = chunks.find((chunk) => chunk.name === 'rolldown-runtime');
      const entry = bundle['fidelio.js'];
      if (!helper || !entry || entry.type !== 'chunk') return;
      const host = chunks.find((chunk) => chunk !== helper && chunk.name === 'runtime' && entry.imports.includes(chunk.fileName));
      const exported = /export\s*\{\s*([\w$]+)(?:\s+as\s+([\w$]+))?\s*\};?\s*$/.exec(helper.code);
      if (!host || !exported || helper.imports.length) return this.error('the bundler helper or the runtime chunk has an unexpected shape');
      const [, local, name = local] = exported;
      const shared = '__fidelioNamespace';
      const code = `${host.code.trimEnd()}\nconst ${shared}=(()=>{${helper.code.slice(0, exported.index).replace(/;\s*$/, "")};return ${local}})();export{${shared}};\n`;
      const base = (file: string) => file.slice(file.lastIndexOf('/') + 1);
      const hostFile = host.fileName.replace(/-[\w-]+\.js$/, `-${createHash('sha256').update(code).digest('base64url').slice(0, 8)}.js`);
      const renamed = (file: string) => (file === helper.fileName || file === host.fileName ? hostFile : file);
      const importHelper = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*(["'\`])([^"'\`]*?)${base(helper.fileName).replace(/[.$]/g, '\\$&')}\\2`, 'g');
      for (const chunk of chunks) {
        if (chunk === helper || chunk === host) continue;
        chunk.code = chunk.code
          .replace(importHelper, (_all, names: string, quote: string, dir: string) => {
            const specifiers = names.split(',').map((spec) => {
              const [imported, alias = imported] = spec.trim().split(/\s+as\s+/);
              if (imported !== name) this.error(`a chunk imports ${imported} from the bundler helper`);
              return `${shared} as ${alias}`;
            });
            return `import{${specifiers.join(',')}}from${quote}${dir}${base(hostFile)}${quote}`;
          })
          .replaceAll(base(host.fileName), base(hostFile));
        chunk.imports = [...new Set(chunk.imports.map(renamed))];
        chunk.dynamicImports = [...new Set(chunk.dynamicImports.map(renamed))];
      }
      // (a chunk cannot be renamed in place: the new file is emitted as is, the old two dropped)
      delete bundle[helper.fileName];
      delete bundle[host.fileName];
      this.emitFile({ type: 'asset', fileName: hostFile, source: code });
    },
  };
}

/**
 * A non-English catalog ships as an array of its messages in the English catalog's key order (0
 * where a message is missing), not as an object: the ~300 message keys were a quarter of each
 * locale chunk's bytes, and src/i18n/index.ts finds a message by the key's position in the English
 * catalog, which every widget has loaded anyway. The sources stay keyed objects, checked by
 * TypeScript; a key the English catalog lacks stops the build. test/node/build.test.mjs compares the
 * built arrays with the sources.
 */
function compactCatalogs(): Plugin {
  const dir = fileURLToPath(new URL('./src/i18n/locales/', import.meta.url));
  const literal = (code: string, file: string): Record<string, unknown> => {
    const found = /\bconst\s+[\w$]+(?:\s*:\s*[\w$]+)?\s*=\s*(\{[\s\S]*?\n\})/.exec(code);
    if (!found) throw new Error(`${file}: no catalog object found`);
    return new Function(`return (${found[1]});`)() as Record<string, unknown>;
  };
  let keys: string[] = [];
  return {
    name: 'fidelio-compact-catalogs',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      keys = Object.keys(literal(readFileSync(`${dir}en.ts`, 'utf8'), 'en.ts'));
    },
    transform(code, id) {
      const file = /[\\/]src[\\/]i18n[\\/]locales[\\/]((?!en\.)[\w-]+)\.ts$/.exec(id.split('?')[0]);
      if (!file) return null;
      const catalog = literal(code, id);
      const unknown = Object.keys(catalog).filter((key) => !keys.includes(key));
      if (unknown.length) this.error(`${file[1]}.ts has keys the English catalog lacks: ${unknown.join(', ')}`);
      const messages = keys.map((key) => (key in catalog ? JSON.stringify(catalog[key]) : '0'));
      return { code: `export default [${messages.join(',')}];\n`, map: null };
    },
  };
}

/**
 * The reference backend's build ships msw's worker beside it (dist/mock/mockServiceWorker.js, the
 * package's `fidelio/mockServiceWorker.js`): a page running `startMockBackend()` serves it at its
 * root, and an npm user has it without depending on msw.
 */
function shipMockServiceWorker(): Plugin {
  return {
    name: 'fidelio-ship-mock-service-worker',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'mockServiceWorker.js', source: readFileSync(workerFile, 'utf8') });
    },
  };
}

/** Serves MSW's worker at the site root so the demo's reference backend can control every page. */
function mockServiceWorker(): Plugin {
  return {
    name: 'fidelio-mock-service-worker',
    configureServer(server) {
      // The demo lives under /demo/; the bare address should land there too.
      server.middlewares.use((req, res, next) => {
        // The query goes along: an email's unsubscribe link points at the bare address.
        const [path, query] = (req.url ?? '').split('?');
        if (path === '/' || path === '/index.html') {
          res.statusCode = 302;
          res.setHeader('Location', `/demo/${query ? `?${query}` : ''}`);
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

/**
 * Lit and nanostores register themselves on the global object (`litHtmlVersions`,
 * `litElementVersions`, `reactiveElementVersions`: version lists for Lit's dev-mode warnings;
 * `nanostoresGlobal`: an epoch counter shared between separately bundled copies). A store's page
 * gets one global from Fidelio, `window.Fidelio`, so the build drops those writes: nothing reads the
 * version lists in production, and Fidelio's computed stores depend only on its own atoms, whose
 * epoch a module-local counter keeps just as well. test/node/build.test.mjs checks the output.
 */
function noLibraryGlobals(): Plugin {
  const versions = /\(\s*[\w$]+\.(?:litHtmlVersions|litElementVersions|reactiveElementVersions)\s*\?\?=\s*\[\]\s*\)\.push\(\s*(["'`])[\w.-]+\1\s*\)/g;
  const epoch = /globalThis\.nanostoresGlobal\s*\|\|=\s*(\{\s*epoch:\s*0\s*\})/g;
  // ReactiveElement also keeps `litPropertyMetadata` (decorator metadata) on the global object and
  // reads it back by its bare name: in its module both become one module-local WeakMap.
  const metadataInit = /(?:[\w$]+\.)?litPropertyMetadata\s*\?\?=\s*new WeakMap(?:\(\))?/g;
  const metadataUse = /(?:globalThis\.)?\blitPropertyMetadata\b/g;
  return {
    name: 'fidelio-no-library-globals',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/](?:lit-html|lit-element|@lit[\\/]reactive-element|nanostores)[\\/]/.test(id)) return null;
      let out = code.replace(versions, 'void 0').replace(epoch, '$1');
      if (/litPropertyMetadata/.test(out)) {
        // Only ReactiveElement's module may use it (Fidelio uses no decorators that would share it).
        if (!/[\\/]reactive-element[\\/]reactive-element\.js$/.test(id)) this.error(`${id} uses litPropertyMetadata; teach fidelio-no-library-globals about it`);
        out = `const fidelioLitPropertyMetadata = new WeakMap();\n${out.replace(metadataInit, 'void 0').replace(metadataUse, 'fidelioLitPropertyMetadata')}`;
      }
      return out === code ? null : { code: out, map: null };
    },
  };
}

/**
 * The bundler's helper that builds a module namespace object walks the exports with `for...in`,
 * so a host page that put an enumerable value on Object.prototype (`Object.prototype.status = …`,
 * old libraries do) made every lazy chunk throw "Getter must be a function". Walk own keys only.
 */
function ownKeysNamespaces(): Plugin {
  const helper = /for\s*\(\s*var\s+([\w$]+)\s+in\s+([\w$]+)\s*\)(\s*\{?\s*[\w$]+\(\s*[\w$]+\s*,\s*\1\s*,\s*\{\s*get\s*:\s*\2\[\1\])/g;
  return {
    name: 'fidelio-own-keys-namespaces',
    apply: 'build',
    renderChunk(code) {
      const out = code.replace(helper, 'for (var $1 of Object.keys($2))$3');
      return out === code ? null : { code: out, map: null };
    },
  };
}

/**
 * Every file of the drop-in starts with V8's explicit compile hint, `//# allFunctionsCalledOnLoad`
 * (Chrome 136+; other engines read a comment): its functions are compiled with the file, on a
 * background thread while it streams in, instead of each on the page's main thread the first time
 * it is called. Nearly every function of a chunk runs when it loads (the boot, the stores, Lit, a
 * widget's first render), so little is compiled for nothing; a locale's chunk, data only, goes
 * without, and the npm entry (index.js) is left to the store's own bundler. A/B on the bench's
 * store page, 16 cold visits each: main thread attributable to Fidelio 89 → 69 ms at 1× CPU,
 * 240 → 159 ms at 4×. The comment must be the file's very first line, so this runs after every
 * other rewrite. test/node/build.test.mjs checks each file.
 */
function compileHints(): Plugin {
  const hint = '//# allFunctionsCalledOnLoad\n';
  return {
    name: 'fidelio-compile-hints',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const item of Object.values(bundle)) {
        if (!item.fileName.endsWith('.js') || item.fileName === 'index.js') continue;
        // a locale's chunk is one array of strings: no function to compile
        if (item.type === 'chunk' && item.moduleIds.every((id) => /[\\/]src[\\/]i18n[\\/]locales[\\/]/.test(id))) continue;
        if (item.type === 'chunk') item.code = hint + item.code;
        else if (typeof item.source === 'string') item.source = hint + item.source;
      }
    },
  };
}

export default defineConfig(({ mode, command }): UserConfig => {
  if (mode === 'mock') {
    // The reference backend (it bundles msw) is built on its own, into dist/mock/, so no chunk of
    // the production drop-in can ever share code with it.
    return {
      plugins: [shipMockServiceWorker()],
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
    plugins: [mockServiceWorker(), compactCatalogs(), noLibraryGlobals(), ownKeysNamespaces(), footprintStylesheet(), bundlerHelperIntoRuntime(), preloadLazyDependencies(), compileHints()],
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
          // FIDELIO_NO_MINIFY=1 keeps names and lines readable for a profiler
          minify: !process.env.FIDELIO_NO_MINIFY,
          chunkFileNames: 'chunks/[name]-[hash].js',
          // Stores and i18n live in one shared chunk, never inside fidelio.js: if a page loads the
          // drop-in twice under different URLs, both copies still share one set of stores.
          codeSplitting: {
            // What every widget needs and the boot does not (Lit, the element base, its headings and
            // shared styles, the English catalog, every widget's fallback) is one chunk, loaded with
            // the first widget: as three chunks they cost two more fetches, started in the boot's tasks.
            // Likewise the backend client, IndexedDB and the member and program stores (every
            // widget with data needs the client; the badge, on nearly every page, needs the member;
            // the program is 0.4 KB) are one chunk, and the cart and coupon stores another (what a
            // checkout's widgets share): a badge fetched 5 files, now 3; a checkout 11, now 7.
            // (The bundler's own 120-byte helper, which a group cannot take, joins the runtime
            // chunk after bundling: bundlerHelperIntoRuntime.)
            groups: [
              // The runtime chunk is what the boot runs; the core helpers only widgets use go with
              // them (formatting with the UI core, errors, answer checks, ids and the person checks
              // with the data, the coupon code with the cart): in the runtime they made the initial
              // drop-in 1.2 KB larger (9.85 -> 8.65 KB brotli) for code no boot ran.
              { name: 'runtime', test: /src[\\/](stores[\\/]config|stores[\\/]session|core[\\/](?!(intl|money|person|errors|validate|ids|safe-url|coupon-code)\.)|i18n[\\/]locale-store|api)|nanostores/ },
              { name: 'data', test: /src[\\/](backend|storage|stores[\\/](runtime|member|program|outbox|sync)|core[\\/](errors|validate|ids|safe-url|person))[\\/.]|node_modules[\\/]idb[\\/]/ },
              { name: 'ui', test: /src[\\/](core[\\/](intl|money)\.|i18n[\\/](index|merchant-text|locales[\\/]en)|components[\\/]base[\\/](fidelio-element|store-controller|shared-styles|heading|code-text|return-focus|refusal-params|launchers))|node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/](?!.*directive)/ },
              // (after the UI core, which it uses: a group takes the modules its modules import that no
              // earlier group took; with the words for a refused code, which the coupon field and the
              // points widget both say)
              { name: 'cart', test: /src[\\/](stores[\\/](cart|coupon)|core[\\/]coupon-code|components[\\/]base[\\/]coupon-refusal)\.ts/ },
            ],
          },
        },
      },
    },
  };
});
