export * from './lib/workspace';
export * from './lib/dockerfile-lint';
export * from './lib/compose';
export * from './lib/k8s-schema';
export * from './lib/app-sources';
export * from './lib/app-config';
