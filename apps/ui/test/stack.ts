import { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QUEUES, redisOptionsFromUrl } from '@predictiondex/queues';
import {
  createTestDatabase,
  deleteRedisPrefix,
  killAll,
  randomPort,
  runService,
  spawnService,
  TEST_REDIS_URL,
  testQueuePrefix,
  TestDatabase,
  waitForHttp,
  watch,
  WORKSPACE_ROOT,
} from '@predictiondex/testing';
import { Job, Queue, QueueEvents } from 'bullmq';
import { spawn } from 'node:child_process';

export const UI_KEY = 'dev-only-ui-e2e-key-0123456789';
/** An operator's key (admin): runs a drift check through the api, opens the queue dashboard. */
export const ADMIN_KEY = 'dev-only-ops-e2e-key-0123456789';
const WRITE_TOKEN = 'dev-only-ui-e2e-write-token-000';
export const READ_TOKEN = 'dev-only-ui-e2e-read-token-0000';

/** A small, quick model: 12 species, no grid search, no Monte-Carlo check (~15 s on two cores). */
const SMALL_BUILD = { ML_MAX_SPECIES: '12', ML_TUNE_HYPERPARAMS: 'false', ML_MC_PAIRS: '0', ML_NUM_RANDOM_SAMPLES: '3', ML_WORKERS: '1' };

export interface Stack {
  db: TestDatabase;
  prefix: string;
  sandbox: string;
  mlflowUrl: string;
  apiUrl: string;
  uiUrl: string;
  api: ChildProcess;
  /** What each process printed so far (for failure messages). */
  logs: Record<string, () => string>;
  /** The ETL run the stack loaded, and the ml-build job it enqueued. */
  etlRunId: number;
  buildJobId: string;
  /** Runs an `ml-builder` command (e.g. `rollback 1`) against the stack, as an operator would. */
  mlBuilder(args: string[]): ReturnType<typeof runService>;
  teardown(): Promise<void>;
}

async function started(name: string, child: ChildProcess, url: string, logs: Stack['logs'], timeoutMs = 90_000): Promise<void> {
  logs[name] = watch(child).output;
  if (!(await waitForHttp(url, timeoutMs, child))) throw new Error(`${name} did not become ready at ${url}:\n${logs[name]()}`);
}

/** vite build of the current sources into `outDir` (the suite never serves a stale dist/). */
function buildSpa(outDir: string): { done: Promise<void>; kill: () => void } {
  let kill = () => undefined as void;
  const done = new Promise<void>((resolve, reject) => {
    const vite = path.join(WORKSPACE_ROOT, 'node_modules/vite/bin/vite.js');
    const child = spawn(process.execPath, [vite, 'build', '-c', 'apps/ui/vite.config.mts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: WORKSPACE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${out}`))));
    kill = () => void child.kill('SIGKILL');
  });
  return { done, kill };
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * The whole serving stack as real processes on this machine: a migrated test database loaded by the
 * real ETL, mlflow-proxy, two small models trained by ml-builder (the worker consuming the ETL's build
 * job, then a `pipeline` run with another seed: a version history), the api serving the champion,
 * and the ui serving a fresh build of the SPA.
 */
export async function startStack(label: string): Promise<Stack> {
  const logs: Stack['logs'] = {};
  const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), `pdx-${label}-`));
  const prefix = testQueuePrefix(label);
  const db = await createTestDatabase(label);
  let queue: Queue | undefined;
  let events: QueueEvents | undefined;
  let spa: ReturnType<typeof buildSpa> | undefined;
  const teardown = async () => {
    killAll();
    spa?.kill();
    await events?.close().catch(() => undefined);
    await queue?.close().catch(() => undefined);
    await deleteRedisPrefix(prefix).catch(() => undefined);
    await db.drop().catch(() => undefined);
    fs.rmSync(sandbox, { recursive: true, force: true });
  };
  try {
    spa = buildSpa(path.join(sandbox, 'spa'));
    spa.done.catch(() => undefined);
    const common = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix };

    const mlflowPort = randomPort();
    const mlflowUrl = `http://127.0.0.1:${mlflowPort}`;
    const mlflow = spawnService('apps/mlflow-proxy/src/main.ts', [], {
      PORT: String(mlflowPort),
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      MLFLOW_ARTIFACT_ROOT: path.join(sandbox, 'artifacts'),
      MLFLOW_TOKENS: `ml-builder:${WRITE_TOKEN}:write,readers:${READ_TOKEN}:read`,
    });
    await started('mlflow-proxy', mlflow, `${mlflowUrl}/health`, logs);

    const etl = await runService('apps/etl/src/main.ts', ['--once'], common);
    if (etl.code !== 0) throw new Error(`etl failed:\n${etl.stdout}\n${etl.stderr}`);
    const { runId: etlRunId, buildJobId } = JSON.parse(etl.lastLine) as { runId: number; buildJobId: string };

    const build = { ...common, ...SMALL_BUILD, MLFLOW_TRACKING_URI: mlflowUrl, MLFLOW_TRACKING_TOKEN: WRITE_TOKEN, ML_DATA_DIR: path.join(sandbox, 'datasets') };
    const worker = spawnService('apps/ml-builder/src/main.ts', [], { ...build, HEALTH_PORT: String(randomPort()) });
    logs['ml-builder'] = watch(worker).output;

    const apiPort = randomPort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const api = spawnService('apps/api/src/main.ts', [], {
      ...common,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      API_KEYS: `ui:${UI_KEY}:read|predict,ops:${ADMIN_KEY}:admin`,
      MLFLOW_TRACKING_URI: mlflowUrl,
      MLFLOW_TRACKING_TOKEN: READ_TOKEN,
      MODEL_CACHE_DIR: path.join(sandbox, 'model-cache'),
      MODEL_POLL_INTERVAL_MS: '2000',
      // Drift checks on demand (the suite asks for one) over the few predictions a test makes.
      DRIFT_CHECK_INTERVAL_MINUTES: '0',
      DRIFT_MIN_ROWS: '20',
    });
    await started('api', api, `${apiUrl}/health/ready`, logs);

    queue = new Queue(QUEUES.mlBuild, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    events = new QueueEvents(QUEUES.mlBuild, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });
    await events.waitUntilReady();
    const job = await Job.fromId(queue, buildJobId);
    if (!job) throw new Error(`build job ${buildJobId} not found`);
    await job.waitUntilFinished(events, 180_000).catch((e: Error) => {
      throw new Error(`build job failed: ${e.message}\n${logs['ml-builder']()}`);
    });

    // A second version, trained on another seed's dataset: the Model page has a history to chart.
    const second = await runService('apps/ml-builder/src/main.ts', ['pipeline'], { ...build, ML_SEED: '7' });
    if (second.code !== 0) throw new Error(`second build failed:\n${second.stdout}\n${second.stderr}`);

    // The api follows the champion (model.published event, or its poll).
    const champion = await waitFor(
      'the champion in the registry',
      async () => {
        const res = await fetch(`${mlflowUrl}/api/2.0/mlflow/registered-models/alias?name=battle-winner&alias=champion`, { headers: { authorization: `Bearer ${READ_TOKEN}` } });
        return res.ok ? ((await res.json()) as { model_version: { version: string } }).model_version.version : undefined;
      },
      10_000,
    );
    await waitFor(
      `the api serving model v${champion}`,
      async () => {
        const res = await fetch(`${apiUrl}/predict/model-info`, { headers: { 'x-api-key': UI_KEY } });
        return res.ok && ((await res.json()) as { version: string }).version === champion ? true : undefined;
      },
      30_000,
    );

    await spa.done;
    const uiPort = randomPort();
    const uiUrl = `http://127.0.0.1:${uiPort}`;
    const ui = spawnService('apps/ui/src/main.ts', [], {
      ...common,
      PORT: String(uiPort),
      HOST: '127.0.0.1',
      API_URL: apiUrl,
      UI_API_KEY: UI_KEY,
      MLFLOW_TRACKING_URI: mlflowUrl,
      MLFLOW_TRACKING_TOKEN: READ_TOKEN,
      UI_STATIC_DIR: path.join(sandbox, 'spa'),
      UI_BUILD_IF_MISSING: 'false',
      GRAFANA_URL: 'http://127.0.0.1:3001/d/predictiondex',
    });
    await started('ui', ui, `${uiUrl}/health/ready`, logs);

    const mlBuilder = (args: string[]) => runService('apps/ml-builder/src/main.ts', args, build);
    return { db, prefix, sandbox, mlflowUrl, apiUrl, uiUrl, api, logs, etlRunId, buildJobId, mlBuilder, teardown };
  } catch (e) {
    await teardown();
    throw e;
  }
}
