import fastifyStatic, { FastifyStaticOptions } from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import path from 'node:path';
import { registerPlugin } from '../app/register-plugin';

/** Vite names every asset under assets/ by its content hash: they can be cached for good. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/**
 * Serves the built SPA's files (one route per file found at start: `wildcard: false`, so the SPA
 * fallback below owns every other path). index.html is never cached; hashed assets are, for a year.
 */
export async function registerSpaFiles(app: NestFastifyApplication, staticDir: string): Promise<void> {
  const options: FastifyStaticOptions = {
    root: staticDir,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    // A missing file is a 404, never the index: a stale chunk name must fail loudly, not parse HTML as JS.
    setHeaders: (reply, file) => {
      const immutable = path.relative(staticDir, file).startsWith(`assets${path.sep}`);
      void reply.header('cache-control', immutable ? IMMUTABLE : REVALIDATE);
    },
  };
  await registerPlugin(app, fastifyStatic, options);
}
