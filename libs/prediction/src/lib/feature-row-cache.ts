import { estimateMove, FEATURE_COUNT, writeFeatures } from '@predictiondex/battle';
import type { Combatant, MoveEstimate, MoveId } from '@predictiondex/battle';

/**
 * Feature rows are a pure function of (A, A's move, B, B's move) and the code version, so a row
 * computed once is reused by later requests (the same matchups come back: a UI, a load test).
 * Bounded, first-in first-out: about 550 bytes per row, 20,000 rows ≈ 11 MB.
 */
export class FeatureRowCache {
  private readonly rows = new Map<string, Float32Array>();
  private readonly estimates = new Map<string, Readonly<MoveEstimate>>();
  hits = 0;
  misses = 0;

  constructor(readonly maxRows = 20_000) {}

  get size(): number {
    return this.rows.size;
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
  }
}
