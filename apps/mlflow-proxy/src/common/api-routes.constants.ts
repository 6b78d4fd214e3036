/** MLflow's REST API is answered under both prefixes; the UI calls the ajax one. */
export const MLFLOW_API_PREFIXES = ['api/2.0/mlflow', 'ajax-api/2.0/mlflow'] as const;

/** Controller paths for one MLflow API group, e.g. `apiPaths('runs')`. */
export function apiPaths(group: string): string[] {
  return MLFLOW_API_PREFIXES.map((p) => `${p}/${group}`);
}

/** The mlflow-artifacts service (artifact proxying), under /api only as in MLflow. */
export const MLFLOW_ARTIFACTS_ROUTE = 'api/2.0/mlflow-artifacts/artifacts';

/** Operational endpoints that answer without a token (probes and the Prometheus scrape). */
export const PUBLIC_PATHS = ['/health', '/health/live', '/health/ready', '/metrics'] as const;

/** OpenAPI UI and document (/docs, /docs-json), public: they describe MLflow's public API. */
export const DOCS_PATH = 'docs';

/** POST endpoints that only read: searches take their filter in a body. */
export const READ_ONLY_POST_SUFFIXES = [
  '/runs/search',
  '/experiments/search',
  '/registered-models/get-latest-versions',
  '/experiments/search-datasets',
  '/logged-models/search',
  '/traces/search',
] as const;
