import { collect, spawnService } from '@predictiondex/testing';

export { collect, killAll, watch } from '@predictiondex/testing';

/** Starts the etl app from source exactly as `npm run etl` does. */
export const spawnEtl = (args: string[], env: Record<string, string>) => spawnService('apps/etl/src/main.ts', args, env);

export const runEtl = (args: string[], env: Record<string, string>) => collect(spawnEtl(args, env));
