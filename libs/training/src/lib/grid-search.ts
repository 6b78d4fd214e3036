import { logLoss, rocAuc } from '@predictiondex/model-metrics';
import { groupedFolds } from './grouped-folds';
import { HyperParams, hyperParamsKey } from './hyperparameter-grid';
import { predictRows, trainModel } from './model-trainer';
import { selectRows, TrainingData } from './training-data';
import { hashUnitSeeded } from './seeded-sample';

export interface CvScore {
  params: HyperParams;
  key: string;
  rocAuc: number;
  logLoss: number;
  foldRocAuc: number[];
}

export interface GridSearchResult {
  best: CvScore;
  scores: CvScore[];
  cvRows: number;
  folds: number;
  trainings: number;
}

export interface GridSearchOptions {
  folds: number;
  seed: number;
  /** Cross-validate on whole pairs sampled down to about this many rows (the refit uses every row). */
  maxRows: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * K-fold CV grouped by pair, inside the training split only. Grid points that differ only in
 * n_estimators share one training per fold: the model is trained to the largest count and scored
 * at each count through the first-n-trees prediction. Best = highest mean ROC-AUC, then lowest log loss.
 */
export async function gridSearch(data: TrainingData, groups: readonly string[], grid: HyperParams[], options: GridSearchOptions): Promise<GridSearchResult> {
  // Sample whole groups so no pair is split across folds by the sampling.
  const share = Math.min(1, options.maxRows / data.rows);
  const kept: number[] = [];
  for (let i = 0; i < data.rows; i++) if (share >= 1 || hashUnitSeeded(options.seed, groups[i]) < share) kept.push(i);
  const cvData = selectRows(data, kept);
  const cvGroups = kept.map((i) => groups[i]);
  const fold = groupedFolds(cvGroups, options.folds, options.seed);

  const families = new Map<string, HyperParams[]>();
  for (const h of grid) {
    const family = hyperParamsKey({ ...h, n_estimators: 0 });
    families.set(family, [...(families.get(family) ?? []), h]);
  }
  const scores = new Map<string, CvScore>(grid.map((h) => [hyperParamsKey(h), { params: h, key: hyperParamsKey(h), rocAuc: 0, logLoss: 0, foldRocAuc: [] }]));
  const total = families.size * options.folds;
  let done = 0;
  for (const members of families.values()) {
    const maxRounds = Math.max(...members.map((h) => h.n_estimators));
    for (let k = 0; k < options.folds; k++) {
      const trainIdx: number[] = [];
      const validIdx: number[] = [];
      fold.forEach((f, i) => (f === k ? validIdx : trainIdx).push(i));
      const train = selectRows(cvData, trainIdx);
      const valid = selectRows(cvData, validIdx);
      const model = await trainModel(train, { ...members[0], n_estimators: maxRounds }, options.seed);
      for (const h of members) {
        const p = predictRows(model.modelJson, valid, h.n_estimators);
        const s = scores.get(hyperParamsKey(h))!;
        const auc = rocAuc(valid.labels, p);
        s.foldRocAuc.push(auc);
        s.rocAuc += auc / options.folds;
        s.logLoss += logLoss(valid.labels, p) / options.folds;
      }
      options.onProgress?.(++done, total);
    }
  }
  const ranked = [...scores.values()].sort((x, y) => y.rocAuc - x.rocAuc || x.logLoss - y.logLoss);
  return { best: ranked[0], scores: ranked, cvRows: cvData.rows, folds: options.folds, trainings: total };
}
