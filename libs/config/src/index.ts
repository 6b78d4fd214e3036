export * from './lib/config-error';
export * from './lib/env-fields';
export * from './lib/load-config';
export * from './lib/secrets';
export * from './lib/app-config.module';
export * from './lib/schemas/etl.config';
