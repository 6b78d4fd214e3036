import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');
export const MLFLOW_WRITE_TOKEN = 'api-test-mlflow-writer-7d0c2b9e41f6a8';
export const MLFLOW_READ_TOKEN = 'api-test-mlflow-reader-3e8a1f5c90b2d4';

const running = new Set<ChildProcess>();

/** Kills every process a test started and left running (a failed assertion must not leave jest waiting). */
export function killAll(): void {
  for (const child of running) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** Starts an entry point from source exactly as `npm run start:<app>` does, in its own process group. */
export function spawnApp(entry: string, env: Record<string, string>, args: string[] = []): ChildProcess {
  const child = spawn(process.execPath, ['tools/node/run-ts.cjs', entry, ...args], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

export interface ChildOutput {
  output(): string;
  exited: Promise<number | null>;
}

export function watch(child: ChildProcess): ChildOutput {
  let text = '';
  child.stdout?.on('data', (d) => (text += d));
  child.stderr?.on('data', (d) => (text += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { output: () => text, exited };
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
