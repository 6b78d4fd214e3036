import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What `new Worker(filename, { execArgv, env })` needs to start an entry. */
export interface WorkerLaunch {
  filename: string;
  execArgv: string[];
  env: NodeJS.ProcessEnv;
}

/** The module that starts the worker: pass `{ filename: __filename, dirname: __dirname }`. */
export interface WorkerCaller {
  filename: string;
  dirname: string;
}

export interface WorkerEntry {
  /** The entry's TypeScript file, relative to the caller's folder (`prediction-log.worker.ts`). */
  source: string;
  /** The name an app's webpack config emits it under, next to main.js (`prediction-log-worker` → `prediction-log-worker.js`). */
  bundledName: string;
}

function workspaceRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.base.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Where a worker-thread entry is and how to start it, wherever the calling module runs:
 * - from TypeScript source (Jest, `run-ts.cjs`, `nx serve`): the .ts entry, compiled on load by
 *   @swc-node/register with the workspace's tsconfig (so path aliases resolve in the worker too);
 * - from an app's webpack bundle: `<bundledName>.js` beside main.js (the app's webpack config adds
 *   the entry to `additionalEntryPoints`);
 * - from plain tsc output: the compiled entry beside the caller.
 */
export function workerLaunch(caller: WorkerCaller, entry: WorkerEntry): WorkerLaunch {
  if (caller.filename.endsWith('.ts')) {
    const filename = join(caller.dirname, entry.source);
    const root = workspaceRoot(caller.dirname);
    const env = { ...process.env };
    // Resolved at run time from the workspace, so a bundler never tries to follow it.
    const register = root ? createRequire(join(root, 'package.json')).resolve('@swc-node/register') : '@swc-node/register';
    if (root) env['SWC_NODE_PROJECT'] ??= join(root, 'tsconfig.base.json');
    return { filename, execArgv: ['-r', register], env };
  }
  const bundled = join(caller.dirname, `${entry.bundledName}.js`);
  const compiled = join(caller.dirname, entry.source.replace(/\.ts$/, '.js'));
  return { filename: existsSync(bundled) ? bundled : compiled, execArgv: [], env: process.env };
}
