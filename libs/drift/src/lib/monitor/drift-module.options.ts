import type { MlflowClientOptions } from '@predictiondex/mlflow-client';
import type { DriftReport } from '../drift-report';
import type { DriftCheckSummary } from './drift-check.dto';
import type { ReferenceSource } from './reference-sample.source';

export const DRIFT_OPTIONS = Symbol('DRIFT_OPTIONS');

export interface DriftModuleOptions {
  redisUrl: string;
  /** BullMQ key prefix (the app's QUEUE_PREFIX). */
  queuePrefix: string;
  /** Consume drift-check jobs in this process. */
  worker: boolean;
  /** Upsert the shared job scheduler with this period; 0 leaves the schedule alone (on-demand checks only). */
  intervalMinutes: number;
  windowHours: number;
  minRows: number;
  maxRows: number;
  retentionDays: number;
  /** The registered model whose training run holds the reference sample. */
  modelName: string;
  modelAlias: string;
  mlflow: MlflowClientOptions;
  /** Replaces the registry lookup (tests; a reference from elsewhere). */
  referenceSource?: ReferenceSource;
  /** How often every process re-reads the latest stored check into its gauges (default 60 s; 0 = only at start and after local checks). */
  metricsRefreshMs?: number;
  /** Called after a completed check that found dataset drift (e.g. enqueue a retrain), with its full report. Errors are logged, not thrown. */
  onDatasetDrift?: (check: DriftCheckSummary, report: DriftReport) => Promise<unknown> | void;
}

/** The settings of libs/config's driftConfigShape plus the app's connection settings, as module options. */
export function driftOptionsFromConfig(cfg: {
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  MLFLOW_TRACKING_URI: string;
  MLFLOW_TRACKING_TOKEN?: string;
  MLFLOW_TIMEOUT_MS?: number;
  MODEL_NAME: string;
  MODEL_ALIAS: string;
  DRIFT_CHECK_ENABLED: boolean;
  DRIFT_CHECK_INTERVAL_MINUTES: number;
  DRIFT_WINDOW_HOURS: number;
  DRIFT_MIN_ROWS: number;
  DRIFT_MAX_ROWS: number;
  DRIFT_RETENTION_DAYS: number;
}): DriftModuleOptions {
  return {
    redisUrl: cfg.REDIS_URL,
    queuePrefix: cfg.QUEUE_PREFIX,
    worker: cfg.DRIFT_CHECK_ENABLED,
    intervalMinutes: cfg.DRIFT_CHECK_INTERVAL_MINUTES,
    windowHours: cfg.DRIFT_WINDOW_HOURS,
    minRows: cfg.DRIFT_MIN_ROWS,
    maxRows: cfg.DRIFT_MAX_ROWS,
    retentionDays: cfg.DRIFT_RETENTION_DAYS,
    modelName: cfg.MODEL_NAME,
    modelAlias: cfg.MODEL_ALIAS,
    mlflow: { trackingUri: cfg.MLFLOW_TRACKING_URI, token: cfg.MLFLOW_TRACKING_TOKEN, timeoutMs: cfg.MLFLOW_TIMEOUT_MS ?? 10_000, retries: 1, artifactTimeoutMs: 60_000 },
  };
}
