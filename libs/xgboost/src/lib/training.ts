import { Booster, EvalSet } from './booster';
import { BoosterParams } from './booster-params';
import { DMatrix } from './dmatrix';
import { EvalHistory, EvalScores, appendToHistory } from './eval-scores';
import { isMaximizedMetric } from './metric-direction';

export interface IterationProgress {
  /** 0-based boosting round just completed. */
  iteration: number;
  scores: EvalScores;
}

export interface TrainOptions {
  params: BoosterParams;
  /** Boosting rounds; defaults to `params.n_estimators`. */
  rounds?: number;
  dtrain: DMatrix;
  /** Evaluated after every round, in order; early stopping watches the last one. */
  evals?: readonly EvalSet[];
  /**
   * Stop when the watched score (last metric of the last eval set, as in XGBoost's Python
   * package) has not improved for this many rounds.
   */
  earlyStoppingRounds?: number;
  /** Whether a higher watched score is better; inferred from the metric name (auc, ndcg, map...) when omitted. */
  maximize?: boolean;
  /** Called after each round; throwing from it aborts training (the booster is freed). */
  onIteration?: (progress: IterationProgress) => void;
}

export interface TrainResult {
  /**
   * The trained model, owned by the caller. With early stopping it is cut to rounds
   * [0, bestIteration] (XGBoosterSlice), so every predict/save uses the best iteration without an
   * iterationRange; attributes `best_iteration` / `best_score` are set as the Python package does.
   */
  booster: Booster;
  /** 0-based best round; the last round when early stopping is off. */
  bestIteration: number;
  /** Watched score at `bestIteration`, when early stopping was on. */
  bestScore: number | undefined;
  /** Rounds actually boosted (≥ bestIteration + 1). */
  roundsRun: number;
  stoppedEarly: boolean;
  /** `history[dataset][metric][round]` for every round run. */
  history: EvalHistory;
}

export function resolveRounds(params: BoosterParams, rounds: number | undefined): number {
  const resolved = rounds ?? params.n_estimators;
  if (resolved === undefined || !Number.isInteger(resolved) || resolved < 1) {
    throw new RangeError(`train: rounds (or params.n_estimators) must be a positive integer (got ${resolved})`);
  }
  return resolved;
}

interface EarlyStoppingState {
  bestScore: number | undefined;
  bestIteration: number;
}

function watchedScore(scores: EvalScores, evals: readonly EvalSet[]): { metric: string; value: number } {
  const dataset = evals[evals.length - 1].name;
  const metrics = Object.entries(scores[dataset] ?? {});
  if (metrics.length === 0) throw new Error(`train: no evaluation metric reported for "${dataset}"`);
  const [metric, value] = metrics[metrics.length - 1];
  return { metric, value };
}

/** Synchronous training on the calling thread; see `trainInWorker` to keep an event loop free. */
export function train(options: TrainOptions): TrainResult {
  const { params, dtrain, earlyStoppingRounds } = options;
  const evals = options.evals ?? [];
  const rounds = resolveRounds(params, options.rounds);
  const earlyStopping = earlyStoppingRounds !== undefined;
  if (earlyStopping && (!Number.isInteger(earlyStoppingRounds) || earlyStoppingRounds < 1)) {
    throw new RangeError(`train: earlyStoppingRounds must be a positive integer (got ${earlyStoppingRounds})`);
  }
  if (earlyStopping && evals.length === 0) {
    throw new Error('train: earlyStoppingRounds needs at least one eval set');
  }

  let booster = Booster.create({ cache: [dtrain, ...evals.map((e) => e.dmatrix)], params });
  const history: EvalHistory = {};
  const state: EarlyStoppingState = { bestScore: undefined, bestIteration: 0 };
  let roundsRun = 0;
  let stoppedEarly = false;
  try {
    for (let iteration = 0; iteration < rounds; iteration++) {
      booster.updateOneIter(iteration, dtrain);
      roundsRun = iteration + 1;
      const scores = evals.length > 0 ? booster.evalOneIter(iteration, evals) : {};
      appendToHistory(history, scores);
      if (earlyStopping) {
        const { metric, value } = watchedScore(scores, evals);
        const maximize = options.maximize ?? isMaximizedMetric(metric);
        const improved = state.bestScore === undefined || (maximize ? value > state.bestScore : value < state.bestScore);
        if (improved) {
          state.bestScore = value;
          state.bestIteration = iteration;
        } else if (iteration - state.bestIteration >= earlyStoppingRounds) {
          stoppedEarly = true;
        }
      }
      options.onIteration?.({ iteration, scores });
      if (stoppedEarly) break;
    }

    if (!earlyStopping) {
      return { booster, bestIteration: roundsRun - 1, bestScore: undefined, roundsRun, stoppedEarly, history };
    }
    if (state.bestIteration + 1 < roundsRun) {
      const best = booster.slice(0, state.bestIteration + 1);
      booster.free();
      booster = best;
    }
    booster.setAttribute('best_iteration', String(state.bestIteration));
    booster.setAttribute('best_score', String(state.bestScore));
    return { booster, bestIteration: state.bestIteration, bestScore: state.bestScore, roundsRun, stoppedEarly, history };
  } catch (error) {
    booster.free();
    throw error;
  }
}
