import { BattleSpec, deriveBattleSeed, ParallelBattleRunner } from '@predictiondex/battle';

export interface MonteCarloPair {
  a: string;
  moveA: string;
  b: string;
  moveB: string;
  /** The model's P(A wins) for this row. */
  predicted: number;
}

export interface MonteCarloResult {
  pairs: number;
  battlesPerPair: number;
  /** Mean |predicted - simulated win rate|. */
  mae: number;
  /** Pairs whose simulated win rate is outside [0.4, 0.6]. */
  clearPairs: number;
  /** On those, how often the model's side (p >= 0.5) is the simulated majority winner. */
  clearAccuracy: number;
  /** Share of all pairs where the model's side matches the simulated majority (ties count as misses). */
  majorityAgreement: number;
}

/**
 * The check the reference never made: for held-out matchups, play each many times with the real
 * engine (different seeds) and compare the model's probability with the observed win rate.
 */
export async function monteCarloCheck(
  pairs: MonteCarloPair[],
  options: { battlesPerPair: number; seed: number; workers?: number; maxTurns?: number },
): Promise<MonteCarloResult> {
  const specs: BattleSpec[] = [];
  pairs.forEach((p, i) => {
    for (let j = 0; j < options.battlesPerPair; j++) {
      specs.push({ a: p.a, moveA: p.moveA, b: p.b, moveB: p.moveB, seed: deriveBattleSeed(options.seed, i * options.battlesPerPair + j) });
    }
  });
  const runner = new ParallelBattleRunner({ workers: options.workers, maxTurns: options.maxTurns });
  let results;
  try {
    results = await runner.run(specs);
  } finally {
    await runner.close();
  }
  let absError = 0;
  let clear = 0;
  let clearRight = 0;
  let agree = 0;
  pairs.forEach((p, i) => {
    let wins = 0;
    for (let j = 0; j < options.battlesPerPair; j++) if (results[i * options.battlesPerPair + j].winner === 'A') wins++;
    const rate = wins / options.battlesPerPair;
    absError += Math.abs(p.predicted - rate);
    const modelSaysA = p.predicted >= 0.5;
    if (rate !== 0.5 && modelSaysA === rate > 0.5) agree++;
    if (rate < 0.4 || rate > 0.6) {
      clear++;
      if (modelSaysA === rate > 0.5) clearRight++;
    }
  });
  return {
    pairs: pairs.length,
    battlesPerPair: options.battlesPerPair,
    mae: pairs.length ? absError / pairs.length : NaN,
    clearPairs: clear,
    clearAccuracy: clear ? clearRight / clear : NaN,
    majorityAgreement: pairs.length ? agree / pairs.length : NaN,
  };
}
