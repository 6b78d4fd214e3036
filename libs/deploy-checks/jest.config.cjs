const path = require('node:path');
const { jestConfig, workspaceRoot } = require('../../tools/jest/jest.preset.cjs');

// The packaging checks, plus the unit specs of the tools this project tests (tools/loadgen,
// tools/validate-stack): they live next to those tools' sources.
const base = jestConfig(__dirname, 'unit');
module.exports = {
  ...base,
  roots: [__dirname, path.join(workspaceRoot, 'tools/loadgen'), path.join(workspaceRoot, 'tools/validate-stack')],
  testMatch: ['**/*.spec.ts'],
};
