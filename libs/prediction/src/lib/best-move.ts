import { FEATURE_COUNT, combatantFromDex } from '@predictiondex/battle';
import type { MoveEstimate } from '@predictiondex/battle';
import { FeatureRowCache } from './feature-row-cache';
import type { DexMove, DexPokemon } from './pokedex-snapshot';

/** What scoring needs from a model: P(A wins) per feature row (BattleModel satisfies it). */
export interface WinProbabilityModel {
  predict(features: Float32Array, rows: number): Float32Array;
}

export interface MoveScore {
  move: DexMove;
  /** A's move against B, from the engine's data (power after callbacks, STAB, type multiplier). */
  estimate: Readonly<MoveEstimate>;
  /** B's strongest reply to this move: the one the model rates worst for A. */
  reply: DexMove;
  /** P(A wins) when A repeats `move` and B repeats `reply`: the ranking key. */
  winProbability: number;
  /** Mean P(A wins) over every reply considered: how the move fares against an unknown reply. */
  meanWinProbability: number;
  /** Index of the (move, reply) row in `features`. */
  row: number;
}

export interface BestMoveScoring {
  /** Best first: highest winProbability, then highest meanWinProbability, then name. */
  ranked: MoveScore[];
  /** Every (A move × B reply) row sent to the model, row-major, A's moves outermost (a view of the scratch buffer when one was given). */
  features: Float32Array;
  rows: number;
  /** The replies considered for B. */
  replies: readonly DexMove[];
}

/**
 * A reusable feature buffer for synchronous scoring: a request's rows are written into the same
 * memory every time instead of a fresh array per request (less garbage under load). Only valid
 * until the next `take`: read what you need from a scoring before scoring again.
 */
export class FeatureScratch {
  private buffer = new Float32Array(0);

  take(rows: number): Float32Array {
    const length = rows * FEATURE_COUNT;
    if (this.buffer.length < length) this.buffer = new Float32Array(Math.max(length, this.buffer.length * 2));
    return this.buffer.subarray(0, length);
  }
}

/** A row of `features`, copied (what the prediction log keeps). */
export function featureRow(features: Float32Array, row: number): Float32Array {
  return features.slice(row * FEATURE_COUNT, (row + 1) * FEATURE_COUNT);
}

export interface MatchupInput {
  a: DexPokemon;
  movesA: readonly DexMove[];
  b: DexPokemon;
  replies: readonly DexMove[];
}

/** The feature rows of a best-move question, before the model sees them. */
export interface MatchupRows {
  input: MatchupInput;
  /** Every (A move × B reply) row, row-major, A's moves outermost. Read-only: it may be a cached block shared with other requests. */
  features: Float32Array;
  rows: number;
  /** estimateMove(A, move, B) for each of A's moves (the answer's power, STAB, multiplier). */
  estimates: readonly Readonly<MoveEstimate>[];
}

/**
 * Builds every (A move × B reply) row with libs/battle's `writeFeatures` from Showdown ids,
 * exactly as training does: into the scratch buffer when given (through the row cache), else as
 * the row cache's block for the whole question (a repeated question costs one lookup).
 */
export function buildMatchupRows(input: MatchupInput, cache?: FeatureRowCache, scratch?: FeatureScratch): MatchupRows {
  const { a, b, movesA, replies } = input;
  if (movesA.length === 0 || replies.length === 0) throw new Error('scoreBestMove needs at least one move per side');
  const ca = combatantFromDex(a.showdownId);
  const cb = combatantFromDex(b.showdownId);
  const rows = movesA.length * replies.length;
  const rowCache = cache ?? new FeatureRowCache(0);
  if (!scratch) {
    const block = rowCache.matchup(
      ca,
      movesA.map((m) => m.showdownId),
      cb,
      replies.map((m) => m.showdownId),
    );
    return { input, features: block.features, rows, estimates: block.estimates };
  }
  const features = scratch.take(rows);
  let r = 0;
  for (const ma of movesA) {
    for (const mb of replies) rowCache.write(features, r++ * FEATURE_COUNT, ca, ma.showdownId, cb, mb.showdownId);
  }
  return { input, features, rows, estimates: movesA.map((m) => rowCache.estimate(ca, m.showdownId, cb)) };
}

/**
 * The minimax over the model's own predictions: each of A's moves is scored by P(A wins) against
 * B's strongest reply (the reply worst for A), with the mean over replies as a second key.
 */
export function rankMoves(matchup: MatchupRows, p: ArrayLike<number>): BestMoveScoring {
  const { movesA, replies } = matchup.input;
  if (p.length !== matchup.rows) throw new Error(`expected ${matchup.rows} probabilities, got ${p.length}`);
  const ranked: MoveScore[] = movesA.map((move, i) => {
    let worst = i * replies.length;
    let sum = 0;
    for (let j = 0; j < replies.length; j++) {
      const row = i * replies.length + j;
      sum += p[row];
      if (p[row] < p[worst]) worst = row;
    }
    return {
      move,
      estimate: matchup.estimates[i],
      reply: replies[worst - i * replies.length],
      winProbability: p[worst],
      meanWinProbability: sum / replies.length,
      row: worst,
    };
  });
  ranked.sort(
    (x, y) =>
      y.winProbability - x.winProbability ||
      y.meanWinProbability - x.meanWinProbability ||
      (x.move.name < y.move.name ? -1 : x.move.name > y.move.name ? 1 : 0),
  );
  return { ranked, features: matchup.features, rows: matchup.rows, replies };
}

/**
 * Scores each of A's moves by the model's P(A wins) against B's strongest reply among `replies`,
 * every (move, reply) row through the model in one batch call. Synchronous; the api batches
 * concurrent requests with `PredictionBatcher` + `buildMatchupRows`/`rankMoves` instead.
 */
export function scoreBestMove(model: WinProbabilityModel, input: MatchupInput, cache?: FeatureRowCache, scratch?: FeatureScratch): BestMoveScoring {
  const matchup = buildMatchupRows(input, cache, scratch);
  return rankMoves(matchup, model.predict(matchup.features, matchup.rows));
}
