import type { MlflowExperiment, MlflowKeyValue } from '@predictiondex/mlflow-client';
import { ExperimentEntity } from '../store/entities';

export function toExperimentJson(e: ExperimentEntity, tags: MlflowKeyValue[]): MlflowExperiment {
  return {
    experiment_id: String(e.experimentId),
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
    last_update_time: e.lastUpdateTime,
    creation_time: e.creationTime,
    tags,
  };
}
