import { runBattle } from './battle-runner';
import type { BattleSpec } from './battle-runner';
import { deriveBattleSeed } from './battle-seed';
import type { BattleSeed } from './battle-seed';
import { battleMovesFor } from './damaging-moves';
import { legalSpeciesIds } from './lgpe-dex';

const seeds = (n: number, base = 1): BattleSeed[] => Array.from({ length: n }, (_, i) => deriveBattleSeed(base, i));

describe('runBattle', () => {
  const spec = { a: 'venusaurmega', moveA: 'petalblizzard', b: 'gengar', moveB: 'shadowball' };

  it('is reproducible: same seed, same result and log', () => {
    const seed: BattleSeed = [1, 2, 3, 4];
    const first = runBattle({ ...spec, moveA: 'razorleaf', seed }, { log: true });
    const second = runBattle({ ...spec, moveA: 'razorleaf', seed }, { log: true });
    expect(second).toEqual(first);
    expect(first.log!.length).toBeGreaterThan(10);
    expect(first.log!.some((line) => line.startsWith('|t:|'))).toBe(false);
  });

  it('depends on the seed', () => {
    const outcomes = new Set(
      seeds(30).map((seed) => JSON.stringify(runBattle({ a: 'pikachu', moveA: 'thunderbolt', b: 'eevee', moveB: 'tackle', seed }))),
    );
    expect(outcomes.size).toBeGreaterThan(1);
  });

  it('reports winner, turns and remaining HP fractions', () => {
    const r = runBattle({ a: 'mewtwomegay', moveA: 'psychic', b: 'caterpie', moveB: 'tackle', seed: [9, 9, 9, 9] });
    expect(r).toEqual({ winner: 'A', turns: 1, hpA: 1, hpB: 0 });
  });

  it('lets the faster side win a mutual one-hit KO, whichever side it is on', () => {
    // Both KO each other with any roll (100 % accurate Outrage, Dragon vs Dragon); Mega Charizard X
    // (level-50 Spe 122) outspeeds Dragonite (Spe 102).
    for (const seed of seeds(40)) {
      expect(runBattle({ a: 'charizardmegax', moveA: 'outrage', b: 'dragonite', moveB: 'outrage', seed }).winner).toBe('A');
      expect(runBattle({ a: 'dragonite', moveA: 'outrage', b: 'charizardmegax', moveB: 'outrage', seed }).winner).toBe('B');
    }
  });

  it('lets a priority move beat a faster foe when it KOs in one hit', () => {
    // Diglett (faster) would KO Kabutops with Earthquake, but Aqua Jet (+1) KOs Diglett first.
    for (const seed of seeds(40, 2)) {
      const r = runBattle({ a: 'diglett', moveA: 'earthquake', b: 'kabutops', moveB: 'aquajet', seed });
      expect(r).toMatchObject({ winner: 'B', turns: 1, hpA: 0, hpB: 1 });
    }
  });

  it('deals no damage to an immune target', () => {
    for (const seed of seeds(10, 3)) {
      const r = runBattle({ a: 'snorlax', moveA: 'bodyslam', b: 'gengar', moveB: 'psychic', seed }, { log: true });
      expect(r.hpB).toBe(1);
      expect(r.winner).toBe('B');
      expect(r.log!.filter((l) => l.startsWith('|-damage|p2a'))).toEqual([]);
      const bodySlams = r.log!.filter((l) => l.startsWith('|move|p1a: Snorlax|Body Slam')).length;
      expect(bodySlams).toBeGreaterThan(1);
      expect(r.log!.filter((l) => l.startsWith('|-immune|p2a'))).toHaveLength(bodySlams);
    }
  });

  it('switches to Struggle when the move runs out of PP and still finishes', () => {
    // Hyper Beam (8 PP with PP Ups) cannot touch Gengar; Chansey then Struggles, and Lick is slow.
    const r = runBattle({ a: 'chansey', moveA: 'hyperbeam', b: 'gengar', moveB: 'lick', seed: [1, 2, 3, 4] }, { log: true });
    expect(r.log!.filter((l) => l.startsWith('|move|p1a: Chansey|Hyper Beam'))).toHaveLength(8);
    expect(r.log!.some((l) => l.startsWith('|move|p1a: Chansey|Struggle'))).toBe(true);
    expect(r.winner).not.toBe('draw');
    expect(r.turns).toBeLessThan(100);
  });

  it('calls a draw at the turn cap', () => {
    const r = runBattle({ a: 'gengar', moveA: 'tackle', b: 'gastly', moveB: 'tackle', seed: [1, 2, 3, 4] }, { maxTurns: 12 });
    expect(r).toEqual({ winner: 'draw', turns: 12, hpA: 1, hpB: 1 });
  });

  it('lets Ditto fight with the move it copies', () => {
    const r = runBattle({ a: 'ditto', moveA: 'transform', b: 'snorlax', moveB: 'bodyslam', seed: [1, 2, 3, 4] }, { log: true });
    expect(r.log!.some((l) => l.startsWith('|move|p1a: Ditto|Body Slam'))).toBe(true);
    expect(r.winner).not.toBe('draw');
  });

  it('accepts Megas directly as their forme', () => {
    const r = runBattle({ a: 'gyaradosmega', moveA: 'crunch', b: 'alakazammega', moveB: 'psychic', seed: [1, 2, 3, 4] }, { log: true });
    expect(r.log!.some((l) => l.includes('Gyarados-Mega, L50'))).toBe(true);
    expect(r.log!.some((l) => l.startsWith('|-mega'))).toBe(false);
  });

  it('rejects non-LGPE species and unknown moves', () => {
    expect(() => runBattle({ a: 'chikorita', moveA: 'tackle', b: 'pikachu', moveB: 'tackle', seed: [1, 2, 3, 4] })).toThrow(/LGPE/);
    expect(() => runBattle({ a: 'pikachu', moveA: 'nope', b: 'pikachu', moveB: 'tackle', seed: [1, 2, 3, 4] })).toThrow(/move/);
  });

  it('gives exactly the unmodified engine results with the handler-lookup cache', () => {
    const ids = legalSpeciesIds();
    const specs: Array<BattleSpec & { seed: BattleSeed }> = seeds(150, 4).map((seed, i) => {
      const a = ids[(i * 37) % ids.length];
      const b = ids[(i * 101 + 7) % ids.length];
      const ma = battleMovesFor(a);
      const mb = battleMovesFor(b);
      return { a, moveA: ma[(i * 7) % ma.length], b, moveB: mb[(i * 3) % mb.length], seed };
    });
    for (const s of specs) {
      expect(runBattle(s, { log: true, handlerCache: true })).toEqual(runBattle(s, { log: true, handlerCache: false }));
    }
  });
});
