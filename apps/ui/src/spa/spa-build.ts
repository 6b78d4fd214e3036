import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const SPA_INDEX = 'index.html';

export class SpaMissingError extends Error {}

/** Where the workspace is when running from source (apps/ui/src/spa -> the root). */
const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');
export const VITE_CONFIG = path.join(WORKSPACE_ROOT, 'apps/ui/vite.config.mts');

/**
 * The SPA must be built before the BFF serves it (`npx nx build ui`). Outside production, when
 * UI_STATIC_DIR has no index.html and the sources are at hand, it is built once here (vite build,
 * ~15 s); in production, or without the sources (a bundled image), start fails with what to do.
 */
export function ensureSpaBuilt(staticDir: string, buildIfMissing: boolean, log: (message: string) => void): void {
  const index = path.join(staticDir, SPA_INDEX);
  if (existsSync(index)) return;
  const howTo = 'build it with `npx nx build ui` (or set UI_STATIC_DIR to a built copy)';
  if (!buildIfMissing) throw new SpaMissingError(`the SPA is not built: ${index} does not exist; ${howTo}`);
  if (!existsSync(VITE_CONFIG)) throw new SpaMissingError(`the SPA is not built and its sources are not here (${VITE_CONFIG}); ${howTo}`);
  log(`the SPA is not built yet: building it once into ${staticDir} (vite build)`);
  const vite = path.join(WORKSPACE_ROOT, 'node_modules/vite/bin/vite.js');
  if (!existsSync(vite)) throw new SpaMissingError(`the SPA is not built and vite is not installed (${vite}); ${howTo}`);
  const res = spawnSync(process.execPath, [vite, 'build', '--config', VITE_CONFIG, '--outDir', staticDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: WORKSPACE_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0 || !existsSync(index)) throw new SpaMissingError(`building the SPA failed (vite exited ${res.status ?? res.signal}); ${howTo}`);
}
