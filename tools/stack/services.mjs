// The stack as plain processes, in start order. Each service either runs to completion (`oneShot`)
// or stays up and is ready when its health URL answers 200. docker-compose.yml keeps the same
// order (libs/deploy-checks checks it): migrate -> mlflow-proxy -> ml-builder -> etl -> api -> ui.
// Development credentials only: every dev secret contains "dev-only", which production configs
// refuse. Ports: the defaults below, or MLFLOW_PORT, ETL_HEALTH_PORT, ML_BUILDER_HEALTH_PORT,
// API_PORT, UI_PORT from the environment (the names docker-compose.yml uses for published ports).
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const env = process.env;
const port = (name, fallback) => String(Number(env[name] || fallback));
const ports = {
  mlflow: port('MLFLOW_PORT', 5000),
  etl: port('ETL_HEALTH_PORT', 9101),
  mlBuilder: port('ML_BUILDER_HEALTH_PORT', 9102),
  api: port('API_PORT', 8000),
  ui: port('UI_PORT', 3000),
};
const local = (p, pathname = '') => `http://127.0.0.1:${p}${pathname}`;
const MLFLOW_TOKEN = env.MLFLOW_TRACKING_TOKEN ?? 'dev-only-mlflow-write-token';
const MLFLOW_URI = env.MLFLOW_TRACKING_URI ?? local(ports.mlflow);
const ts = (entry, ...args) => ['node', 'tools/node/run-ts.cjs', entry, ...args];
/** An app joins the stack once its entry point exists (the ui arrives after the others). */
const exists = (entry) => fs.existsSync(path.join(root, entry));

export const services = [
  {
    name: 'migrate',
    oneShot: true,
    command: ts('apps/etl/src/main.ts', 'migrate'),
  },
  {
    name: 'mlflow-proxy',
    command: ts('apps/mlflow-proxy/src/main.ts'),
    env: { PORT: ports.mlflow, MLFLOW_ARTIFACT_ROOT: env.MLFLOW_ARTIFACT_ROOT ?? 'var/mlartifacts' },
    health: local(ports.mlflow, '/health/ready'),
    urls: { api: local(ports.mlflow, '/api/2.0/mlflow'), docs: local(ports.mlflow, '/docs') },
  },
  {
    // Started before the ETL so that the build job the ETL enqueues finds a worker waiting.
    name: 'ml-builder',
    command: ts('apps/ml-builder/src/main.ts'),
    env: { HEALTH_PORT: ports.mlBuilder, MLFLOW_TRACKING_URI: MLFLOW_URI, MLFLOW_TRACKING_TOKEN: MLFLOW_TOKEN },
    health: local(ports.mlBuilder, '/health/ready'),
    urls: { metrics: local(ports.mlBuilder, '/metrics') },
  },
  {
    name: 'etl',
    command: ts('apps/etl/src/main.ts'),
    env: { HEALTH_PORT: ports.etl },
    health: local(ports.etl, '/health/ready'),
    urls: { metrics: local(ports.etl, '/metrics') },
  },
  {
    // Ready once PostgreSQL and Redis answer: it serves the Pokédex as soon as the ETL has loaded it
    // and predictions as soon as ml-builder registers a champion (events + polling), no restart.
    name: 'api',
    command: ts('apps/api/src/main.ts'),
    env: { PORT: ports.api, MLFLOW_TRACKING_URI: MLFLOW_URI, MLFLOW_TRACKING_TOKEN: MLFLOW_TOKEN, MODEL_CACHE_DIR: env.MODEL_CACHE_DIR ?? 'var/model-cache/api' },
    health: local(ports.api, '/health/ready'),
    urls: { api: local(ports.api), docs: local(ports.api, '/docs'), queues: local(ports.api, '/admin/queues'), metrics: local(ports.api, '/metrics') },
    when: exists('apps/api/src/main.ts'),
  },
  {
    name: 'ui',
    command: ts('apps/ui/src/main.ts'),
    env: { PORT: ports.ui, API_URL: local(ports.api), MLFLOW_TRACKING_URI: MLFLOW_URI, MLFLOW_TRACKING_TOKEN: MLFLOW_TOKEN },
    health: local(ports.ui, '/health/ready'),
    urls: { web: local(ports.ui) },
    when: exists('apps/ui/src/main.ts'),
  },
].filter((s) => s.when !== false);

/** Where validate-stack and loadgen find this stack: their variables, and their defaults. */
export const stackUrls = {
  API_URL: local(ports.api),
  UI_URL: local(ports.ui),
  MLFLOW_TRACKING_URI: MLFLOW_URI,
  ETL_URL: local(ports.etl),
  ML_BUILDER_URL: local(ports.mlBuilder),
};
const DEFAULT_URLS = { API_URL: local(8000), UI_URL: local(3000), MLFLOW_TRACKING_URI: local(5000), ETL_URL: local(9101), ML_BUILDER_URL: local(9102) };
/** The variables the tools need for this stack (none when every port is the default). */
export const stackToolEnv = Object.fromEntries(Object.entries(stackUrls).filter(([k, v]) => v !== DEFAULT_URLS[k]));
