import { DynamicModule, Global, Module } from '@nestjs/common';
import type pino from 'pino';
import { API_LOGGER, RequestLogHook } from './request-log.hook';

/**
 * JSON logs through pino (libs/logging's format and redaction). Request lines come from a Fastify
 * hook instead of libs/logging's pino-http middleware, which (with nestjs-pino's per-request
 * AsyncLocalStorage) cost a third of the api's read throughput in measurements.
 */
@Global()
@Module({})
export class ApiLoggingModule {
  static forRoot(logger: pino.Logger): DynamicModule {
    return {
      module: ApiLoggingModule,
      providers: [{ provide: API_LOGGER, useValue: logger }, RequestLogHook],
      exports: [API_LOGGER],
    };
  }
}
