import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

// The layout's boundaries (README, "How the code is laid out"), enforced:
//   pure cores   src/lint, src/docker, src/ml          never import vscode, features or services
//   services     src/services                          what features share; imports no feature
//   features     explorer, build, run, push, dockerignore, diagnostics, containerize, compose
//                                                     never import each other; wired by src/extension.ts
const FEATURES = ['language', 'kubernetes', 'explorer', 'build', 'run', 'push', 'dockerignore', 'diagnostics', 'containerize', 'compose', 'imageSize'];
const EDITOR = [...FEATURES.map((f) => `./src/${f}`), './src/services', './src/extension.ts'];
const featureZones = FEATURES.map((f) => ({
  target: `./src/${f}`,
  from: FEATURES.filter((g) => g !== f).map((g) => `./src/${g}`),
  message: 'Features do not import each other: move what both need into a core (lint, docker, ml) or src/services, and wire them in src/extension.ts.',
}));

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
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', {
        zones: [
          {
            target: './src/lint',
            from: [...EDITOR, './src/cli', './src/docker'],
            except: ['./reference.ts', './ignore.ts', './secretNames.ts', './lazyYaml.ts', './shellQuote.ts'],
            message: 'The lint core is plain Node: it may use only the pure src/docker/reference.ts, ignore.ts, secretNames.ts, lazyYaml.ts and shellQuote.ts.',
          },
          { target: './src/lint/!(index).ts', from: './src/lint/rules', message: 'The lint core never imports a rule family: shared readers live beside shell.ts.' },
          { target: './src/docker', from: [...EDITOR, './src/lint', './src/cli', './src/ml'], message: 'The engine client imports no lint code, view or command.' },
          { target: './src/ml', from: [...EDITOR, './src/lint', './src/docker', './src/cli'], message: 'The ML knowledge base is data: it imports nothing of the project.' },
          { target: './src/services', from: FEATURES.map((f) => `./src/${f}`), message: 'Services are shared by features and import none of them.' },
          ...featureZones,
        ],
      }],
    },
  },
  {
    // The lint core and the engine client are plain Node: they must never reach for the editor API.
    files: ['src/lint/**/*.ts', 'src/docker/**/*.ts', 'src/ml/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/lint, src/docker, src/ml and src/cli run outside VS Code: do not import vscode here.' }] }],
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
  {
    // Run: the form's state machine, port specs and the GPU verdict are plain Node; ui.ts renders them.
    files: ['src/run/**/*.ts'],
    ignores: ['src/run/ui.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/run (except ui.ts) runs outside VS Code: do not import vscode here.' }] }],
    },
  },
);
