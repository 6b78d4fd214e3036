import { FEATURE_NAMES, FEATURE_VERSION } from '@predictiondex/battle';

/** Registered model name in the registry, and the alias the api serves. */
export const MODEL_NAME = 'battle-winner';
export const SERVING_ALIAS = 'champion';
export const CHALLENGER_ALIAS = 'challenger';

/**
 * Where the package's files sit under a run's artifact root. A model version's `source` is
 * `<run artifact uri>/model`; the api downloads exactly these files.
 */
export const MODEL_ARTIFACT_DIR = 'model';
export const MODEL_FILES = {
  booster: 'model.json',
  featureSpec: 'feature-spec.json',
  metadata: 'metadata.json',
} as const;

/** The contract between training and serving: which features, in which order, built by which code version. */
export interface FeatureSpec {
  featureVersion: string;
  featureNames: string[];
}

export function currentFeatureSpec(): FeatureSpec {
  return { featureVersion: FEATURE_VERSION, featureNames: [...FEATURE_NAMES] };
}

export interface ModelMetadata {
  name: string;
  trainedAt: string;
  featureVersion: string;
  datasetFingerprint: string;
  dexFingerprint: string;
  /** Training settings and the chosen hyperparameters. */
  params: Record<string, string | number | boolean>;
  /** Test-split metrics (accuracy, roc_auc, log_loss, ...). */
  metrics: Record<string, number>;
  bestIteration: number;
  gitCommit?: string;
}

export class IncompatibleModelError extends Error {
  constructor(reason: string) {
    super(`model package is incompatible with this build: ${reason}`);
    this.name = 'IncompatibleModelError';
  }
}

/** Refuses a package whose features are not exactly the ones this code builds (train/serve skew). */
export function assertCompatible(spec: FeatureSpec): void {
  const current = currentFeatureSpec();
  if (spec.featureVersion !== current.featureVersion) {
    throw new IncompatibleModelError(`feature version ${spec.featureVersion}, this build makes ${current.featureVersion}`);
  }
  if (spec.featureNames.length !== current.featureNames.length || spec.featureNames.some((n, i) => n !== current.featureNames[i])) {
    throw new IncompatibleModelError(`feature names differ from ${current.featureVersion}'s`);
  }
}
