import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The lint core and the engine client are plain Node: they must never reach for the editor API.
    files: ['src/lint/**/*.ts', 'src/docker/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/lint, src/docker and src/cli run outside VS Code: do not import vscode here.' }] }],
    },
  },
  {
    // Compose: only ui.ts talks to the editor; the rest is plain Node and unit-tested as such.
    files: ['src/compose/**/*.ts'],
    ignores: ['src/compose/ui.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/compose (except ui.ts) runs outside VS Code: do not import vscode here.' }] }],
    },
  },
);
