import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Layering is enforced here (VS Code style): a violation is a lint error, not a review comment.
export default tseslint.config(
  { ignores: ['**/.tmp-*', 'out/**', 'dist/**', 'node_modules/**', '.electron-native/**', 'test/e2e/__screenshots__/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', 'src-main/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', '*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // Migrations are frozen and schema-agnostic: they take Kysely<any> by design.
    files: ['src-main/core/db/migrations/**/*.ts', 'src-main/core/db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'core/ is plain Node: it must never import electron.' }],
          patterns: [
            { group: ['**/preload/**', '**/web/**', '**/cli/**', '**/security', '**/content-security', '**/static-files'], message: 'core/ must not import a transport.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to the backend only through api/client.ts.' },
            { name: 'better-sqlite3', message: 'The renderer has no database access.' },
            { name: 'kysely', message: 'The renderer has no database access.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a sandbox without Node.' },
            // sheet-fields is pure data shared by import, export and templates (the contract imports it too).
            // A regex: a gitignore-style negation cannot re-include a file under an excluded folder.
            { regex: 'src-main/(?!core/api/contract$|core/domain/sheet-fields$)', message: 'The renderer may import only the API contract and the sheet fields.' },
            { group: ['**/src-main/core/api/contract'], allowTypeImports: true, message: 'Import only the contract’s types (import type …).' },
          ],
        },
      ],
    },
  },
);
