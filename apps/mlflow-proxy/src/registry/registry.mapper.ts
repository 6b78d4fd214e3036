import type { MlflowKeyValue, MlflowModelVersion, MlflowRegisteredModel, MlflowRegisteredModelAlias } from '@predictiondex/mlflow-client';
import { ModelVersionEntity, RegisteredModelEntity } from '../store/entities';

export function toModelVersionJson(v: ModelVersionEntity, tags: MlflowKeyValue[], aliases: string[]): MlflowModelVersion {
  return {
    name: v.name,
    version: String(v.version),
    creation_timestamp: v.creationTime,
    last_updated_timestamp: v.lastUpdatedTime,
    ...(v.userId ? { user_id: v.userId } : {}),
    current_stage: v.currentStage,
    ...(v.description !== null ? { description: v.description } : {}),
    source: v.source,
    ...(v.runId ? { run_id: v.runId } : {}),
    status: v.status,
    ...(v.statusMessage ? { status_message: v.statusMessage } : {}),
    tags,
    ...(v.runLink ? { run_link: v.runLink } : {}),
    aliases,
  };
}

export function toRegisteredModelJson(
  m: RegisteredModelEntity,
  tags: MlflowKeyValue[],
  aliases: MlflowRegisteredModelAlias[],
  latestVersions: MlflowModelVersion[],
): MlflowRegisteredModel {
  return {
    name: m.name,
    creation_timestamp: m.creationTime,
    last_updated_timestamp: m.lastUpdatedTime,
    ...(m.userId ? { user_id: m.userId } : {}),
    ...(m.description !== null ? { description: m.description } : {}),
    latest_versions: latestVersions,
    tags,
    aliases,
  };
}
