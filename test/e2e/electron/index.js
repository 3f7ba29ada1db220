// extensionTestsPath for @vscode/test-electron: runs electron/suite.ts with mocha inside VS Code.
'use strict';
require('tsx/cjs');
module.exports = require('./suite.ts');
