import type { ChildProcess } from 'node:child_process';
import { freePort, spawnService, watch as watchProcess } from '@predictiondex/testing';

export { freePort, killAll } from '@predictiondex/testing';

export const MLFLOW_WRITE_TOKEN = 'api-test-mlflow-writer-7d0c2b9e41f6a8';
export const MLFLOW_READ_TOKEN = 'api-test-mlflow-reader-3e8a1f5c90b2d4';

/** Starts an entry point from source exactly as `npm run start:<app>` does, in its own process group. */
export const spawnApp = (entry: string, env: Record<string, string>, args: string[] = []): ChildProcess => spawnService(entry, args, env);

export interface ChildOutput {
  output(): string;
  exited: Promise<number | null>;
}

export function watch(child: ChildProcess): ChildOutput {
  const { done, output } = watchProcess(child);
  return { output, exited: done.then((r) => r.code) };
}

export async function waitForHttp(url: string, child: ChildProcess, out: ChildOutput, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before ${url} answered:\n${out.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} not ready after ${timeoutMs} ms:\n${out.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface MlflowProxy {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** apps/mlflow-proxy as a child process (embedded mode) on a free port, storing in `databaseUrl` (schema mlflow). */
export async function startMlflowProxy(databaseUrl: string, artifactRoot: string): Promise<MlflowProxy> {
  const port = await freePort();
  const child = spawnApp('apps/mlflow-proxy/src/main.ts', {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    MLFLOW_ARTIFACT_ROOT: artifactRoot,
    MLFLOW_TOKENS: `builder:${MLFLOW_WRITE_TOKEN}:write,api:${MLFLOW_READ_TOKEN}:read`,
  });
  const out = watch(child);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health/live`, child, out);
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
      await out.exited;
      clearTimeout(timer);
    },
  };
}
