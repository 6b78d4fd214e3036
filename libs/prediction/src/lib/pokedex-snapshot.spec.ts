import { PokedexRows, PokedexSnapshot, toShowdownId } from './pokedex-snapshot';

function rows(): PokedexRows {
  const pokemon = (id: number, showdown_id: string, name: string, dex: number, spe = 90) => ({
    id,
    showdown_id,
    name,
    name_fr: null,
    dex_number: dex,
    base_species: showdown_id,
    form: 'base' as const,
    forme_label: '',
    evolves_from: null,
    base_hp: 35,
    base_atk: 55,
    base_def: 40,
    base_spa: 50,
    base_spd: 50,
    base_spe: spe,
    height_m: null,
    weight_kg: null,
    sprite_url: null,
  });
  const move = (id: number, showdown_id: string, name: string, type_id: number, category: 'physical' | 'special' | 'status', power: number | null) => ({
    id,
    showdown_id,
    name,
    name_fr: null,
    type_id,
    category,
    power,
    accuracy: 100,
    pp: 15,
    priority: 0,
    description: '',
    multi_hit_min: null,
    multi_hit_max: null,
    is_charge: false,
    is_recharge: false,
    fixed_damage: null,
    is_ohko: false,
    recoil: 0,
    drain: 0,
    crit_ratio: 1,
    flags: [],
  });
  return {
    etlRunId: 3,
    dexFingerprint: 'dex-x',
    types: [
      { id: 1, name: 'Normal', name_fr: null },
      { id: 13, name: 'Electric', name_fr: 'Électrik' },
      { id: 3, name: 'Flying', name_fr: null },
      { id: 10, name: 'Fire', name_fr: null },
      { id: 5, name: 'Ground', name_fr: null },
    ],
    chart: [
      { attacking_type_id: 13, defending_type_id: 3, multiplier: 2 },
      { attacking_type_id: 13, defending_type_id: 5, multiplier: 0 },
      { attacking_type_id: 5, defending_type_id: 13, multiplier: 2 },
      { attacking_type_id: 5, defending_type_id: 3, multiplier: 0 },
      { attacking_type_id: 10, defending_type_id: 10, multiplier: 0.5 },
    ],
    pokemon: [pokemon(7, 'charizard', 'Charizard', 6), pokemon(33, 'pikachu', 'Pikachu', 25), pokemon(163, 'ditto', 'Ditto', 132, 48)],
    slots: [
      { pokemon_id: 7, slot: 2, type_id: 3 },
      { pokemon_id: 7, slot: 1, type_id: 10 },
      { pokemon_id: 33, slot: 1, type_id: 13 },
      { pokemon_id: 163, slot: 1, type_id: 1 },
    ],
    moves: [
      move(205, 'thunderbolt', 'Thunderbolt', 13, 'special', 90),
      move(142, 'quickattack', 'Quick Attack', 1, 'physical', 40),
      move(80, 'growl', 'Growl', 1, 'status', null),
      move(64, 'flamethrower', 'Flamethrower', 10, 'special', 90),
      move(210, 'transform', 'Transform', 1, 'status', null),
    ],
    learnset: [
      { pokemon_id: 33, move_id: 205, method: 'tm', level: null, source_pokemon_id: 33 },
      { pokemon_id: 33, move_id: 205, method: 'level-up', level: 29, source_pokemon_id: 33 },
      { pokemon_id: 33, move_id: 142, method: 'level-up', level: 1, source_pokemon_id: 33 },
      { pokemon_id: 33, move_id: 80, method: 'inherited', level: null, source_pokemon_id: 32 },
      { pokemon_id: 7, move_id: 64, method: 'tm', level: null, source_pokemon_id: 7 },
      { pokemon_id: 163, move_id: 210, method: 'level-up', level: 1, source_pokemon_id: 163 },
    ],
  };
}

describe('PokedexSnapshot', () => {
  const snapshot = new PokedexSnapshot(rows());

  it('orders Pokémon by dex number and moves by name, and keeps types in slot order', () => {
    expect(snapshot.pokemon.map((p) => p.name)).toEqual(['Charizard', 'Pikachu', 'Ditto']);
    expect(snapshot.moves.map((m) => m.name)).toEqual(['Flamethrower', 'Growl', 'Quick Attack', 'Thunderbolt', 'Transform']);
    expect(snapshot.getPokemon(7)?.types.map((t) => t.name)).toEqual(['Fire', 'Flying']);
    expect(snapshot.getPokemon(163)?.types.map((t) => t.name)).toEqual(['Normal']);
    expect(snapshot.etlRunId).toBe(3);
    expect(snapshot.isEmpty).toBe(false);
  });

  it('finds moves by id, English name in any case, or Showdown id; types by name', () => {
    expect(snapshot.findMove('thunderbolt')?.id).toBe(205);
    expect(snapshot.findMove('  QUICK attack ')?.id).toBe(142);
    expect(snapshot.findMove('quickattack')?.id).toBe(142);
    expect(snapshot.findMove('quick-attack')?.id).toBe(142);
    expect(snapshot.findMove('Thundrbolt')).toBeUndefined();
    expect(snapshot.getMove(64)?.name).toBe('Flamethrower');
    expect(snapshot.findType('electric')?.id).toBe(13);
    expect(snapshot.getPokemonByName('pikachu')?.id).toBe(33);
    expect(toShowdownId("Farfetch'd")).toBe('farfetchd');
  });

  it('groups learnset methods per move and answers canLearn', () => {
    const learnset = snapshot.learnset(33);
    expect(learnset.map((l) => l.move.name)).toEqual(['Growl', 'Quick Attack', 'Thunderbolt']);
    expect(learnset[2].methods).toEqual([
      { method: 'tm', level: null, sourcePokemonId: 33 },
      { method: 'level-up', level: 29, sourcePokemonId: 33 },
    ]);
    expect(snapshot.canLearn(33, 205)).toBe(true);
    expect(snapshot.canLearn(33, 64)).toBe(false);
    expect(snapshot.learnset(999)).toEqual([]);
  });

  it('multiplies type-chart cells over a dual-type defender (missing cells are neutral)', () => {
    expect(snapshot.multiplier(13, [10, 3])).toBe(2);
    expect(snapshot.multiplier(5, [10, 3])).toBe(0);
    expect(snapshot.multiplier(10, [10])).toBe(0.5);
    expect(snapshot.multiplier(13, [13])).toBe(1);
  });

  it("takes battle moves from the engine: damaging moves, Transform for Ditto, and marks status moves", () => {
    // The engine's pool is bigger than this fixture's Pokédex: only moves the snapshot has are kept.
    expect(snapshot.battleMoves(33)?.map((m) => m.name)).toEqual(['Quick Attack', 'Thunderbolt']);
    expect(snapshot.isBattleMove(33, 80)).toBe(false);
    expect(snapshot.battleMoves(163)?.map((m) => m.name)).toEqual(['Transform']);
    expect(snapshot.battleMoves(999)).toBeNull();
  });

  it('lists Pokémon by type', () => {
    expect(snapshot.pokemonOfType(3).map((p) => p.name)).toEqual(['Charizard']);
    expect(snapshot.pokemonOfType(18)).toEqual([]);
  });
});
