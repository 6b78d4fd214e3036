export * from './lib/classification-metrics';
export * from './lib/classification-plots';
export * from './lib/html-text';
export * from './lib/live-performance';
export * from './lib/performance-report';
