import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { closedPort } from '../test-support/fake-server';
import { fakeSpaBuild, startTestUi } from '../test-support/test-app';
import { toBuildJobSummary } from './build-jobs.reader';
import { toEtlRunSummary } from './etl-runs.reader';

const job = (over: Record<string, unknown> = {}) =>
  ({
    id: 'build-etl-3',
    name: 'build',
    data: { etlRunId: 3, reason: 'etl' },
    progress: { stage: 'train', percent: 42.4 },
    attemptsMade: 1,
    timestamp: Date.UTC(2026, 0, 1),
    processedOn: Date.UTC(2026, 0, 1, 0, 0, 5),
    finishedOn: undefined,
    failedReason: undefined,
    returnvalue: undefined,
    ...over,
  }) as never;

describe('pipeline views', () => {
  it('summarises an active build job with its stage and progress', () => {
    expect(toBuildJobSummary(job(), 'active')).toEqual({
      id: 'build-etl-3',
      name: 'build',
      state: 'active',
      percent: 42,
      stage: 'train',
      reason: 'etl',
      etl_run_id: 3,
      attempts: 1,
      created_at: '2026-01-01T00:00:00.000Z',
      started_at: '2026-01-01T00:00:05.000Z',
      finished_at: null,
      failed_reason: null,
      result: null,
    });
  });

  it('summarises a completed job with its model version, and a failed one with its reason', () => {
    const done = toBuildJobSummary(job({ returnvalue: { status: 'succeeded', modelVersion: '2', alias: 'champion', runId: 'r1' }, finishedOn: Date.UTC(2026, 0, 1, 0, 1) }), 'completed');
    expect(done).toMatchObject({ percent: 100, result: { status: 'succeeded', model_version: '2', alias: 'champion', run_id: 'r1' }, finished_at: '2026-01-01T00:01:00.000Z' });
    const failed = toBuildJobSummary(job({ failedReason: 'mlflow down', attemptsMade: 3, progress: 0 }), 'failed');
    expect(failed).toMatchObject({ state: 'failed', failed_reason: 'mlflow down', attempts: 3, percent: 0, stage: null, result: null });
    const retrain = toBuildJobSummary(job({ name: 'retrain', data: { reasons: ['drift', 'feedback'] }, progress: 250 }), 'waiting');
    expect(retrain).toMatchObject({ reason: 'drift, feedback', etl_run_id: null, percent: 100 });
  });

  it('summarises an ETL run with its duration', () => {
    const started = new Date('2026-01-01T00:00:00Z');
    const row = {
      id: 4,
      started_at: started,
      finished_at: new Date('2026-01-01T00:00:02.5Z'),
      status: 'succeeded' as const,
      forced: false,
      source_versions: { showdown: '@pkmn/sim@0.10' },
      row_counts: { pokemon: 188 },
      changes: { pokemon: 1 },
      rejected_rows: 0,
      warnings: [] as string[],
      dex_fingerprint: 'dex-1',
      error: null as string | null,
    };
    const run = toEtlRunSummary(row);
    expect(run).toMatchObject({ id: 4, duration_ms: 2500, started_at: '2026-01-01T00:00:00.000Z', finished_at: '2026-01-01T00:00:02.500Z' });
    expect(toEtlRunSummary({ ...row, finished_at: null, status: 'running' }).duration_ms).toBeNull();
  });
});

describe('BFF /bff/pipeline/* with its stores down', () => {
  const spa = fakeSpaBuild();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const port = await closedPort();
    app = await startTestUi({
      UI_STATIC_DIR: spa.dir,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/none`,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      PIPELINE_TIMEOUT_MS: '1000',
    });
  });
  afterAll(async () => {
    await app.close();
    spa.remove();
  });

  it('answers 503 with what is unavailable, quickly', async () => {
    const started = Date.now();
    const etl = await app.inject('/bff/pipeline/etl-runs');
    expect(etl.statusCode).toBe(503);
    expect(etl.json().message).toBe('the ETL run history is unavailable (database unreachable)');
    const jobs = await app.inject('/bff/pipeline/build-jobs');
    expect(jobs.statusCode).toBe(503);
    expect(jobs.json().message).toBe('the build queue is unavailable (Redis unreachable)');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
