// Runtime boundaries are folders, and this file enforces them (the role Signal's *.std/*.node/*.dom
// suffixes play): shared/ runs on both sides, renderer/ is a sandboxed page, main/ owns db/.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'string_decoder', 'timers', 'tls',
  'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];
const nodeImports = [{ group: ['node:*', ...NODE_BUILTINS], message: 'Node built-ins are not available here.' }];
const electronImports = [{ group: ['electron', 'electron/*'], message: 'Electron is only for main/electron/.' }];
const nativeImports = [
  { group: ['better-sqlite3', 'kysely', 'exceljs', 'iconv-lite'], message: 'Database and file libraries belong to main/ and db/.' },
];
const folder = (name) => [{ group: [`**/${name}/*`, `**/${name}`], message: `Do not import ${name}/ from here.` }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...nodeImports, ...electronImports, ...nativeImports, ...folder('main'), ...folder('db'), ...folder('renderer'), { group: ['react', 'react-dom', 'react-*'], message: 'shared/ has no UI.' }] },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [...nodeImports, ...electronImports, ...nativeImports, ...folder('main'), ...folder('db')] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    // Pages are siblings: a page folder never reaches into another one (`../review/x`); what two pages
    // share lives in renderer/src/ui/ and App.tsx composes pages. The renderer's own bans still apply.
    files: ['renderer/src/pages/*/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeImports, ...electronImports, ...nativeImports, ...folder('main'), ...folder('db'),
            { regex: '^\\.\\./(?!\\.\\./)[^/]+/', message: 'A page folder never imports another page folder: move what they share to renderer/src/ui/.' },
            { regex: '/pages/', message: 'A page folder never imports another page folder: move what they share to renderer/src/ui/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
  {
    files: ['db/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', { patterns: [...electronImports, ...folder('main'), ...folder('renderer')] }] },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Everything but the Electron shell must load under plain Node (tests, CLI, web mode).
      'no-restricted-imports': ['error', { patterns: [...electronImports, ...folder('renderer')] }],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': ['error', { patterns: folder('renderer') }] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{js,mjs,cjs}', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
