import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BffHttpError } from '../common/bff-http-error';
import { SPA_INDEX } from './spa-build';
import { REVALIDATE } from './spa-static';

export const SPA_STATIC_DIR = Symbol('SPA_STATIC_DIR');

/** Paths that are never the SPA: a miss there is a JSON 404, not index.html. */
const NOT_SPA = /^\/(bff|health|metrics|assets)(\/|$|\?)/;

/**
 * Client-side routes (/battle, /pokemon/25, ...) are all index.html: the SPA's router reads the path.
 * Anything under /bff, /health, /metrics or /assets that no route matched stays a 404.
 */
@Controller()
export class SpaFallbackController {
  private readonly indexHtml: Buffer;

  constructor(@Inject(SPA_STATIC_DIR) staticDir: string) {
    this.indexHtml = readFileSync(path.join(staticDir, SPA_INDEX));
  }

  @Get('*')
  index(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (NOT_SPA.test(request.url)) throw new BffHttpError(404, `no route ${request.method} ${request.url.split('?')[0]}`);
    void reply.status(200).type('text/html; charset=utf-8').header('cache-control', REVALIDATE).send(this.indexHtml);
  }
}
