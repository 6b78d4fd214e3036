import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { MlflowProxyConfig } from '@predictiondex/config';
import { Logger } from 'nestjs-pino';
import { AppModule, isProxyMode } from './app.module';
import { installBodyParser } from './common/body-parser';
import { DOCS_PATH, MLFLOW_ARTIFACTS_ROUTE } from './common/api-routes.constants';
import { MlflowExceptionFilter } from './common/mlflow-exception.filter';
import { migrateStore } from './store/store-migrations';

const ARTIFACT_ROUTE_PREFIX = `/${MLFLOW_ARTIFACTS_ROUTE}/`;

/**
 * Builds the application (not yet listening): what main.ts, the integration tests and the
 * benchmark all start. In embedded mode the store is migrated first — idempotent, and serialised
 * between replicas by an advisory lock.
 */
export async function createMlflowProxyApp(config: MlflowProxyConfig): Promise<NestFastifyApplication> {
  const proxy = isProxyMode(config);
  if (!proxy) await migrateStore(config.DATABASE_URL);

  const adapter = new FastifyAdapter({
    // Artifact paths are long; find-my-way's default limit (100) would 414 them.
    routerOptions: { maxParamLength: 4096 },
    // JSON bodies are limited by the body parser; uploads by the artifact store.
    bodyLimit: Math.max(config.MLFLOW_MAX_JSON_BYTES, config.MLFLOW_MAX_ARTIFACT_BYTES),
  });
  installBodyParser(adapter.getInstance(), {
    maxJsonBytes: config.MLFLOW_MAX_JSON_BYTES,
    passThrough: proxy ? () => true : (request) => (request.routeOptions.url ?? '').startsWith(ARTIFACT_ROUTE_PREFIX),
  });

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false,
    // Nest's own start-up lines wait for pino, so every line is JSON at LOG_LEVEL.
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new MlflowExceptionFilter());
  // The routes and their verbs; request and response shapes are MLflow's, documented by MLflow.
  const openApi = new DocumentBuilder()
    .setTitle('mlflow-proxy')
    .setDescription(
      `MLflow REST API 2.0 (${proxy ? 'proxy mode: forwarded to an MLflow server' : 'embedded tracking server and model registry'}). ` +
        'Bodies and fields: https://mlflow.org/docs/latest/rest-api.html. Authorization: Bearer <token> (or Basic, token as password).',
    )
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  SwaggerModule.setup(DOCS_PATH, app, () => SwaggerModule.createDocument(app, openApi));
  return app;
}
