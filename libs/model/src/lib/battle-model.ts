import fs from 'node:fs';
import path from 'node:path';
import { FEATURE_COUNT } from '@predictiondex/battle';
import { Booster } from '@predictiondex/xgboost';
import { assertCompatible, FeatureSpec, MODEL_FILES, ModelMetadata } from './model-package';

export interface ModelPackageFiles {
  booster: Uint8Array;
  featureSpec: FeatureSpec;
  metadata: ModelMetadata;
}

/**
 * A loaded model: P(A wins) for rows built by libs/battle's feature builder. Holds a native
 * booster; call `free()` when it is replaced (the api does after a hot swap drains).
 */
export class BattleModel {
  private constructor(
    private readonly booster: Booster,
    readonly featureSpec: FeatureSpec,
    readonly metadata: ModelMetadata,
  ) {}

  static fromFiles(files: ModelPackageFiles): BattleModel {
    assertCompatible(files.featureSpec);
    const booster = Booster.fromModelBuffer(files.booster);
    // Prediction runs per request on the event loop; one thread avoids OpenMP's fork-join latency spikes.
    booster.setParam('nthread', '1');
    return new BattleModel(booster, files.featureSpec, files.metadata);
  }

  static fromDirectory(dir: string): BattleModel {
    return BattleModel.fromFiles(readModelPackage(dir));
  }

  /** One probability per row; `features` holds `rows * FEATURE_COUNT` values, row-major. */
  predict(features: Float32Array, rows = features.length / FEATURE_COUNT): Float32Array {
    assertRows(features, rows);
    return this.booster.predictDense({ data: features, nrow: rows, ncol: FEATURE_COUNT });
  }

  /**
   * {@link predict} on a libuv worker thread, so a serving event loop keeps answering while the
   * trees run; calls queue behind each other (one at a time per model). `features` must not be
   * modified until the promise settles.
   */
  predictAsync(features: Float32Array, rows = features.length / FEATURE_COUNT): Promise<Float32Array> {
    try {
      assertRows(features, rows);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.booster.predictDenseAsync({ data: features, nrow: rows, ncol: FEATURE_COUNT });
  }

  free(): void {
    this.booster.free();
  }
}

function assertRows(features: Float32Array, rows: number): void {
  if (!Number.isInteger(rows) || rows * FEATURE_COUNT !== features.length) {
    throw new Error(`expected a multiple of ${FEATURE_COUNT} features, got ${features.length}`);
  }
}

export function readModelPackage(dir: string): ModelPackageFiles {
  const read = (f: string) => fs.readFileSync(path.join(dir, f));
  return {
    booster: read(MODEL_FILES.booster),
    featureSpec: JSON.parse(read(MODEL_FILES.featureSpec).toString('utf8')) as FeatureSpec,
    metadata: JSON.parse(read(MODEL_FILES.metadata).toString('utf8')) as ModelMetadata,
  };
}

/** Writes the package atomically (a temp folder renamed into place), so a reader never sees half of it. */
export function writeModelPackage(dir: string, files: ModelPackageFiles): void {
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(path.join(tmp, MODEL_FILES.booster), files.booster);
  fs.writeFileSync(path.join(tmp, MODEL_FILES.featureSpec), JSON.stringify(files.featureSpec, null, 2));
  fs.writeFileSync(path.join(tmp, MODEL_FILES.metadata), JSON.stringify(files.metadata, null, 2));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.renameSync(tmp, dir);
}
