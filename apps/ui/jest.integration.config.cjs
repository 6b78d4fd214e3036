const { jestConfig } = require('../../tools/jest/jest.preset.cjs');

// End to end: real etl, ml-builder, mlflow-proxy, api and ui processes, driven by headless Chromium.
module.exports = { ...jestConfig(__dirname, 'integration'), roots: ['<rootDir>/test'], testTimeout: 240_000 };
