import type {
  MlflowDatasetInput,
  MlflowKeyValue,
  MlflowLifecycleStage,
  MlflowMetric,
  MlflowRun,
  MlflowRunInfo,
  MlflowRunStatus,
  MlflowWireDouble,
} from '@predictiondex/mlflow-client';

/** A row of mlflow.runs as pg returns it (int8 as strings). */
export interface RunRow {
  run_uuid: string;
  name: string;
  experiment_id: string;
  user_id: string | null;
  status: MlflowRunStatus;
  start_time: string;
  end_time: string | null;
  lifecycle_stage: MlflowLifecycleStage;
  artifact_uri: string;
}

export interface RunData {
  metrics: MlflowMetric[];
  params: MlflowKeyValue[];
  tags: MlflowKeyValue[];
  inputs: MlflowDatasetInput[];
}

/** Protobuf JSON writes non-finite doubles as strings; JSON.stringify would write null. */
export function toWireDouble(value: number): MlflowWireDouble {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

export function toRunInfo(r: RunRow): MlflowRunInfo {
  return {
    run_id: r.run_uuid,
    run_uuid: r.run_uuid,
    run_name: r.name,
    experiment_id: String(r.experiment_id),
    ...(r.user_id ? { user_id: r.user_id } : {}),
    status: r.status,
    start_time: Number(r.start_time),
    ...(r.end_time !== null ? { end_time: Number(r.end_time) } : {}),
    artifact_uri: r.artifact_uri,
    lifecycle_stage: r.lifecycle_stage,
  };
}

export function toRunJson(r: RunRow, data: RunData): MlflowRun {
  return {
    info: toRunInfo(r),
    data: { metrics: data.metrics, params: data.params, tags: data.tags },
    inputs: { dataset_inputs: data.inputs },
  };
}
