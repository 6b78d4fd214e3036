import { runBattle } from '@predictiondex/battle';
import type { BattleResult, BattleSpec } from '@predictiondex/battle';
import { BattleRunner, simulateMatchup } from './matchup-simulation';

/** The real engine on this thread (the api uses worker threads; the battles are the same). */
class InlineRunner implements BattleRunner {
  calls = 0;
  constructor(private readonly delayMs = 0) {}
  async run(specs: readonly BattleSpec[]): Promise<BattleResult[]> {
    this.calls++;
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    return specs.map((s) => runBattle({ ...s, seed: s.seed! }));
  }
}

describe('simulateMatchup', () => {
  const request = { a: 'mewtwo', moveA: 'psychic', b: 'magikarp', moveB: 'tackle', battles: 30, seed: 42, timeBudgetMs: 60_000 };

  it('plays the requested battles in chunks and is reproducible for a seed, whatever the chunk size', async () => {
    const r1 = await simulateMatchup(new InlineRunner(), { ...request, chunkSize: 7 });
    const r2 = await simulateMatchup(new InlineRunner(), { ...request, chunkSize: 30 });
    expect(r1.played).toBe(30);
    expect(r1.winsA + r1.winsB + r1.draws).toBe(30);
    expect(r1.truncated).toBe(false);
    expect({ ...r1, durationMs: 0 }).toEqual({ ...r2, durationMs: 0 });
    // Mewtwo's Psychic against Magikarp's Tackle: the engine gives it to A every time.
    expect(r1.winRateA).toBe(1);
  });

  it('stops at the time budget after at least one chunk and says so', async () => {
    const runner = new InlineRunner(30);
    const r = await simulateMatchup(runner, { ...request, battles: 1000, chunkSize: 5, timeBudgetMs: 1 });
    expect(runner.calls).toBe(1);
    expect(r.played).toBe(5);
    expect(r.truncated).toBe(true);
    expect(r.requested).toBe(1000);
  });
});
