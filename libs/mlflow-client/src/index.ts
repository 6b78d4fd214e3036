export * from './lib/mlflow-types';
export * from './lib/mlflow-limits.constants';
export * from './lib/mlflow-api-error';
export * from './lib/retry-policy';
export * from './lib/artifact-uri';
export * from './lib/models-uri';
export * from './lib/mlflow-client';
