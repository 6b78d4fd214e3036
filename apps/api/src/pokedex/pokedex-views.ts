import { DexMove, DexPokemon, DexType, PokedexSnapshot } from '@predictiondex/prediction';
import type { MoveDto, MovesByTypeDto } from './dto/move.dto';
import type { LearnsetEntryDto, MoveSummaryDto, PokemonDto } from './dto/pokemon.dto';
import type { TypeDto, TypeRefDto } from './dto/type.dto';

export function typeRef(t: DexType): TypeRefDto {
  return { id: t.id, name: t.name };
}

export function pokemonView(p: DexPokemon): PokemonDto {
  const s = p.stats;
  return {
    id: p.id,
    name: p.name,
    name_fr: p.nameFr,
    showdown_id: p.showdownId,
    dex_number: p.dexNumber,
    form: p.form,
    forme_label: p.formeLabel,
    base_species: p.baseSpecies,
    evolves_from: p.evolvesFrom,
    types: p.types.map(typeRef),
    stats: { hp: s.hp, attack: s.atk, defense: s.def, sp_attack: s.spa, sp_defense: s.spd, speed: s.spe, total: s.hp + s.atk + s.def + s.spa + s.spd + s.spe },
    height_m: p.heightM,
    weight_kg: p.weightKg,
    sprite_url: p.spriteUrl,
  };
}

export function moveView(m: DexMove): MoveDto {
  return {
    id: m.id,
    name: m.name,
    name_fr: m.nameFr,
    showdown_id: m.showdownId,
    type: typeRef(m.type),
    category: m.category,
    power: m.power,
    accuracy: m.accuracy,
    pp: m.pp,
    priority: m.priority,
    description: m.description,
    multi_hit: m.multiHitMin !== null && m.multiHitMax !== null ? { min: m.multiHitMin, max: m.multiHitMax } : null,
    is_charge: m.isCharge,
    is_recharge: m.isRecharge,
    fixed_damage: m.fixedDamage,
    is_ohko: m.isOhko,
    recoil: m.recoil,
    drain: m.drain,
    crit_ratio: m.critRatio,
    flags: [...m.flags],
  };
}

function moveSummary(m: DexMove, battleMove: boolean): MoveSummaryDto {
  return {
    id: m.id,
    name: m.name,
    type: typeRef(m.type),
    category: m.category,
    power: m.power,
    accuracy: m.accuracy,
    priority: m.priority,
    battle_move: battleMove,
  };
}

/** Lower-case, accents removed: "Évoli" and "evoli" match. */
export function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/**
 * The API's JSON for one snapshot, built once when the snapshot is swapped in: a read is a map
 * lookup and a serialisation, nothing else. Frozen with the snapshot it was built from.
 */
export class PokedexViews {
  readonly pokemon: readonly PokemonDto[];
  readonly moves: readonly MoveDto[];
  readonly types: readonly TypeDto[];
  private readonly pokemonById = new Map<number, PokemonDto>();
  private readonly moveById = new Map<number, MoveDto>();
  private readonly learnsets = new Map<number, LearnsetEntryDto[]>();
  /** Folded names for search, aligned with `pokemon` / `moves`. */
  readonly pokemonNames: { en: string[]; fr: (string | null)[] };
  readonly moveNames: { en: string[]; fr: (string | null)[] };

  constructor(readonly snapshot: PokedexSnapshot) {
    this.pokemon = snapshot.pokemon.map(pokemonView);
    this.moves = snapshot.moves.map(moveView);
    this.types = snapshot.types.map((t) => ({ id: t.id, name: t.name, name_fr: t.nameFr }));
    for (const p of this.pokemon) this.pokemonById.set(p.id, p);
    for (const m of this.moves) this.moveById.set(m.id, m);
    this.pokemonNames = { en: this.pokemon.map((p) => foldName(p.name)), fr: this.pokemon.map((p) => (p.name_fr ? foldName(p.name_fr) : null)) };
    this.moveNames = { en: this.moves.map((m) => foldName(m.name)), fr: this.moves.map((m) => (m.name_fr ? foldName(m.name_fr) : null)) };
  }

  getPokemon(id: number): PokemonDto | undefined {
    return this.pokemonById.get(id);
  }

  getMove(id: number): MoveDto | undefined {
    return this.moveById.get(id);
  }

  /** Built on first use per Pokémon (the learnset views are the only sizeable part). */
  learnset(pokemonId: number): LearnsetEntryDto[] {
    let list = this.learnsets.get(pokemonId);
    if (!list) {
      list = this.snapshot.learnset(pokemonId).map((l) => ({
        move: moveSummary(l.move, this.snapshot.isBattleMove(pokemonId, l.move.id)),
        methods: l.methods.map((m) => ({ method: m.method, level: m.level, source_pokemon_id: m.sourcePokemonId })),
      }));
      this.learnsets.set(pokemonId, list);
    }
    return list;
  }

  movesOfType(typeId: number, pokemonId: number | null): MovesByTypeDto['items'] {
    return this.moves.filter((m) => m.type.id === typeId && (pokemonId === null || this.snapshot.canLearn(pokemonId, m.id)));
  }
}

/** Indexes of `names` matching `query` (folded): exact first, then prefix, then substring; stable within each. */
export function rankMatches(names: readonly (string | null)[], query: string, limit: number): number[] {
  const q = foldName(query.trim());
  const buckets: number[][] = [[], [], []];
  names.forEach((name, i) => {
    if (!name) return;
    if (name === q) buckets[0].push(i);
    else if (name.startsWith(q)) buckets[1].push(i);
    else if (name.includes(q)) buckets[2].push(i);
  });
  return buckets.flat().slice(0, limit);
}
