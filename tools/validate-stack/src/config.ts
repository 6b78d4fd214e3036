import fs from 'node:fs';
import path from 'node:path';

export const SERVICES = ['mlflow-proxy', 'ml-builder', 'etl', 'api', 'ui'] as const;
export type ServiceName = (typeof SERVICES)[number];
export const OPTIONAL = ['prometheus', 'grafana', 'alertmanager'] as const;
export type OptionalName = (typeof OPTIONAL)[number];
export const SKIPPABLE = [...SERVICES, ...OPTIONAL, 'queues'] as const;

/** Where each service is, and whether the address was given (flag/env) or is the default. */
export interface Endpoint {
  url: string;
  configured: boolean;
}

export interface ValidateConfig {
  services: Record<ServiceName, Endpoint>;
  monitoring: Record<OptionalName, Endpoint>;
  redisUrl: string;
  queuePrefix: string;
  apiKey: string;
  mlflowToken: string;
  grafana: { token?: string; user: string; password?: string };
  skip: Set<string>;
  requireModel: boolean;
  verbose: boolean;
  timeoutMs: number;
}

export const USAGE = `usage: validate-stack [--verbose] [--skip ui,grafana,...] [--require-model] [--timeout-ms MS]
                      [--api-url URL] [--ui-url URL] [--mlflow-url URL] [--etl-url URL] [--ml-builder-url URL]
                      [--prometheus-url URL] [--grafana-url URL] [--alertmanager-url URL]
                      [--redis-url URL] [--queue-prefix P]
Checks a running PredictionDex stack: every service's /health/live, /health/ready and /metrics,
the api's model, an authenticated mlflow-proxy search, Redis and the BullMQ queues, and when
configured (or found on their default ports) Prometheus targets, the Grafana datasource and
Alertmanager. Exit 0 when everything checked is up, 1 otherwise; the last line is a JSON summary.
Defaults: the local stack of \`npm start\` (127.0.0.1, default ports); compose publishes the same
ports (Grafana on 3001). Environment: API_URL UI_URL MLFLOW_TRACKING_URI ETL_URL ML_BUILDER_URL
PROMETHEUS_URL GRAFANA_URL ALERTMANAGER_URL REDIS_URL QUEUE_PREFIX VALIDATE_SKIP; credentials
API_KEY, MLFLOW_TRACKING_TOKEN, GRAFANA_TOKEN or GRAFANA_USER + GRAFANA_PASSWORD / GRAFANA_PASSWORD_FILE.`;

export class UsageError extends Error {}

const FLAG_ENV: Record<string, [string, string]> = {
  '--api-url': ['API_URL', 'http://127.0.0.1:8000'],
  '--ui-url': ['UI_URL', 'http://127.0.0.1:3000'],
  '--mlflow-url': ['MLFLOW_TRACKING_URI', 'http://127.0.0.1:5000'],
  '--etl-url': ['ETL_URL', 'http://127.0.0.1:9101'],
  '--ml-builder-url': ['ML_BUILDER_URL', 'http://127.0.0.1:9102'],
  '--prometheus-url': ['PROMETHEUS_URL', 'http://127.0.0.1:9090'],
  '--grafana-url': ['GRAFANA_URL', 'http://127.0.0.1:3001'],
  '--alertmanager-url': ['ALERTMANAGER_URL', 'http://127.0.0.1:9093'],
  '--redis-url': ['REDIS_URL', 'redis://127.0.0.1:6379'],
  '--queue-prefix': ['QUEUE_PREFIX', 'pdx'],
  '--skip': ['VALIDATE_SKIP', ''],
  '--timeout-ms': ['VALIDATE_TIMEOUT_MS', '5000'],
};

/** Flags win over the environment, which wins over the defaults. */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): ValidateConfig {
  const given = new Map<string, string>();
  let verbose = false;
  let requireModel = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') throw new UsageError(USAGE);
    if (flag === '--verbose' || flag === '-v') verbose = true;
    else if (flag === '--require-model') requireModel = true;
    else if (FLAG_ENV[flag]) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      given.set(flag, value);
    } else throw new UsageError(`unknown argument "${argv[i]}"\n${USAGE}`);
  }
  const endpoint = (flag: string): Endpoint => {
    const [envName, fallback] = FLAG_ENV[flag];
    const value = given.get(flag) ?? env[envName];
    const url = (value || fallback).replace(/\/+$/, '');
    if (!/^(https?|rediss?):\/\//.test(url)) throw new UsageError(`${flag} / ${envName}: "${url}" is not a URL`);
    return { url, configured: Boolean(value) };
  };
  const value = (flag: string) => given.get(flag) ?? env[FLAG_ENV[flag][0]] ?? FLAG_ENV[flag][1];
  const skip = new Set(
    value('--skip')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (const s of skip) if (!(SKIPPABLE as readonly string[]).includes(s)) throw new UsageError(`--skip: unknown check "${s}" (${SKIPPABLE.join(', ')})`);
  const timeoutMs = Number(value('--timeout-ms'));
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100) throw new UsageError('--timeout-ms: an integer >= 100');

  // Grafana's admin password: the variable, or the file docker/init-env.mjs writes for compose.
  const passwordFile = env['GRAFANA_PASSWORD_FILE'] ?? path.join(cwd, 'var/secrets/grafana_admin_password');
  const password = env['GRAFANA_PASSWORD'] ?? (fs.existsSync(passwordFile) ? fs.readFileSync(passwordFile, 'utf8').trim() : undefined);

  return {
    services: {
      api: endpoint('--api-url'),
      ui: endpoint('--ui-url'),
      'mlflow-proxy': endpoint('--mlflow-url'),
      etl: endpoint('--etl-url'),
      'ml-builder': endpoint('--ml-builder-url'),
    },
    monitoring: { prometheus: endpoint('--prometheus-url'), grafana: endpoint('--grafana-url'), alertmanager: endpoint('--alertmanager-url') },
    redisUrl: endpoint('--redis-url').url,
    queuePrefix: value('--queue-prefix'),
    // The development credentials of `npm start` unless told otherwise (they only work on a dev stack).
    apiKey: env['API_KEY'] || 'dev-only-api-key',
    mlflowToken: env['MLFLOW_TRACKING_TOKEN'] || 'dev-only-mlflow-write-token',
    grafana: { token: env['GRAFANA_TOKEN'], user: env['GRAFANA_USER'] || 'admin', password },
    skip,
    requireModel,
    verbose,
    timeoutMs,
  };
}
