import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RESULT_STRIDE, decodeResult } from './battle-chunk';
import type { ChunkRequest, ChunkResponse, WireSpec } from './battle-chunk';
import { DEFAULT_MAX_TURNS } from './battle-runner';
import type { BattleResult, BattleSpec } from './battle-runner';
import { deriveBattleSeed } from './battle-seed';

/** Entry name of the worker bundle: an app's webpack config must emit it as `battle-worker.js` next to main.js. */
export const BATTLE_WORKER_ENTRY_NAME = 'battle-worker';

/**
 * Source path of the worker, for a webpack `additionalEntryPoints` entry. Meaningful when this file is
 * loaded from source; plain-JS configs can require libs/battle/battle-worker-entry.cjs instead.
 */
export const BATTLE_WORKER_ENTRY = join(__dirname, 'battle-worker.ts');

export interface ParallelBattleRunnerOptions {
  /** Worker threads; default os.availableParallelism(). */
  workers?: number;
  /** Battles per message; default: enough chunks for ~8 per worker, at most 500 battles each. */
  chunkSize?: number;
  maxTurns?: number;
  /** Override the worker script (a .js file, or a .ts file run through @swc-node/register). */
  workerScript?: string;
}

export interface ParallelRunOptions {
  /** Seeds of specs without one derive from (baseSeed, index): results do not depend on worker count. */
  baseSeed?: number;
  onProgress?: (done: number, total: number) => void;
}

interface WorkerLaunch {
  filename: string;
  execArgv: string[];
  env: NodeJS.ProcessEnv;
}

function findWorkspaceTsconfig(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.base.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * From source (Jest, run-ts, swc-node) the worker is the .ts file compiled on load by
 * @swc-node/register; from a build it is the emitted battle-worker.js beside this code.
 */
function workerLaunch(override?: string): WorkerLaunch {
  const filename = override ?? join(__dirname, __filename.endsWith('.ts') ? 'battle-worker.ts' : 'battle-worker.js');
  if (!filename.endsWith('.ts')) return { filename, execArgv: [], env: process.env };
  const env = { ...process.env };
  env['SWC_NODE_PROJECT'] ??= findWorkspaceTsconfig(dirname(filename));
  return { filename, execArgv: ['-r', '@swc-node/register'], env };
}

interface RunContext {
  onMessage(worker: Worker, response: ChunkResponse): void;
  fail(err: Error): void;
}

/**
 * A pool of worker threads running battles on the real engine. Results come back in input order and
 * are identical for any worker count or chunk size. Idle workers are unref'd, so a forgotten
 * `close()` never keeps a process alive; call it anyway to free the threads.
 */
export class ParallelBattleRunner {
  readonly workerCount: number;
  private readonly maxTurns: number;
  private readonly chunkSize?: number;
  private readonly launch: WorkerLaunch;
  private workers: Worker[] = [];
  private current?: RunContext;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: ParallelBattleRunnerOptions = {}) {
    this.workerCount = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    this.maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
    this.chunkSize = options.chunkSize;
    this.launch = workerLaunch(options.workerScript);
  }

  /** Runs the battles; concurrent calls are served one after another. */
  run(specs: readonly BattleSpec[], options: ParallelRunOptions = {}): Promise<BattleResult[]> {
    const next = this.queue.then(() => this.runNow(specs, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Terminates the workers. The runner cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    await this.terminateAll();
  }

  private async terminateAll(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const { filename, execArgv, env } = this.launch;
    const worker = new Worker(filename, { execArgv, env });
    worker.on('message', (response: ChunkResponse) => this.current?.onMessage(worker, response));
    // Listeners stay for the worker's lifetime so an idle worker's crash is never an unhandled event.
    worker.on('error', (err) => {
      this.workers = this.workers.filter((w) => w !== worker);
      this.current?.fail(err);
    });
    worker.on('exit', (code) => {
      if (!this.workers.includes(worker)) return;
      this.workers = this.workers.filter((w) => w !== worker);
      this.current?.fail(new Error(`Battle worker exited with code ${code}`));
    });
    return worker;
  }

  private async runNow(specs: readonly BattleSpec[], options: ParallelRunOptions): Promise<BattleResult[]> {
    if (this.closed) throw new Error('ParallelBattleRunner is closed');
    const total = specs.length;
    if (total === 0) return [];
    const baseSeed = options.baseSeed ?? 0;
    const wire: WireSpec[] = specs.map((s, i) => [s.a, s.moveA, s.b, s.moveB, s.seed ?? deriveBattleSeed(baseSeed, i)]);

    const chunkSize = Math.max(1, Math.floor(this.chunkSize ?? Math.min(500, Math.ceil(total / (this.workerCount * 8)))));
    const chunkCount = Math.ceil(total / chunkSize);
    const poolSize = Math.min(this.workerCount, chunkCount);
    while (this.workers.length < poolSize) this.workers.push(this.spawn());
    const active = this.workers.slice(0, poolSize);

    const results = new Array<BattleResult>(total);
    let nextChunk = 0;
    let inFlight = 0;
    let done = 0;

    try {
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        const settle = (err?: Error): void => {
          if (settled) return;
          settled = true;
          this.current = undefined;
          if (err) reject(err);
          else resolve();
        };
        const dispatch = (worker: Worker): void => {
          if (nextChunk >= chunkCount) {
            if (inFlight === 0) settle();
            return;
          }
          const chunkId = nextChunk++;
          const start = chunkId * chunkSize;
          const request: ChunkRequest = { chunkId, maxTurns: this.maxTurns, specs: wire.slice(start, start + chunkSize) };
          inFlight++;
          worker.postMessage(request);
        };
        this.current = {
          onMessage: (worker, response) => {
            if (settled) return;
            inFlight--;
            if (!response.ok) return settle(new Error(`Battle worker failed on chunk ${response.chunkId}: ${response.error}`));
            const start = response.chunkId * chunkSize;
            const count = response.results.length / RESULT_STRIDE;
            for (let i = 0; i < count; i++) results[start + i] = decodeResult(response.results, i);
            done += count;
            options.onProgress?.(done, total);
            dispatch(worker);
          },
          fail: (err) => settle(err),
        };
        for (const worker of active) {
          worker.ref();
          dispatch(worker);
        }
      });
    } catch (err) {
      // A failed or dead worker leaves chunks in flight: start from fresh workers next time.
      await this.terminateAll();
      throw err;
    } finally {
      for (const worker of this.workers) worker.unref();
    }
    return results;
  }
}

/** One-shot convenience: start a pool, run, close. */
export async function runBattlesInParallel(
  specs: readonly BattleSpec[],
  options: ParallelBattleRunnerOptions & ParallelRunOptions = {},
): Promise<BattleResult[]> {
  const runner = new ParallelBattleRunner(options);
  try {
    return await runner.run(specs, options);
  } finally {
    await runner.close();
  }
}
