// Component tests of the SPA (Vitest + jsdom). `npx nx test ui` runs them with the BFF's Jest specs;
// the JSON report (Jest-compatible) goes to tmp/test-results/ui-client.json, which `npm test` sums.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { aliases } from './vite.config.mts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: { alias: aliases },
  define: { __APP_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    environment: 'jsdom',
    include: ['client/**/*.test.{ts,tsx}', 'scripts/**/*.test.{ts,mts}'],
    setupFiles: ['client/src/test/setup.ts'],
    restoreMocks: true,
    // Jest-compatible JSON (numPassedTests, numFailedTests, numFailedTestSuites): `npm test` sums it.
    reporters: ['default', 'json'],
    outputFile: { json: here('../../tmp/test-results/ui-client.json') },
    testTimeout: 15_000,
  },
});
