import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiConfig } from '@predictiondex/config';
import { createLogger } from '@predictiondex/logging';
import type pino from 'pino';
import { ApiExceptionFilter, errorBody } from '../common/api-exception.filter';
import { DOCS_PATH } from '../common/public-routes';
import { API_SECURITY_HEADERS, computeSecurityHeaders } from '../common/security-headers';
import { PinoNestLogger } from '../logging/pino-nest-logger';
import { AppModule, AppModuleOptions } from './app.module';
import { setupOpenApi } from './openapi';

export const RATE_LIMIT_HEADERS = ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

/** What the router-error handler uses of a reply (Nest's adapter bundles its own Fastify typings). */
interface ReplyLike {
  headers(values: Record<string, string>): ReplyLike;
  code(status: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): unknown;
}

export interface ApiApp {
  app: NestFastifyApplication;
  logger: pino.Logger;
}

/**
 * Builds the api (not yet listening): what main.ts, the integration tests and the benchmark start.
 * Security headers (helmet's), the CORS allow-list, the body limit, logging and the error format are
 * set here.
 */
export async function createApiApp(config: ApiConfig, options: AppModuleOptions = {}): Promise<NestFastifyApplication> {
  return (await createApi(config, options)).app;
}

export async function createApi(config: ApiConfig, options: AppModuleOptions = {}): Promise<ApiApp> {
  const logger = createLogger({ service: 'api', level: config.LOG_LEVEL });
  // JSON answers get the REST set; only the Swagger UI, a real page, gets helmet's browser-page set.
  const docsHeaders = await computeSecurityHeaders();
  const securityHeaders = API_SECURITY_HEADERS;
  // URLs the router cannot even decode ('/pokemon/%zz') or with an over-long parameter: the same
  // error body and headers as every other error, instead of Fastify's own.
  const onRouterError = (error: Error & { statusCode?: number }, _request: unknown, reply: ReplyLike): void => {
    const status = error.statusCode ?? 400;
    const message = status === 414 ? 'a path parameter is too long' : 'malformed URL: a path segment is not valid percent-encoding';
    void reply
      .headers(securityHeaders)
      .code(status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(errorBody(status, message, [{ field: 'url', message: error.message }]));
  };
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: false,
    // Typed against Nest's bundled Fastify generics, which a plain function cannot name.
    frameworkErrors: onRouterError as never,
  });
  const docsPrefix = `/${DOCS_PATH}`;
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    const route = request.routeOptions.url;
    void reply.headers(route !== undefined && route.startsWith(docsPrefix) ? docsHeaders : securityHeaders);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger, options), adapter, {
    logger: new PinoNestLogger(logger),
  });
  if (config.CORS_ORIGINS.length) {
    app.enableCors({
      origin: config.CORS_ORIGINS,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'x-api-key'],
      exposedHeaders: RATE_LIMIT_HEADERS,
      maxAge: 600,
    });
  }
  app.useGlobalFilters(new ApiExceptionFilter());
  setupOpenApi(app);
  return { app, logger };
}
