import { Inject, Injectable, Logger } from '@nestjs/common';
import { FEATURE_NAMES, FEATURE_VERSION } from '@predictiondex/battle';
import { DriftCheck, DriftCheckStatus } from '@predictiondex/db';
import { MlflowClient } from '@predictiondex/mlflow-client';
import { DataSource } from 'typeorm';
import { detectDrift } from '../detect-drift';
import type { DriftReport } from '../drift-report';
import { renderDriftReportHtml } from '../drift-report.html';
import { featureTableFromRows } from '../feature-table';
import type { DriftCheckDetails, DriftCheckSummary } from './drift-check.dto';
import { DRIFT_OPTIONS, DriftModuleOptions } from './drift-module.options';
import { DriftMetrics } from './drift.metrics';
import { recentLoggedFeatures } from './prediction-features.source';
import { ReferenceSource, RegistryReferenceSource } from './reference-sample.source';

const HOUR_MS = 3_600_000;

export interface RunCheckOptions {
  now?: Date;
  windowHours?: number;
}

function summary(c: DriftCheck): DriftCheckSummary {
  return {
    id: c.id,
    createdAt: c.createdAt.toISOString(),
    status: c.status,
    message: c.message,
    modelName: c.modelName,
    modelVersion: c.modelVersion,
    runId: c.runId,
    featureVersion: c.featureVersion,
    windowStart: c.windowStart.toISOString(),
    windowEnd: c.windowEnd.toISOString(),
    referenceRows: c.referenceRows,
    currentRows: c.currentRows,
    featureCount: c.featureCount,
    driftedFeatures: c.driftedFeatures,
    driftShare: c.driftShare,
    datasetDrift: c.datasetDrift,
    durationMs: c.durationMs,
  };
}

const finiteOrNull = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Runs drift checks (recent logged features vs the served model's training reference), stores each
 * one in `drift_check`, updates the gauges, and reads checks back for the api and the UI.
 */
@Injectable()
export class DriftCheckService {
  private readonly logger = new Logger(DriftCheckService.name);
  private readonly reference: ReferenceSource;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: DriftMetrics,
    @Inject(DRIFT_OPTIONS) private readonly options: DriftModuleOptions,
  ) {
    this.reference = options.referenceSource ?? new RegistryReferenceSource(new MlflowClient(options.mlflow), options.modelName, options.modelAlias);
  }

  /** Runs one check now (serialised within the process) and returns what was stored. */
  run(options: RunCheckOptions = {}): Promise<DriftCheckSummary> {
    const next = this.running.then(() => this.runNow(options));
    this.running = next.catch(() => undefined);
    return next;
  }

  private async runNow(options: RunCheckOptions): Promise<DriftCheckSummary> {
    const started = Date.now();
    const now = options.now ?? new Date();
    const windowStart = new Date(now.getTime() - (options.windowHours ?? this.options.windowHours) * HOUR_MS);
    const base = { featureVersion: FEATURE_VERSION, windowStart, windowEnd: now, createdAt: now };
    const stop = this.metrics.duration.startTimer();
    let stored: DriftCheck;
    let report: DriftReport | undefined;
    try {
      const reference = await this.reference.load();
      if (!reference) {
        stored = await this.store({ ...base, status: 'skipped', message: `no model carries ${this.options.modelName}@${this.options.modelAlias}: nothing to compare with` }, started);
      } else {
        const meta = { modelName: reference.modelName, modelVersion: reference.modelVersion, runId: reference.runId, referenceRows: reference.table.rows };
        const missing = FEATURE_NAMES.filter((f) => !reference.table.columns.has(f));
        if (missing.length) throw new Error(`the reference sample of run ${reference.runId} lacks ${missing.length} ${FEATURE_VERSION} features (${missing.slice(0, 3).join(', ')}...)`);
        const logged = await recentLoggedFeatures(this.dataSource, { from: windowStart, to: now }, FEATURE_VERSION, this.options.maxRows);
        const { table, malformedRows } = featureTableFromRows(FEATURE_NAMES, logged.rows);
        if (table.rows < this.options.minRows) {
          stored = await this.store(
            {
              ...base,
              ...meta,
              status: 'skipped',
              currentRows: table.rows,
              message: `${table.rows} logged predictions (${FEATURE_VERSION}) since ${windowStart.toISOString()}, fewer than DRIFT_MIN_ROWS=${this.options.minRows}${logged.otherFeatureVersions ? `; ${logged.otherFeatureVersions} of other feature versions ignored` : ''}`,
            },
            started,
          );
        } else {
          report = detectDrift(reference.table, table, {
            features: FEATURE_NAMES,
            float32: true,
            malformedRows,
            referenceSource: `${reference.modelName} v${reference.modelVersion} (run ${reference.runId})`,
            window: { from: windowStart.toISOString(), to: now.toISOString() },
            now,
          });
          stored = await this.store(
            {
              ...base,
              ...meta,
              status: 'completed',
              currentRows: table.rows,
              featureCount: report.featureCount,
              driftedFeatures: report.driftedFeatures,
              driftShare: report.driftShare,
              datasetDrift: report.datasetDrift,
              message: logged.otherFeatureVersions ? `${logged.otherFeatureVersions} rows of other feature versions ignored` : null,
              report: report as unknown as Record<string, unknown>,
            },
            started,
          );
          this.metrics.show({
            id: stored.id,
            createdAt: stored.createdAt,
            driftShare: report.driftShare,
            datasetDrift: report.datasetDrift,
            driftedFeatures: report.driftedFeatures,
            currentRows: table.rows,
            features: report.features.map((f) => ({ feature: f.feature, score: f.score, drifted: f.drifted, psi: f.psi })),
            quality: report.quality,
          });
        }
      }
    } catch (e) {
      stop();
      this.metrics.checks.inc({ status: 'failed' });
      await this.store({ ...base, status: 'failed', message: (e as Error).message.slice(0, 2000) }, started).catch((err: Error) =>
        this.logger.error(`cannot record the failed drift check: ${err.message}`),
      );
      throw e;
    }
    stop();
    this.metrics.checks.inc({ status: stored.status });
    await this.prune(now);
    const result = summary(stored);
    this.logger.log(
      stored.status === 'completed'
        ? `drift check ${stored.id}: ${stored.driftedFeatures}/${stored.featureCount} features drifted (share ${stored.driftShare?.toFixed(3)}), dataset drift ${stored.datasetDrift}`
        : `drift check ${stored.id} ${stored.status}: ${stored.message}`,
    );
    const onDrift = this.options.onDatasetDrift;
    if (stored.status === 'completed' && stored.datasetDrift && report && onDrift) {
      const full = report;
      await (async () => onDrift(result, full))().catch((e: Error) => this.logger.error(`onDatasetDrift failed: ${e.message}`));
    }
    return result;
  }

  private async store(fields: Partial<DriftCheck> & { status: DriftCheckStatus }, started: number): Promise<DriftCheck> {
    const repo = this.dataSource.getRepository(DriftCheck);
    return repo.save(repo.create({ ...fields, durationMs: Date.now() - started }));
  }

  private async prune(now: Date): Promise<void> {
    const before = new Date(now.getTime() - this.options.retentionDays * 24 * HOUR_MS);
    await this.dataSource.query(`DELETE FROM drift_check WHERE created_at < $1`, [before]).catch((e: Error) => this.logger.warn(`cannot prune old drift checks: ${e.message}`));
  }

  /** Stored checks, newest first (no reports); page with `beforeId` (keyset) or `offset`. */
  async list(options: { limit?: number; offset?: number; beforeId?: number; status?: DriftCheckStatus } = {}): Promise<DriftCheckSummary[]> {
    const qb = this.dataSource
      .getRepository(DriftCheck)
      .createQueryBuilder('c')
      .select(['c.id', 'c.createdAt', 'c.status', 'c.message', 'c.modelName', 'c.modelVersion', 'c.runId', 'c.featureVersion', 'c.windowStart', 'c.windowEnd'])
      .addSelect(['c.referenceRows', 'c.currentRows', 'c.featureCount', 'c.driftedFeatures', 'c.driftShare', 'c.datasetDrift', 'c.durationMs'])
      .orderBy('c.id', 'DESC')
      .limit(Math.min(Math.max(options.limit ?? 50, 1), 500));
    if (options.offset) qb.offset(Math.max(0, options.offset));
    if (options.beforeId !== undefined) qb.andWhere('c.id < :before', { before: options.beforeId });
    if (options.status) qb.andWhere('c.status = :status', { status: options.status });
    return (await qb.getMany()).map(summary);
  }

  /** How many checks are stored (with this status): the total of a paged list. */
  count(options: { status?: DriftCheckStatus } = {}): Promise<number> {
    return this.dataSource.getRepository(DriftCheck).count({ where: options.status ? { status: options.status } : {} });
  }

  /** The newest completed check with its per-feature results (drifted first), or null before the first one. */
  async latest(): Promise<DriftCheckDetails | null> {
    const check = await this.dataSource.getRepository(DriftCheck).findOne({ where: { status: 'completed' }, order: { id: 'DESC' } });
    return check ? this.details(check) : null;
  }

  async get(id: number): Promise<DriftCheckDetails | null> {
    const check = await this.dataSource.getRepository(DriftCheck).findOne({ where: { id } });
    return check ? this.details(check) : null;
  }

  /** The full stored report (histograms included), or null. */
  async report(id: number): Promise<DriftReport | null> {
    const check = await this.dataSource.getRepository(DriftCheck).findOne({ where: { id }, select: { id: true, report: true } });
    return (check?.report as unknown as DriftReport | null) ?? null;
  }

  /** The self-contained HTML report of a completed check, or null. */
  async html(id: number): Promise<string | null> {
    const report = await this.report(id);
    return report ? renderDriftReportHtml(report, { title: `PredictionDex drift check #${id}` }) : null;
  }

  private details(check: DriftCheck): DriftCheckDetails {
    const report = check.report as unknown as DriftReport | null;
    const features = (report?.features ?? [])
      .map((f) => ({ feature: f.feature, test: f.test, score: finiteOrNull(f.score), threshold: f.threshold, drifted: f.drifted, psi: finiteOrNull(f.psi) }))
      .sort((a, b) => Number(b.drifted) - Number(a.drifted));
    const q = report?.quality;
    return {
      ...summary(check),
      features,
      quality: q
        ? { malformedRows: q.malformedRows, missingCells: q.missingCells, outOfRangeCells: q.outOfRangeCells, unseenCategoryCells: q.unseenCategoryCells, featuresWithIssues: q.featuresWithIssues }
        : null,
    };
  }
}
