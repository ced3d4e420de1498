// @ts-check
// ESLint flat config. TypeScript files are linted with type information (the
// project service reads tsconfig.json); the few plain JS files (bin/, scripts/,
// this file) are linted without it. Formatting is Prettier's job:
// eslint-config-prettier, last, turns off every rule that would fight it.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layering, as `no-restricted-imports` patterns: a file under `dir` may not
 * import from the listed top-level directories. Relative imports only: the
 * project has no path aliases.
 * @param {string[]} dirs
 * @param {string} message
 * @param {string} [except] a path under one of `dirs` that stays importable
 */
function forbidImportsFrom(dirs, message, except) {
  const exception = except === undefined ? '' : `(?!${except.replaceAll('.', '\\.')}$)`;
  return {
    'no-restricted-imports': ['error', { patterns: [{ regex: `^(\\.\\./)+${exception}(${dirs.join('|')})/`, message }] }],
  };
}

const checkerMessage = 'checker/ is the subsystem-independent engine: it may not import spec/, impl/ or model/ (only checker/cli/ may import model/registry.ts).';

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', 'counterexamples/', 'coverage/', 'reports/', '.stryker-tmp/', '.tmp-emit-*/']),

  eslint.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'xenspec/all',
    rules: {
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },

  {
    name: 'xenspec/typescript',
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },

  {
    name: 'xenspec/javascript',
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },

  // Import boundaries.
  { name: 'xenspec/boundaries/checker', files: ['checker/**/*.ts'], ignores: ['checker/cli/**'], rules: forbidImportsFrom(['spec', 'impl', 'model'], checkerMessage) },
  { name: 'xenspec/boundaries/checker-cli', files: ['checker/cli/**/*.ts'], rules: forbidImportsFrom(['spec', 'impl', 'model'], checkerMessage, 'model/registry.ts') },
  { name: 'xenspec/boundaries/spec', files: ['spec/**/*.ts'], rules: forbidImportsFrom(['impl', 'model'], 'spec/ is the reference: it may not import impl/ or model/.') },
  { name: 'xenspec/boundaries/impl', files: ['impl/**/*.ts'], rules: forbidImportsFrom(['model'], 'impl/ may not import model/ (model/ wraps impl/, not the other way round).') },

  prettier,
);
