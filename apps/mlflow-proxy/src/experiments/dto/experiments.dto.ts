import { MLFLOW_VIEW_TYPES, SEARCH_EXPERIMENTS_MAX_RESULTS_DEFAULT, SEARCH_EXPERIMENTS_MAX_RESULTS_THRESHOLD } from '@predictiondex/mlflow-client';
import { z } from 'zod';
import { keyValues, maxResults, stringList } from '../../common/wire-fields';

export const experimentId = z.union([z.string().min(1), z.number().int().transform(String)]);

/** ViewType by name, or by its protobuf number (1..3) as some clients send it. */
export const viewType = z
  .union([z.enum(MLFLOW_VIEW_TYPES), z.union([z.literal(1), z.literal(2), z.literal(3), z.enum(['1', '2', '3'])]).transform((n) => MLFLOW_VIEW_TYPES[Number(n) - 1])])
  .optional()
  .transform((v) => v ?? 'ACTIVE_ONLY');

export const createExperimentDto = z.object({
  name: z.string(),
  artifact_location: z.string().optional(),
  tags: keyValues,
});

export const experimentIdDto = z.object({ experiment_id: experimentId });

export const getExperimentByNameDto = z.object({ experiment_name: z.string() });

export const updateExperimentDto = z.object({ experiment_id: experimentId, new_name: z.string().optional() });

export const setExperimentTagDto = z.object({ experiment_id: experimentId, key: z.string(), value: z.string() });

export const deleteExperimentTagDto = z.object({ experiment_id: experimentId, key: z.string() });

export const searchExperimentsDto = z.object({
  max_results: maxResults(SEARCH_EXPERIMENTS_MAX_RESULTS_DEFAULT, SEARCH_EXPERIMENTS_MAX_RESULTS_THRESHOLD),
  page_token: z.string().optional(),
  filter: z.string().optional(),
  order_by: stringList,
  view_type: viewType,
});
export type SearchExperimentsDto = z.output<typeof searchExperimentsDto>;
