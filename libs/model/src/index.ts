export * from './lib/model-package';
export * from './lib/battle-model';
