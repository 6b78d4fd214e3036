import { Injectable, Logger } from '@nestjs/common';
import { FEATURE_VERSION } from '@predictiondex/battle';
import { InjectConfig, MlBuilderConfig } from '@predictiondex/config';
import { assertCompatible, FeatureSpec, MODEL_FILES, MODEL_NAME, SERVING_ALIAS } from '@predictiondex/model';
import { EVENTS, EventBus } from '@predictiondex/queues';
import { BuildHooks, FeedbackRow, retrain, RetrainSummary } from '@predictiondex/training';
import { DataSource } from 'typeorm';
import { buildRequestFrom, mlflowClientFrom } from './build-request.factory';
import { BuildRunnerService } from './build-runner.service';

export interface RollbackResult {
  championBefore: string | null;
  championAfter: string;
  runId: string | null;
}

/** Retrains on feedback and rolls back; both record their decision in model_decision and tell the api. */
@Injectable()
export class RetrainRunnerService {
  private readonly logger = new Logger(RetrainRunnerService.name);

  constructor(
    @InjectConfig() private readonly config: MlBuilderConfig,
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly builds: BuildRunnerService,
  ) {}

  /** Logged predictions with a real outcome, built by this feature version (older vectors are not comparable). */
  async feedbackRows(): Promise<FeedbackRow[]> {
    const rows: { features: number[]; actual_winner: string; feedback_at: Date }[] = await this.dataSource.query(
      `SELECT features, actual_winner, feedback_at FROM prediction_log
       WHERE actual_winner IS NOT NULL AND feature_version = $1 ORDER BY feedback_at`,
      [FEATURE_VERSION],
    );
    return rows.map((r) => ({ features: Float32Array.from(r.features), label: r.actual_winner === 'A' ? 1 : 0, at: new Date(r.feedback_at) }));
  }

  async retrain(reasons: string[], hooks: BuildHooks = {}): Promise<RetrainSummary> {
    const mlflow = mlflowClientFrom(this.config);
    if (!mlflow) throw new Error('MLFLOW_TRACKING_URI is not set: a retrain registers its challenger in mlflow-proxy');
    const run = await this.builds.etlRun();
    const summary = await retrain(
      mlflow,
      {
        ...buildRequestFrom(this.config, run.id, run.dexFingerprint),
        reasons,
        feedback: await this.feedbackRows(),
        feedbackWeight: this.config.ML_FEEDBACK_WEIGHT,
        recentFeedbackShare: this.config.ML_RECENT_FEEDBACK_SHARE,
        rule: { minLogLossImprovement: this.config.ML_PROMOTION_MIN_IMPROVEMENT, minFeedbackRows: this.config.ML_PROMOTION_MIN_FEEDBACK_ROWS },
      },
      hooks,
    );
    await this.record({
      kind: 'retrain',
      reasons,
      championBefore: summary.championBefore,
      candidate: summary.challengerVersion,
      championAfter: summary.promoted ? summary.challengerVersion : (summary.championBefore ?? summary.challengerVersion),
      promoted: summary.promoted,
      explanation: summary.decision.reason,
      figures: { challenger: summary.challenger, champion: summary.champion, feedback: summary.feedback, datasetVersion: summary.datasetVersion, stagesMs: summary.stagesMs },
      runId: summary.runId,
    });
    if (summary.promoted) await this.events.publish(EVENTS.modelPublished, { name: MODEL_NAME, version: summary.challengerVersion, alias: SERVING_ALIAS, runId: summary.runId });
    this.logger.log(`retrain (${reasons.join(', ')}): v${summary.challengerVersion} ${summary.promoted ? 'promoted to champion' : 'kept as challenger'}: ${summary.decision.reason}`);
    return summary;
  }

  /** Moves the champion alias to an earlier version (after checking it can be served by this build). */
  async rollback(version: string, reason: string): Promise<RollbackResult> {
    const mlflow = mlflowClientFrom(this.config);
    if (!mlflow) throw new Error('MLFLOW_TRACKING_URI is not set: the alias lives in mlflow-proxy');
    const target = await mlflow.getModelVersion(MODEL_NAME, version);
    const uri = await mlflow.getModelVersionDownloadUri(MODEL_NAME, version);
    assertCompatible(JSON.parse((await mlflow.downloadArtifact(uri, MODEL_FILES.featureSpec)).toString('utf8')) as FeatureSpec);
    let championBefore: string | null = null;
    try {
      championBefore = (await mlflow.getModelVersionByAlias(MODEL_NAME, SERVING_ALIAS)).version;
    } catch (e) {
      if ((e as { status?: number }).status !== 404) throw e;
    }
    await mlflow.setRegisteredModelAlias(MODEL_NAME, SERVING_ALIAS, version);
    const runId = target.run_id ?? null;
    await this.record({ kind: 'rollback', reasons: [reason], championBefore, candidate: version, championAfter: version, promoted: true, explanation: reason, figures: {}, runId });
    await this.events.publish(EVENTS.modelPublished, { name: MODEL_NAME, version, alias: SERVING_ALIAS, runId: runId ?? 'unknown' });
    this.logger.log(`rollback: champion ${championBefore ?? '(none)'} -> ${version}: ${reason}`);
    return { championBefore, championAfter: version, runId };
  }

  private async record(d: {
    kind: 'retrain' | 'rollback';
    reasons: string[];
    championBefore: string | null;
    candidate: string;
    championAfter: string;
    promoted: boolean;
    explanation: string;
    figures: Record<string, unknown>;
    runId: string | null;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO model_decision (kind, model_name, reasons, champion_before, candidate_version, champion_after, promoted, explanation, figures, run_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [d.kind, MODEL_NAME, d.reasons, d.championBefore, d.candidate, d.championAfter, d.promoted, d.explanation, d.figures, d.runId],
    );
  }
}
