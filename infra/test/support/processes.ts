import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';

export interface CommandResult {
  code: number | null;
  output: string;
}

/** Runs a command to completion (promtool, amtool) and returns its exit code and output. */
export function runCommand(command: string, args: string[], cwd: string): CommandResult {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

const started = new Set<ChildProcess>();

export interface Daemon {
  child: ChildProcess;
  output: () => string;
}

/** Starts a long-running binary in its own process group; `stopDaemons()` kills every one of them. */
export function startDaemon(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Daemon {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  started.add(child);
  child.on('exit', () => started.delete(child));
  return { child, output: () => out };
}

/** Kills every daemon started by this test file (SIGKILL to the process group), waiting for them to exit. */
export async function stopDaemons(): Promise<void> {
  const exits = [...started].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          resolve();
        }
      }),
  );
  await Promise.all(exits);
  started.clear();
}

/** A port the OS says is free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value (not undefined/false) or the time is up; returns the last value. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs: number, intervalMs = 250): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) return undefined;
    await sleep(intervalMs);
  }
}
