/** String types that still accept any other string XGBoost may know about. */
type OpenString<Known extends string> = Known | (string & Record<never, never>);

export type Objective = OpenString<
  | 'binary:logistic'
  | 'binary:logitraw'
  | 'binary:hinge'
  | 'reg:squarederror'
  | 'reg:squaredlogerror'
  | 'reg:logistic'
  | 'reg:pseudohubererror'
  | 'reg:absoluteerror'
  | 'count:poisson'
  | 'multi:softmax'
  | 'multi:softprob'
  | 'rank:pairwise'
  | 'rank:ndcg'
  | 'rank:map'
>;

export type EvalMetric = OpenString<
  'auc' | 'aucpr' | 'logloss' | 'error' | 'rmse' | 'mae' | 'mape' | 'mlogloss' | 'merror' | 'ndcg' | 'map'
>;

/**
 * XGBoost learning parameters (https://xgboost.readthedocs.io/en/release_1.7.0/parameter.html),
 * using XGBoost's own names so they match the Python/CLI docs and MLflow logs.
 */
export interface BoosterParams {
  booster?: 'gbtree' | 'gblinear' | 'dart';
  objective?: Objective;
  /** Several metrics are allowed; for early stopping the last one counts. */
  eval_metric?: EvalMetric | readonly EvalMetric[];
  /** Number of boosting rounds. Not an XGBoost parameter: `train` reads it when `rounds` is omitted. */
  n_estimators?: number;
  eta?: number;
  /** Alias of eta understood by XGBoost. */
  learning_rate?: number;
  max_depth?: number;
  max_leaves?: number;
  max_bin?: number;
  grow_policy?: 'depthwise' | 'lossguide';
  min_child_weight?: number;
  max_delta_step?: number;
  gamma?: number;
  subsample?: number;
  sampling_method?: 'uniform' | 'gradient_based';
  colsample_bytree?: number;
  colsample_bylevel?: number;
  colsample_bynode?: number;
  lambda?: number;
  reg_lambda?: number;
  alpha?: number;
  reg_alpha?: number;
  tree_method?: 'auto' | 'exact' | 'approx' | 'hist' | 'gpu_hist';
  scale_pos_weight?: number;
  base_score?: number;
  num_class?: number;
  num_parallel_tree?: number;
  monotone_constraints?: string;
  interaction_constraints?: string;
  max_cat_to_onehot?: number;
  /** Threads used by XGBoost; 0 or unset means every core. */
  nthread?: number;
  seed?: number;
  /** 0 silent, 1 warning (XGBoost's default), 2 info, 3 debug; logs go to stderr. */
  verbosity?: 0 | 1 | 2 | 3;
  disable_default_eval_metric?: boolean;
  validate_parameters?: boolean;
  /** Anything else, passed verbatim. */
  extra?: Readonly<Record<string, string | number | boolean>>;
}

function formatValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`XGBoost parameters must be finite numbers (got ${value})`);
  }
  return String(value);
}

/**
 * The (name, value) pairs to send through XGBoosterSetParam, in order. eval_metric is sent once per
 * metric because XGBoost appends metrics rather than replacing them.
 */
export function boosterParamEntries(params: BoosterParams): [string, string][] {
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(params) as [string, unknown][]) {
    if (value === undefined || name === 'n_estimators' || name === 'extra') continue;
    if (name === 'eval_metric') {
      const metrics = typeof value === 'string' ? [value] : (value as readonly string[]);
      for (const metric of metrics) entries.push(['eval_metric', metric]);
      continue;
    }
    entries.push([name, formatValue(value as string | number | boolean)]);
  }
  for (const [name, value] of Object.entries(params.extra ?? {})) {
    entries.push([name, formatValue(value)]);
  }
  return entries;
}
