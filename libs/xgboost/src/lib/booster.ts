import { extname } from 'node:path';
import { float32ArrayInterface } from './array-interface';
import { BoosterParams, boosterParamEntries } from './booster-params';
import { DenseMatrix, DMatrix, assertDenseShape, isFloat32Array } from './dmatrix';
import { EvalScores, parseEvalScores } from './eval-scores';
import { OwnedHandle, using } from './native-handle';
import { DensePredictOptions, PredictOptions, predictionConfig } from './prediction-options';
import { BoosterHandle, NativePointer, Out, XGBoostLibrary, xgboostLibrary } from './xgboost-library';

export type ModelFormat = 'json' | 'ubj';

/**
 * - `weight`: number of splits using the feature
 * - `gain` / `cover`: average gain / coverage per split using the feature
 * - `total_gain` / `total_cover`: summed over all splits
 */
export type ImportanceType = 'weight' | 'gain' | 'cover' | 'total_gain' | 'total_cover';

export interface FeatureImportance {
  /** Feature name, or XGBoost's `f<index>` when the model has no feature names. */
  feature: string;
  score: number;
}

/** A named matrix to evaluate on each round. */
export interface EvalSet {
  name: string;
  dmatrix: DMatrix;
}

export interface BoosterOptions {
  /** Matrices XGBoost may cache predictions for: the training set and every eval set. */
  cache?: readonly DMatrix[];
  params?: BoosterParams;
}

const DEFAULT_DENSE_CONFIG = predictionConfig(undefined, true);
const DEFAULT_DMATRIX_CONFIG = predictionConfig(undefined, false);

/**
 * A gradient-boosted model in libxgboost. Free it with {@link Booster.free} (or `using`, or
 * {@link withBooster}); the finalizer is only a safety net.
 *
 * Not thread-safe by design: keep each Booster on the thread (main or worker) that created it.
 */
export class Booster implements Disposable {
  readonly #handle: OwnedHandle<BoosterHandle>;
  readonly #lib: XGBoostLibrary;
  // Reused out-parameters: calls are synchronous, so one set per booster is enough and the
  // single-row predict path allocates only its result.
  readonly #shapeOut: Out<NativePointer | null> = [null];
  readonly #dimOut: Out<number> = [0];
  readonly #resultOut: Out<NativePointer | null> = [null];

  /** The async prediction in flight (one at a time, see predictDenseAsync); free() waits for it. */
  #asyncTail: Promise<unknown> | null = null;
  #freeAfterAsync = false;

  private constructor(lib: XGBoostLibrary, handle: BoosterHandle) {
    this.#lib = lib;
    this.#handle = new OwnedHandle(this, handle, (h) => lib.call('XGBoosterFree', h), 'Booster');
  }

  static create(options: BoosterOptions = {}): Booster {
    const lib = xgboostLibrary();
    const handles = (options.cache ?? []).map((d) => d.handle);
    const out: Out<BoosterHandle | null> = [null];
    lib.call('XGBoosterCreate', handles, handles.length, out);
    const booster = new Booster(lib, out[0] as BoosterHandle);
    try {
      if (options.params) booster.setParams(options.params);
      // As the Python package does: the model remembers the training data's feature names.
      const names = options.cache?.[0]?.getFeatureNames() ?? [];
      if (names.length > 0) booster.setFeatureNames(names);
    } catch (error) {
      booster.free();
      throw error;
    }
    return booster;
  }

  /** Loads a model saved as JSON or UBJ (detected from content by XGBoost). */
  static fromModelBuffer(buffer: Uint8Array): Booster {
    const booster = Booster.create();
    try {
      booster.loadModelFromBuffer(buffer);
    } catch (error) {
      booster.free();
      throw error;
    }
    return booster;
  }

  static fromModelFile(path: string): Booster {
    const booster = Booster.create();
    try {
      booster.loadModel(path);
    } catch (error) {
      booster.free();
      throw error;
    }
    return booster;
  }

  /** @internal */
  get handle(): BoosterHandle {
    if (this.#freeAfterAsync) throw new Error('Booster has already been freed');
    return this.#handle.get();
  }

  /** True once free() was called (the native memory may still be held by an async call finishing). */
  get isFreed(): boolean {
    return this.#freeAfterAsync || this.#handle.isFreed;
  }

  /**
   * Sets one parameter. XGBoost validates lazily: a bad value surfaces as an XGBoostError on the
   * next update/predict, not here.
   */
  setParam(name: string, value: string | number | boolean): this {
    const [[key, text]] = boosterParamEntries({ extra: { [name]: value } });
    this.#lib.call('XGBoosterSetParam', this.handle, key, text);
    return this;
  }

  setParams(params: BoosterParams): this {
    for (const [name, value] of boosterParamEntries(params)) {
      this.#lib.call('XGBoosterSetParam', this.handle, name, value);
    }
    return this;
  }

  /** One boosting round on `dtrain` (which should be in the cache given to `create`). */
  updateOneIter(iteration: number, dtrain: DMatrix): void {
    this.#lib.call('XGBoosterUpdateOneIter', this.handle, iteration, dtrain.handle);
  }

  evalOneIterRaw(iteration: number, evals: readonly EvalSet[]): string {
    const out: Out<string | null> = [null];
    this.#lib.call(
      'XGBoosterEvalOneIter',
      this.handle,
      iteration,
      evals.map((e) => e.dmatrix.handle),
      evals.map((e) => e.name),
      evals.length,
      out,
    );
    return out[0] ?? '';
  }

  /** Every configured eval_metric on every eval set: `{ valid: { auc: 0.97 } }`. */
  evalOneIter(iteration: number, evals: readonly EvalSet[]): EvalScores {
    return parseEvalScores(
      this.evalOneIterRaw(iteration, evals),
      evals.map((e) => e.name),
    );
  }

  /** Batch prediction; a copy, row-major (nrow × num_class for multi:softprob). */
  predict(dmatrix: DMatrix, options?: PredictOptions): Float32Array {
    const config = options ? predictionConfig(options, false) : DEFAULT_DMATRIX_CONFIG;
    this.#lib.call(
      'XGBoosterPredictFromDMatrix',
      this.handle,
      dmatrix.handle,
      config,
      this.#shapeOut,
      this.#dimOut,
      this.#resultOut,
    );
    return this.#readPrediction();
  }

  /**
   * In-place prediction straight from a JS Float32Array (no DMatrix is built or copied): the
   * serving path. A bare Float32Array is one row of `numFeatures` values.
   */
  predictDense(input: DenseMatrix | Float32Array, options?: DensePredictOptions): Float32Array {
    const matrix: DenseMatrix = isFloat32Array(input) ? { data: input, nrow: 1, ncol: input.length } : input;
    assertDenseShape(matrix, 'predictDense');
    if (matrix.nrow === 0) return new Float32Array(0);
    const config = options ? predictionConfig(options, true) : DEFAULT_DENSE_CONFIG;
    const values = float32ArrayInterface(this.#lib.addressOf(matrix.data), matrix.nrow, matrix.ncol);
    this.#lib.call(
      'XGBoosterPredictFromDense',
      this.handle,
      values,
      config,
      null,
      this.#shapeOut,
      this.#dimOut,
      this.#resultOut,
    );
    // `matrix.data` is read by C above; this keeps the reference alive past the call explicitly.
    void matrix.data.length;
    return this.#readPrediction();
  }

  /**
   * {@link predictDense} on a libuv worker thread: the caller's thread (the event loop) is free
   * while the trees run, and gets the result in a callback. Calls on one booster run one after
   * another, never at once: XGBoost leaves each result in the calling thread's entry of the
   * booster, which the next call on that thread overwrites, so a result is copied out before the
   * next call starts. `input` must not be modified until the promise settles (XGBoost reads it in
   * place). `free()` during a call frees the booster when it ends. A failed call is replayed on this
   * thread to get XGBoost's error text (XGBGetLastError() is per thread).
   */
  predictDenseAsync(input: DenseMatrix | Float32Array, options?: DensePredictOptions): Promise<Float32Array> {
    const matrix: DenseMatrix = isFloat32Array(input) ? { data: input, nrow: 1, ncol: input.length } : input;
    let handle: BoosterHandle;
    try {
      assertDenseShape(matrix, 'predictDenseAsync');
      handle = this.handle;
    } catch (error) {
      return Promise.reject(error);
    }
    if (matrix.nrow === 0) return Promise.resolve(new Float32Array(0));
    const config = options ? predictionConfig(options, true) : DEFAULT_DENSE_CONFIG;
    const run = async (): Promise<Float32Array> => {
      const shape: Out<NativePointer | null> = [null];
      const dim: Out<number> = [0];
      const result: Out<NativePointer | null> = [null];
      const values = float32ArrayInterface(this.#lib.addressOf(matrix.data), matrix.nrow, matrix.ncol);
      // The handle taken when the call was accepted: a free() meanwhile waits for this call.
      const rc = await this.#lib.callAsync('XGBoosterPredictFromDense', handle, values, config, null, shape, dim, result);
      // Keeps `matrix.data` reachable until C is done reading it.
      void matrix.data.length;
      if (rc !== 0) {
        // Same call here, where XGBGetLastError() can be read; a failure it cannot reproduce keeps the return code.
        const replay = this.#lib.native.XGBoosterPredictFromDense(handle, values, config, null, shape, dim, result);
        throw this.#lib.lastError('XGBoosterPredictFromDense', replay || rc);
      }
      return this.#readPredictionFrom(shape, dim, result);
    };
    const previous = this.#asyncTail ?? Promise.resolve();
    const call = previous.then(run, run);
    const tail: Promise<void> = call.then(
      () => this.#afterAsync(tail),
      () => this.#afterAsync(tail),
    );
    this.#asyncTail = tail;
    return call;
  }

  #afterAsync(tail: Promise<unknown>): void {
    if (this.#asyncTail !== tail) return;
    this.#asyncTail = null;
    if (this.#freeAfterAsync) this.#handle.free();
  }

  /**
   * Feature importance, highest first. Defaults to `total_gain` (summed over splits) because
   * average `gain` ranks a feature used by one lucky split above one used everywhere. Features
   * never used in a split are absent, as in XGBoost.
   */
  featureImportance(importanceType: ImportanceType = 'total_gain'): FeatureImportance[] {
    const nFeatures: Out<number> = [0];
    const features: Out<NativePointer | null> = [null];
    const dim: Out<number> = [0];
    const shape: Out<NativePointer | null> = [null];
    const scores: Out<NativePointer | null> = [null];
    this.#lib.call(
      'XGBoosterFeatureScore',
      this.handle,
      JSON.stringify({ importance_type: importanceType }),
      nFeatures,
      features,
      dim,
      shape,
      scores,
    );
    const names = this.#lib.readStrings(features[0], Number(nFeatures[0]));
    const dims = this.#lib.readShape(shape[0], Number(dim[0]));
    const values = this.#lib.readFloats(
      scores[0],
      dims.reduce((a, b) => a * b, 1),
    );
    // Linear multi-class models score [n_features, n_classes]; sum the classes per feature.
    const perFeature = names.length === 0 ? 0 : values.length / names.length;
    return names
      .map((feature, i) => {
        let score = 0;
        for (let k = 0; k < perFeature; k++) score += values[i * perFeature + k];
        return { feature, score };
      })
      .sort((a, b) => b.score - a.score);
  }

  /** Saves as JSON (`.json`) or UBJ (`.ubj`); XGBoost picks the format from the extension. */
  saveModel(path: string): void {
    assertModelPath(path);
    this.#lib.call('XGBoosterSaveModel', this.handle, path);
  }

  loadModel(path: string): void {
    this.#lib.call('XGBoosterLoadModel', this.handle, path);
  }

  saveModelToBuffer(format: ModelFormat = 'ubj'): Uint8Array {
    const len: Out<number> = [0];
    const out: Out<NativePointer | null> = [null];
    this.#lib.call('XGBoosterSaveModelToBuffer', this.handle, JSON.stringify({ format }), len, out);
    return this.#lib.readBytes(out[0], Number(len[0]));
  }

  loadModelFromBuffer(buffer: Uint8Array): void {
    this.#lib.call('XGBoosterLoadModelFromBuffer', this.handle, buffer, buffer.byteLength);
  }

  /** Number of features the model was trained on (0 before the first round). */
  get numFeatures(): number {
    const out: Out<number> = [0];
    this.#lib.call('XGBoosterGetNumFeature', this.handle, out);
    return Number(out[0]);
  }

  get boostedRounds(): number {
    const out: Out<number> = [0];
    this.#lib.call('XGBoosterBoostedRounds', this.handle, out);
    return out[0];
  }

  /** A new Booster with only the trees of rounds [begin, end). The caller frees both. */
  slice(begin: number, end: number, step = 1): Booster {
    const out: Out<BoosterHandle | null> = [null];
    const rc = this.#lib.native.XGBoosterSlice(this.handle, begin, end, step, out);
    if (rc === -2) throw new RangeError(`slice(${begin}, ${end}) is out of bounds for ${this.boostedRounds} rounds`);
    if (rc !== 0) throw this.#lib.lastError('XGBoosterSlice', rc);
    return new Booster(this.#lib, out[0] as BoosterHandle);
  }

  /** Stored in the saved model, so predictions and importance can report names instead of f0..fn. */
  setFeatureNames(names: readonly string[]): this {
    this.#lib.call('XGBoosterSetStrFeatureInfo', this.handle, 'feature_name', names, names.length);
    return this;
  }

  getFeatureNames(): string[] {
    const len: Out<number> = [0];
    const out: Out<NativePointer | null> = [null];
    this.#lib.call('XGBoosterGetStrFeatureInfo', this.handle, 'feature_name', len, out);
    return this.#lib.readStrings(out[0], Number(len[0]));
  }

  /** Free-form string attributes saved with the model (e.g. `best_iteration`). */
  getAttribute(key: string): string | undefined {
    const out: Out<string | null> = [null];
    const success: Out<number> = [0];
    this.#lib.call('XGBoosterGetAttr', this.handle, key, out, success);
    return success[0] ? (out[0] ?? '') : undefined;
  }

  /** `undefined` deletes the attribute. */
  setAttribute(key: string, value: string | undefined): this {
    this.#lib.call('XGBoosterSetAttr', this.handle, key, value ?? null);
    return this;
  }

  free(): void {
    // An async prediction still reads the trees: the native free happens when the last one ends.
    if (this.#asyncTail) this.#freeAfterAsync = true;
    else this.#handle.free();
  }

  [Symbol.dispose](): void {
    this.free();
  }

  #readPrediction(): Float32Array {
    return this.#readPredictionFrom(this.#shapeOut, this.#dimOut, this.#resultOut);
  }

  #readPredictionFrom(shape: Out<NativePointer | null>, dim: Out<number>, result: Out<NativePointer | null>): Float32Array {
    const dims = this.#lib.readShape(shape[0], Number(dim[0]));
    let length = 1;
    for (const d of dims) length *= d;
    return this.#lib.readFloats(result[0], length);
  }
}

function assertModelPath(path: string): void {
  const ext = extname(path).toLowerCase();
  if (ext !== '.json' && ext !== '.ubj') {
    // Any other extension makes XGBoost fall back to its deprecated binary format.
    throw new Error(`Model path must end in .json or .ubj (got "${path}")`);
  }
}

/** Creates a Booster, hands it to `fn`, and frees it when `fn` returns, throws or its promise settles. */
export function withBooster<T>(options: BoosterOptions, fn: (booster: Booster) => T): T {
  return using(Booster.create(options), fn);
}
