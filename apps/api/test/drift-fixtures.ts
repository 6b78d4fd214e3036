import { battleMovesFor, bestMove, combatantFromDex, FEATURE_COUNT, legalSpeciesIds, SpeciesId, writeFeatures } from '@predictiondex/battle';
import { REFERENCE_SAMPLE_ARTIFACT, referenceSampleIpc } from '@predictiondex/dataset';
import type { MlflowClient } from '@predictiondex/mlflow-client';

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
 * Feature rows of battle matchups as the training side samples them (random LGPE pairs, each side
 * its best move half of the time, a random damaging move otherwise), built by libs/battle. With
 * `species`, both sides come from that short list and always play their best move: the requests of
 * users who only ever ask about a few favourites, a shifted distribution.
 */
export function battleFeatureRows(rows: number, seed: number, species?: readonly SpeciesId[]): Float32Array {
  const random = mulberry32(seed);
  const pool = species ?? legalSpeciesIds();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const out = new Float32Array(rows * FEATURE_COUNT);
  for (let i = 0; i < rows; i++) {
    const a = pick(pool);
    const b = pick(pool);
    const ca = combatantFromDex(a);
    const cb = combatantFromDex(b);
    const moveA = species || random() < 0.5 ? bestMove(ca, cb) : pick(battleMovesFor(a));
    const moveB = species || random() < 0.5 ? bestMove(cb, ca) : pick(battleMovesFor(b));
    writeFeatures(out, i * FEATURE_COUNT, ca, moveA, cb, moveB);
  }
  return out;
}

/** Row vectors (one array per prediction) of a flat feature matrix, as prediction_log stores them. */
export function featureVectors(features: Float32Array): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < features.length; i += FEATURE_COUNT) out.push(Array.from(features.subarray(i, i + FEATURE_COUNT)));
  return out;
}

/**
 * Stores a training reference sample on a run exactly as ml-builder does (libs/training's build
 * pipeline): libs/dataset's referenceSampleIpc over the training rows, at reference/features.arrow.
 */
export async function uploadReferenceSample(client: MlflowClient, runId: string, features: Float32Array, seed = 1): Promise<void> {
  const rows = Array.from({ length: features.length / FEATURE_COUNT }, (_, i) => i);
  await client.uploadArtifact(runId, REFERENCE_SAMPLE_ARTIFACT, Buffer.from(referenceSampleIpc(features, rows, seed)));
}
