// Shapes of the BFF's own routes (what the api does not serve), shared by the BFF and the SPA.
// Types only: the SPA imports this file through its `@bff-contract` alias, so nothing here may
// pull in server code.

/** Every error the BFF answers, its own or relayed from the api: the api's error shape. */
export interface BffError {
  statusCode: number;
  error: string;
  message: string;
  details?: { field: string; message: string }[];
}

/** GET /bff/model/versions: the registered versions of the model with their runs' metrics. */
export interface ModelVersionSummary {
  version: string;
  aliases: string[];
  status: string | null;
  created_at: string | null;
  run_id: string | null;
  /** The run's final metrics (test_accuracy, test_roc_auc, test_log_loss, ...). */
  metrics: Record<string, number>;
  /** dataset_version, feature_version, git_commit, etl_run_id tags of the version. */
  tags: Record<string, string>;
  /** Whether the run holds the evaluation plots served by /bff/model/runs/{run}/evaluation/{file}. */
  has_evaluation_plots: boolean;
}

export interface ModelVersionsResponse {
  model: string;
  items: ModelVersionSummary[];
}

/** Evaluation plots the BFF relays from a run's artifacts (nothing else of the run is reachable). */
export const EVALUATION_PLOTS = ['calibration.svg', 'confusion-matrix.svg'] as const;
export type EvaluationPlot = (typeof EVALUATION_PLOTS)[number];

/** GET /bff/pipeline/etl-runs: latest ETL runs (read-only view of the etl_run table). */
export interface EtlRunSummary {
  id: number;
  status: 'running' | 'succeeded' | 'failed';
  forced: boolean;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  source_versions: Record<string, string>;
  row_counts: Record<string, number>;
  changes: Record<string, number>;
  rejected_rows: number;
  warnings: string[];
  dex_fingerprint: string | null;
  error: string | null;
}

export interface EtlRunsResponse {
  items: EtlRunSummary[];
}

export const BUILD_JOB_STATES = ['active', 'waiting', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;
export type BuildJobState = (typeof BUILD_JOB_STATES)[number];

/** GET /bff/pipeline/build-jobs: latest jobs of the ml-build queue (read-only view through BullMQ). */
export interface BuildJobSummary {
  id: string;
  name: string;
  state: BuildJobState;
  /** 0..100 */
  percent: number | null;
  stage: string | null;
  reason: string | null;
  etl_run_id: number | null;
  attempts: number;
  created_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  failed_reason: string | null;
  /** From the job's result when it succeeded. */
  result: { status: string | null; model_version: string | null; alias: string | null; run_id: string | null } | null;
}

export interface BuildJobsResponse {
  queue: string;
  counts: Partial<Record<BuildJobState, number>>;
  items: BuildJobSummary[];
}

/** GET /bff/about: versions and links (counts come live from the api routes). */
export interface AboutResponse {
  ui: { node: string; started_at: string };
  api: { reachable: boolean; version: string | null; title: string | null };
  links: { api_docs: string; queue_dashboard: string; grafana: string | null };
}
