// log-metric and log-batch throughput and latency of apps/mlflow-proxy (embedded mode, real
// PostgreSQL), against a bare Fastify JSON POST as the baseline, all on 127.0.0.1.
//
//   node tools/node/run-ts.cjs tools/bench/mlflow/mlflow-bench.ts [--duration 10] [--connections 50]
//     [--batch-size 100] [--log-level info] [--db-server postgres://postgres@127.0.0.1:5432/postgres]
//
// The app runs as a child process with NODE_ENV=production (a random token, JSON logs at
// --log-level written to /dev/null) on a throwaway database that is dropped at the end. Every
// log-metric request carries a new step, so each one is a real row; at the end the rows in the
// store are counted against the 2xx answers: every acknowledged write must be there (a few more
// may be, from requests still in flight when autocannon stopped counting). Target: 2,000
// log-metric calls/s. The machine's load average is printed: other work on the box skews results.
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase } from '@predictiondex/db';
import { MlflowClient } from '@predictiondex/mlflow-client';
import { freePort, HELLO_FASTIFY, startBenchProcess, stopBenchProcess, waitForOk } from '../common/bench-process';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    'batch-size': { type: 'string', default: '100' },
    'log-level': { type: 'string', default: 'info' },
    'db-server': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const BATCH = Number(args['batch-size']);
const TARGET_LOG_METRIC_PER_S = 2000;

const start = (entry: string, argv: string[], env: Record<string, string>) => startBenchProcess(entry, argv, env, { inheritEnv: true });
const stop = stopBenchProcess;





interface Measure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

async function load(name: string, url: string, headers: Record<string, string>, body: () => string, seconds: number): Promise<Measure> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        setupRequest: (req) => ({ ...req, body: body() }),
      },
    ],
  });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

async function main(): Promise<void> {
  const server = new URL(args['db-server']);
  server.pathname = `/pdx_bench_mlflow_${randomBytes(4).toString('hex')}`;
  const dbUrl = server.toString();
  const artifacts = mkdtempSync(join(tmpdir(), 'mlflow-bench-'));
  const token = randomBytes(24).toString('hex');
  const [appPort, basePort] = [await freePort(), await freePort()];
  const loadBefore = loadavg()[0];
  await ensureDatabase(dbUrl);

  const children: ChildProcess[] = [];
  try {
    children.push(
      start('apps/mlflow-proxy/src/main.ts', [], {
        NODE_ENV: 'production',
        LOG_LEVEL: args['log-level'],
        PORT: String(appPort),
        HOST: '127.0.0.1',
        DATABASE_URL: dbUrl,
        MLFLOW_ARTIFACT_ROOT: artifacts,
        MLFLOW_TOKENS: `bench:${token}:write`,
      }),
    );
    children.push(start(HELLO_FASTIFY, [String(basePort)], {}));
    const base = `http://127.0.0.1:${appPort}`;
    await waitForOk(`${base}/health/live`, 60_000);
    await waitForOk(`http://127.0.0.1:${basePort}/hello`, 30_000, 'POST');

    const client = new MlflowClient({ trackingUri: base, token });
    const experimentId = await client.getOrCreateExperiment('bench');
    const runId = (await client.createRun(experimentId, { runName: 'bench' })).info.run_id;
    const auth = { authorization: `Bearer ${token}` };
    const now = Date.now();

    let step = 0;
    const metricBody = () => JSON.stringify({ run_id: runId, key: 'loss', value: Math.random(), timestamp: now, step: step++ });
    let batchStep = 0;
    const batchBody = () =>
      JSON.stringify({
        run_id: runId,
        metrics: Array.from({ length: BATCH }, (_, i) => ({ key: `m${i % 10}`, value: Math.random(), timestamp: now, step: batchStep++ })),
      });
    const helloBody = () => JSON.stringify({ run_id: runId, key: 'loss', value: Math.random(), timestamp: now, step: 0 });

    const results: Measure[] = [];
    let storedMetricCalls = 0;
    let storedBatchCalls = 0;
    for (const [name, url, headers, body] of [
      ['fastify hello POST (baseline)', `http://127.0.0.1:${basePort}/hello`, {}, helloBody],
      ['log-metric', `${base}/api/2.0/mlflow/runs/log-metric`, auth, metricBody],
      [`log-batch (${BATCH} metrics)`, `${base}/api/2.0/mlflow/runs/log-batch`, auth, batchBody],
    ] as const) {
      const warm = await load(name, url, headers, body, WARMUP);
      const measured = await load(name, url, headers, body, DURATION);
      if (name === 'log-metric') storedMetricCalls = warm.ok + measured.ok;
      if (name.startsWith('log-batch')) storedBatchCalls = warm.ok + measured.ok;
      results.push(measured);
    }

    const db = new Client({ connectionString: dbUrl });
    await db.connect();
    const count = async (key: string): Promise<number> =>
      Number((await db.query(`SELECT count(*)::int AS n FROM mlflow.metrics WHERE run_uuid = $1 AND key ${key}`, [runId])).rows[0].n);
    const stored = { logMetric: await count("= 'loss'"), batch: await count("LIKE 'm%'") };
    await db.end();

    const baseline = results[0];
    console.log(`\nmlflow-proxy bench: ${CONNECTIONS} connections, ${DURATION} s each (+${WARMUP} s warm-up), LOG_LEVEL=${args['log-level']}, NODE_ENV=production`);
    console.log(`machine: ${cpus().length} CPUs, load average ${loadBefore.toFixed(2)} before / ${loadavg()[0].toFixed(2)} after (app, PostgreSQL and autocannon share it)\n`);
    console.log('scenario                          calls/s    p50 ms   p99 ms   vs baseline   failed');
    for (const r of results) {
      const ratio = r === baseline ? '1.00' : (r.rps / baseline.rps).toFixed(3);
      console.log(`${r.name.padEnd(32)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${ratio.padStart(13)} ${String(r.failed).padStart(8)}`);
    }
    const batch = results[2];
    console.log(`\nlog-batch metrics/s: ${(batch.rps * BATCH).toFixed(0)}`);
    console.log(
      `rows stored: log-metric ${stored.logMetric} (2xx answers ${storedMetricCalls}), log-batch ${stored.batch} (2xx answers x ${BATCH} = ${storedBatchCalls * BATCH}); ` +
        'the difference is requests in flight at the cut-off',
    );
    // In flight at the cut-off: at most one request per connection, per load run (warm-up + measured).
    const inFlight = 2 * CONNECTIONS;
    const lossless =
      stored.logMetric >= storedMetricCalls &&
      stored.logMetric <= storedMetricCalls + inFlight &&
      stored.batch >= storedBatchCalls * BATCH &&
      stored.batch <= (storedBatchCalls + inFlight) * BATCH;
    const logMetric = results[1];
    console.log(`target ${TARGET_LOG_METRIC_PER_S} log-metric calls/s: ${logMetric.rps >= TARGET_LOG_METRIC_PER_S ? 'met' : 'NOT met'}; every acknowledged write stored: ${lossless ? 'yes' : 'NO'}`);
    console.log(JSON.stringify({ results, stored, lossless, loadBefore }));
    if (!lossless) process.exitCode = 1;
  } finally {
    await Promise.all(children.map(stop));
    await dropDatabase(dbUrl);
    rmSync(artifacts, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
