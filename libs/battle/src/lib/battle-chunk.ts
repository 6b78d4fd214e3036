import { runBattle } from './battle-runner';
import type { BattleResult, BattleWinner } from './battle-runner';
import type { BattleSeed } from './battle-seed';

/**
 * Wire format between the pool and its workers: flat tuples and one Float64Array per chunk, so a
 * chunk of hundreds of battles costs one small structured clone each way (the result buffer moves).
 */
export type WireSpec = readonly [a: string, moveA: string, b: string, moveB: string, seed: BattleSeed];

export interface ChunkRequest {
  chunkId: number;
  maxTurns: number;
  specs: readonly WireSpec[];
}

export type ChunkResponse =
  | { chunkId: number; ok: true; results: Float64Array }
  | { chunkId: number; ok: false; error: string };

/** Values per battle in `ChunkResponse.results`: winner code, turns, hpA, hpB. */
export const RESULT_STRIDE = 4;

const WINNER_CODE: Record<BattleWinner, number> = { A: 1, B: -1, draw: 0 };

export function runChunk(request: ChunkRequest): Float64Array {
  const out = new Float64Array(request.specs.length * RESULT_STRIDE);
  request.specs.forEach(([a, moveA, b, moveB, seed], i) => {
    const r = runBattle({ a, moveA, b, moveB, seed }, { maxTurns: request.maxTurns });
    out.set([WINNER_CODE[r.winner], r.turns, r.hpA, r.hpB], i * RESULT_STRIDE);
  });
  return out;
}

export function decodeResult(results: Float64Array, i: number): BattleResult {
  const at = i * RESULT_STRIDE;
  const code = results[at];
  return {
    winner: code > 0 ? 'A' : code < 0 ? 'B' : 'draw',
    turns: results[at + 1],
    hpA: results[at + 2],
    hpB: results[at + 3],
  };
}
