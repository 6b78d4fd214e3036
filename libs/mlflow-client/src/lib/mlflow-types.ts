// MLflow REST API 2.0 wire shapes (JSON, snake_case as on the wire). Shared by the client and by
// apps/mlflow-proxy so that what one sends and the other answers cannot drift apart.
//
// A real MLflow server omits empty repeated fields and unset optional fields (protobuf JSON), so
// every array and optional field here may be missing in a response: read them with `?? []`.

export const MLFLOW_RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type MlflowRunStatus = (typeof MLFLOW_RUN_STATUSES)[number];

export const MLFLOW_LIFECYCLE_STAGES = ['active', 'deleted'] as const;
export type MlflowLifecycleStage = (typeof MLFLOW_LIFECYCLE_STAGES)[number];

export const MLFLOW_VIEW_TYPES = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'] as const;
export type MlflowViewType = (typeof MLFLOW_VIEW_TYPES)[number];

/** Registry stages, in MLflow's canonical spelling. */
export const MLFLOW_MODEL_STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type MlflowModelStage = (typeof MLFLOW_MODEL_STAGES)[number];

export type MlflowModelVersionStatus = 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY';

export interface MlflowKeyValue {
  key: string;
  value: string;
}

/** Metric values on the wire: a JSON number, or "NaN" / "Infinity" / "-Infinity" as protobuf JSON writes them. */
export type MlflowWireDouble = number | 'NaN' | 'Infinity' | '-Infinity';

export interface MlflowMetric {
  key: string;
  value: MlflowWireDouble;
  /** Milliseconds since the epoch. */
  timestamp: number;
  step: number;
}

export interface MlflowExperiment {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage: MlflowLifecycleStage;
  creation_time?: number;
  last_update_time?: number;
  tags?: MlflowKeyValue[];
}

export interface MlflowRunInfo {
  run_id: string;
  /** Deprecated alias of run_id that MLflow still sends. */
  run_uuid: string;
  run_name?: string;
  experiment_id: string;
  user_id?: string;
  status: MlflowRunStatus;
  start_time?: number;
  end_time?: number;
  artifact_uri?: string;
  lifecycle_stage: MlflowLifecycleStage;
}

export interface MlflowRunData {
  metrics?: MlflowMetric[];
  params?: MlflowKeyValue[];
  tags?: MlflowKeyValue[];
}

export interface MlflowDataset {
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema?: string;
  profile?: string;
}

export interface MlflowDatasetInput {
  tags?: MlflowKeyValue[];
  dataset: MlflowDataset;
}

export interface MlflowRunInputs {
  dataset_inputs?: MlflowDatasetInput[];
}

export interface MlflowRun {
  info: MlflowRunInfo;
  data: MlflowRunData;
  inputs?: MlflowRunInputs;
}

export interface MlflowFileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

export interface MlflowRegisteredModelAlias {
  alias: string;
  version: string;
}

export interface MlflowModelVersion {
  name: string;
  version: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  user_id?: string;
  current_stage?: string;
  description?: string;
  source?: string;
  run_id?: string;
  status?: MlflowModelVersionStatus;
  status_message?: string;
  tags?: MlflowKeyValue[];
  run_link?: string;
  aliases?: string[];
}

export interface MlflowRegisteredModel {
  name: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  user_id?: string;
  description?: string;
  latest_versions?: MlflowModelVersion[];
  tags?: MlflowKeyValue[];
  aliases?: MlflowRegisteredModelAlias[];
}

/** Error codes this stack uses, with the HTTP status MLflow answers them with. */
export const MLFLOW_ERROR_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  BAD_REQUEST: 400,
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  /** Not in MLflow's table: what a body over the configured size limit gets. */
  RESOURCE_EXHAUSTED: 413,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  INVALID_STATE: 500,
  TEMPORARILY_UNAVAILABLE: 503,
} as const;
export type MlflowErrorCode = keyof typeof MLFLOW_ERROR_STATUS;

/** Every error body: `{"error_code": "...", "message": "..."}`. */
export interface MlflowErrorBody {
  error_code: string;
  message: string;
}
