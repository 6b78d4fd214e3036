import { deriveBattleSeed } from '@predictiondex/battle';
import type { BattleResult, BattleSpec, MoveId, SpeciesId } from '@predictiondex/battle';

/** Anything that runs battles on the real engine (ParallelBattleRunner, or runBattle in a loop). */
export interface BattleRunner {
  run(specs: readonly BattleSpec[]): Promise<BattleResult[]>;
}

export interface SimulationRequest {
  a: SpeciesId;
  moveA: MoveId;
  b: SpeciesId;
  moveB: MoveId;
  battles: number;
  /** Battle i uses deriveBattleSeed(seed, i): the same request gives the same battles. */
  seed: number;
  /** Stop starting new chunks after this long; the result says how many battles were played. */
  timeBudgetMs: number;
  /** Battles per runner call; the budget is checked between chunks. */
  chunkSize?: number;
}

export interface SimulationResult {
  requested: number;
  played: number;
  winsA: number;
  winsB: number;
  draws: number;
  /** A's wins over battles played (draws count as not won). */
  winRateA: number;
  meanTurns: number;
  /** True when the time budget stopped the simulation before `requested` battles. */
  truncated: boolean;
  durationMs: number;
}

/**
 * Plays the same matchup `battles` times on the real engine, in chunks, within a time budget.
 * At least one chunk is always played, so a result is never empty.
 */
export async function simulateMatchup(runner: BattleRunner, request: SimulationRequest): Promise<SimulationResult> {
  const started = performance.now();
  const chunkSize = Math.max(1, request.chunkSize ?? 25);
  let played = 0;
  let winsA = 0;
  let winsB = 0;
  let draws = 0;
  let turns = 0;
  while (played < request.battles) {
    const n = Math.min(chunkSize, request.battles - played);
    const specs: BattleSpec[] = [];
    for (let i = 0; i < n; i++) {
      specs.push({ a: request.a, moveA: request.moveA, b: request.b, moveB: request.moveB, seed: deriveBattleSeed(request.seed, played + i) });
    }
    for (const r of await runner.run(specs)) {
      if (r.winner === 'A') winsA++;
      else if (r.winner === 'B') winsB++;
      else draws++;
      turns += r.turns;
    }
    played += n;
    if (performance.now() - started >= request.timeBudgetMs) break;
  }
  return {
    requested: request.battles,
    played,
    winsA,
    winsB,
    draws,
    winRateA: winsA / played,
    meanTurns: turns / played,
    truncated: played < request.battles,
    durationMs: performance.now() - started,
  };
}
