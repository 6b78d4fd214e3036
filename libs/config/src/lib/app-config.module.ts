import { DynamicModule, Global, Inject, Module } from '@nestjs/common';
import { z } from 'zod';
import { Env, loadConfig } from './load-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Injects the typed configuration validated by AppConfigModule.forRoot. */
export const InjectConfig = (): ParameterDecorator => Inject(APP_CONFIG);

/**
 * Validates the environment when the module is created, so a bad variable stops the process before
 * any connection is opened. Pass `values` in tests instead of mutating process.env.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot<S extends z.ZodTypeAny>(options: { app: string; schema: S; env?: Env; values?: z.infer<S> }): DynamicModule {
    const config = options.values ?? loadConfig(options.app, options.schema, options.env);
    return {
      module: AppConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: Object.freeze(config) }],
      exports: [APP_CONFIG],
    };
  }
}
