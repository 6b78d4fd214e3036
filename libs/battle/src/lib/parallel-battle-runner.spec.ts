import { runBattle } from './battle-runner';
import type { BattleSpec } from './battle-runner';
import { deriveBattleSeed } from './battle-seed';
import { battleMovesFor } from './damaging-moves';
import { legalSpeciesIds } from './lgpe-dex';
import { ParallelBattleRunner, runBattlesInParallel } from './parallel-battle-runner';

jest.setTimeout(120_000);

function specs(count: number): BattleSpec[] {
  const ids = legalSpeciesIds();
  return Array.from({ length: count }, (_, i) => {
    const a = ids[(i * 31 + 5) % ids.length];
    const b = ids[(i * 17 + 2) % ids.length];
    const ma = battleMovesFor(a);
    const mb = battleMovesFor(b);
    return { a, moveA: ma[(i * 3) % ma.length], b, moveB: mb[(i * 7) % mb.length] };
  });
}

describe('ParallelBattleRunner', () => {
  const list = specs(300);
  const baseSeed = 1234;

  it('returns identical results, in input order, for 1 and 2 workers and the main thread', async () => {
    const one = await runBattlesInParallel(list, { workers: 1, baseSeed });
    const two = await runBattlesInParallel(list, { workers: 2, baseSeed, chunkSize: 7 });
    const inline = list.map((s, i) => runBattle({ ...s, seed: deriveBattleSeed(baseSeed, i) }));
    expect(one).toHaveLength(list.length);
    expect(two).toEqual(one);
    expect(one).toEqual(inline);
    expect(new Set(one.map((r) => r.winner)).size).toBeGreaterThan(1);
  });

  it('honours explicit seeds, reports progress and can be reused until closed', async () => {
    const runner = new ParallelBattleRunner({ workers: 2, chunkSize: 20 });
    try {
      const seeded = list.slice(0, 60).map((s, i) => ({ ...s, seed: deriveBattleSeed(99, i) }));
      const progress: number[] = [];
      const first = await runner.run(seeded, { onProgress: (done) => progress.push(done) });
      expect(first).toEqual(seeded.map((s) => runBattle(s)));
      expect(progress[progress.length - 1]).toBe(60);
      expect(await runner.run([])).toEqual([]);
      expect(await runner.run(seeded)).toEqual(first);
    } finally {
      await runner.close();
    }
    await expect(runner.run(list.slice(0, 1))).rejects.toThrow(/closed/);
  });

  it('rejects when a battle fails and recovers for the next run', async () => {
    const runner = new ParallelBattleRunner({ workers: 2 });
    try {
      const bad = [...list.slice(0, 10), { a: 'chikorita', moveA: 'tackle', b: 'pikachu', moveB: 'tackle' }];
      await expect(runner.run(bad)).rejects.toThrow(/Not an LGPE species/);
      expect(await runner.run(list.slice(0, 10), { baseSeed })).toEqual(
        list.slice(0, 10).map((s, i) => runBattle({ ...s, seed: deriveBattleSeed(baseSeed, i) })),
      );
    } finally {
      await runner.close();
    }
  });
});
