import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Name of the worker bundle an app's webpack build must emit next to main.js
 * (`xgboost-training-worker.js`); libs/xgboost/webpack-entry.cjs has the entry to add.
 */
export const TRAINING_WORKER_ENTRY_NAME = 'xgboost-training-worker';

/** Source of the worker entry point, for build configs written in TS. */
export const TRAINING_WORKER_SOURCE = join(__dirname, 'training-worker.ts');

export interface WorkerLaunch {
  filename: string;
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * How to start the training worker from wherever this module is running:
 * - from TS source (Jest, `run-ts.cjs`): the .ts entry through @swc-node/register;
 * - from an app's webpack bundle: `xgboost-training-worker.js` beside the bundle;
 * - from plain tsc output: the compiled `training-worker.js` beside this file.
 */
export function trainingWorkerLaunch(): WorkerLaunch {
  if (__filename.endsWith('.ts')) {
    const workspaceRoot = join(__dirname, '../../../..');
    // Resolved at run time from the workspace so a bundler never tries to follow it.
    const register = createRequire(join(workspaceRoot, 'package.json')).resolve('@swc-node/register');
    return {
      filename: TRAINING_WORKER_SOURCE,
      execArgv: ['-r', register],
      env: { ...process.env, SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.base.json') },
    };
  }
  const bundled = join(__dirname, `${TRAINING_WORKER_ENTRY_NAME}.js`);
  return { filename: existsSync(bundled) ? bundled : join(__dirname, 'training-worker.js') };
}
