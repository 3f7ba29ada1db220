#!/usr/bin/env node
// End-to-end tests in a real VS Code: `npm run test:e2e` (scripts/with-test-env.sh starts the
// private engine and registries around this). The harness is TypeScript (test/e2e/*.ts), loaded
// with tsx. Prints "N passed, M failed"; exits non-zero on a failure. Screenshots and
// logs of failures: test-results/e2e/.
// Env: VSCODE_EXECUTABLE_PATH   use that VS Code with @vscode/test-electron instead of code-server
//      ML_E2E_ONLY=<regex>      run the matching scenarios only
//      ML_E2E_VSIX=<file>       test that package as is (default: ml-containers.vsix, rebuilt if stale)
//      ML_E2E_CACHE=<dir>       code-server cache (default ~/.cache/ml-containers-e2e)
//      ML_E2E_KEEP=1            keep the temp folder (workspace, user data, logs)
'use strict';
require('tsx/cjs');
const { main } = require('./main.ts');

main().then(
  (failed) => { process.exitCode = failed > 0 ? 1 : 0; },
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  },
);
