import type { DataSource, EntityManager } from 'typeorm';
import type { PokedexDraft } from '../pokedex-draft';
import { syncTable, TableSyncResult } from './table-sync';

/** The load phases, in dependency order. Each is one transaction: a killed run leaves no phase half-written. */
export const LOAD_PHASES = ['types', 'moves', 'pokemon', 'learnsets'] as const;
export type LoadPhase = (typeof LOAD_PHASES)[number];

export const POKEDEX_TABLES = ['pokemon_type', 'type_effectiveness', 'move', 'pokemon', 'pokemon_type_slot', 'learnset'] as const;
export type PokedexTable = (typeof POKEDEX_TABLES)[number];

export type TableChanges = Record<PokedexTable, number>;

const total = (r: TableSyncResult) => r.inserted + r.updated + r.deleted;

async function idsByShowdownId(em: EntityManager, table: 'pokemon' | 'move'): Promise<Map<string, number>> {
  const rows: { id: number; showdown_id: string }[] = await em.query(`SELECT id, showdown_id FROM ${table}`);
  return new Map(rows.map((r) => [r.showdown_id, r.id]));
}

function lookup(map: Map<string, number>, key: string, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`${what} '${key}' is not loaded`);
  return id;
}

/** Writes a draft into the Pokédex tables, phase by phase, and reports what changed in each table. */
export class PokedexLoader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly onPhase: (phase: LoadPhase, ms: number) => void = () => undefined,
  ) {}

  async load(draft: PokedexDraft, force: boolean): Promise<TableChanges> {
    const changes = Object.fromEntries([...new Set([...POKEDEX_TABLES])].map((t) => [t, 0])) as TableChanges;
    const typeIds = new Map(draft.types.map((t) => [t.name, t.id]));
    const typeId = (name: string) => lookup(typeIds, name, 'type');

    await this.phase('types', async (em) => {
      changes.pokemon_type += total(
        await syncTable(em, {
          table: 'pokemon_type',
          key: ['id'],
          columns: [
            { name: 'id', pgType: 'smallint' },
            { name: 'name', pgType: 'text' },
            { name: 'name_fr', pgType: 'text' },
          ],
          rows: draft.types.map((t) => [t.id, t.name, t.nameFr]),
          force,
          deleteMissing: true,
        }),
      );
      changes.type_effectiveness += total(
        await syncTable(em, {
          table: 'type_effectiveness',
          key: ['attacking_type_id', 'defending_type_id'],
          columns: [
            { name: 'attacking_type_id', pgType: 'smallint' },
            { name: 'defending_type_id', pgType: 'smallint' },
            { name: 'multiplier', pgType: 'real' },
          ],
          rows: draft.typeChart.map((c) => [typeId(c.attacking), typeId(c.defending), c.multiplier]),
          force,
          deleteMissing: true,
        }),
      );
    });

    await this.phase('moves', async (em) => {
      changes.move += total(
        await syncTable(em, {
          table: 'move',
          key: ['showdown_id'],
          columns: [
            { name: 'showdown_id', pgType: 'text' },
            { name: 'name', pgType: 'text' },
            { name: 'name_fr', pgType: 'text' },
            { name: 'type_id', pgType: 'smallint' },
            { name: 'category', pgType: 'text' },
            { name: 'power', pgType: 'smallint' },
            { name: 'accuracy', pgType: 'smallint' },
            { name: 'pp', pgType: 'smallint' },
            { name: 'priority', pgType: 'smallint' },
            { name: 'description', pgType: 'text' },
            { name: 'multi_hit_min', pgType: 'smallint' },
            { name: 'multi_hit_max', pgType: 'smallint' },
            { name: 'is_charge', pgType: 'bool' },
            { name: 'is_recharge', pgType: 'bool' },
            { name: 'fixed_damage', pgType: 'text' },
            { name: 'is_ohko', pgType: 'bool' },
            { name: 'recoil', pgType: 'real' },
            { name: 'drain', pgType: 'real' },
            { name: 'crit_ratio', pgType: 'smallint' },
            // A text[] cannot travel inside unnest (it would flatten), so flags travel joined.
            { name: 'flags', pgType: 'text', fromTransport: (ref) => `string_to_array(${ref}, ',')::text[]` },
          ],
          rows: draft.moves.map((m) => [
            m.showdownId, m.name, m.nameFr, typeId(m.type), m.category, m.power, m.accuracy, m.pp, m.priority, m.description,
            m.multiHitMin, m.multiHitMax, m.isCharge, m.isRecharge, m.fixedDamage, m.isOhko, m.recoil, m.drain, m.critRatio, m.flags.join(','),
          ]),
          force,
          deleteMissing: true,
        }),
      );
    });

    await this.phase('pokemon', async (em) => {
      changes.pokemon += total(
        await syncTable(em, {
          table: 'pokemon',
          key: ['showdown_id'],
          columns: [
            { name: 'showdown_id', pgType: 'text' },
            { name: 'name', pgType: 'text' },
            { name: 'name_fr', pgType: 'text' },
            { name: 'dex_number', pgType: 'smallint' },
            { name: 'base_species', pgType: 'text' },
            { name: 'form', pgType: 'text' },
            { name: 'forme_label', pgType: 'text' },
            { name: 'evolves_from', pgType: 'text' },
            { name: 'base_hp', pgType: 'smallint' },
            { name: 'base_atk', pgType: 'smallint' },
            { name: 'base_def', pgType: 'smallint' },
            { name: 'base_spa', pgType: 'smallint' },
            { name: 'base_spd', pgType: 'smallint' },
            { name: 'base_spe', pgType: 'smallint' },
            { name: 'height_m', pgType: 'real' },
            { name: 'weight_kg', pgType: 'real' },
            { name: 'sprite_url', pgType: 'text' },
          ],
          rows: draft.pokemon.map((p) => [
            p.showdownId, p.name, p.nameFr, p.dexNumber, p.baseSpecies, p.form, p.formeLabel, p.evolvesFrom,
            p.baseStats.hp, p.baseStats.atk, p.baseStats.def, p.baseStats.spa, p.baseStats.spd, p.baseStats.spe,
            p.heightM, p.weightKg, p.spriteUrl,
          ]),
          force,
          deleteMissing: true,
        }),
      );
      const pokemonIds = await idsByShowdownId(em, 'pokemon');
      changes.pokemon_type_slot += total(
        await syncTable(em, {
          table: 'pokemon_type_slot',
          key: ['pokemon_id', 'slot'],
          columns: [
            { name: 'pokemon_id', pgType: 'int' },
            { name: 'slot', pgType: 'smallint' },
            { name: 'type_id', pgType: 'smallint' },
          ],
          rows: draft.pokemon.flatMap((p) => p.types.map((t, i) => [lookup(pokemonIds, p.showdownId, 'pokemon'), i + 1, typeId(t)])),
          force,
          deleteMissing: true,
        }),
      );
    });

    await this.phase('learnsets', async (em) => {
      const pokemonIds = await idsByShowdownId(em, 'pokemon');
      const moveIds = await idsByShowdownId(em, 'move');
      changes.learnset += total(
        await syncTable(em, {
          table: 'learnset',
          key: ['pokemon_id', 'move_id', 'method', 'source_pokemon_id'],
          columns: [
            { name: 'pokemon_id', pgType: 'int' },
            { name: 'move_id', pgType: 'int' },
            { name: 'method', pgType: 'text' },
            { name: 'source_pokemon_id', pgType: 'int' },
            { name: 'level', pgType: 'smallint' },
          ],
          rows: draft.learnsets.map((e) => [
            lookup(pokemonIds, e.pokemon, 'pokemon'),
            lookup(moveIds, e.move, 'move'),
            e.method,
            // Sources outside LGPE's 188 (a prevo absent from the game) cannot be referenced: the
            // entry is attributed to the Pokémon itself, its method keeps saying it is inherited.
            pokemonIds.get(e.source) ?? lookup(pokemonIds, e.pokemon, 'pokemon'),
            e.level,
          ]),
          force,
          deleteMissing: true,
        }),
      );
    });
    return changes;
  }

  private async phase(name: LoadPhase, work: (em: EntityManager) => Promise<void>): Promise<void> {
    const started = Date.now();
    await this.dataSource.transaction(work);
    this.onPhase(name, Date.now() - started);
  }
}
