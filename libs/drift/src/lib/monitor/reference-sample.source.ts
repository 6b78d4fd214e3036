import { isMlflowApiError, MlflowClient } from '@predictiondex/mlflow-client';
import { featureTableFromArrow, FeatureTable } from '../feature-table';

/** Where ml-builder stores the training reference sample of each run. */
export const REFERENCE_SAMPLE_PATH = 'reference/features.arrow';

export interface ReferenceSample {
  modelName: string;
  modelVersion: string;
  runId: string;
  table: FeatureTable;
}

export interface ReferenceSource {
  /** The reference of the model currently served, or null when no model carries the alias. */
  load(): Promise<ReferenceSample | null>;
}

/**
 * Resolves `<model>@<alias>` in the registry and downloads its run's `reference/features.arrow`,
 * keeping the last one in memory (a run's reference never changes).
 */
export class RegistryReferenceSource implements ReferenceSource {
  private cached?: { runId: string; table: FeatureTable };

  constructor(
    private readonly client: MlflowClient,
    private readonly modelName: string,
    private readonly alias: string,
  ) {}

  async load(): Promise<ReferenceSample | null> {
    let resolved;
    try {
      resolved = await this.client.resolveModelUri(`models:/${this.modelName}@${this.alias}`);
    } catch (e) {
      if (isMlflowApiError(e, 'RESOURCE_DOES_NOT_EXIST') || (isMlflowApiError(e) && e.status === 404)) return null;
      throw e;
    }
    if (!resolved.runId) throw new Error(`${this.modelName} v${resolved.version} has no training run: no reference sample to compare with`);
    if (this.cached?.runId !== resolved.runId) {
      const bytes = await this.client.downloadArtifact(resolved.runId, REFERENCE_SAMPLE_PATH);
      this.cached = { runId: resolved.runId, table: featureTableFromArrow(bytes) };
    }
    return { modelName: resolved.name, modelVersion: resolved.version, runId: resolved.runId, table: this.cached.table };
  }
}
