// Battles per second on the real engine: the synchronous runner on the main thread (one core), then
// the worker pool on all cores, on the same battles. Best of several rounds, because the box is
// shared; the CPU other processes used during each phase is printed so a noisy result shows as such,
// and battles per CPU-second show what the pool costs regardless of other load.
// Usage: node tools/node/run-ts.cjs tools/bench/battle/battle-bench.ts [battles=6000] [workers=cores] [rounds=3]
import { availableParallelism, cpus } from 'node:os';
import {
  ParallelBattleRunner,
  bestMove,
  combatantFromDex,
  createPolicyRandom,
  deriveBattleSeed,
  legalSpeciesIds,
  runBattle,
} from '@predictiondex/battle';
import type { BattleSeed, BattleSpec } from '@predictiondex/battle';

const battles = Number(process.argv[2] ?? 6000);
const workers = Number(process.argv[3] ?? availableParallelism());
const rounds = Number(process.argv[4] ?? 3);
const BASE_SEED = 20240613;

type SeededSpec = BattleSpec & { seed: BattleSeed };

interface Measure {
  rate: number;
  /** Battles per second of CPU time this process used (all threads): immune to other load. */
  cpuRate: number;
  /** Cores' worth of CPU used by other processes while we measured. */
  otherCores: number;
}

function randomPairs(count: number): SeededSpec[] {
  const species = legalSpeciesIds();
  const random = createPolicyRandom(BASE_SEED);
  return Array.from({ length: count }, (_, i) => {
    const a = combatantFromDex(species[random.random(species.length)]);
    const b = combatantFromDex(species[random.random(species.length)]);
    return { a: a.speciesId, moveA: bestMove(a, b), b: b.speciesId, moveB: bestMove(b, a), seed: deriveBattleSeed(BASE_SEED, i) };
  });
}

function machineBusyMs(): number {
  return cpus().reduce((sum, cpu) => sum + cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq, 0);
}

async function measure(count: number, work: () => unknown): Promise<Measure> {
  const busy0 = machineBusyMs();
  const own0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await work();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const own = process.cpuUsage(own0);
  const ownMs = (own.user + own.system) / 1000;
  const otherMs = Math.max(0, machineBusyMs() - busy0 - ownMs);
  return { rate: count / (wallMs / 1000), cpuRate: count / (ownMs / 1000), otherCores: otherMs / wallMs };
}

const best = (ms: Measure[]): Measure => ms.reduce((a, b) => (b.rate > a.rate ? b : a));

async function main(): Promise<void> {
  const specs = randomPairs(battles);
  const warmup = specs.slice(0, Math.min(1000, specs.length));
  const runner = new ParallelBattleRunner({ workers });
  try {
    // Warm-up so both measurements see JIT-compiled engine code (each worker warms its own isolate).
    for (const spec of warmup) runBattle(spec);
    await runner.run(warmup);

    const singles: Measure[] = [];
    const parallels: Measure[] = [];
    for (let r = 0; r < rounds; r++) {
      singles.push(await measure(specs.length, () => specs.forEach((spec) => runBattle(spec))));
      parallels.push(await measure(specs.length, () => runner.run(specs)));
    }
    const single = best(singles);
    const parallel = best(parallels);
    const fmt = (m: Measure): string => `${m.rate.toFixed(0)} battles/s (other processes used ${m.otherCores.toFixed(2)} cores meanwhile)`;
    console.log(`battles:             ${specs.length} x ${rounds} rounds (random LGPE pairs, best move each side), best round shown`);
    console.log(`single thread:       ${fmt(single)}`);
    console.log(`parallel, ${workers} workers: ${fmt(parallel)}`);
    console.log(`speedup:             ${(parallel.rate / single.rate).toFixed(2)}x`);
    console.log(`parallel efficiency: ${((parallel.rate / (single.rate * workers)) * 100).toFixed(0)} % (parallel / (single x ${workers}))`);
    // What the pool costs per battle in CPU time compared with the main-thread loop: the efficiency
    // the pool would reach on otherwise idle cores (message passing, idle main thread and GC included).
    const cpuEfficiency = Math.max(...parallels.map((m) => m.cpuRate)) / Math.max(...singles.map((m) => m.cpuRate));
    console.log(`CPU-time efficiency: ${(cpuEfficiency * 100).toFixed(0)} % (battles per CPU-second, pool vs main thread)`);
  } finally {
    await runner.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
