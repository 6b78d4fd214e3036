import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type pino from 'pino';
import { principalOf } from '../auth/auth.hook';

export const API_LOGGER = Symbol('API_LOGGER');

const QUIET = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * One JSON line per request, written from a Fastify onResponse hook: method, path, route template,
 * status, time, API key name; never headers (no secret can leak into logs). Probes and scrapes are
 * not logged. 5xx at error, 4xx at warn, the rest at info (so LOG_LEVEL=warn keeps only failures).
 */
@Injectable()
export class RequestLogHook implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(API_LOGGER) private readonly logger: pino.Logger,
  ) {}

  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      const status = reply.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      const route = request.routeOptions.url;
      if (this.logger.isLevelEnabled(level) && !(route && QUIET.has(route))) {
        this.logger[level](
          {
            req: { id: request.id, method: request.method, url: request.url, route: route ?? null, remoteAddress: request.ip },
            res: { statusCode: status },
            responseTime: Math.round(reply.elapsedTime * 100) / 100,
            apiKey: principalOf(request)?.name,
          },
          'request completed',
        );
      }
      done();
    });
  }
}
