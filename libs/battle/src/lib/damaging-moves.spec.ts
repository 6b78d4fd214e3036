import { battleMovesFor, damagingMovesFor, isDamagingMove } from './damaging-moves';
import { legalSpecies, lgpeDex, lgpeMove } from './lgpe-dex';

describe('damagingMovesFor', () => {
  it('returns sorted, distinct, damaging moves only', () => {
    for (const species of legalSpecies()) {
      const moves = damagingMovesFor(species.id);
      expect([...moves]).toEqual([...new Set(moves)].sort());
      for (const id of moves) expect(lgpeMove(id).category).not.toBe('Status');
    }
  });

  it('inherits moves from earlier evolutions', () => {
    // Butterfree and Beedrill learn no damaging move themselves in LGPE; they keep their prevos' ones.
    const learnsets = lgpeDex().data.Learnsets;
    expect(learnsets['butterfree']?.learnset?.['tackle']).toBeUndefined();
    expect(damagingMovesFor('butterfree')).toContain('tackle');
    expect(learnsets['raichu']?.learnset?.['slam']).toBeUndefined();
    expect(damagingMovesFor('raichu')).toEqual(expect.arrayContaining(['slam', 'doublekick', 'thunderbolt']));
  });

  it('gives Megas the moves of their base form', () => {
    expect(damagingMovesFor('venusaurmega')).toEqual(damagingMovesFor('venusaur'));
    expect(damagingMovesFor('charizardmegax')).toEqual(damagingMovesFor('charizard'));
    expect(damagingMovesFor('mewtwomegay')).toEqual(damagingMovesFor('mewtwo'));
  });

  it("uses Alolan forms' own learnsets, with the prevolutions the LGPE mod gives them", () => {
    // Alolan Marowak inherits from Cubone; Alolan Raichu has no prevolution in LGPE (trade only).
    expect(damagingMovesFor('marowakalola')).toEqual(expect.arrayContaining(['shadowball', 'bonemerang']));
    expect(damagingMovesFor('raichualola')).toEqual(expect.arrayContaining(['psychic', 'thunderbolt']));
    expect(damagingMovesFor('raichualola')).not.toContain('zippyzap');
    expect(damagingMovesFor('pikachustarter')).toEqual(expect.arrayContaining(['zippyzap', 'pikapapow', 'floatyfall']));
  });

  it('includes fixed-damage and OHKO moves, excludes reactive ones', () => {
    expect(isDamagingMove(lgpeMove('seismictoss'))).toBe(true);
    expect(isDamagingMove(lgpeMove('nightshade'))).toBe(true);
    expect(isDamagingMove(lgpeMove('superfang'))).toBe(true);
    expect(isDamagingMove(lgpeMove('dragonrage'))).toBe(true);
    expect(isDamagingMove(lgpeMove('fissure'))).toBe(true);
    expect(isDamagingMove(lgpeMove('counter'))).toBe(false);
    expect(isDamagingMove(lgpeMove('bide'))).toBe(false);
    expect(isDamagingMove(lgpeMove('growl'))).toBe(false);
  });

  it('covers 154 distinct moves across the 188 species', () => {
    const all = new Set(legalSpecies().flatMap((s) => damagingMovesFor(s.id)));
    expect(all.size).toBe(154);
  });
});

describe('battleMovesFor', () => {
  it('gives every legal species at least one move; Ditto gets Transform', () => {
    for (const species of legalSpecies()) expect(battleMovesFor(species.id).length).toBeGreaterThan(0);
    expect(damagingMovesFor('ditto')).toEqual([]);
    expect(battleMovesFor('ditto')).toEqual(['transform']);
    expect(battleMovesFor('pikachu')).toEqual(damagingMovesFor('pikachu'));
  });
});
