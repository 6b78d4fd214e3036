export type { components, operations, paths } from './lib/api-schema';
export * from './lib/api-types';
export * from './lib/api-operations';
export * from './lib/api-client';
