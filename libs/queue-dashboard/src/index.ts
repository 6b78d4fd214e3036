export * from './lib/queue-dashboard.options';
export * from './lib/basic-auth';
export * from './lib/queue-dashboard.mount';
export * from './lib/queue-dashboard.module';
