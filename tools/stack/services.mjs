// The stack as plain processes, in start order. Each service either runs to completion (`oneShot`)
// or stays up and is ready when its health URL answers 200. docker-compose.yml keeps the same
// order. Development credentials only: every dev secret contains "dev-only", which production
// configs refuse.
const MLFLOW_TOKEN = process.env.MLFLOW_TRACKING_TOKEN ?? 'dev-only-mlflow-write-token';
const MLFLOW_URI = process.env.MLFLOW_TRACKING_URI ?? 'http://127.0.0.1:5000';
const ts = (entry, ...args) => ['node', 'tools/node/run-ts.cjs', entry, ...args];

export const services = [
  {
    name: 'migrate',
    oneShot: true,
    command: ts('apps/etl/src/main.ts', 'migrate'),
  },
  {
    name: 'mlflow',
    command: ts('apps/mlflow-proxy/src/main.ts'),
    env: { PORT: '5000', MLFLOW_ARTIFACT_ROOT: process.env.MLFLOW_ARTIFACT_ROOT ?? 'var/mlartifacts' },
    health: 'http://127.0.0.1:5000/health',
    urls: { api: 'http://127.0.0.1:5000/api/2.0/mlflow', docs: 'http://127.0.0.1:5000/docs' },
  },
  {
    // Started before the ETL so that the build job the ETL enqueues finds a worker waiting.
    name: 'ml-builder',
    command: ts('apps/ml-builder/src/main.ts'),
    env: { HEALTH_PORT: '9102', MLFLOW_TRACKING_URI: MLFLOW_URI, MLFLOW_TRACKING_TOKEN: MLFLOW_TOKEN },
    health: 'http://127.0.0.1:9102/health',
    urls: { metrics: 'http://127.0.0.1:9102/metrics' },
  },
  {
    name: 'etl',
    command: ts('apps/etl/src/main.ts'),
    env: { HEALTH_PORT: '9101' },
    health: 'http://127.0.0.1:9101/health/ready',
    urls: { metrics: 'http://127.0.0.1:9101/metrics' },
  },
];
