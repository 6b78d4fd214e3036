const { jestConfig } = require('../../tools/jest/jest.preset.cjs');

// The BFF's specs (src/**/*.spec.ts); the SPA's component tests run under Vitest (vitest.config.mts).
module.exports = { ...jestConfig(__dirname, 'unit'), roots: ['<rootDir>/src'] };
