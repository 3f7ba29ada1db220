// The pip command-line reader lives in the lint core (src/lint/pip.ts); this path re-exports it for
// rule files that import it from beside the package rules.
export * from '../../pip';
