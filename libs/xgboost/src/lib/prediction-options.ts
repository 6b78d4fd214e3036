import { jsonNumber } from './array-interface';

export interface PredictOptions {
  /** Untransformed margin (log-odds for binary:logistic) instead of the objective's output. */
  outputMargin?: boolean;
  /**
   * Use only the trees of boosting rounds [begin, end). Default [0, 0] = every tree in the model.
   * Models returned by `train` with early stopping are already cut at the best round.
   */
  iterationRange?: readonly [begin: number, end: number];
}

export interface DensePredictOptions extends PredictOptions {
  /** Value that marks a missing entry; NaN by default. */
  missing?: number;
}

/** Config JSON for XGBoosterPredictFromDMatrix / XGBoosterPredictFromDense (see c_api.h). */
export function predictionConfig(options: DensePredictOptions | undefined, inplace: boolean): string {
  const [begin, end] = options?.iterationRange ?? [0, 0];
  if (!Number.isInteger(begin) || !Number.isInteger(end) || begin < 0 || end < 0) {
    throw new RangeError(`iterationRange must be two non-negative integers (got [${begin}, ${end}])`);
  }
  const type = options?.outputMargin ? 1 : 0;
  const base = `{"type":${type},"training":false,"iteration_begin":${begin},"iteration_end":${end},"strict_shape":false`;
  // 1.7's in-place predict requires "missing" and "cache_id" even though the header omits the latter.
  return inplace ? `${base},"missing":${jsonNumber(options?.missing ?? Number.NaN)},"cache_id":0}` : `${base}}`;
}
