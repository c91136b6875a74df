import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'zlib',
  'worker_threads',
];

/** Import rules that keep each layer in its lane (see ARCHITECTURE.md). */
const noImports = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'native/**',
      'test-results/**',
      'playwright-report/**',
      '*.tmp.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/main/**', 'src/preload/**', 'test/**', 'bench/**', 'scripts/**', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    // Tests read untyped JSON from real HTTP responses; Playwright fixtures need `{}` patterns.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-empty-pattern': 'off' },
  },
  {
    files: ['src/shared/**'],
    rules: noImports(
      [
        'node:*',
        ...NODE_BUILTINS,
        'electron',
        'react',
        'react-dom',
        '**/main/**',
        '**/renderer/**',
        '**/preload/**',
        'better-sqlite3',
        'kysely',
      ],
      'src/shared is pure TypeScript: no Node, DOM, Electron, React or database imports.',
    ),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...noImports(
        [
          'node:*',
          ...NODE_BUILTINS,
          'electron',
          '**/main/**',
          '**/preload/**',
          'better-sqlite3',
          'kysely',
          'pdfkit',
          'nodemailer',
        ],
        'The renderer talks to main only through api/client.ts; it never imports Node, Electron or main code.',
      ),
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/electron/**'],
    rules: noImports(
      ['electron', '**/renderer/**', '**/electron/**'],
      'Only src/main/electron may import electron; services must run under plain Node.',
    ),
  },
  {
    files: ['src/main/electron/**'],
    rules: noImports(
      ['**/transports/http-bridge', '**/web', '**/renderer/**'],
      'The desktop entry never imports the browser-mode bridge or renderer code.',
    ),
  },
  {
    files: ['src/preload/**'],
    rules: noImports(
      ['**/main/**', '**/renderer/**', 'node:*'],
      'The preload only forwards calls; it imports electron and shared types.',
    ),
  },
);
