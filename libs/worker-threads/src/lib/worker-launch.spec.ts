import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerLaunch } from './worker-launch';

const entry = { source: 'echo.worker.ts', bundledName: 'echo-worker' };

describe('workerLaunch', () => {
  it('from TypeScript source: the .ts entry through @swc-node/register with the workspace tsconfig', () => {
    const launch = workerLaunch({ filename: join(__dirname, 'caller.ts'), dirname: __dirname }, entry);
    expect(launch.filename).toBe(join(__dirname, 'echo.worker.ts'));
    expect(launch.execArgv[0]).toBe('-r');
    expect(launch.execArgv[1]).toMatch(/@swc-node[/\\]register/);
    expect(launch.env['SWC_NODE_PROJECT']).toBe(resolve(__dirname, '../../../../tsconfig.base.json'));
  });

  it('from a bundle: the emitted <bundledName>.js beside it, else the compiled entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'worker-launch-'));
    try {
      const caller = { filename: join(dir, 'main.js'), dirname: dir };
      expect(workerLaunch(caller, entry)).toEqual({ filename: join(dir, 'echo.worker.js'), execArgv: [], env: process.env });
      writeFileSync(join(dir, 'echo-worker.js'), '');
      expect(workerLaunch(caller, entry).filename).toBe(join(dir, 'echo-worker.js'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts a worker written in TypeScript', async () => {
    const launch = workerLaunch({ filename: join(__dirname, 'caller.ts'), dirname: join(__dirname, '../test') }, { source: 'typescript.worker.ts', bundledName: 'unused' });
    const worker = new Worker(launch.filename, { execArgv: launch.execArgv, env: launch.env });
    try {
      const message = await new Promise((ok, fail) => {
        worker.once('message', ok);
        worker.once('error', fail);
      });
      expect(message).toEqual({ workerLaunch: 'function' });
    } finally {
      await worker.terminate();
    }
  });
});
