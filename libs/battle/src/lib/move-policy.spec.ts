import { combatantFromDex } from './combatant';
import { battleMovesFor } from './damaging-moves';
import { bestMove, chooseMove, createPolicyRandom, randomMove, rankMoves } from './move-policy';

const c = combatantFromDex;

describe('best policy', () => {
  it('is category-aware: a physical attacker prefers its physical move over a stronger special one', () => {
    // Hydro Pump has the higher base power, but Gyarados' Atk (147) dwarfs its SpA (81).
    expect(bestMove(c('gyarados'), c('snorlax'), ['hydropump', 'waterfall'])).toBe('waterfall');
    // And the reverse for a special attacker.
    expect(bestMove(c('alakazam'), c('snorlax'), ['megapunch', 'psychic'])).toBe('psychic');
  });

  it('prefers a super-effective move over a stronger neutral one', () => {
    // Ember (40, STAB, x2 on Grass) beats Dragon Pulse (85, neutral, no STAB) into Venusaur.
    expect(bestMove(c('charizard'), c('venusaur'), ['dragonpulse', 'ember'])).toBe('ember');
  });

  it('treats moves the target is immune to as worthless', () => {
    const ranked = rankMoves(c('snorlax'), c('gengar'), ['hyperbeam', 'bodyslam', 'lick']);
    expect(ranked[0].moveId).toBe('lick');
    expect(ranked.slice(1).every((e) => e.damageFraction === 0)).toBe(true);
  });

  it('breaks ties on turns to KO with priority, and never picks a self-KO move when it can win', () => {
    // Tackle and Quick Attack both 2HKO Weedle; Self-Destruct would OHKO it but loses the battle.
    const snorlax = c('snorlax');
    const weedle = c('weedle');
    expect(bestMove(snorlax, weedle, ['tackle', 'quickattack', 'selfdestruct'])).toBe('quickattack');
    expect(bestMove(snorlax, weedle)).not.toBe('selfdestruct');
    // Equal turns and priority: the harder hitter.
    expect(bestMove(c('kangaskhanmega'), c('pikachu'), ['bodyslam', 'doubleedge', 'quickattack'])).toBe('doubleedge');
  });

  it("defaults to the attacker's LGPE battle moves and deduplicates candidates", () => {
    const pick = bestMove(c('pikachu'), c('gyarados'));
    expect(battleMovesFor('pikachu')).toContain(pick);
    // Into Gyarados' SpD 122 vs Def 100, Pikachu's Thunder Punch outdoes Thunderbolt.
    expect(pick).toBe('thunderpunch');
    expect(rankMoves(c('pikachu'), c('gyarados'), ['thunderbolt', 'Thunderbolt', 'thunderbolt'])).toHaveLength(1);
    expect(bestMove(c('ditto'), c('mew'))).toBe('transform');
  });
});

describe('random policy', () => {
  it('is reproducible from its seed and covers the whole move list uniformly', () => {
    const attacker = c('pikachu');
    const moves = battleMovesFor('pikachu');
    const draw = (seed: number) => {
      const random = createPolicyRandom(seed);
      return Array.from({ length: 50 }, () => randomMove(attacker, random));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));

    const random = createPolicyRandom(99);
    const counts = new Map<string, number>();
    const n = moves.length * 400;
    for (let i = 0; i < n; i++) {
      const m = chooseMove('random', attacker, c('snorlax'), random);
      counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([...moves]);
    for (const count of counts.values()) expect(count).toBeGreaterThan(400 * 0.75);
  });

  it('needs a random source', () => {
    expect(() => chooseMove('random', c('pikachu'), c('snorlax'))).toThrow(/RandomSource/);
  });
});
