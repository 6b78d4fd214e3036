import {
  FEATURE_COUNT,
  battleMovesFor,
  bestMove,
  combatantFromDex,
  deriveBattleSeed,
  legalSpeciesIds,
  runBattle,
  writeFeatures,
} from '@predictiondex/battle';
import { currentFeatureSpec, MODEL_NAME, ModelMetadata } from '@predictiondex/model';
import type { ModelPackageFiles } from '@predictiondex/model';
import { DMatrix, train } from '@predictiondex/xgboost';

export interface SmallModelOptions {
  /** Engine battles to learn from (default 300). */
  battles?: number;
  rounds?: number;
  maxDepth?: number;
  seed?: number;
  /** Recorded in the metadata (tests tell versions apart by it). */
  label?: string;
}

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A real, small battle-winner model for tests and benchmarks: random LGPE pairs, each side's best
 * move half of the time and a random battle move otherwise, labelled by the real engine, features
 * from libs/battle, trained by the real libxgboost. Not a substitute for ml-builder's model: a
 * fixture that behaves like one (same package, same features, same library).
 */
export function trainSmallBattleModel(options: SmallModelOptions = {}): ModelPackageFiles {
  const battles = options.battles ?? 300;
  const rounds = options.rounds ?? 10;
  const seed = options.seed ?? 1;
  const random = mulberry32(seed);
  const species = legalSpeciesIds();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

  const data = new Float32Array(battles * FEATURE_COUNT);
  const labels = new Float32Array(battles);
  for (let i = 0; i < battles; i++) {
    const a = pick(species);
    const b = pick(species);
    const ca = combatantFromDex(a);
    const cb = combatantFromDex(b);
    const moveA = random() < 0.5 ? bestMove(ca, cb) : pick(battleMovesFor(a));
    const moveB = random() < 0.5 ? bestMove(cb, ca) : pick(battleMovesFor(b));
    writeFeatures(data, i * FEATURE_COUNT, ca, moveA, cb, moveB);
    labels[i] = runBattle({ a, moveA, b, moveB, seed: deriveBattleSeed(seed, i) }).winner === 'A' ? 1 : 0;
  }

  const dtrain = DMatrix.fromDense({ data, nrow: battles, ncol: FEATURE_COUNT, labels });
  const params = { objective: 'binary:logistic' as const, max_depth: options.maxDepth ?? 4, eta: 0.3, nthread: 1, seed };
  const result = train({ params, rounds, dtrain });
  try {
    const p = result.booster.predictDense({ data, nrow: battles, ncol: FEATURE_COUNT });
    let correct = 0;
    for (let i = 0; i < battles; i++) if (p[i] >= 0.5 === labels[i] >= 0.5) correct++;
    const metadata: ModelMetadata = {
      name: MODEL_NAME,
      trainedAt: new Date().toISOString(),
      featureVersion: currentFeatureSpec().featureVersion,
      datasetFingerprint: `small-test-model-${battles}-${seed}${options.label ? `-${options.label}` : ''}`,
      dexFingerprint: 'showdown',
      params: { battles, rounds, max_depth: params.max_depth, eta: params.eta, seed, label: options.label ?? '' },
      metrics: { train_accuracy: correct / battles },
      bestIteration: result.bestIteration,
    };
    return { booster: result.booster.saveModelToBuffer('json'), featureSpec: currentFeatureSpec(), metadata };
  } finally {
    result.booster.free();
    dtrain.free();
  }
}
