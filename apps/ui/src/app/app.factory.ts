import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { UiConfig } from '@predictiondex/config';
import { Logger } from 'nestjs-pino';
import { BffExceptionFilter } from '../common/bff-exception.filter';
import { registerSpaFiles } from '../spa/spa-static';
import { AppModule } from './app.module';
import { registerPlugin } from './register-plugin';
import { helmetOptions } from './security-headers';

/** Largest JSON body the SPA may send (a prediction request is well under 2 KB). */
export const BFF_BODY_LIMIT_BYTES = 32 * 1024;

/**
 * Builds the ui (not yet listening): what main.ts and the tests start. The SPA must be built in
 * config.UI_STATIC_DIR (see ensureSpaBuilt).
 */
export async function createUiApp(config: UiConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BFF_BODY_LIMIT_BYTES, trustProxy: false });
  // BFF answers are per request (live data): never cached unless a route says otherwise.
  adapter.getInstance().addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/bff/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await registerPlugin(app, helmet, helmetOptions(config));
  await registerSpaFiles(app, config.UI_STATIC_DIR);
  app.useGlobalFilters(new BffExceptionFilter());
  return app;
}
