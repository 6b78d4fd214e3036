export * from './lib/entities';
export * from './lib/migrations';
export * from './lib/data-source';
export * from './lib/ensure-database';
export * from './lib/run-migrations';
