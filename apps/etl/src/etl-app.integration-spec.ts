import { dropDatabase, MIGRATIONS } from '@predictiondex/db';
import { JOBS, QUEUES, redisOptionsFromUrl } from '@predictiondex/queues';
import { createTestDatabase, deleteRedisPrefix, TEST_DATABASE_SERVER_URL, TEST_REDIS_URL, testQueuePrefix, TestDatabase } from '@predictiondex/testing';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { collect, killAll, runEtl, spawnEtl, watch } from './test/run-etl-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('etl app (real processes, PostgreSQL and Redis)', () => {
  const prefix = testQueuePrefix('etl_app');
  let db: TestDatabase;
  let env: Record<string, string>;
  let queue: Queue;

  beforeAll(async () => {
    db = await createTestDatabase('etl_app', { migrate: false });
    env = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix };
    queue = new Queue(QUEUES.mlBuild, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
  });
  afterEach(() => killAll());
  afterAll(async () => {
    await queue?.close();
    await deleteRedisPrefix(prefix);
    await db?.drop();
  });

  it('migrate creates a missing database and applies the schema', async () => {
    const url = new URL(TEST_DATABASE_SERVER_URL);
    url.pathname = `/${db.name}_fresh`;
    try {
      const res = await runEtl(['migrate'], { ...env, DATABASE_URL: url.toString() });
      expect(res.code).toBe(0);
      expect(JSON.parse(res.lastLine)).toMatchObject({ command: 'migrate', createdDatabase: true, applied: MIGRATIONS.map((M) => new M().name ?? M.name) });
      const again = await runEtl(['migrate'], { ...env, DATABASE_URL: url.toString() });
      expect(JSON.parse(again.lastLine)).toMatchObject({ createdDatabase: false, applied: [] });
    } finally {
      await dropDatabase(url.toString());
    }
  });

  it('--once loads the Pokédex, prints a JSON summary last, and enqueues one build job with the run id', async () => {
    expect((await runEtl(['migrate'], env)).code).toBe(0);
    const res = await runEtl(['--once'], env);
    expect(res.code).toBe(0);
    const summary = JSON.parse(res.lastLine);
    expect(summary).toMatchObject({ status: 'succeeded', counts: { pokemon: 188, pokemon_type: 18, type_effectiveness: 324, move: 226 }, rejects: 0 });
    expect(summary.buildJobId).toBe(`build-etl-${summary.runId}`);
    const job = await queue.getJob(summary.buildJobId);
    expect(job?.name).toBe(JOBS.build);
    expect(job?.data).toEqual({ etlRunId: summary.runId, reason: 'etl' });

    const second = JSON.parse((await runEtl(['--once'], env)).lastLine);
    expect(second.changes.total).toBe(0);
    expect(second.runId).toBe(summary.runId + 1);
  });

  it('a failed run exits non-zero with a message and enqueues nothing', async () => {
    const before = await queue.getJobCounts();
    const res = await runEtl(['--once', '--source', 'showdown,csv'], { ...env, ETL_CSV_DIR: '/no/such/dir' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("etl: ETL_CSV_DIR '/no/such/dir' does not exist");
    const summary = JSON.parse(res.lastLine);
    expect(summary.status).toBe('failed');
    expect(await queue.getJob(`build-etl-${summary.runId}`)).toBeUndefined();
    expect(await queue.getJobCounts()).toEqual(before);
  });

  it('bad arguments and bad configuration exit 2 naming the problem', async () => {
    const badArg = await runEtl(['--once', '--sorce', 'csv'], env);
    expect(badArg.code).toBe(2);
    expect(badArg.stderr).toContain("unknown argument '--sorce'");
    const badEnv = await runEtl(['--once'], { ...env, DATABASE_URL: 'mysql://nope' });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
  });

  it('a run killed inside a phase leaves that phase unwritten, and the next run completes', async () => {
    const killed = await createTestDatabase('etl_killed');
    const killedEnv = { ...env, DATABASE_URL: killed.url };
    const blocker = new Client({ connectionString: killed.url });
    await blocker.connect();
    try {
      // Hold the last table of the 'pokemon' phase: the run writes every pokemon row, then waits here.
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE pokemon_type_slot IN ACCESS EXCLUSIVE MODE');
      const child = spawnEtl(['--once'], killedEnv);
      const done = collect(child);
      let waiting = false;
      for (let i = 0; i < 200 && !waiting; i++) {
        await sleep(100);
        // Statistics views are snapshotted per transaction, and the blocker is inside one.
        await blocker.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await blocker.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'predictiondex-etl' AND wait_event_type = 'Lock'`,
        );
        waiting = rows.length > 0;
      }
      expect(waiting).toBe(true);
      process.kill(-child.pid!, 'SIGKILL');
      expect((await done).code).toBeNull();
      await blocker.query('ROLLBACK');

      const counts = async () =>
        (await blocker.query(`SELECT (SELECT count(*) FROM pokemon_type)::int AS types, (SELECT count(*) FROM move)::int AS moves,
             (SELECT count(*) FROM pokemon)::int AS pokemon, (SELECT count(*) FROM learnset)::int AS learnset`)).rows[0];
      expect(await counts()).toEqual({ types: 18, moves: 226, pokemon: 0, learnset: 0 });
      expect((await blocker.query(`SELECT status FROM etl_run`)).rows).toEqual([{ status: 'running' }]);

      const res = await runEtl(['--once'], killedEnv);
      expect(res.code).toBe(0);
      expect(await counts()).toEqual({ types: 18, moves: 226, pokemon: 188, learnset: 5741 });
      expect((await blocker.query(`SELECT status, error FROM etl_run ORDER BY id`)).rows).toEqual([
        { status: 'failed', error: 'abandoned: the process stopped before finishing' },
        { status: 'succeeded', error: null },
      ]);
    } finally {
      await blocker.end();
      await killed.drop();
    }
  });

  it('worker mode serves /health and /metrics, loads at start, and stops cleanly on SIGTERM', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawnEtl([], { ...env, HEALTH_PORT: String(port), LOG_LEVEL: 'info' });
    const { done, output } = watch(child);
    let health: Response | undefined;
    for (let i = 0; i < 100; i++) {
      await sleep(200);
      health = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
      if (health) break;
    }
    expect(health?.status).toBe(200);
    expect(await health!.json()).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' } } });
    let metrics = '';
    const succeeded = /etl_run_duration_seconds_count\{service="etl",status="succeeded"\} 1/;
    for (let i = 0; i < 50 && !succeeded.test(metrics); i++) {
      await sleep(200);
      metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    }
    if (!succeeded.test(metrics)) throw new Error(`the worker's initial run did not succeed; its output:\n${output()}`);
    process.kill(-child.pid!, 'SIGTERM');
    expect((await done).code).toBe(0);
  });
});
