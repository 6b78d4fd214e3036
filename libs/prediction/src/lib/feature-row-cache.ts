import { estimateMove, FEATURE_COUNT, writeFeatures } from '@predictiondex/battle';
import type { Combatant, MoveEstimate, MoveId } from '@predictiondex/battle';

/** Every row of one best-move question, and the estimates of A's moves: shared, never modified. */
export interface MatchupBlock {
  /** (A move × B reply) rows, row-major, A's moves outermost. Read-only: later requests get the same array. */
  readonly features: Float32Array;
  /** estimateMove(A, move, B) for each of A's moves, in order. */
  readonly estimates: readonly Readonly<MoveEstimate>[];
}

/**
 * Feature rows are a pure function of (A, A's move, B, B's move) and the code version, so a row
 * computed once is reused by later requests (the same matchups come back: a UI, a load test).
 * Two levels: whole questions (`matchup`: one lookup per request, no copy) and single rows (a new
 * question made of rows seen before). Each bounded, first-in first-out: about 550 bytes per row,
 * 20,000 rows ≈ 11 MB per level.
 */
export class FeatureRowCache {
  private readonly rows = new Map<string, Float32Array>();
  private readonly estimates = new Map<string, Readonly<MoveEstimate>>();
  private readonly blocks = new Map<string, MatchupBlock>();
  private blockRows = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxRows = 20_000) {}

  get size(): number {
    return this.rows.size;
  }

  /** The block of (a × movesA) against (b × replies), built through the row cache the first time. */
  matchup(a: Combatant, movesA: readonly MoveId[], b: Combatant, replies: readonly MoveId[]): MatchupBlock {
    const key = `${a.speciesId}|${b.speciesId}|${movesA.join(',')}|${replies.join(',')}`;
    const cached = this.blocks.get(key);
    if (cached) {
      this.hits += cached.estimates.length * replies.length;
      return cached;
    }
    const rows = movesA.length * replies.length;
    const features = new Float32Array(rows * FEATURE_COUNT);
    let r = 0;
    for (const ma of movesA) {
      for (const mb of replies) this.write(features, r++ * FEATURE_COUNT, a, ma, b, mb);
    }
    const block: MatchupBlock = Object.freeze({ features, estimates: Object.freeze(movesA.map((m) => this.estimate(a, m, b))) });
    if (this.maxRows > 0 && rows <= this.maxRows) {
      while (this.blockRows + rows > this.maxRows) {
        const [oldestKey, oldest] = this.blocks.entries().next().value as [string, MatchupBlock];
        this.blocks.delete(oldestKey);
        this.blockRows -= oldest.features.length / FEATURE_COUNT;
      }
      this.blocks.set(key, block);
      this.blockRows += rows;
    }
    return block;
  }

  /** Writes the row of (a, moveA, b, moveB) into `out` at `offset`, from the cache when it has it. */
  write(out: Float32Array, offset: number, a: Combatant, moveA: MoveId, b: Combatant, moveB: MoveId): void {
    const key = `${a.speciesId}|${moveA}|${b.speciesId}|${moveB}`;
    const cached = this.rows.get(key);
    if (cached) {
      this.hits++;
      out.set(cached, offset);
      return;
    }
    this.misses++;
    writeFeatures(out, offset, a, moveA, b, moveB);
    if (this.maxRows <= 0) return;
    if (this.rows.size >= this.maxRows) this.rows.delete(this.rows.keys().next().value as string);
    this.rows.set(key, out.slice(offset, offset + FEATURE_COUNT));
  }

  /** `estimateMove(attacker, move, defender)`, cached the same way (the response's power, STAB, multiplier). */
  estimate(attacker: Combatant, move: MoveId, defender: Combatant): Readonly<MoveEstimate> {
    const key = `${attacker.speciesId}|${move}|${defender.speciesId}`;
    let estimate = this.estimates.get(key);
    if (!estimate) {
      estimate = Object.freeze(estimateMove(attacker, move, defender));
      if (this.maxRows > 0) {
        if (this.estimates.size >= this.maxRows) this.estimates.delete(this.estimates.keys().next().value as string);
        this.estimates.set(key, estimate);
      }
    }
    return estimate;
  }

  clear(): void {
    this.rows.clear();
    this.estimates.clear();
    this.blocks.clear();
    this.blockRows = 0;
  }
}
