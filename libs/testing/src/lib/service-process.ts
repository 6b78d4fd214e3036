import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  lastLine: string;
}

const running = new Set<ChildProcess>();

/** Kills every process a test started and left running (a failed assertion must not leave Jest waiting on it). */
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

/** Starts an app entry point from source, as the npm scripts do, in its own process group. */
export function spawnService(entry: string, args: string[], env: Record<string, string>): ChildProcess {
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

/** The process's result once it exits; `output()` reads what it printed so far (for failure messages). */
export function watch(child: ChildProcess): { done: Promise<ProcessResult>; output: () => string } {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const done = new Promise<ProcessResult>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr, lastLine: stdout.trim().split('\n').pop() ?? '' })),
  );
  return { done, output: () => stdout + stderr };
}

export const collect = (child: ChildProcess): Promise<ProcessResult> => watch(child).done;

export const runService = (entry: string, args: string[], env: Record<string, string>) => collect(spawnService(entry, args, env));

/** Polls a URL until it answers 200 (or the process exits, or the time runs out). */
export async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) return false;
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

export const randomPort = (): number => 20000 + Math.floor(Math.random() * 20000);

/** A port the OS says is free right now (unlike randomPort, never one already taken). */
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
