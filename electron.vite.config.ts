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

// main: the Electron shell and the headless server entry (out/main/cli.js), both node ESM with deps external.
// renderer: the dashboard, served by the Fastify server at / (out/renderer).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          cli: resolve(__dirname, 'src-server/cli.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
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
