import { battleSet } from './battle-set';
import { createLgpeBattle } from './lgpe-battle';
import { isLegalSpecies, legalSpecies, legalSpeciesIds, lgpeDex, lgpeSpecies } from './lgpe-dex';
import { level50Stats } from './level50-stats';
import { TYPE_NAMES } from './type-names';

describe('LGPE dex', () => {
  it('has exactly the 188 LGPE-legal species, in a stable order', () => {
    const species = legalSpecies();
    expect(species).toHaveLength(188);
    expect(new Set(legalSpeciesIds()).size).toBe(188);
    expect(species.filter((s) => s.forme.startsWith('Mega'))).toHaveLength(15);
    expect(species.filter((s) => s.forme === 'Alola')).toHaveLength(18);
    expect(species.filter((s) => s.forme === 'Starter').map((s) => s.id)).toEqual(['pikachustarter', 'eeveestarter']);
    expect(legalSpeciesIds().slice(0, 3)).toEqual(['bulbasaur', 'ivysaur', 'venusaur']);
    expect(legalSpeciesIds().slice(-2)).toEqual(['meltan', 'melmetal']);
  });

  it('rejects species that are not legal in LGPE', () => {
    expect(isLegalSpecies('Venusaur-Mega')).toBe(true);
    expect(isLegalSpecies('chikorita')).toBe(false);
    expect(() => lgpeSpecies('chikorita')).toThrow(/Not an LGPE species/);
    expect(() => lgpeSpecies('notapokemon')).toThrow(/Not an LGPE species/);
  });

  it('uses the mod data (no abilities, LGPE move numbers)', () => {
    expect(lgpeDex().moves.get('solarbeam').basePower).toBe(200);
    expect(lgpeDex().species.get('venusaur').abilities[0]).toBe('No Ability');
  });

  it('lists the same 18 types as the engine type chart', () => {
    const engineTypes = lgpeDex()
      .types.all()
      .filter((t) => t.exists && !t.isNonstandard)
      .map((t) => t.name);
    expect([...engineTypes].sort()).toEqual([...TYPE_NAMES].sort());
  });
});

describe('level50Stats', () => {
  it('applies the LGPE formula (HP + AVs, other stats x1.02 friendship) as the engine does', () => {
    // Venusaur-Mega base 80/100/123/122/120/80, IV 31, AV 0, neutral nature, level 50:
    // HP = floor((160+31+100)*50/100 + 10) = 155; Atk = floor(floor((200+31)*0.5 + 5) * 1.02) = 122.
    expect(level50Stats('venusaurmega')).toEqual({ hp: 155, atk: 122, def: 145, spa: 144, spd: 142, spe: 102 });
  });

  it('equals the stats of the same Pokémon inside a real battle, for all 188 species', () => {
    for (const species of legalSpecies()) {
      const battle = createLgpeBattle('1,2,3,4');
      battle.setPlayer('p1', { name: 'A', team: [battleSet(species.name, ['Tackle'])] });
      battle.setPlayer('p2', { name: 'B', team: [battleSet('Mew', ['Tackle'])] });
      const mon = battle.sides[0].pokemon[0];
      // Megas and partner forms must battle as themselves, not as their base species.
      expect(mon.species.id).toBe(species.id);
      expect({ hp: mon.maxhp, ...mon.storedStats }).toEqual(level50Stats(species));
      battle.destroy();
    }
  });
});
