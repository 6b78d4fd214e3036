import { types } from 'node:util';
import { OwnedHandle, using } from './native-handle';
import { DMatrixHandle, NativePointer, Out, xgboostLibrary } from './xgboost-library';

/** A row-major dense matrix: `data[row * ncol + col]`. */
export interface DenseMatrix {
  data: Float32Array;
  nrow: number;
  ncol: number;
}

export interface DMatrixOptions extends DenseMatrix {
  /** Value that marks a missing entry; NaN by default (NaN is always treated as missing too). */
  missing?: number;
  labels?: Float32Array | readonly number[];
  weights?: Float32Array | readonly number[];
  featureNames?: readonly string[];
  /** Threads used to build the matrix; 0 (default) uses every core. */
  nthread?: number;
}

export function assertDenseShape({ data, nrow, ncol }: DenseMatrix, what = 'matrix'): void {
  if (!isFloat32Array(data)) throw new TypeError(`${what}: data must be a Float32Array`);
  if (!Number.isInteger(nrow) || nrow < 0 || !Number.isInteger(ncol) || ncol < 0) {
    throw new RangeError(`${what}: nrow and ncol must be non-negative integers (got ${nrow} x ${ncol})`);
  }
  if (data.length !== nrow * ncol) {
    throw new RangeError(`${what}: data has ${data.length} values, expected nrow * ncol = ${nrow * ncol}`);
  }
}

/** Realm-independent (instanceof fails for arrays made in another vm context). */
export function isFloat32Array(value: unknown): value is Float32Array {
  return types.isFloat32Array(value);
}

function toFloat32(values: Float32Array | readonly number[]): Float32Array {
  return isFloat32Array(values) ? values : Float32Array.from(values);
}

/**
 * XGBoost's training/prediction matrix. XGBoost copies the data in, so the source array can be
 * reused or dropped right after construction. Free it with {@link DMatrix.free} (or `using`, or
 * {@link withDMatrix}); the finalizer is only a safety net.
 */
export class DMatrix implements Disposable {
  readonly #handle: OwnedHandle<DMatrixHandle>;
  readonly #lib = xgboostLibrary();

  private constructor(handle: DMatrixHandle) {
    const lib = this.#lib;
    this.#handle = new OwnedHandle(this, handle, (h) => lib.call('XGDMatrixFree', h), 'DMatrix');
  }

  static fromDense(options: DMatrixOptions): DMatrix {
    assertDenseShape(options, 'DMatrix.fromDense');
    const lib = xgboostLibrary();
    const out: Out<DMatrixHandle | null> = [null];
    lib.call(
      'XGDMatrixCreateFromMat_omp',
      options.data,
      options.nrow,
      options.ncol,
      options.missing ?? Number.NaN,
      out,
      options.nthread ?? 0,
    );
    const dmatrix = new DMatrix(out[0] as DMatrixHandle);
    try {
      if (options.labels) dmatrix.setLabels(options.labels);
      if (options.weights) dmatrix.setWeights(options.weights);
      if (options.featureNames) dmatrix.setFeatureNames(options.featureNames);
    } catch (error) {
      dmatrix.free();
      throw error;
    }
    return dmatrix;
  }

  /** @internal The live native handle, for Booster calls. */
  get handle(): DMatrixHandle {
    return this.#handle.get();
  }

  get isFreed(): boolean {
    return this.#handle.isFreed;
  }

  get numRows(): number {
    const out: Out<number> = [0];
    this.#lib.call('XGDMatrixNumRow', this.handle, out);
    return Number(out[0]);
  }

  get numCols(): number {
    const out: Out<number> = [0];
    this.#lib.call('XGDMatrixNumCol', this.handle, out);
    return Number(out[0]);
  }

  setLabels(labels: Float32Array | readonly number[]): this {
    return this.setFloatInfo('label', labels);
  }

  setWeights(weights: Float32Array | readonly number[]): this {
    return this.setFloatInfo('weight', weights);
  }

  /** Copy of the labels stored in XGBoost (empty when none were set). */
  getLabels(): Float32Array {
    return this.getFloatInfo('label');
  }

  getWeights(): Float32Array {
    return this.getFloatInfo('weight');
  }

  setFeatureNames(names: readonly string[]): this {
    const ncol = this.numCols;
    if (names.length !== ncol) {
      throw new RangeError(`setFeatureNames: got ${names.length} names for ${ncol} columns`);
    }
    this.#lib.call('XGDMatrixSetStrFeatureInfo', this.handle, 'feature_name', names, names.length);
    return this;
  }

  getFeatureNames(): string[] {
    const len: Out<number> = [0];
    const out: Out<NativePointer | null> = [null];
    this.#lib.call('XGDMatrixGetStrFeatureInfo', this.handle, 'feature_name', len, out);
    return this.#lib.readStrings(out[0], Number(len[0]));
  }

  /** XGBoost's binary DMatrix format; the CLI and other bindings load it without parsing text. */
  saveBinary(path: string): void {
    this.#lib.call('XGDMatrixSaveBinary', this.handle, path, 1);
  }

  free(): void {
    this.#handle.free();
  }

  [Symbol.dispose](): void {
    this.free();
  }

  private setFloatInfo(field: 'label' | 'weight', values: Float32Array | readonly number[]): this {
    const nrow = this.numRows;
    if (values.length !== nrow) {
      throw new RangeError(`DMatrix ${field}: got ${values.length} values for ${nrow} rows`);
    }
    this.#lib.call('XGDMatrixSetFloatInfo', this.handle, field, toFloat32(values), values.length);
    return this;
  }

  private getFloatInfo(field: 'label' | 'weight'): Float32Array {
    const len: Out<number> = [0];
    const out: Out<NativePointer | null> = [null];
    this.#lib.call('XGDMatrixGetFloatInfo', this.handle, field, len, out);
    return this.#lib.readFloats(out[0], Number(len[0]));
  }
}

/** Builds a DMatrix, hands it to `fn`, and frees it when `fn` returns, throws or its promise settles. */
export function withDMatrix<T>(options: DMatrixOptions, fn: (dmatrix: DMatrix) => T): T {
  return using(DMatrix.fromDense(options), fn);
}
