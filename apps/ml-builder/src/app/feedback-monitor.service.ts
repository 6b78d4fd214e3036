import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, MlBuilderConfig } from '@predictiondex/config';
import { MODEL_NAME, SERVING_ALIAS } from '@predictiondex/model';
import { classificationMetrics } from '@predictiondex/model-metrics';
import { DataSource } from 'typeorm';
import { mlflowClientFrom } from './build-request.factory';

export interface FeedbackCheck {
  version: string;
  samples: number;
  accuracy: number | null;
  logLoss: number | null;
  brier: number | null;
  /** Why a retrain should be requested, or null. */
  trigger: string | null;
}

/**
 * The feedback retrain trigger: the champion's rolling figures on the outcomes users reported. The
 * api exports the same figures for every version (model_feedback_*{version}, from the same rows);
 * this worker only decides from them, so each series has one source.
 */
@Injectable()
export class FeedbackMonitorService {
  private readonly logger = new Logger(FeedbackMonitorService.name);

  constructor(
    @InjectConfig() private readonly config: MlBuilderConfig,
    private readonly dataSource: DataSource,
  ) {}

  async check(): Promise<FeedbackCheck | null> {
    const mlflow = mlflowClientFrom(this.config);
    if (!mlflow) return null;
    let version: string;
    try {
      version = (await mlflow.getModelVersionByAlias(MODEL_NAME, SERVING_ALIAS)).version;
    } catch (e) {
      if ((e as { status?: number }).status === 404) return null;
      throw e;
    }
    const rows: { probability: number; actual_winner: string }[] = await this.dataSource.query(
      `SELECT probability, actual_winner FROM prediction_log
       WHERE model_name = $1 AND model_version = $2 AND actual_winner IS NOT NULL ORDER BY feedback_at DESC LIMIT $3`,
      [MODEL_NAME, version, this.config.ML_FEEDBACK_WINDOW],
    );
    if (!rows.length) return { version, samples: 0, accuracy: null, logLoss: null, brier: null, trigger: null };
    const m = classificationMetrics(
      rows.map((r) => (r.actual_winner === 'A' ? 1 : 0)),
      rows.map((r) => r.probability),
    );
    let trigger: string | null = null;
    if (rows.length >= this.config.ML_FEEDBACK_MIN_SAMPLES && m.accuracy < this.config.ML_FEEDBACK_MIN_ACCURACY) {
      const [last] = await this.dataSource.query(`SELECT created_at FROM model_decision WHERE kind = 'retrain' ORDER BY created_at DESC LIMIT 1`);
      const coolingDown = last && Date.now() - new Date(last.created_at).getTime() < this.config.ML_RETRAIN_COOLDOWN_SECONDS * 1000;
      if (!coolingDown) trigger = `rolling accuracy ${m.accuracy.toFixed(3)} < ${this.config.ML_FEEDBACK_MIN_ACCURACY} on ${rows.length} feedback rows of v${version}`;
      else this.logger.log(`feedback accuracy ${m.accuracy.toFixed(3)} is low, but a retrain was decided less than ${this.config.ML_RETRAIN_COOLDOWN_SECONDS} s ago`);
    }
    return { version, samples: rows.length, accuracy: m.accuracy, logLoss: m.log_loss, brier: m.brier, trigger };
  }
}
