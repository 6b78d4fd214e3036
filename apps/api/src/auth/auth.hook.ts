import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiConfig, ApiKeyScope, InjectConfig } from '@predictiondex/config';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../common/api-exception.filter';
import { isPublicRoute, isQueueDashboardRequest } from '../common/public-routes';
import { ApiKeyVerifier, ApiPrincipal } from './api-key.verifier';
import { RateLimiter } from './rate-limiter.service';
import { REQUIRED_SCOPE } from './require-scope.decorator';

export const API_KEY_HEADER = 'x-api-key';

/** The authenticated key of a request (set by the auth hook; undefined on public routes). */
export function principalOf(request: FastifyRequest): ApiPrincipal | undefined {
  return (request as FastifyRequest & { apiPrincipal?: ApiPrincipal }).apiPrincipal;
}

function reject(reply: FastifyReply, status: 401 | 403 | 429, message: string): FastifyReply {
  // Connection: close stops Node from reading (and discarding) a body we will never use.
  if (status !== 429) void reply.header('connection', 'close');
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(errorBody(status, message));
}

/**
 * X-API-Key authentication, scope check and per-key rate limit for every route but the probes, the
 * scrape and the docs. A Fastify onRequest hook rather than a Nest guard: it runs before the body is
 * read, so an unauthenticated request never costs a JSON parse, and its refusals are still counted
 * by the metrics hook. There is no bypass, in any mode. Unknown routes pass through to the 404, and
 * CORS preflights (OPTIONS, which never carry credentials) to the CORS plugin. The queue dashboard's
 * routes go to its own check (Basic auth, admin key as the password): a browser cannot add a header.
 */
@Injectable()
export class AuthHook implements OnApplicationBootstrap {
  private readonly dashboardPath: string | null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: ApiKeyVerifier,
    private readonly limiter: RateLimiter,
    @InjectConfig() config: ApiConfig,
  ) {
    this.dashboardPath = config.QUEUE_DASHBOARD_ENABLED ? config.QUEUE_DASHBOARD_PATH : null;
  }

  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.decorateRequest('apiPrincipal', undefined);
    fastify.addHook('onRequest', async (request, reply) => {
      const route = request.routeOptions.url;
      // CORS preflights carry no credentials by design; the CORS plugin answers them (allow-listed origins only).
      if (route === undefined || request.method === 'OPTIONS' || isPublicRoute(route) || isQueueDashboardRequest(request, this.dashboardPath)) return;
      const principal = this.verifier.verify(request.headers[API_KEY_HEADER]);
      if (!principal) {
        return reject(reply, 401, request.headers[API_KEY_HEADER] ? 'unknown API key' : 'missing API key: send it in the X-API-Key header');
      }
      const scope = ((request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[REQUIRED_SCOPE] as ApiKeyScope | undefined) ?? 'admin';
      if (!principal.scopes.has(scope)) {
        return reject(reply, 403, `API key '${principal.name}' lacks the '${scope}' scope needed by ${request.method} ${route}`);
      }
      const decision = await this.limiter.check(principal.name);
      void reply.header('x-ratelimit-limit', decision.limit).header('x-ratelimit-remaining', decision.remaining).header('x-ratelimit-reset', decision.resetSeconds);
      if (!decision.allowed) {
        void reply.header('retry-after', decision.retryAfterSeconds);
        return reject(reply, 429, `rate limit of ${decision.limit} requests per minute exceeded for API key '${principal.name}'; retry in ${decision.retryAfterSeconds} s`);
      }
      (request as FastifyRequest & { apiPrincipal?: ApiPrincipal }).apiPrincipal = principal;
    });
  }
}
