// Lint rules that hold the architecture together (ARCHITECTURE.md sections 1 and 3):
// imports flow one way, src -> agents|supervised|generative -> environments, and all randomness
// goes through environments/core/rng.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const uiPackages = ['svelte', 'svelte/*', 'pixi.js', 'xstate', 'katex', 'uplot'];
const noUi = { group: uiPackages, message: 'Learning and simulation code runs headless in Node and in a worker: no UI imports.' };
const noSrc = { group: ['**/src/**', '**/src'], message: 'Imports flow src -> agents -> environments, never back.' };
const noAgents = { group: ['**/agents/**', '**/supervised/**', '**/generative/**'], message: 'environments/ is the bottom layer: it imports no learning code.' };
const noTf = { group: ['@tensorflow/*'], message: 'environments/ is pure simulation: no tfjs.' };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'tests/browser/artifacts/', 'bench/results/', '.vite/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use an Rng from environments/core/rng.ts: runs must be reproducible.' }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.property.name='util'][property.name='shuffle']", message: 'tf.util.shuffle is unseeded: shuffle with an Rng.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  { files: ['environments/**'], rules: { 'no-restricted-imports': ['error', { patterns: [noUi, noSrc, noAgents, noTf] }] } },
  { files: ['agents/**', 'supervised/**', 'generative/**'], rules: { 'no-restricted-imports': ['error', { patterns: [noUi, noSrc] }] } },
  { files: ['environments/core/rng.ts'], rules: { 'no-restricted-properties': 'off' } },
);
