import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Shared code is imported one way everywhere: `@shared/…`, never `../../shared/…`. */
const sharedByAlias = [
  {
    group: ['**/shared/*', '**/shared/**', '!@shared/**'],
    message: 'Import shared code as @shared/… (one style across core, renderer, scripts and tests).',
  },
];

const onlySharedByAlias = { 'no-restricted-imports': ['error', { patterns: sharedByAlias }] };

const noElectron = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'core, host and shared run in plain Node or the browser: never import electron here.' }],
      patterns: sharedByAlias,
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'off',
      // Device protocols are made of control characters (STX, ETX, GS): matching them is the point.
      'no-control-regex': 'off',
    },
  },
  { files: ['**/*.ts', '**/*.tsx', '**/*.mts'], rules: onlySharedByAlias },
  { files: ['electron/core/**', 'electron/host/**', 'shared/**'], rules: noElectron },
  {
    files: ['scripts/**/*.mjs', '*.config.*'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
