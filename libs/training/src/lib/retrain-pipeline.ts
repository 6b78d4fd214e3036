import path from 'node:path';
import { FEATURE_COUNT, FEATURE_VERSION } from '@predictiondex/battle';
import { readDatasetArtifact } from '@predictiondex/dataset';
import type { MlflowClient } from '@predictiondex/mlflow-client';
import { CHALLENGER_ALIAS, currentFeatureSpec, MODEL_NAME, SERVING_ALIAS } from '@predictiondex/model';
import { BuildHooks, BuildRequest, downloadServingModel, ensureDataset } from './build-pipeline';
import { classificationMetrics, logLoss } from '@predictiondex/model-metrics';
import { DEFAULT_HYPERPARAMS } from './hyperparameter-grid';
import { predictRows, trainModel } from './model-trainer';
import { registerModel } from './model-registrar';
import { decidePromotion, ModelScores, PromotionDecision, PromotionRule } from './promotion-rule';
import { concatRows, selectRows, TrainingData } from './training-data';

/** One logged prediction with its real outcome. */
export interface FeedbackRow {
  features: Float32Array;
  /** 1 when A won. */
  label: number;
  at: Date;
}

export interface RetrainRequest extends BuildRequest {
  reasons: string[];
  feedback: FeedbackRow[];
  /** Weight of a feedback row in training, relative to one simulated battle. */
  feedbackWeight: number;
  /** The most recent share of feedback is held out to compare the models; the rest trains. */
  recentFeedbackShare: number;
  rule: PromotionRule;
}

export interface RetrainSummary {
  promoted: boolean;
  decision: PromotionDecision;
  reasons: string[];
  runId: string;
  challengerVersion: string;
  championBefore: string | null;
  challenger: ModelScores;
  champion: ModelScores | null;
  feedback: { total: number; trained: number; heldOut: number; weight: number };
  datasetVersion: string;
  stagesMs: Record<string, number>;
}

function feedbackData(rows: FeedbackRow[], weight: number): TrainingData {
  const features = new Float32Array(rows.length * FEATURE_COUNT);
  rows.forEach((r, i) => features.set(r.features, i * FEATURE_COUNT));
  return { rows: rows.length, features, labels: Float32Array.from(rows, (r) => r.label), weights: new Float32Array(rows.length).fill(weight) };
}

function scoreModel(model: Uint8Array, test: TrainingData, recent: TrainingData): ModelScores {
  const pTest = predictRows(model, test);
  const m = classificationMetrics(test.labels, pTest);
  if (!recent.rows) return { testLogLoss: m.log_loss, testAccuracy: m.accuracy, feedbackRows: 0, feedbackLogLoss: null, feedbackAccuracy: null };
  const pRecent = predictRows(model, recent);
  const f = classificationMetrics(recent.labels, pRecent);
  return { testLogLoss: m.log_loss, testAccuracy: m.accuracy, feedbackRows: recent.rows, feedbackLogLoss: logLoss(recent.labels, pRecent), feedbackAccuracy: f.accuracy };
}

/**
 * A retrain: the latest dataset's training split plus older feedback rows (weighted) train a
 * challenger with the champion's hyperparameters; challenger and champion are both scored on the
 * same fixed test split and the most recent feedback; the promotion rule decides the alias. Every
 * figure and the decision are logged on the challenger's run.
 */
export async function retrain(mlflow: MlflowClient, req: RetrainRequest, hooks: BuildHooks = {}): Promise<RetrainSummary> {
  const stagesMs: Record<string, number> = {};
  const time = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const out = await work();
    stagesMs[name] = Date.now() - t;
    return out;
  };
  const { manifest } = await time('dataset', () => ensureDataset(req, hooks));
  const data = readDatasetArtifact(path.join(req.dataDir, manifest.datasetVersion));
  const trainIdx: number[] = [];
  const testIdx: number[] = [];
  data.split.forEach((s, i) => (s === 'test' ? testIdx : trainIdx).push(i));
  const all: TrainingData = { rows: data.rows, features: data.features, labels: data.labels };
  const test = selectRows(all, testIdx);

  const sorted = [...req.feedback].sort((a, b) => a.at.getTime() - b.at.getTime());
  const heldOut = Math.ceil(sorted.length * req.recentFeedbackShare);
  const older = feedbackData(sorted.slice(0, sorted.length - heldOut), req.feedbackWeight);
  const recent = feedbackData(sorted.slice(sorted.length - heldOut), 1);

  const champion = await downloadServingModel(mlflow);
  const hyper = champion?.hyper ?? DEFAULT_HYPERPARAMS;
  const challengerModel = await time('train', async () => (await trainModel(concatRows(selectRows(all, trainIdx), older), hyper, req.dataset.seed)).modelJson);

  const { challenger, championScores } = await time('evaluate', async () => ({
    challenger: scoreModel(challengerModel, test, recent),
    championScores: champion ? scoreModel(champion.booster, test, recent) : null,
  }));
  const decision = decidePromotion(challenger, championScores, req.rule);

  const registration = await time('register', () =>
    registerModel(mlflow, {
      experiment: req.experiment,
      modelName: MODEL_NAME,
      runName: `retrain-${manifest.datasetVersion}-${new Date().toISOString()}`,
      existingRunId: hooks.existingRunId,
      onRunCreated: hooks.onRunCreated,
      params: {
        ml_mode: 'retrain',
        retrain_reasons: req.reasons.join(','),
        feedback_weight: req.feedbackWeight,
        recent_feedback_share: req.recentFeedbackShare,
        promotion_min_log_loss_improvement: req.rule.minLogLossImprovement,
        promotion_min_feedback_rows: req.rule.minFeedbackRows,
        ...Object.fromEntries(Object.entries(hyper).map(([k, v]) => [`best_${k}`, v])),
      },
      metrics: {
        test_log_loss: challenger.testLogLoss,
        test_accuracy: challenger.testAccuracy,
        feedback_rows: challenger.feedbackRows,
        feedback_trained_rows: older.rows,
        ...(challenger.feedbackLogLoss !== null ? { feedback_log_loss: challenger.feedbackLogLoss, feedback_accuracy: challenger.feedbackAccuracy ?? NaN } : {}),
        ...(championScores
          ? {
              champion_test_log_loss: championScores.testLogLoss,
              champion_test_accuracy: championScores.testAccuracy,
              ...(championScores.feedbackLogLoss !== null ? { champion_feedback_log_loss: championScores.feedbackLogLoss } : {}),
            }
          : {}),
      },
      tags: {
        dataset_fingerprint: manifest.fingerprint,
        dataset_version: manifest.datasetVersion,
        dex_fingerprint: req.dexFingerprint,
        feature_version: FEATURE_VERSION,
        git_commit: req.gitCommit,
        retrain_reasons: req.reasons.join(','),
        promotion_decision: decision.promote ? 'promoted' : 'kept-champion',
        promotion_reason: decision.reason,
        champion_before: champion?.version ?? '',
      },
      model: {
        booster: challengerModel,
        featureSpec: currentFeatureSpec(),
        metadata: {
          name: MODEL_NAME,
          trainedAt: new Date().toISOString(),
          featureVersion: FEATURE_VERSION,
          datasetFingerprint: manifest.fingerprint,
          dexFingerprint: req.dexFingerprint,
          params: { ...hyper },
          metrics: { test_log_loss: challenger.testLogLoss, test_accuracy: challenger.testAccuracy },
          bestIteration: hyper.n_estimators - 1,
          gitCommit: req.gitCommit,
        },
      },
      artifacts: [{ path: 'evaluation/promotion.json', body: JSON.stringify({ decision, challenger, champion: championScores, championVersion: champion?.version ?? null, reasons: req.reasons }, null, 2) }],
      compareOn: 'test_log_loss',
      alias: decision.promote ? SERVING_ALIAS : CHALLENGER_ALIAS,
    }),
  );
  return {
    promoted: decision.promote,
    decision,
    reasons: req.reasons,
    runId: registration.runId,
    challengerVersion: registration.version,
    championBefore: champion?.version ?? null,
    challenger,
    champion: championScores,
    feedback: { total: sorted.length, trained: older.rows, heldOut: recent.rows, weight: req.feedbackWeight },
    datasetVersion: manifest.datasetVersion,
    stagesMs,
  };
}
