import {
  MLFLOW_RUN_STATUSES,
  SEARCH_RUNS_MAX_RESULTS_DEFAULT,
  SEARCH_RUNS_MAX_RESULTS_THRESHOLD,
  GET_METRIC_HISTORY_MAX_RESULTS_THRESHOLD,
} from '@predictiondex/mlflow-client';
import { z } from 'zod';
import { experimentId, viewType } from '../../experiments/dto/experiments.dto';
import { double, int64, keyValues, maxResults, stringList } from '../../common/wire-fields';

/** run_id, or the deprecated run_uuid older clients send; the service requires one of them. */
const runRef = { run_id: z.string().optional(), run_uuid: z.string().optional() };

export const createRunDto = z.object({
  experiment_id: experimentId.optional(),
  user_id: z.string().optional(),
  run_name: z.string().optional(),
  start_time: int64.optional(),
  tags: keyValues,
});
export type CreateRunDto = z.output<typeof createRunDto>;

export const runRefDto = z.object(runRef);

export const updateRunDto = z.object({
  ...runRef,
  status: z.enum(MLFLOW_RUN_STATUSES).optional(),
  end_time: int64.optional(),
  run_name: z.string().optional(),
});
export type UpdateRunDto = z.output<typeof updateRunDto>;

const metricShape = {
  key: z.string(),
  value: double,
  timestamp: int64,
  step: int64.optional().transform((s) => s ?? 0),
};

export const metricDto = z.object(metricShape);

export const logMetricDto = z.object({ ...runRef, ...metricShape });

export const logParamDto = z.object({ ...runRef, key: z.string(), value: z.string() });

export const setTagDto = z.object({ ...runRef, key: z.string(), value: z.string() });

export const deleteTagDto = z.object({ ...runRef, key: z.string() });

export const logBatchDto = z.object({
  ...runRef,
  metrics: z.array(metricDto).optional().default([]),
  params: z.array(z.object({ key: z.string(), value: z.string() })).optional().default([]),
  tags: keyValues,
});
export type LogBatchDto = z.output<typeof logBatchDto>;

export const datasetInputDto = z.object({
  tags: keyValues,
  dataset: z.object({
    name: z.string().min(1).max(500),
    digest: z.string().min(1).max(36),
    source_type: z.string(),
    source: z.string().max(65535),
    schema: z.string().max(1048575).optional(),
    profile: z.string().max(16777215).optional(),
  }),
});

export const logInputsDto = z.object({ ...runRef, datasets: z.array(datasetInputDto).max(1000).optional().default([]) });
export type LogInputsDto = z.output<typeof logInputsDto>;

export const searchRunsDto = z.object({
  experiment_ids: stringList,
  filter: z.string().optional(),
  run_view_type: viewType,
  max_results: maxResults(SEARCH_RUNS_MAX_RESULTS_DEFAULT, SEARCH_RUNS_MAX_RESULTS_THRESHOLD),
  order_by: stringList,
  page_token: z.string().optional(),
});
export type SearchRunsDto = z.output<typeof searchRunsDto>;

export const metricHistoryDto = z.object({
  ...runRef,
  metric_key: z.string(),
  page_token: z.string().optional(),
  max_results: int64.optional().refine((v) => v === undefined || (v > 0 && v <= GET_METRIC_HISTORY_MAX_RESULTS_THRESHOLD), `must be between 1 and ${GET_METRIC_HISTORY_MAX_RESULTS_THRESHOLD}`),
});
export type MetricHistoryDto = z.output<typeof metricHistoryDto>;
