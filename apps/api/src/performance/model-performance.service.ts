import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ApiConfig, InjectConfig } from '@predictiondex/config';
import { LivePerformance, livePerformance, OutcomeRow, performanceReportHtml } from '@predictiondex/model-metrics';
import { DataSource } from 'typeorm';
import { settleWithin } from '../common/settle-within';
import { ServingModelService } from '../model/serving-model.service';
import { MAX_PERFORMANCE_VERSIONS, PerformanceResponseDto, VersionPerformanceDto } from './dto/performance.dto';
import { PerformanceMetrics } from './performance.metrics';

/** The four gauges of one scrape share one read (each gauge's collect asks; the first one reads). */
const GAUGES_MAX_AGE_MS = 1_000;
/** A scrape waits this long for fresh figures, then is answered with the previous ones. */
const GAUGES_REFRESH_WAIT_MS = 2_000;

export interface PerformanceRequest {
  version?: string;
  window: number;
}

export interface PerformanceResult {
  modelName: string;
  window: number;
  servingVersion: string | null;
  generatedAt: Date;
  versions: LivePerformance[];
}

interface OutcomeRecord {
  model_version: string;
  probability: number;
  actual_winner: string;
  feedback_at: Date;
}

const byVersionDesc = (a: LivePerformance, b: LivePerformance) => Number(b.version) - Number(a.version) || b.version.localeCompare(a.version);

/**
 * Live performance of the served model's versions on the outcomes users reported
 * (prediction_log rows with feedback): the JSON figures, the HTML report and the model_feedback_*
 * gauges, all from the same rows and the same code (libs/training's livePerformance).
 */
@Injectable()
export class ModelPerformanceService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ModelPerformanceService.name);
  private gaugesAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(
    @InjectConfig() private readonly config: ApiConfig,
    private readonly dataSource: DataSource,
    private readonly models: ServingModelService,
    private readonly metrics: PerformanceMetrics,
  ) {}

  onModuleInit(): void {
    this.metrics.refreshWith(() => this.refreshGauges());
  }

  onApplicationShutdown(): void {
    this.metrics.refreshWith(undefined);
  }

  async performance(request: PerformanceRequest): Promise<PerformanceResult> {
    const modelName = this.config.MODEL_NAME;
    const versions = request.version ? [request.version] : await this.versionsWithOutcomes(modelName);
    const rows = versions.length ? await this.latestOutcomes(modelName, versions, request.window) : [];
    const grouped = new Map<string, OutcomeRow[]>(versions.map((v) => [v, []]));
    for (const r of rows) grouped.get(r.model_version)?.push({ probability: r.probability, actualWinner: r.actual_winner, feedbackAt: new Date(r.feedback_at) });
    return {
      modelName,
      window: request.window,
      servingVersion: this.models.info?.version ?? null,
      generatedAt: new Date(),
      versions: [...grouped].map(([v, outcomes]) => livePerformance(v, outcomes)).sort(byVersionDesc),
    };
  }

  toResponse(r: PerformanceResult): PerformanceResponseDto {
    return {
      model_name: r.modelName,
      window: r.window,
      serving_version: r.servingVersion,
      generated_at: r.generatedAt.toISOString(),
      versions: r.versions.map((v): VersionPerformanceDto => ({
        version: v.version,
        serving: v.version === r.servingVersion,
        samples: v.samples,
        accuracy: v.accuracy,
        log_loss: v.logLoss,
        brier: v.brier,
        roc_auc: v.rocAuc,
        confusion: v.confusion,
        calibration: v.calibration.map((b) => ({
          lower: b.lower,
          upper: b.upper,
          count: b.count,
          mean_predicted: b.count ? b.meanPredicted : null,
          observed_rate: b.count ? b.observedRate : null,
        })),
        rolling_accuracy: v.rolling.map((p) => ({ at: p.at.toISOString(), accuracy: p.accuracy, samples: p.samples })),
        first_feedback_at: v.firstFeedbackAt?.toISOString() ?? null,
        last_feedback_at: v.lastFeedbackAt?.toISOString() ?? null,
      })),
    };
  }

  reportHtml(r: PerformanceResult): string {
    return performanceReportHtml({ modelName: r.modelName, window: r.window, generatedAt: r.generatedAt, servingVersion: r.servingVersion, versions: r.versions });
  }

  /** Before a scrape: fresh figures when the last ones are older than 5 s; an outage keeps the last ones. */
  refreshGauges(): Promise<void> {
    if (Date.now() - this.gaugesAt < GAUGES_MAX_AGE_MS) return Promise.resolve();
    if (!this.refreshing) {
      this.refreshing = this.performance({ window: this.config.PERFORMANCE_WINDOW })
        .then((r) => {
          this.metrics.set(r.versions);
          this.gaugesAt = Date.now();
        })
        .finally(() => (this.refreshing = null));
    }
    return settleWithin(this.refreshing, GAUGES_REFRESH_WAIT_MS, (e) => this.logger.warn(`model_feedback_* not refreshed: ${(e as Error).message}`));
  }

  /** Versions with reported outcomes, those with the latest outcomes first (at most 10). */
  private async versionsWithOutcomes(modelName: string): Promise<string[]> {
    const rows: { model_version: string }[] = await this.dataSource.query(
      `SELECT model_version FROM prediction_log WHERE model_name = $1 AND actual_winner IS NOT NULL
       GROUP BY model_version ORDER BY max(feedback_at) DESC LIMIT $2`,
      [modelName, MAX_PERFORMANCE_VERSIONS],
    );
    return rows.map((r) => r.model_version);
  }

  /** The latest `window` outcomes of each version (ix_prediction_log_feedback). */
  private latestOutcomes(modelName: string, versions: string[], window: number): Promise<OutcomeRecord[]> {
    return this.dataSource.query(
      `SELECT model_version, probability, actual_winner, feedback_at FROM (
         SELECT model_version, probability, actual_winner, feedback_at,
                row_number() OVER (PARTITION BY model_version ORDER BY feedback_at DESC, id DESC) AS n
         FROM prediction_log
         WHERE model_name = $1 AND model_version = ANY($2) AND actual_winner IS NOT NULL
       ) latest WHERE n <= $3`,
      [modelName, versions, window],
    );
  }
}
