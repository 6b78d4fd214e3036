export * from './lib/test-database';
export * from './lib/redis-cleanup';
export * from './lib/service-process';
