// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import direction (STYLE.md): telephony knows only SIP.js and lib; stores call telephony;
 * features read stores; testing code never reaches production code paths.
 * @param {string[]} patterns
 * @param {string} message
 * @param {string} [regex]
 */
const forbid = (patterns, message, regex) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }, ...(regex ? [{ regex, message }] : [])] }],
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', '.run'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/telephony/**/*.ts'],
    ignores: ['src/telephony/**/*.test.ts'],
    rules: forbid(['react', 'react-dom', 'zustand', 'zustand/*', '../stores/*', '../features/*', '../app/*', '../testing/*', '../i18n/*'], 'telephony/ is plain TypeScript over SIP.js'),
  },
  {
    files: ['src/stores/**/*.{ts,tsx}'],
    ignores: ['src/stores/**/*.test.ts'],
    rules: forbid(['../features/*', '../app/*', '../testing/*'], 'stores/ must not depend on screens or test code'),
  },
  {
    files: ['src/features/**/*.{ts,tsx}'],
    ignores: ['src/features/**/*.test.tsx'],
    rules: forbid(['sip.js', 'sip.js/*', '../../app/*', '../../testing/*', '../../api', '../../api/*'], 'features read stores; no SIP.js, no fetch or CTI client, no cross-feature imports', '^\\.\\./[^./][^/]*/'),
  },
  {
    // The CTI client is shared code under the stores: the contract and lib only, no UI.
    files: ['src/api/**/*.ts'],
    ignores: ['src/api/**/*.test.ts'],
    rules: forbid(
      ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'sip.js', 'sip.js/*', '../stores/*', '../features/*', '../app/*', '../testing/*', '../i18n/*', '../telephony', '../telephony/*', '../components/*'],
      'api/ is plain TypeScript over fetch, WebSocket and the contract',
    ),
  },
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/lib/**/*.ts', 'src/i18n/**/*.ts'],
    rules: forbid(['../stores/*', '../../stores/*', '../features/*', '../../features/*', 'sip.js'], 'shared code depends on nothing above it'),
  },
  {
    // Fastify's plugin API takes async functions even when registering needs no await.
    files: ['server/src/http/routes/**/*.ts', 'server/test/access/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['scripts/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
