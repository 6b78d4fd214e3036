export * from './lib/stats';
export * from './lib/drift-report';
export * from './lib/feature-table';
export * from './lib/feature-histogram';
export * from './lib/detect-drift';
export * from './lib/html-escape';
export * from './lib/drift-report.html';
export * from './lib/monitor';
