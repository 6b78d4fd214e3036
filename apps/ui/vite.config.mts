// Vite build of the SPA (apps/ui/client) into dist/apps/ui/client, which the BFF serves.
//   npx vite build -c apps/ui/vite.config.mts     (or `npx nx build ui`, which also checks the bundle size)
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const rootPackage = JSON.parse(readFileSync(here('../../package.json'), 'utf8')) as { version: string };

export const aliases = {
  '@predictiondex/api-client': here('../../libs/api-client/src/index.ts'),
  '@bff-contract': here('./src/contract/bff-contract.ts'),
};

export default defineConfig({
  root: here('./client'),
  base: '/',
  plugins: [react()],
  resolve: { alias: aliases },
  define: { __APP_VERSION__: JSON.stringify(rootPackage.version) },
  build: {
    outDir: here('../../dist/apps/ui/client'),
    emptyOutDir: true,
    // Read by scripts/bundle-size.mjs to tell the initial chunks from the lazy ones.
    manifest: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
  },
  server: { proxy: { '/bff': 'http://127.0.0.1:3000' } },
});
