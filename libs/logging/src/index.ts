export * from './lib/logger-options';
export * from './lib/logger.module';
