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
export interface BattleModelOptions {
  /**
   * Copies of the booster for async prediction (default 1). A large batch is split across them and
   * its parts run at once on different libuv threads: each copy is its own XGBoost learner with its
   * own per-thread result buffers, so the parts never overwrite each other's results (one booster
   * runs one async call at a time, see Booster.predictDenseAsync).
   */
  replicas?: number;
}

/** Rows below which a batch is not split across replicas: each part costs a thread hand-over. */
const MIN_ROWS_PER_PART = 48;

export class BattleModel {
  private constructor(
    private readonly boosters: readonly Booster[],
    readonly featureSpec: FeatureSpec,
    readonly metadata: ModelMetadata,
  ) {}

  static fromFiles(files: ModelPackageFiles, options: BattleModelOptions = {}): BattleModel {
    assertCompatible(files.featureSpec);
    const replicas = Math.max(1, Math.floor(options.replicas ?? 1));
    const boosters: Booster[] = [];
    try {
      for (let i = 0; i < replicas; i++) {
        const booster = Booster.fromModelBuffer(files.booster);
        boosters.push(booster);
        // One thread per call: OpenMP's fork-join costs more than it saves on serving-sized batches.
        booster.setParam('nthread', '1');
      }
    } catch (error) {
      for (const b of boosters) b.free();
      throw error;
    }
    return new BattleModel(boosters, files.featureSpec, files.metadata);
  }

  static fromDirectory(dir: string, options: BattleModelOptions = {}): BattleModel {
    return BattleModel.fromFiles(readModelPackage(dir), options);
  }

  /** Booster copies used for async prediction. */
  get replicas(): number {
    return this.boosters.length;
  }

  private get booster(): Booster {
    return this.boosters[0];
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
  async predictAsync(features: Float32Array, rows = features.length / FEATURE_COUNT): Promise<Float32Array> {
    assertRows(features, rows);
    const parts = Math.min(this.boosters.length, Math.floor(rows / MIN_ROWS_PER_PART));
    if (parts <= 1) return this.booster.predictDenseAsync({ data: features, nrow: rows, ncol: FEATURE_COUNT });
    const size = Math.ceil(rows / parts);
    const results = await Promise.all(
      this.boosters.slice(0, parts).map((booster, i) => {
        const start = i * size;
        const count = Math.min(size, rows - start);
        return booster.predictDenseAsync({ data: features.subarray(start * FEATURE_COUNT, (start + count) * FEATURE_COUNT), nrow: count, ncol: FEATURE_COUNT });
      }),
    );
    const out = new Float32Array(rows);
    results.forEach((p, i) => out.set(p, i * size));
    return out;
  }

  free(): void {
    for (const booster of this.boosters) booster.free();
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
