import { battleMovesFor } from '@predictiondex/battle';
import type { LearnMethod, MoveCategory, PokemonForm } from '@predictiondex/db';
import type { DataSource } from 'typeorm';

export interface DexType {
  id: number;
  name: string;
  nameFr: string | null;
}

export interface DexStats {
  hp: number;
  atk: number;
  def: number;
  spa: number;
  spd: number;
  spe: number;
}

export interface DexPokemon {
  id: number;
  showdownId: string;
  name: string;
  nameFr: string | null;
  dexNumber: number;
  baseSpecies: string;
  form: PokemonForm;
  formeLabel: string;
  evolvesFrom: string | null;
  stats: DexStats;
  /** One or two types, slot order. */
  types: readonly DexType[];
  heightM: number | null;
  weightKg: number | null;
  spriteUrl: string | null;
}

export interface DexMove {
  id: number;
  showdownId: string;
  name: string;
  nameFr: string | null;
  type: DexType;
  category: MoveCategory;
  power: number | null;
  accuracy: number | null;
  pp: number;
  priority: number;
  description: string;
  multiHitMin: number | null;
  multiHitMax: number | null;
  isCharge: boolean;
  isRecharge: boolean;
  fixedDamage: string | null;
  isOhko: boolean;
  recoil: number;
  drain: number;
  critRatio: number;
  flags: readonly string[];
}

export interface DexLearnMethod {
  method: LearnMethod;
  level: number | null;
  sourcePokemonId: number;
}

/** One move of a Pokémon's learnset with every way it learns it. */
export interface DexLearnsetMove {
  move: DexMove;
  methods: readonly DexLearnMethod[];
}

/** The rows a snapshot is built from (what `loadPokedexSnapshot` reads; tests can pass their own). */
export interface PokedexRows {
  etlRunId: number | null;
  dexFingerprint: string | null;
  types: { id: number; name: string; name_fr: string | null }[];
  chart: { attacking_type_id: number; defending_type_id: number; multiplier: number }[];
  pokemon: {
    id: number;
    showdown_id: string;
    name: string;
    name_fr: string | null;
    dex_number: number;
    base_species: string;
    form: PokemonForm;
    forme_label: string;
    evolves_from: string | null;
    base_hp: number;
    base_atk: number;
    base_def: number;
    base_spa: number;
    base_spd: number;
    base_spe: number;
    height_m: number | null;
    weight_kg: number | null;
    sprite_url: string | null;
  }[];
  slots: { pokemon_id: number; slot: number; type_id: number }[];
  moves: {
    id: number;
    showdown_id: string;
    name: string;
    name_fr: string | null;
    type_id: number;
    category: MoveCategory;
    power: number | null;
    accuracy: number | null;
    pp: number;
    priority: number;
    description: string;
    multi_hit_min: number | null;
    multi_hit_max: number | null;
    is_charge: boolean;
    is_recharge: boolean;
    fixed_damage: string | null;
    is_ohko: boolean;
    recoil: number;
    drain: number;
    crit_ratio: number;
    flags: string[];
  }[];
  learnset: { pokemon_id: number; move_id: number; method: LearnMethod; level: number | null; source_pokemon_id: number }[];
}

/** Showdown's id rule: lowercase letters and digits only ("Thunder Punch" -> "thunderpunch"). */
export function toShowdownId(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * The whole Pokédex in memory, immutable: built once per ETL run and swapped as a unit, so a
 * request always sees one consistent version (never a half-reloaded one). A few hundred KB.
 */
export class PokedexSnapshot {
  readonly loadedAt = new Date();
  /** National Dex order, then id (forms after their base species). */
  readonly pokemon: readonly DexPokemon[];
  /** Alphabetical. */
  readonly moves: readonly DexMove[];
  /** Id order (1..18, the game's order). */
  readonly types: readonly DexType[];

  private readonly pokemonById = new Map<number, DexPokemon>();
  private readonly pokemonByName = new Map<string, DexPokemon>();
  private readonly moveById = new Map<number, DexMove>();
  private readonly moveByName = new Map<string, DexMove>();
  private readonly moveByShowdownId = new Map<string, DexMove>();
  private readonly typeById = new Map<number, DexType>();
  private readonly typeByName = new Map<string, DexType>();
  private readonly chart = new Map<number, Map<number, number>>();
  private readonly learnsets = new Map<number, readonly DexLearnsetMove[]>();
  private readonly learnable = new Map<number, ReadonlySet<number>>();
  private readonly pokemonByType = new Map<number, readonly DexPokemon[]>();
  private readonly battleMoveLists = new Map<number, { moves: readonly DexMove[]; ids: ReadonlySet<number> } | null>();

  /** Id of the ETL run the data comes from (null when the database was never loaded). */
  readonly etlRunId: number | null;
  readonly dexFingerprint: string | null;

  constructor(rows: PokedexRows) {
    this.etlRunId = rows.etlRunId;
    this.dexFingerprint = rows.dexFingerprint;
    this.types = rows.types
      .map((t) => Object.freeze({ id: t.id, name: t.name, nameFr: t.name_fr }))
      .sort((x, y) => x.id - y.id);
    for (const t of this.types) {
      this.typeById.set(t.id, t);
      this.typeByName.set(t.name.toLowerCase(), t);
    }
    for (const c of rows.chart) {
      let row = this.chart.get(c.attacking_type_id);
      if (!row) this.chart.set(c.attacking_type_id, (row = new Map()));
      row.set(c.defending_type_id, c.multiplier);
    }

    const slots = new Map<number, { slot: number; type: DexType }[]>();
    for (const s of rows.slots) {
      const type = this.typeById.get(s.type_id);
      if (!type) continue;
      const list = slots.get(s.pokemon_id) ?? [];
      list.push({ slot: s.slot, type });
      slots.set(s.pokemon_id, list);
    }
    this.pokemon = rows.pokemon
      .map((p) =>
        Object.freeze<DexPokemon>({
          id: p.id,
          showdownId: p.showdown_id,
          name: p.name,
          nameFr: p.name_fr,
          dexNumber: p.dex_number,
          baseSpecies: p.base_species,
          form: p.form,
          formeLabel: p.forme_label,
          evolvesFrom: p.evolves_from,
          stats: Object.freeze({ hp: p.base_hp, atk: p.base_atk, def: p.base_def, spa: p.base_spa, spd: p.base_spd, spe: p.base_spe }),
          types: Object.freeze((slots.get(p.id) ?? []).sort((x, y) => x.slot - y.slot).map((s) => s.type)),
          heightM: p.height_m,
          weightKg: p.weight_kg,
          spriteUrl: p.sprite_url,
        }),
      )
      .sort((x, y) => x.dexNumber - y.dexNumber || x.id - y.id);
    for (const p of this.pokemon) {
      this.pokemonById.set(p.id, p);
      this.pokemonByName.set(p.name.toLowerCase(), p);
      for (const t of p.types) {
        const list = (this.pokemonByType.get(t.id) as DexPokemon[] | undefined) ?? [];
        list.push(p);
        this.pokemonByType.set(t.id, list);
      }
    }

    this.moves = rows.moves
      .filter((m) => this.typeById.has(m.type_id))
      .map((m) =>
        Object.freeze<DexMove>({
          id: m.id,
          showdownId: m.showdown_id,
          name: m.name,
          nameFr: m.name_fr,
          type: this.typeById.get(m.type_id) as DexType,
          category: m.category,
          power: m.power,
          accuracy: m.accuracy,
          pp: m.pp,
          priority: m.priority,
          description: m.description,
          multiHitMin: m.multi_hit_min,
          multiHitMax: m.multi_hit_max,
          isCharge: m.is_charge,
          isRecharge: m.is_recharge,
          fixedDamage: m.fixed_damage,
          isOhko: m.is_ohko,
          recoil: m.recoil,
          drain: m.drain,
          critRatio: m.crit_ratio,
          flags: Object.freeze([...m.flags]),
        }),
      )
      .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (const m of this.moves) {
      this.moveById.set(m.id, m);
      this.moveByName.set(m.name.toLowerCase(), m);
      this.moveByShowdownId.set(m.showdownId, m);
    }

    const learn = new Map<number, Map<number, DexLearnMethod[]>>();
    for (const l of rows.learnset) {
      if (!this.pokemonById.has(l.pokemon_id) || !this.moveById.has(l.move_id)) continue;
      let byMove = learn.get(l.pokemon_id);
      if (!byMove) learn.set(l.pokemon_id, (byMove = new Map()));
      const methods = byMove.get(l.move_id) ?? [];
      methods.push(Object.freeze({ method: l.method, level: l.level, sourcePokemonId: l.source_pokemon_id }));
      byMove.set(l.move_id, methods);
    }
    for (const [pokemonId, byMove] of learn) {
      const list = [...byMove]
        .map(([moveId, methods]) => Object.freeze({ move: this.moveById.get(moveId) as DexMove, methods: Object.freeze(methods) }))
        .sort((x, y) => (x.move.name < y.move.name ? -1 : 1));
      this.learnsets.set(pokemonId, Object.freeze(list));
      this.learnable.set(pokemonId, new Set(byMove.keys()));
    }
  }

  get isEmpty(): boolean {
    return this.pokemon.length === 0;
  }

  getPokemon(id: number): DexPokemon | undefined {
    return this.pokemonById.get(id);
  }

  /** By exact English name, case-insensitive. */
  getPokemonByName(name: string): DexPokemon | undefined {
    return this.pokemonByName.get(name.toLowerCase());
  }

  getMove(id: number): DexMove | undefined {
    return this.moveById.get(id);
  }

  /** By English name (case-insensitive) or Showdown id ("Thunder Punch", "thunder punch", "thunderpunch"). */
  findMove(name: string): DexMove | undefined {
    return this.moveByName.get(name.trim().toLowerCase()) ?? this.moveByShowdownId.get(toShowdownId(name));
  }

  getType(id: number): DexType | undefined {
    return this.typeById.get(id);
  }

  /** By English name, case-insensitive. */
  findType(name: string): DexType | undefined {
    return this.typeByName.get(name.trim().toLowerCase());
  }

  learnset(pokemonId: number): readonly DexLearnsetMove[] {
    return this.learnsets.get(pokemonId) ?? [];
  }

  canLearn(pokemonId: number, moveId: number): boolean {
    return this.learnable.get(pokemonId)?.has(moveId) ?? false;
  }

  /**
   * The moves a Pokémon brings to a one-move 1v1 battle, as the engine sees them (libs/battle's
   * `battleMovesFor`: its damaging moves, or Transform for Ditto), mapped to this snapshot's moves.
   * Null when the engine does not know the Pokémon (a row the LGPE rules do not allow). Cached.
   */
  battleMoves(pokemonId: number): readonly DexMove[] | null {
    return this.battleMoveList(pokemonId)?.moves ?? null;
  }

  isBattleMove(pokemonId: number, moveId: number): boolean {
    return this.battleMoveList(pokemonId)?.ids.has(moveId) ?? false;
  }

  private battleMoveList(pokemonId: number): { moves: readonly DexMove[]; ids: ReadonlySet<number> } | null {
    let entry = this.battleMoveLists.get(pokemonId);
    if (entry === undefined) {
      const pokemon = this.pokemonById.get(pokemonId);
      entry = null;
      if (pokemon) {
        try {
          const moves = battleMovesFor(pokemon.showdownId)
            .map((id) => this.moveByShowdownId.get(id))
            .filter((m): m is DexMove => m !== undefined);
          entry = { moves: Object.freeze(moves), ids: new Set(moves.map((m) => m.id)) };
        } catch {
          entry = null;
        }
      }
      this.battleMoveLists.set(pokemonId, entry);
    }
    return entry;
  }

  pokemonOfType(typeId: number): readonly DexPokemon[] {
    return this.pokemonByType.get(typeId) ?? [];
  }

  /** Multiplier of an attacking type on a defender with these types (the product over its types). */
  multiplier(attackingTypeId: number, defendingTypeIds: readonly number[]): number {
    let m = 1;
    const row = this.chart.get(attackingTypeId);
    for (const d of defendingTypeIds) m *= row?.get(d) ?? 1;
    return m;
  }
}

/**
 * Reads every Pokédex table in one REPEATABLE READ transaction (a consistent picture even while an
 * ETL run writes), tagged with the latest succeeded ETL run.
 */
export async function loadPokedexSnapshot(dataSource: DataSource): Promise<PokedexSnapshot> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    const q = <T>(sql: string): Promise<T[]> => runner.query(sql) as Promise<T[]>;
    const [run] = await q<{ id: number; dex_fingerprint: string | null }>(
      "SELECT id, dex_fingerprint FROM etl_run WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1",
    );
    const rows: PokedexRows = {
      etlRunId: run?.id ?? null,
      dexFingerprint: run?.dex_fingerprint ?? null,
      types: await q('SELECT id, name, name_fr FROM pokemon_type'),
      chart: await q('SELECT attacking_type_id, defending_type_id, multiplier FROM type_effectiveness'),
      pokemon: await q(
        `SELECT id, showdown_id, name, name_fr, dex_number, base_species, form, forme_label, evolves_from,
                base_hp, base_atk, base_def, base_spa, base_spd, base_spe, height_m, weight_kg, sprite_url
           FROM pokemon`,
      ),
      slots: await q('SELECT pokemon_id, slot, type_id FROM pokemon_type_slot'),
      moves: await q(
        `SELECT id, showdown_id, name, name_fr, type_id, category, power, accuracy, pp, priority, description,
                multi_hit_min, multi_hit_max, is_charge, is_recharge, fixed_damage, is_ohko, recoil, drain, crit_ratio, flags
           FROM move`,
      ),
      learnset: await q('SELECT pokemon_id, move_id, method, level, source_pokemon_id FROM learnset ORDER BY id'),
    };
    await runner.commitTransaction();
    return new PokedexSnapshot(rows);
  } catch (e) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw e;
  } finally {
    await runner.release();
  }
}

/** The latest succeeded ETL run id (cheap: what the periodic check compares with the snapshot's). */
export async function latestEtlRunId(dataSource: DataSource): Promise<number | null> {
  const [row] = (await dataSource.query("SELECT max(id) AS id FROM etl_run WHERE status = 'succeeded'")) as { id: number | null }[];
  return row?.id ?? null;
}
