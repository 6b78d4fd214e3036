export * from './lib/health-checks';
export * from './lib/redis.health-indicator';
export * from './lib/health.controller';
export * from './lib/health.module';
export * from './lib/graceful-shutdown';
