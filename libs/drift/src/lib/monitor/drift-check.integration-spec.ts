import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FEATURE_NAMES, FEATURE_VERSION } from '@predictiondex/battle';
import { dataSourceOptions } from '@predictiondex/db';
import { MetricsModule } from '@predictiondex/metrics';
import { createTestDatabase, deleteRedisPrefix, TEST_REDIS_URL, testQueuePrefix, TestDatabase } from '@predictiondex/testing';
import { Client } from 'pg';
import { featureTableFromRows } from '../feature-table';
import { CONTINUOUS_FEATURES, syntheticFeatureRows } from '../../test/synthetic-features';
import { DriftCheckService } from './drift-check.service';
import { DriftJobsService } from './drift-jobs.service';
import { DRIFT_SCHEDULER_ID } from './drift.constants';
import { DriftModule } from './drift.module';
import { ReferenceSample, ReferenceSource } from './reference-sample.source';

const HOUR = 3_600_000;
const referenceRows = syntheticFeatureRows(1500, 1);
const reference = featureTableFromRows(FEATURE_NAMES, referenceRows).table;

class SwitchableReference implements ReferenceSource {
  mode: 'ok' | 'none' | 'broken' = 'ok';
  async load(): Promise<ReferenceSample | null> {
    if (this.mode === 'none') return null;
    if (this.mode === 'broken') throw new Error('registry unreachable');
    return { modelName: 'battle-winner', modelVersion: '3', runId: 'run-abc', table: reference };
  }
}

describe('DriftModule: scheduled checks on logged predictions (PostgreSQL, Redis)', () => {
  const prefix = testQueuePrefix('drift');
  const source = new SwitchableReference();
  let db: TestDatabase;
  let pg: Client;
  let app: NestFastifyApplication;
  let checks: DriftCheckService;
  let base: string;
  // Each scenario logs its rows in its own hour, so windows never overlap.
  let hourOffset = 100;
  /** What onDatasetDrift received: the check and its report. */
  const driftCalls: { id: number; datasetDrift: boolean | null; reportShare: number; reportFeatures: number }[] = [];

  async function logRows(rows: number[][], at: Date, featureVersion = FEATURE_VERSION): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await pg.query(
        `INSERT INTO prediction_log (id, created_at, endpoint, model_name, model_version, feature_version, pokemon_a_id, pokemon_b_id, move_a_id, move_b_id, request, features, probability)
         SELECT gen_random_uuid(), $1, 'best-move', 'battle-winner', '3', $2, 1, 2, 3, 4, '{}'::jsonb,
                ARRAY(SELECT jsonb_array_elements_text(r)::real), 0.5
           FROM jsonb_array_elements($3::jsonb) r`,
        [at, featureVersion, JSON.stringify(rows.slice(i, i + 500))],
      );
    }
  }

  /** Logs rows half an hour before a fresh `now`, then runs a one-hour-window check. */
  async function scenario(rows: number[][]) {
    const now = new Date(Date.now() - (hourOffset -= 2) * HOUR);
    await logRows(rows, new Date(now.getTime() - HOUR / 2));
    return checks.run({ now, windowHours: 1 });
  }

  const scrape = async () => (await fetch(`${base}/metrics`)).text();
  const sample = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}"=,]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)?.[1]);

  beforeAll(async () => {
    db = await createTestDatabase('drift');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    @Module({
      imports: [
        MetricsModule.forRoot({ service: 'drift-test', httpMetricPrefix: 'drift_test_http' }),
        TypeOrmModule.forRoot(dataSourceOptions({ url: db.url, poolSize: 2 })),
        DriftModule.forRootAsync({
          useFactory: () => ({
            redisUrl: TEST_REDIS_URL,
            queuePrefix: prefix,
            worker: true,
            intervalMinutes: 60,
            windowHours: 24,
            minRows: 200,
            maxRows: 5000,
            retentionDays: 30,
            modelName: 'battle-winner',
            modelAlias: 'champion',
            mlflow: { trackingUri: 'http://127.0.0.1:1' },
            referenceSource: source,
            metricsRefreshMs: 0,
            onDatasetDrift: (check, report) => {
              driftCalls.push({ id: check.id, datasetDrift: check.datasetDrift, reportShare: report.driftShare, reportFeatures: report.features.length });
            },
          }),
        }),
      ],
    })
    class DriftTestModule {}
    app = await NestFactory.create<NestFastifyApplication>(DriftTestModule, new FastifyAdapter(), { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    checks = app.get(DriftCheckService);
  });

  afterAll(async () => {
    await app?.close();
    await pg?.end();
    await deleteRedisPrefix(prefix);
    await db?.drop();
  });

  it('identical distributions: no feature drifts, gauges at zero', async () => {
    const check = await scenario(referenceRows);
    expect(check).toMatchObject({ status: 'completed', currentRows: 1500, referenceRows: 1500, featureCount: 137, driftedFeatures: 0, driftShare: 0, datasetDrift: false, runId: 'run-abc', modelVersion: '3' });
    const text = await scrape();
    expect(sample(text, 'data_drift_share{service="drift-test"}')).toBe(0);
    expect(sample(text, 'data_drift_detected{service="drift-test"}')).toBe(0);
    expect(text.match(/^feature_drift_score\{/gm)).toHaveLength(137);
    expect(sample(text, 'drift_checks_total{status="completed",service="drift-test"}')).toBe(1);
    expect(driftCalls).toEqual([]);
  });

  it('one shifted feature: that feature alone is flagged, and its gauges say so', async () => {
    const check = await scenario(syntheticFeatureRows(1200, 2, { a_spe: 1 }));
    expect(check.status).toBe('completed');
    const details = (await checks.get(check.id))!;
    expect(details.features.filter((f) => f.drifted).map((f) => f.feature)).toEqual(['a_spe']);
    expect(details.features[0]).toMatchObject({ feature: 'a_spe', test: 'wasserstein', drifted: true });
    expect(check.datasetDrift).toBe(false);
    const text = await scrape();
    expect(sample(text, 'feature_drift_detected{feature="a_spe",service="drift-test"}')).toBe(1);
    expect(sample(text, 'feature_drift_score{feature="a_spe",service="drift-test"}')).toBeGreaterThan(0.5);
    expect(sample(text, 'feature_drift_detected{feature="a_hp",service="drift-test"}')).toBe(0);
    expect(sample(text, 'data_drift_share{service="drift-test"}')).toBeCloseTo(1 / 137, 6);
    expect(sample(text, 'feature_psi{feature="a_spe",service="drift-test"}')).toBeGreaterThan(0.25);
  });

  it('half of the features shifted: dataset drift, stored, exported and rendered', async () => {
    // All 42 continuous features and 27 of the 95 flags: 69 of 137, just over half.
    const shifted = Object.fromEntries(CONTINUOUS_FEATURES.map((f) => [f, 1.2]));
    const flags = FEATURE_NAMES.filter((f) => !CONTINUOUS_FEATURES.includes(f)).slice(0, 27);
    const check = await scenario(syntheticFeatureRows(1200, 3, { ...shifted, ...Object.fromEntries(flags.map((f) => [f, 1])) }));
    expect(check.driftedFeatures).toBeGreaterThanOrEqual(69);
    expect(check.driftShare).toBeGreaterThanOrEqual(0.5);
    expect(check.datasetDrift).toBe(true);
    expect(driftCalls).toEqual([{ id: check.id, datasetDrift: true, reportShare: expect.closeTo(check.driftShare!, 6), reportFeatures: 137 }]);
    const text = await scrape();
    expect(sample(text, 'data_drift_detected{service="drift-test"}')).toBe(1);
    expect(sample(text, 'data_drift_share{service="drift-test"}')).toBeGreaterThanOrEqual(0.5);

    const latest = (await checks.latest())!;
    expect(latest.id).toBe(check.id);
    expect(latest.quality).toMatchObject({ malformedRows: 0, missingCells: 0 });
    const html = (await checks.html(check.id))!;
    expect(html.match(/<svg class="histogram"/g)).toHaveLength(137);
    expect(html).toContain(`drift check #${check.id}`);
  });

  it('too few logged rows, another feature version, or no served model: recorded as skipped; a broken registry: failed', async () => {
    const few = await scenario(syntheticFeatureRows(50, 4));
    expect(few).toMatchObject({ status: 'skipped', currentRows: 50, driftShare: null });
    expect(few.message).toMatch(/50 logged predictions .* fewer than DRIFT_MIN_ROWS=200/);

    const now = new Date(Date.now() - (hourOffset -= 2) * HOUR);
    await logRows(syntheticFeatureRows(300, 5), new Date(now.getTime() - HOUR / 2), 'lgpe-v0');
    const other = await checks.run({ now, windowHours: 1 });
    expect(other.status).toBe('skipped');
    expect(other.message).toMatch(/300 of other feature versions ignored/);

    source.mode = 'none';
    expect((await checks.run()).message).toMatch(/no model carries battle-winner@champion/);
    source.mode = 'broken';
    await expect(checks.run()).rejects.toThrow('registry unreachable');
    source.mode = 'ok';
    const failed = await checks.list({ status: 'failed' });
    expect(failed[0].message).toBe('registry unreachable');
    // Offset paging over the same newest-first order, and the totals it needs.
    const all = await checks.list({ limit: 500 });
    expect(await checks.count()).toBe(all.length);
    expect(await checks.count({ status: 'failed' })).toBe(1);
    expect((await checks.list({ limit: 2, offset: 1 })).map((c) => c.id)).toEqual(all.slice(1, 3).map((c) => c.id));
    // The gauges still show the last completed check, not the skipped or failed ones.
    expect(sample(await scrape(), 'data_drift_detected{service="drift-test"}')).toBe(1);
  });

  it('runs as a BullMQ job: the scheduler is registered and an enqueued check is consumed', async () => {
    const jobs = app.get(DriftJobsService);
    const schedulers = await jobs.queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every])).toEqual([[DRIFT_SCHEDULER_ID, 3_600_000]]);
    const before = (await checks.list({ limit: 1 }))[0].id;
    const id = await jobs.enqueue({ windowHours: 1 });
    let job;
    for (let i = 0; i < 100; i++) {
      job = await jobs.queue.getJob(id);
      if (job?.finishedOn) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job?.returnvalue).toMatchObject({ status: 'skipped' });
    expect((await checks.list({ limit: 1 }))[0].id).toBeGreaterThan(before);
    expect(await scrape()).toMatch(/queue_jobs\{queue="drift",state="completed",service="drift-test"\} [1-9]/);
  });
});
