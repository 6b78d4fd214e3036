export * from './lib/queue-names';
export * from './lib/job-payloads';
export * from './lib/job-options';
export * from './lib/redis-connection';
export * from './lib/event-bus';
export * from './lib/event-bus.module';
export * from './lib/retrain-requests';
