import { ChildProcess, fork } from 'node:child_process';
import { join, resolve } from 'node:path';

export { freePort } from '@predictiondex/testing';

export const BENCH_ROOT = resolve(__dirname, '../../..');
const runTs = join(BENCH_ROOT, 'tools/node/run-ts.cjs');

/** The baseline server every HTTP benchmark compares with (GET /hello/:id, POST /hello). */
export const HELLO_FASTIFY = 'tools/bench/common/hello-fastify.ts';

/** Polls until `url` answers 2xx (a GET, or a POST for endpoints that only take POST). */
export async function waitForOk(url: string, timeoutMs: number, method: 'GET' | 'POST' = 'GET'): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url, { method })).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Forks a process to measure: a bundled .js entry as it is, a .ts entry through run-ts. The
 * environment is `env` alone (plus PATH) unless `inheritEnv`, so a benchmark controls exactly what
 * the measured process sees. Its stdout is discarded unless BENCH_CHILD_STDOUT is set (to read
 * `--trace-gc` output, say).
 */
export function startBenchProcess(
  entry: string,
  argv: string[],
  env: Record<string, string>,
  options: { inheritEnv?: boolean; execArgv?: string[] } = {},
): ChildProcess {
  const js = entry.endsWith('.js');
  return fork(js ? join(BENCH_ROOT, entry) : runTs, js ? argv : [entry, ...argv], {
    cwd: BENCH_ROOT,
    // Node flags NODE_OPTIONS refuses (--cpu-prof): for profiling the measured process.
    ...(options.execArgv ? { execArgv: options.execArgv } : {}),
    env: options.inheritEnv ? { ...process.env, ...env } : { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', process.env['BENCH_CHILD_STDOUT'] ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
export function stopBenchProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    child.once('exit', () => ok());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}
