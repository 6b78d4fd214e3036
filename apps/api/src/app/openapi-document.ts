import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { apiConfigSchema, loadConfig } from '@predictiondex/config';
import { createLogger } from '@predictiondex/logging';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './openapi';

/**
 * The OpenAPI document as the committed apps/api/openapi.json holds it: built from the controllers
 * and DTOs in Nest's preview mode (no provider is instantiated: no database, Redis or registry is
 * touched) with the default configuration, so it depends on the code only.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig('api', apiConfigSchema, { NODE_ENV: 'test' });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, createLogger({ service: 'api', level: 'silent' })), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close().catch(() => undefined);
  }
}

/** The committed file's exact text for a document (stable key order as built, 2-space indent, final newline). */
export function openApiFileText(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
