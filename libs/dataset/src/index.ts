export * from './lib/dataset-settings';
export * from './lib/pair-split';
export * from './lib/scenario-plan';
export * from './lib/dataset-builder';
export * from './lib/dataset-manifest';
export * from './lib/dataset-columns';
export * from './lib/dataset-artifact';
export * from './lib/reference-sample';
