/** One point of a grid: XGBoost parameters plus the number of boosting rounds. */
export interface HyperParams {
  n_estimators: number;
  max_depth: number;
  learning_rate: number;
  subsample: number;
  colsample_bytree: number;
}

export type GridType = 'fast' | 'extended';

function product(axes: { [K in keyof HyperParams]: number[] }): HyperParams[] {
  const out: HyperParams[] = [];
  for (const n_estimators of axes.n_estimators)
    for (const max_depth of axes.max_depth)
      for (const learning_rate of axes.learning_rate)
        for (const subsample of axes.subsample)
          for (const colsample_bytree of axes.colsample_bytree) out.push({ n_estimators, max_depth, learning_rate, subsample, colsample_bytree });
  return out;
}

/** The reference's grids: fast = 12 combinations, extended = 243. */
export const GRIDS: Record<GridType, HyperParams[]> = {
  fast: product({ n_estimators: [100, 200], max_depth: [6, 8, 10], learning_rate: [0.05, 0.1], subsample: [0.8], colsample_bytree: [0.8] }),
  extended: product({
    n_estimators: [100, 200, 300],
    max_depth: [6, 8, 10],
    learning_rate: [0.05, 0.1, 0.2],
    subsample: [0.7, 0.8, 0.9],
    colsample_bytree: [0.7, 0.8, 0.9],
  }),
};

/** Used when ML_TUNE_HYPERPARAMS=false: the reference's reported best. */
export const DEFAULT_HYPERPARAMS: HyperParams = { n_estimators: 200, max_depth: 10, learning_rate: 0.1, subsample: 0.8, colsample_bytree: 0.8 };

export const hyperParamsKey = (h: HyperParams): string =>
  `n${h.n_estimators}-d${h.max_depth}-lr${h.learning_rate}-ss${h.subsample}-cs${h.colsample_bytree}`;
