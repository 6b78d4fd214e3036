import { BattleResult, BattleSpec, combatantFromDex, Combatant, FEATURE_COUNT, FEATURE_VERSION, FEATURE_NAMES, ParallelBattleRunner, SpeciesId, writeFeatures } from '@predictiondex/battle';
import { DatasetSettings } from './dataset-settings';
import { PlannedBattle, planBattles, battleSpecies } from './scenario-plan';

export interface BuiltDataset {
  plan: PlannedBattle[];
  results: BattleResult[];
  /** rows x FEATURE_COUNT, row-major. */
  features: Float32Array;
  species: number;
  battleMs: number;
  workers: number;
}

export interface BuildProgress {
  stage: 'battles' | 'features';
  done: number;
  total: number;
}

/**
 * Plans the battles, lets the real engine play them on every core, and builds each row's features
 * with the same function the api uses at serving time.
 */
export async function buildDataset(
  settings: DatasetSettings,
  options: { workers?: number; onProgress?: (p: BuildProgress) => void } = {},
): Promise<BuiltDataset> {
  const plan = planBattles(settings);
  const runner = new ParallelBattleRunner({ workers: options.workers, maxTurns: settings.maxTurns });
  const started = Date.now();
  let results: BattleResult[];
  try {
    const specs: BattleSpec[] = plan.map((p) => ({ a: p.a, moveA: p.moveA, b: p.b, moveB: p.moveB, seed: p.seed }));
    results = await runner.run(specs, { baseSeed: settings.seed, onProgress: (done, total) => options.onProgress?.({ stage: 'battles', done, total }) });
  } finally {
    await runner.close();
  }
  const battleMs = Date.now() - started;

  const combatants = new Map<SpeciesId, Combatant>(battleSpecies(settings).map((id) => [id, combatantFromDex(id)]));
  const features = new Float32Array(plan.length * FEATURE_COUNT);
  plan.forEach((p, i) => {
    writeFeatures(features, i * FEATURE_COUNT, combatants.get(p.a)!, p.moveA, combatants.get(p.b)!, p.moveB);
    if (i % 20_000 === 0) options.onProgress?.({ stage: 'features', done: i, total: plan.length });
  });
  options.onProgress?.({ stage: 'features', done: plan.length, total: plan.length });
  if (FEATURE_NAMES.length !== FEATURE_COUNT) throw new Error(`feature spec ${FEATURE_VERSION} is inconsistent`);
  return { plan, results, features, species: combatants.size, battleMs, workers: runner.workerCount };
}
