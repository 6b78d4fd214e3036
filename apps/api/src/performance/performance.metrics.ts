import { Injectable } from '@nestjs/common';
import { gauge } from '@predictiondex/metrics';
import type { LivePerformance } from '@predictiondex/model-metrics';
import type { Gauge } from 'prom-client';

type VersionGauge = Gauge<'version'>;

/**
 * model_feedback_accuracy|log_loss|brier|samples{version}: each version's figures on its latest
 * PERFORMANCE_WINDOW reported outcomes, read from the database when Prometheus scrapes (the same
 * numbers as /monitoring/performance; every replica exports the same values, dashboards take the
 * max by version). The api is their only exporter: ml-builder's feedback monitor decides retrains
 * from the same rows but no longer exports them.
 */
@Injectable()
export class PerformanceMetrics {
  private source?: () => Promise<void>;
  private readonly collect = async (): Promise<void> => {
    await this.source?.();
  };
  private readonly make = (name: string, help: string): VersionGauge => gauge({ name, help, labelNames: ['version'] as const, collect: this.collect });

  readonly accuracy = this.make('model_feedback_accuracy', 'Rolling accuracy of a model version on its latest reported outcomes');
  readonly logLoss = this.make('model_feedback_log_loss', 'Rolling log loss of a model version on its latest reported outcomes');
  readonly brier = this.make('model_feedback_brier', 'Rolling Brier score of a model version on its latest reported outcomes');
  readonly samples = this.make('model_feedback_samples', 'Reported outcomes in the rolling window of a model version');

  /** What refreshes the figures before a scrape reads them (the performance service). */
  refreshWith(source: (() => Promise<void>) | undefined): void {
    this.source = source;
  }

  /** Replaces every series: versions no longer reported disappear instead of lingering. */
  set(performances: readonly LivePerformance[]): void {
    for (const g of [this.accuracy, this.logLoss, this.brier, this.samples]) g.reset();
    for (const p of performances) {
      const labels = { version: p.version };
      this.samples.set(labels, p.samples);
      if (p.accuracy !== null) this.accuracy.set(labels, p.accuracy);
      if (p.logLoss !== null) this.logLoss.set(labels, p.logLoss);
      if (p.brier !== null) this.brier.set(labels, p.brier);
    }
  }
}
