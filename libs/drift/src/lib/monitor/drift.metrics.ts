import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { counter, DRIFT_CHECK_DURATION_BUCKETS_SECONDS, gauge, histogram } from '@predictiondex/metrics';
import { DataSource } from 'typeorm';
import { DRIFT_OPTIONS, DriftModuleOptions } from './drift-module.options';

/** What the gauges show: the latest completed check. */
export interface DriftGaugeValues {
  id: number;
  createdAt: Date;
  driftShare: number;
  datasetDrift: boolean;
  driftedFeatures: number;
  currentRows: number;
  features: { feature: string; score: number | null; drifted: boolean; psi: number | null }[];
  quality: { missingCells: number; outOfRangeCells: number; unseenCategoryCells: number } | null;
}

/**
 * The drift gauges. Every process that imports DriftModule exports the latest stored check (read
 * back from the database at start and every `metricsRefreshMs`), so all api replicas agree whichever
 * one ran the check. `feature` takes the reference's feature names: fixed per feature version (137).
 */
@Injectable()
export class DriftMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DriftMetrics.name);
  private timer?: NodeJS.Timeout;
  private shownId: number | null = null;

  readonly share = gauge({ name: 'data_drift_share', help: 'Share of features drifted in the latest completed drift check (0-1)' });
  readonly detected = gauge({ name: 'data_drift_detected', help: '1 when the latest completed drift check found dataset drift (share >= 0.5)' });
  readonly driftedFeatures = gauge({ name: 'data_drift_drifted_features', help: 'Features drifted in the latest completed drift check' });
  readonly currentRows = gauge({ name: 'data_drift_current_rows', help: 'Logged predictions compared in the latest completed drift check' });
  readonly lastCheck = gauge({ name: 'data_drift_last_check_timestamp_seconds', help: 'Unix time of the latest completed drift check' });
  readonly featureScore = gauge({
    name: 'feature_drift_score',
    help: "Drift score of each feature in the latest check: the test's distance (Wasserstein, Jensen-Shannon) or p-value (KS, chi-squared, Z)",
    labelNames: ['feature'] as const,
  });
  readonly featureDrifted = gauge({ name: 'feature_drift_detected', help: '1 when the feature drifted in the latest check', labelNames: ['feature'] as const });
  readonly featurePsi = gauge({ name: 'feature_psi', help: 'Population Stability Index of each feature in the latest check', labelNames: ['feature'] as const });
  readonly missing = gauge({ name: 'data_quality_missing_values', help: 'Missing (null, NaN) feature values among the logged predictions of the latest check' });
  readonly outOfRange = gauge({ name: 'data_quality_out_of_range_values', help: "Logged feature values outside the reference sample's range in the latest check" });
  readonly unseen = gauge({ name: 'data_quality_unseen_category_values', help: 'Logged values of few-valued features never seen in the reference, in the latest check' });
  readonly checks = counter({ name: 'drift_checks_total', help: 'Drift checks run by this process, by status (completed, skipped, failed)', labelNames: ['status'] as const });
  readonly duration = histogram({
    name: 'drift_check_duration_seconds',
    help: 'Duration of drift checks run by this process',
    buckets: DRIFT_CHECK_DURATION_BUCKETS_SECONDS,
  });

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DRIFT_OPTIONS) private readonly options: DriftModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh().catch((e: Error) => this.logger.warn(`cannot read the latest drift check: ${e.message}`));
    const every = this.options.metricsRefreshMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => void this.refresh().catch((e: Error) => this.logger.warn(`cannot read the latest drift check: ${e.message}`)), every);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Shows the latest completed check if it is not the one already shown. */
  async refresh(): Promise<void> {
    const [head]: { id: number }[] = await this.dataSource.query(`SELECT id FROM drift_check WHERE status = 'completed' ORDER BY id DESC LIMIT 1`);
    if (!head || head.id === this.shownId) return;
    const [row]: {
      id: number;
      created_at: Date;
      drift_share: number;
      dataset_drift: boolean;
      drifted_features: number;
      current_rows: number;
      features: DriftGaugeValues['features'] | null;
      quality: DriftGaugeValues['quality'];
    }[] = await this.dataSource.query(
      `SELECT c.id, c.created_at, c.drift_share, c.dataset_drift, c.drifted_features, c.current_rows,
              (SELECT jsonb_agg(jsonb_build_object('feature', f->'feature', 'score', f->'score', 'drifted', f->'drifted', 'psi', f->'psi'))
                 FROM jsonb_array_elements(c.report->'features') f) AS features,
              jsonb_build_object('missingCells', c.report->'quality'->'missingCells', 'outOfRangeCells', c.report->'quality'->'outOfRangeCells',
                                 'unseenCategoryCells', c.report->'quality'->'unseenCategoryCells') AS quality
         FROM drift_check c WHERE c.id = $1`,
      [head.id],
    );
    if (row) {
      this.show({
        id: row.id,
        createdAt: new Date(row.created_at),
        driftShare: row.drift_share,
        datasetDrift: row.dataset_drift,
        driftedFeatures: row.drifted_features,
        currentRows: row.current_rows,
        features: row.features ?? [],
        quality: row.quality,
      });
    }
  }

  show(values: DriftGaugeValues): void {
    this.shownId = values.id;
    this.share.set(values.driftShare);
    this.detected.set(values.datasetDrift ? 1 : 0);
    this.driftedFeatures.set(values.driftedFeatures);
    this.currentRows.set(values.currentRows);
    this.lastCheck.set(values.createdAt.getTime() / 1000);
    // A new feature version may drop names: clear before setting, so no stale series remains.
    this.featureScore.reset();
    this.featureDrifted.reset();
    this.featurePsi.reset();
    for (const f of values.features) {
      if (f.score !== null && Number.isFinite(f.score)) this.featureScore.set({ feature: f.feature }, f.score);
      this.featureDrifted.set({ feature: f.feature }, f.drifted ? 1 : 0);
      if (f.psi !== null && Number.isFinite(f.psi)) this.featurePsi.set({ feature: f.feature }, f.psi);
    }
    if (values.quality) {
      this.missing.set(values.quality.missingCells ?? 0);
      this.outOfRange.set(values.quality.outOfRangeCells ?? 0);
      this.unseen.set(values.quality.unseenCategoryCells ?? 0);
    }
  }
}
