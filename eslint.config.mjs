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
    // The lint core (parser, shell and pip readers, facts, rule contract) is what the rules build on: it
    // never imports a rule family. Only index.ts, the registry, imports the rules.
    files: ['src/lint/*.ts'],
    ignores: ['src/lint/index.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/lint, src/docker and src/cli run outside VS Code: do not import vscode here.' }],
        patterns: [{ group: ['./rules', './rules/*'], message: 'The lint core never imports the rules; put what they share beside shell.ts.' }],
      }],
    },
  },
);
