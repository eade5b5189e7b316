// @ts-check
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Imports that climb two or more folders use the package.json aliases (#server/…, #i18n/…) instead.
const deepRelative = {
  regex: '^(\\.\\./){2,}',
  message: 'Import through a package.json alias (#server/…, #i18n/…, #components/…) instead of climbing folders.',
};
// Only the db and tenant modules reach the database handle; everything else goes through inShop/inProgram
// and the tenant functions, so a shop's rows are always read through the shop's id.
// import('…') too (tests load modules lazily); esquery's regex cannot hold '/', \W stands for it.
const deepDynamic = {
  selector: 'ImportExpression[source.value=/^\\.\\.\\W\\.\\.\\W/]',
  message: deepRelative.message,
};
const dbHandle = {
  regex: '(^|/)db/index\\.ts$',
  importNames: ['db'],
  message: 'Only src/server/db and src/server/tenant use db(); call a tenant function (inShop, …) instead.',
};
const dbCall = {
  selector: "CallExpression[callee.type='Identifier'][callee.name='db']",
  message: 'Only src/server/db and src/server/tenant call db(); call a tenant function (inShop, …) instead.',
};
// Pages and endpoints call use cases; they never see the database layer.
const pageDb = [
  { regex: '(^|/|#)server/db/', message: 'Pages call use cases in src/server/<area>/, not the database layer.' },
  { regex: '^kysely(/|$)', message: 'Pages call use cases in src/server/<area>/, not Kysely.' },
];
/** @type {(...patterns: object[]) => import('eslint').Linter.RuleEntry} */
const restrictImports = (...patterns) => ['error', { patterns }];

// Code that runs in the browser: islands, the brand studio, the service worker (and .astro <script> blocks,
// which eslint-plugin-astro gives browser globals itself).
const browserFiles = ['src/islands/**', 'src/brand/editor/**', 'public/**/*.js'];

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'data/', 'coverage/', 'test-results/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': restrictImports(deepRelative),
      'no-restricted-syntax': ['error', deepDynamic],
      // `_`-prefixed names are deliberately unused (a destructured field left out, a required parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: browserFiles,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['public/orders-sw.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Kysely's documented migration signature: a migration must not depend on today's schema types.
    files: ['db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The Stripe stub and browser probes read untyped wire JSON and Fabric objects inside page.evaluate.
    files: ['tests/helpers/stripe-stub.ts', 'tests/helpers/brand.ts', 'tests/integration/stripe-webhook.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/**'],
    ignores: ['src/server/db/**', 'src/server/tenant/**'],
    rules: {
      'no-restricted-imports': restrictImports(deepRelative, dbHandle),
      'no-restricted-syntax': ['error', deepDynamic, dbCall],
    },
  },
  {
    files: ['src/pages/**'],
    rules: { 'no-restricted-imports': restrictImports(deepRelative, dbHandle, ...pageDb) },
  },
);
