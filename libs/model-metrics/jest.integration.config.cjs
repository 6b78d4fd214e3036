const { jestConfig } = require('../../tools/jest/jest.preset.cjs');

module.exports = jestConfig(__dirname, 'integration');
