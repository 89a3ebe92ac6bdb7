import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'scratch/**', 'test-results/**', 'playwright-report/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly', fetch: 'readonly', AbortController: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['src-server/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'src-server runs headless: no Electron here.' }] }] },
  },
  {
    files: ['src-renderer/**', 'examples/*/src/**'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', self: 'readonly', crypto: 'readonly', fetch: 'readonly', WebSocket: 'readonly' } },
  },
  {
    files: ['bench/**', 'scripts/**', 'e2e/**', 'examples/*/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
