import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { envFields } from '../env-fields';
import { DEV_SECRET_MARKER, refuseDevSecretsInProduction } from '../secrets';
import { driftConfigShape, queueDashboardConfigShape } from './observability.config';

export const API_KEY_SCOPES = ['read', 'predict', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** The key every process outside production accepts when API_KEYS is unset: auth is never off. */
export const API_DEV_KEY = `${DEV_SECRET_MARKER}-api-key`;
export const API_DEV_KEYS = `dev:${API_DEV_KEY}:read|predict|admin`;

/** Shorter keys are refused in production: they can be guessed. */
export const API_MIN_PRODUCTION_KEY_LENGTH = 24;

/** A configured key as the process keeps it: the SHA-256 of the secret, never the secret itself. */
export interface ApiKeyEntry {
  name: string;
  /** `admin` implies every scope; it is expanded here, so holders are checked with `scopes.has(x)`. */
  scopes: ReadonlySet<ApiKeyScope>;
  sha256: Buffer;
}

interface RawKey {
  name: string;
  key: string;
  scopes: string[];
}

const KEY_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** `name:key:scope1|scope2,...`; the key itself may not contain ":" or ",". */
export function parseApiKeys(text: string): RawKey[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name = '', key = '', scopes = '', ...rest] = entry.split(':');
      if (rest.length) return { name, key: '', scopes: [] };
      return {
        name: name.trim(),
        key: key.trim(),
        scopes: scopes
          .split('|')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    });
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

function expandScopes(scopes: readonly string[]): ReadonlySet<ApiKeyScope> {
  return new Set<ApiKeyScope>(scopes.includes('admin') ? API_KEY_SCOPES : (scopes as ApiKeyScope[]));
}

function keyIssue(ctx: z.RefinementCtx, message: string, path: string[] = []): void {
  ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
}

/** Format of API_KEYS, checked on the variable itself so its problems are reported with any other variable's. */
function checkKeyFormat(text: string, ctx: z.RefinementCtx): void {
  const entries = parseApiKeys(text);
  if (!entries.length) return keyIssue(ctx, 'needs at least one name:key:scope entry');
  const names = new Set<string>();
  const keys = new Set<string>();
  entries.forEach((e, i) => {
    // Never echo the key itself in an error: the message ends up in logs.
    const where = `entry ${i + 1}${KEY_NAME.test(e.name) ? ` (${e.name})` : ''}`;
    if (!KEY_NAME.test(e.name)) keyIssue(ctx, `${where}: name must be 1-64 letters, digits, ".", "_" or "-"`);
    if (!e.key) keyIssue(ctx, `${where}: expected name:key:scope1|scope2`);
    if (!e.scopes.length) keyIssue(ctx, `${where}: needs at least one scope (${API_KEY_SCOPES.join(', ')})`);
    for (const s of e.scopes) {
      if (!(API_KEY_SCOPES as readonly string[]).includes(s)) keyIssue(ctx, `${where}: unknown scope "${s}" (expected ${API_KEY_SCOPES.join(', ')})`);
    }
    if (names.has(e.name)) keyIssue(ctx, `${where}: duplicate name`);
    if (e.key && keys.has(e.key)) keyIssue(ctx, `${where}: same key as an earlier entry`);
    names.add(e.name);
    keys.add(e.key);
  });
}

/** Production refuses guessable keys. */
function checkKeyStrength(cfg: { NODE_ENV: string; API_KEYS: string }, ctx: z.RefinementCtx): void {
  if (cfg.NODE_ENV !== 'production') return;
  parseApiKeys(cfg.API_KEYS).forEach((e, i) => {
    if (e.key && e.key.length < API_MIN_PRODUCTION_KEY_LENGTH) {
      keyIssue(ctx, `entry ${i + 1} (${e.name}): key shorter than ${API_MIN_PRODUCTION_KEY_LENGTH} characters is refused in production`, ['API_KEYS']);
    }
  });
}

const absolutePath = z
  .string()
  .min(1)
  .transform((p) => (isAbsolute(p) ? p : resolve(p)));

const originList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim().replace(/\/+$/, ''))
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'each origin must be scheme://host[:port], e.g. http://localhost:3000')));

/** The token the mlflow-proxy accepts outside production when its MLFLOW_TOKENS is unset. */
const MLFLOW_DEV_TRACKING_TOKEN = `${DEV_SECRET_MARKER}-mlflow-write-token`;

export const apiConfigSchema = z
  .object({
    NODE_ENV: envFields.nodeEnv,
    LOG_LEVEL: envFields.logLevel,
    PORT: envFields.port(8000),
    /** Interface to bind; 0.0.0.0 in a container, 127.0.0.1 to keep it local. */
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: envFields.databaseUrl,
    DB_POOL_SIZE: envFields.positiveInt(5),
    REDIS_URL: envFields.redisUrl,
    /** Prefix of the event channels and rate-limit keys (shared with the other services' QUEUE_PREFIX). */
    QUEUE_PREFIX: envFields.queuePrefix,
    /** `name:key:scope1|scope2` entries, comma-separated; scopes read, predict, admin (admin implies all). */
    API_KEYS: z.string().default(API_DEV_KEYS).superRefine(checkKeyFormat),
    /** Requests per key per minute (sliding window, shared by every replica through Redis). */
    RATE_LIMIT_PER_MINUTE: envFields.positiveInt(600),
    /** Origins allowed to call the API from a browser, comma-separated; empty allows none. */
    CORS_ORIGINS: originList,
    /** Largest request body; larger ones get 413. */
    BODY_LIMIT_BYTES: envFields.positiveInt(16 * 1024),
    MLFLOW_TRACKING_URI: envFields.url('http://127.0.0.1:5000'),
    /** Bearer token for mlflow-proxy (read scope is enough). */
    MLFLOW_TRACKING_TOKEN: z.string().default(MLFLOW_DEV_TRACKING_TOKEN),
    MLFLOW_TIMEOUT_MS: envFields.positiveInt(10_000),
    MODEL_NAME: z.string().min(1).default('battle-winner'),
    MODEL_ALIAS: z.string().min(1).default('champion'),
    /** Where downloaded model packages are kept, so a restart without the registry still serves. */
    MODEL_CACHE_DIR: absolutePath.default('var/model-cache/api'),
    /** How often the alias is re-checked, in case a model.published event was missed. 0 turns polling off. */
    MODEL_POLL_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
    /** When true, /health/ready fails until a model is loaded. Default false: reads are served without one. */
    MODEL_REQUIRED_FOR_READINESS: envFields.bool(false),
    /** How often the Pokédex snapshot checks for a newer ETL run, in case an etl.completed event was missed. 0 = off. */
    POKEDEX_POLL_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
    PREDICTION_LOG_BATCH_SIZE: envFields.positiveInt(200),
    PREDICTION_LOG_FLUSH_MS: envFields.positiveInt(1000),
    /** Rows kept in memory while the database is slow or down; beyond, new rows are dropped and counted. */
    PREDICTION_LOG_MAX_BUFFER: envFields.positiveInt(20_000),
    /** Latest reported outcomes per model version behind the model_feedback_* gauges and /monitoring/performance's default window. */
    PERFORMANCE_WINDOW: z.coerce.number().int().min(10).max(5000).default(500),
    /** Most battles one /predict/simulate call may ask for. */
    SIMULATE_MAX_BATTLES: envFields.positiveInt(500),
    /** Wall-clock budget of one simulation; it stops early and reports the battles it played. */
    SIMULATE_TIME_BUDGET_MS: envFields.positiveInt(3000),
    /** Battle worker threads for simulations. */
    SIMULATE_WORKERS: envFields.positiveInt(1),
    /** Simulations running at once; more get 503 with Retry-After. */
    SIMULATE_MAX_CONCURRENT: envFields.positiveInt(2),
    /**
     * libuv threads one large model batch is split across (booster copies, ~1 MB each). Default 1:
     * on a 2-core machine a second part only competes with the event loop (measured); raise it where
     * cores are spare.
     */
    MODEL_PREDICT_THREADS: z.coerce.number().int().min(1).max(16).default(1),
    /** The per-request HTTP metrics hooks; off only to measure what they cost (the api benchmark). */
    HTTP_METRICS_ENABLED: envFields.bool(true),
    // Drift checks of the logged predictions (libs/drift's DriftModule) and the queue dashboard (Bull Board).
    ...driftConfigShape,
    ...queueDashboardConfigShape,
  })
  .superRefine(refuseDevSecretsInProduction(['API_KEYS', 'MLFLOW_TRACKING_TOKEN']))
  .superRefine(checkKeyStrength)
  .transform(({ API_KEYS, ...rest }) => ({
    ...rest,
    MLFLOW_TRACKING_URI: rest.MLFLOW_TRACKING_URI.replace(/\/+$/, ''),
    // Hashed here so that the plain keys never live past configuration loading.
    API_KEYS: parseApiKeys(API_KEYS).map((e): ApiKeyEntry => ({ name: e.name, scopes: expandScopes(e.scopes), sha256: hashApiKey(e.key) })),
  }));
export type ApiConfig = z.infer<typeof apiConfigSchema>;
