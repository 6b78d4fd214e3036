export * from './lib/bucket-boundaries.constants';
export * from './lib/metric-registry';
export * from './lib/route-label';
export * from './lib/metrics.options';
export * from './lib/http-metrics.service';
export * from './lib/metrics.module';
export * from './lib/queue-metrics';
export * from './lib/queue-metrics.module';
