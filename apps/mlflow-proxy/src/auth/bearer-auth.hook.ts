import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { MlflowErrorBody } from '@predictiondex/mlflow-client';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DOCS_PATH, PUBLIC_PATHS } from '../common/api-routes.constants';
import { attachPrincipal } from './principal';
import { requiredScope } from './required-scope';
import { TokenVerifier } from './token-verifier.service';

const PUBLIC = new Set<string>(PUBLIC_PATHS);

function reject(reply: FastifyReply, status: 401 | 403, body: MlflowErrorBody): void {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="mlflow", Basic realm="mlflow"');
  // Connection: close stops Node from reading (and discarding) a large body we will never use.
  void reply.code(status).header('connection', 'close').send(body);
}

/**
 * Bearer/Basic token auth for every route but the probes, the scrape and the API docs, in both modes.
 * A Fastify onRequest hook rather than a Nest guard: it runs before the body is read, so an
 * unauthenticated 1 GB upload is refused at its first byte, and it covers proxied routes alike.
 * There is no bypass, in any mode.
 */
@Injectable()
export class BearerAuthHook implements OnApplicationBootstrap {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: TokenVerifier,
  ) {}

  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, reply, done) => {
      const q = request.url.indexOf('?');
      const path = q === -1 ? request.url : request.url.slice(0, q);
      if (PUBLIC.has(path) || path === `/${DOCS_PATH}` || path.startsWith(`/${DOCS_PATH}/`) || path === `/${DOCS_PATH}-json`) return done();
      const principal = this.verifier.verify(TokenVerifier.tokenFromHeader(request.headers.authorization));
      if (!principal) {
        return reject(reply, 401, { error_code: 'UNAUTHENTICATED', message: 'Authentication required: send Authorization: Bearer <token>' });
      }
      if (requiredScope(request.method, path) === 'write' && principal.scope !== 'write') {
        return reject(reply, 403, { error_code: 'PERMISSION_DENIED', message: `Token '${principal.name}' has read scope; ${request.method} ${path} needs write` });
      }
      attachPrincipal(request, principal);
      done();
    });
  }
}
