import { runBattle } from './battle-runner';
import { deriveBattleSeed } from './battle-seed';
import { combatantFromDex } from './combatant';
import { estimateMove, expectedDamageFraction, expectedHitsToKo, expectedTurnsToKo, moveOrder } from './damage-estimate';

const c = combatantFromDex;

describe('expectedDamageFraction', () => {
  it('matches a hand calculation (Pikachu Thunderbolt into Gyarados)', () => {
    // Pikachu SpA 71, Gyarados SpD 122 / HP 170 at level 50.
    // base = floor(floor(22 * 90 * 71 / 122) / 50) + 2 = 25; x crits (1 + 0.5/24) x roll 0.925 x STAB 1.5 x 4.
    const expected = (25 * (1 + 0.5 / 24) * 0.925 * 1.5 * 4) / 170;
    expect(expectedDamageFraction(c('pikachu'), 'thunderbolt', c('gyarados'))).toBeCloseTo(expected, 10);
  });

  it("agrees with the engine's mean damage over many seeded battles", () => {
    // Snorlax Tackle into Chansey; Chansey's Lick cannot touch Snorlax, so turn 1 is Tackle alone.
    const runs = 400;
    let total = 0;
    for (let i = 0; i < runs; i++) {
      total += 1 - runBattle({ a: 'snorlax', moveA: 'tackle', b: 'chansey', moveB: 'lick', seed: deriveBattleSeed(11, i) }, { maxTurns: 1 }).hpB;
    }
    const estimate = expectedDamageFraction(c('snorlax'), 'tackle', c('chansey'));
    expect(Math.abs(total / runs - estimate) / estimate).toBeLessThan(0.03);
  });

  it('uses the category: Atk/Def for physical moves, SpA/SpD for special ones', () => {
    // Same power and type; Machamp has far more Atk than SpA.
    expect(expectedDamageFraction(c('machamp'), 'firepunch', c('snorlax'))).toBeGreaterThan(
      2 * expectedDamageFraction(c('machamp'), 'flamethrower', c('snorlax')) * (75 / 90),
    );
    expect(estimateMove(c('machamp'), 'firepunch', c('snorlax')).category).toBe('Physical');
  });

  it('is zero against immune targets and for moves that cannot work', () => {
    const e = estimateMove(c('snorlax'), 'bodyslam', c('gengar'));
    expect(e).toMatchObject({ effectiveness: 0, damageFraction: 0, hitsToKo: Infinity, turnsToKo: Infinity });
    expect(expectedDamageFraction(c('gengar'), 'nightshade', c('snorlax'))).toBe(0);
    expect(expectedDamageFraction(c('diglett'), 'earthquake', c('pidgeot'))).toBe(0);
    // Nobody is ever asleep in these battles.
    expect(expectedDamageFraction(c('hypno'), 'dreameater', c('snorlax'))).toBe(0);
  });

  it('handles fixed-damage, OHKO and weight-based moves', () => {
    const snorlax = c('snorlax');
    expect(expectedDamageFraction(c('machamp'), 'seismictoss', snorlax)).toBeCloseTo(50 / snorlax.stats50.hp, 10);
    expect(expectedDamageFraction(c('dratini'), 'dragonrage', snorlax)).toBeCloseTo(40 / snorlax.stats50.hp, 10);
    expect(estimateMove(c('dugtrio'), 'fissure', snorlax)).toMatchObject({ damageFraction: 1, hitsToKo: 1, accuracy: 0.3 });
    expect(estimateMove(c('dugtrio'), 'fissure', snorlax).turnsToKo).toBeCloseTo(1 / 0.3, 10);
    // Super Fang takes half the current HP (at least 1): 235 -> 118 -> 59 -> 30 -> 15 -> 8 -> 4 -> 2 -> 1 -> 0.
    expect(snorlax.stats50.hp).toBe(235);
    expect(expectedHitsToKo(c('raticate'), 'superfang', snorlax)).toBe(9);
    // Low Kick: 120 BP into Snorlax (460 kg), 20 BP into Pikachu (6 kg).
    expect(estimateMove(c('machamp'), 'lowkick', snorlax).power).toBe(120);
    expect(estimateMove(c('machamp'), 'lowkick', c('pikachu')).power).toBe(20);
    // Pika Papow reads happiness, which the LGPE mod fixes at 70 in battle: floor(70 * 10 / 25) = 28.
    expect(estimateMove(c('pikachustarter'), 'pikapapow', snorlax).power).toBe(28);
  });

  it('counts multi-hit, charge, recharge, self-KO and first-turn-only moves', () => {
    const target = c('snorlax');
    const pin = estimateMove(c('jolteon'), 'pinmissile', target);
    expect(pin.hitsPerUse).toBe(3.1);
    expect(pin.hitsToKo).toBe(Math.ceil(1 / (pin.damageFraction * 3.1)));
    expect(estimateMove(c('nidoking'), 'doublekick', target).hitsPerUse).toBe(2);

    const solar = estimateMove(c('venusaur'), 'solarbeam', target);
    expect(solar.charge).toBe(true);
    expect(solar.turnsToKo).toBe(2 * solar.hitsToKo);
    const beam = estimateMove(c('snorlax'), 'hyperbeam', target);
    expect(beam.recharge).toBe(true);
    expect(beam.turnsToKo).toBeCloseTo(beam.hitsToKo / 0.9 + beam.hitsToKo - 1, 10);

    // A self-KO move never wins: the engine gives the win to the side that fainted last.
    expect(estimateMove(c('snorlax'), 'selfdestruct', c('caterpie'))).toMatchObject({ hitsToKo: 1, turnsToKo: Infinity, selfKo: true });
    const fakeOut = estimateMove(c('persian'), 'fakeout', target);
    expect(fakeOut.firstTurnOnly).toBe(true);
    expect(fakeOut.turnsToKo).toBe(Infinity);
  });

  it('gives expected turns to KO over accuracy', () => {
    const e = estimateMove(c('gyarados'), 'hydropump', c('charizard'));
    expect(expectedTurnsToKo(c('gyarados'), 'hydropump', c('charizard'))).toBeCloseTo(e.hitsToKo / 0.8, 10);
  });
});

describe('moveOrder', () => {
  it('orders by priority, then Speed; equal Speed is a tie', () => {
    expect(moveOrder(c('charizardmegax'), 'outrage', c('dragonite'), 'outrage')).toBe(1);
    expect(moveOrder(c('diglett'), 'earthquake', c('kabutops'), 'aquajet')).toBe(-1);
    expect(moveOrder(c('pikachu'), 'thunderbolt', c('pikachu'), 'thunderbolt')).toBe(0);
    expect(moveOrder(c('pikachu'), 'dragontail', c('snorlax'), 'bodyslam')).toBe(-1);
  });
});
