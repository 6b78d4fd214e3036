import root from '../../eslint.config.mjs';

// The workspace rules, plus the test-file relaxations for the SPA's Vitest files (*.test.ts[x]),
// which the root config's spec patterns do not cover.
export default [
  ...root,
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'client/src/test/**/*.ts', 'client/src/test/**/*.tsx'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
];
