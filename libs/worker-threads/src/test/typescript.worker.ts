// A worker entry that only starts when TypeScript is compiled on load: type syntax and a .ts import.
import { parentPort } from 'node:worker_threads';
import { workerLaunch } from '../lib/worker-launch';

const kind: string = typeof workerLaunch;
parentPort?.postMessage({ workerLaunch: kind });
