const path = require('node:path');
const { jestConfig, workspaceRoot } = require('../../tools/jest/jest.preset.cjs');

// Processes: docker-compose config, the `npm start` stack with validate-stack and loadgen against it.
const base = jestConfig(__dirname, 'integration');
module.exports = {
  ...base,
  roots: [__dirname, path.join(workspaceRoot, 'tools/loadgen'), path.join(workspaceRoot, 'tools/validate-stack')],
  testMatch: ['**/*.integration-spec.ts'],
  testTimeout: 300_000,
};
