import {
  SEARCH_MODEL_VERSIONS_MAX_RESULTS_DEFAULT,
  SEARCH_MODEL_VERSIONS_MAX_RESULTS_THRESHOLD,
  SEARCH_REGISTERED_MODELS_MAX_RESULTS_DEFAULT,
  SEARCH_REGISTERED_MODELS_MAX_RESULTS_THRESHOLD,
} from '@predictiondex/mlflow-client';
import { z } from 'zod';
import { bool, keyValues, maxResults, stringList } from '../../common/wire-fields';

const version = z.union([z.string(), z.number().int().transform(String)]);

export const createRegisteredModelDto = z.object({ name: z.string(), tags: keyValues, description: z.string().optional() });
export const modelNameDto = z.object({ name: z.string() });
export const renameRegisteredModelDto = z.object({ name: z.string(), new_name: z.string().optional() });
export const updateRegisteredModelDto = z.object({ name: z.string(), description: z.string().optional() });
export const registeredModelTagDto = z.object({ name: z.string(), key: z.string(), value: z.string() });
export const registeredModelTagKeyDto = z.object({ name: z.string(), key: z.string() });
export const setAliasDto = z.object({ name: z.string(), alias: z.string(), version });
export const aliasDto = z.object({ name: z.string(), alias: z.string() });
export const getLatestVersionsDto = z.object({ name: z.string(), stages: stringList });

export const searchRegisteredModelsDto = z.object({
  filter: z.string().optional(),
  max_results: maxResults(SEARCH_REGISTERED_MODELS_MAX_RESULTS_DEFAULT, SEARCH_REGISTERED_MODELS_MAX_RESULTS_THRESHOLD),
  order_by: stringList,
  page_token: z.string().optional(),
});
export type SearchRegisteredModelsDto = z.output<typeof searchRegisteredModelsDto>;

export const createModelVersionDto = z.object({
  name: z.string(),
  source: z.string(),
  run_id: z.string().optional(),
  tags: keyValues,
  run_link: z.string().optional(),
  description: z.string().optional(),
});
export type CreateModelVersionDto = z.output<typeof createModelVersionDto>;

export const modelVersionDto = z.object({ name: z.string(), version });
export const updateModelVersionDto = z.object({ name: z.string(), version, description: z.string().optional() });
export const transitionStageDto = z.object({
  name: z.string(),
  version,
  stage: z.string(),
  archive_existing_versions: bool.optional().transform((v) => v ?? false),
});
export const modelVersionTagDto = z.object({ name: z.string(), version, key: z.string(), value: z.string() });
export const modelVersionTagKeyDto = z.object({ name: z.string(), version, key: z.string() });

export const searchModelVersionsDto = z.object({
  filter: z.string().optional(),
  max_results: maxResults(SEARCH_MODEL_VERSIONS_MAX_RESULTS_DEFAULT, SEARCH_MODEL_VERSIONS_MAX_RESULTS_THRESHOLD),
  order_by: stringList,
  page_token: z.string().optional(),
});
export type SearchModelVersionsDto = z.output<typeof searchModelVersionsDto>;
