import { createTestDatabase, TestDatabase } from '@predictiondex/testing';
import { Client } from 'pg';
import { register } from 'prom-client';
import { PredictionLogRow, PredictionLogWriter } from '../src/prediction-log/prediction-log.writer';
import { eventually, testConfig } from './api-test-kit';

function row(i: number): PredictionLogRow {
  const features = Float32Array.from({ length: 137 }, (_, k) => (k === 0 ? i : Math.fround(1 / (k + i + 1))));
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)),
    endpoint: 'best-move',
    modelName: 'battle-winner',
    modelVersion: '1',
    featureVersion: 'lgpe-v1',
    pokemonAId: 1,
    pokemonBId: 2,
    moveAId: 3,
    moveBId: 4,
    request: { i, api_key: 'test' },
    features,
    probability: 0.5,
    simulatedWinRate: null,
  };
}

const outcome = async (name: string) => (await register.getSingleMetric('api_prediction_log_rows_total')?.get())?.values.find((v) => v.labels['outcome'] === name)?.value ?? 0;

describe('prediction log writer thread (PostgreSQL)', () => {
  let db: TestDatabase;
  let pg: Client;
  const writers: PredictionLogWriter[] = [];
  const start = (env: Record<string, string> = {}) => {
    const writer = new PredictionLogWriter(testConfig({ DATABASE_URL: db.url, PREDICTION_LOG_BATCH_SIZE: '50', PREDICTION_LOG_FLUSH_MS: '60000', ...env }));
    writer.onModuleInit();
    writers.push(writer);
    return writer;
  };

  beforeAll(async () => {
    register.clear();
    db = await createTestDatabase('api_prediction_log');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterEach(async () => {
    for (const w of writers.splice(0)) await w.onApplicationShutdown();
    await pg.query('TRUNCATE prediction_log');
  });

  afterAll(async () => {
    await pg.end();
    await db.drop();
  });

  it('writes every pushed row, features bit for bit, in batches; flush() resolves once they are in', async () => {
    const writer = start();
    for (let i = 0; i < 120; i++) expect(writer.push(row(i))).toBe(true);
    expect(writer.pending).toBe(120);
    await writer.flush();
    expect(writer.pending).toBe(0);
    const rows = (await pg.query('SELECT id, features, request FROM prediction_log ORDER BY id')).rows;
    expect(rows).toHaveLength(120);
    expect(rows[7].request).toEqual({ i: 7, api_key: 'test' });
    expect(rows[7].features.map((x: number) => Math.fround(x))).toEqual(Array.from(row(7).features));
    expect(await outcome('written')).toBeGreaterThanOrEqual(120);
  });

  it('stores every column as given (binary COPY): timestamps to the microsecond, ints, text, jsonb, float4', async () => {
    const writer = start();
    const r = { ...row(500), createdAt: new Date('2026-03-04T05:06:07.891Z'), endpoint: 'simulate' as const, modelVersion: '12', probability: Math.fround(0.123), simulatedWinRate: 0.75, request: { é: 'ünïcode', n: [1, 2], nested: { x: null } } };
    writer.push(r);
    writer.push({ ...row(501), simulatedWinRate: null });
    await writer.flush();
    const rows = (await pg.query(`SELECT *, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at FROM prediction_log ORDER BY id`)).rows;
    expect(rows[0]).toMatchObject({ id: r.id, at: '2026-03-04T05:06:07.891000', endpoint: 'simulate', model_name: 'battle-winner', model_version: '12', feature_version: 'lgpe-v1', pokemon_a_id: 1, pokemon_b_id: 2, move_a_id: 3, move_b_id: 4, request: r.request, actual_winner: null, feedback_at: null });
    expect(Math.fround(rows[0].probability)).toBe(r.probability);
    expect(rows[0].simulated_win_rate).toBe(0.75);
    expect(rows[1].simulated_win_rate).toBeNull();
  });

  it('writes a batch again without duplicating or losing rows (a retry after a lost commit)', async () => {
    const writer = start();
    for (let i = 0; i < 10; i++) writer.push(row(600 + i));
    await writer.flush();
    // The same ten ids again (as a retry would send them), with five new ones in the same batch.
    for (let i = 0; i < 15; i++) writer.push(row(600 + i));
    await writer.flush();
    expect(writer.pending).toBe(0);
    expect((await pg.query('SELECT count(*)::int AS n FROM prediction_log')).rows[0].n).toBe(15);
  });

  it('writes a full batch by itself, without a flush or the timer', async () => {
    const writer = start();
    for (let i = 0; i < 50; i++) writer.push(row(1000 + i));
    await eventually('a full batch written', async () => (await pg.query('SELECT count(*)::int AS n FROM prediction_log')).rows[0].n === 50);
  });

  it('keeps rows while PostgreSQL refuses them, drops beyond the buffer limit, gives up after 3 attempts, counted', async () => {
    const writer = start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', PREDICTION_LOG_MAX_BUFFER: '30' });
    const [failedBefore, droppedBefore] = [await outcome('failed'), await outcome('dropped')];
    const accepted = Array.from({ length: 40 }, (_, i) => writer.push(row(2000 + i))).filter(Boolean).length;
    expect(accepted).toBe(30);
    expect(await outcome('dropped')).toBe(droppedBefore + 10);
    await writer.flush();
    expect(writer.pending).toBe(30);
    await writer.flush();
    await writer.flush();
    expect(writer.pending).toBe(0);
    expect(await outcome('failed')).toBe(failedBefore + 30);
  });

  it('counts the rows of a writer thread that died as failed, and goes on with a new one', async () => {
    const writer = start();
    const [failedBefore] = [await outcome('failed')];
    const first = writer.thread;
    writer.push(row(3000));
    // Let the row reach the thread (the outbox goes every 5 ms), then kill it before it writes (the timer is a minute away).
    await new Promise((r) => setTimeout(r, 50));
    await first?.terminate();
    await eventually('a new writer thread', async () => writer.thread && writer.thread !== first);
    expect(await outcome('failed')).toBe(failedBefore + 1);
    writer.push(row(3001));
    await writer.flush();
    expect((await pg.query('SELECT id FROM prediction_log')).rows.map((r) => r.id)).toEqual([row(3001).id]);
  });
});
