import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { envFields, LOCAL_MLFLOW_URL } from '../env-fields';
import { DEV_SECRET_MARKER, refuseDevSecretsInProduction } from '../secrets';
import { API_DEV_KEY } from './api.config';

const absolutePath = z
  .string()
  .min(1)
  .transform((p) => (isAbsolute(p) ? p : resolve(p)));

const baseUrl = (fallback?: string) => envFields.url(fallback).transform((u) => u.replace(/\/+$/, ''));

/** A link shown to the browser: an http(s) URL, or unset (the page then says it is not configured). */
const optionalLink = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
  .optional();

const originList = z
  .string()
  .default('https://raw.githubusercontent.com')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim().replace(/\/+$/, ''))
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s*]+$/, 'each origin must be scheme://host[:port]')));

/** The mlflow-proxy token every process outside production accepts when MLFLOW_TOKENS is unset. */
const MLFLOW_DEV_READ_TOKEN = `${DEV_SECRET_MARKER}-mlflow-write-token`;

export const uiConfigSchema = z
  .object({
    NODE_ENV: envFields.nodeEnv,
    LOG_LEVEL: envFields.logLevel,
    PORT: envFields.port(3000),
    /** Interface to bind; 0.0.0.0 in a container, 127.0.0.1 to keep it local. */
    HOST: z.string().min(1).default('0.0.0.0'),
    /** The api, as the BFF reaches it (server side; the browser never calls it). */
    API_URL: baseUrl('http://127.0.0.1:8000'),
    /** The ui's own api key (scopes read|predict), sent as X-API-Key by the BFF only. */
    UI_API_KEY: z.string().min(1).default(API_DEV_KEY),
    /** Budget of one api call (a simulation takes up to the api's SIMULATE_TIME_BUDGET_MS). */
    API_TIMEOUT_MS: envFields.positiveInt(15_000),
    /** mlflow-proxy, for the Model page's plots and version history (a read token is enough). */
    MLFLOW_TRACKING_URI: baseUrl(LOCAL_MLFLOW_URL),
    MLFLOW_TRACKING_TOKEN: z.string().min(1).default(MLFLOW_DEV_READ_TOKEN),
    MLFLOW_TIMEOUT_MS: envFields.positiveInt(5_000),
    MODEL_NAME: z.string().min(1).default('battle-winner'),
    /**
     * Read-only sources of the Pipeline page (the api has no endpoint for them yet): the etl_run
     * table (a read-only session on DATABASE_URL) and the ml-build queue (BullMQ on REDIS_URL).
     */
    DATABASE_URL: envFields.databaseUrl,
    REDIS_URL: envFields.redisUrl,
    QUEUE_PREFIX: envFields.queuePrefix,
    /** Timeout of one Pipeline read (database or Redis). */
    PIPELINE_TIMEOUT_MS: envFields.positiveInt(3_000),
    /** Links shown on the Pipeline page. Unset API_DOCS_URL / QUEUE_DASHBOARD_URL derive from API_URL. */
    API_DOCS_URL: optionalLink,
    QUEUE_DASHBOARD_URL: optionalLink,
    GRAFANA_URL: optionalLink,
    /** Where sprites may be loaded from (the CSP img-src list, besides the ui itself). */
    SPRITE_ORIGINS: originList,
    /** The built SPA (vite build's outDir). Relative paths resolve from the working directory. */
    UI_STATIC_DIR: absolutePath.default('dist/apps/ui/client'),
    /** Outside production, build the SPA once at start when UI_STATIC_DIR has no index.html. */
    UI_BUILD_IF_MISSING: envFields.bool(true),
  })
  .superRefine(refuseDevSecretsInProduction(['UI_API_KEY', 'MLFLOW_TRACKING_TOKEN']))
  .transform((cfg) => ({
    ...cfg,
    API_DOCS_URL: cfg.API_DOCS_URL ?? `${cfg.API_URL}/docs`,
    QUEUE_DASHBOARD_URL: cfg.QUEUE_DASHBOARD_URL ?? `${cfg.API_URL}/admin/queues`,
    GRAFANA_URL: cfg.GRAFANA_URL ?? null,
    UI_BUILD_IF_MISSING: cfg.UI_BUILD_IF_MISSING && cfg.NODE_ENV !== 'production',
  }));
export type UiConfig = z.infer<typeof uiConfigSchema>;
