import type { ID, Move as PsMove, Species } from '@pkmn/sim';
import type { LearnMethod, PokemonForm } from '@predictiondex/db';
import type { DraftLearnsetEntry, DraftMove, DraftPokemon, PokedexDraft } from '../pokedex-draft';
import type { PokedexSource } from './pokedex-source';
import { legalSpecies, lgpeDex } from '@predictiondex/battle';
import { packageVersion } from './package-version';

/** The games' own type order (also PokéAPI's ids), so type ids mean the same everywhere. */
export const TYPE_ORDER = [
  'Normal', 'Fighting', 'Flying', 'Poison', 'Ground', 'Rock', 'Bug', 'Ghost', 'Steel',
  'Fire', 'Water', 'Grass', 'Electric', 'Psychic', 'Ice', 'Dragon', 'Dark', 'Fairy',
] as const;

const FORM_ORDER: Record<PokemonForm, number> = { base: 0, alola: 1, partner: 2, mega: 3 };

export function formOf(species: Species): PokemonForm {
  if (!species.forme) return 'base';
  if (species.forme === 'Alola') return 'alola';
  if (species.forme.startsWith('Mega')) return 'mega';
  if (species.forme === 'Starter') return 'partner';
  throw new Error(`Unexpected LGPE forme '${species.forme}' on ${species.name}`);
}

/** Showdown's damageTaken codes: 0 neutral, 1 weak (x2), 2 resists (x0.5), 3 immune. */
const DAMAGE_TAKEN: Record<number, number> = { 0: 1, 1: 2, 2: 0.5, 3: 0 };

function fraction(pair: [number, number] | undefined): number {
  return pair ? Math.round((pair[0] / pair[1]) * 1000) / 1000 : 0;
}

export function draftMove(m: PsMove): DraftMove {
  const hits = m.multihit;
  return {
    showdownId: m.id,
    name: m.name,
    nameFr: null,
    type: m.type,
    category: m.category.toLowerCase() as DraftMove['category'],
    power: m.basePower > 0 ? m.basePower : null,
    accuracy: m.accuracy === true ? null : m.accuracy,
    pp: m.pp,
    priority: m.priority,
    description: m.shortDesc || m.desc || '',
    multiHitMin: hits === undefined ? null : Array.isArray(hits) ? hits[0] : hits,
    multiHitMax: hits === undefined ? null : Array.isArray(hits) ? hits[1] : hits,
    isCharge: Boolean(m.flags.charge),
    isRecharge: Boolean(m.flags.recharge),
    fixedDamage: m.damage === undefined || m.damage === null ? null : String(m.damage),
    isOhko: Boolean(m.ohko),
    recoil: fraction(m.recoil),
    drain: fraction(m.drain),
    critRatio: m.critRatio ?? 1,
    flags: Object.keys(m.flags).filter((f) => (m.flags as Record<string, number>)[f]).sort(),
  };
}

/**
 * The form whose learnset this one continues: the previous evolution stage, or for a Mega its base
 * form. Raichu-, Marowak- and Exeggutor-Alola have no prevo in LGPE: they only come from in-game
 * trades, never by evolving a Kanto Pikachu, Cubone or Exeggcute, so they inherit nothing (as
 * Showdown's validator rules).
 */
export function learnsetParent(species: Species): string | null {
  const dex = lgpeDex();
  if (species.changesFrom) return dex.species.get(species.changesFrom).id;
  if (species.prevo) return dex.species.get(species.prevo).id;
  return null;
}

function ownEntries(species: Species): DraftLearnsetEntry[] {
  const learnset = lgpeDex().data.Learnsets[species.id]?.learnset ?? {};
  const entries: DraftLearnsetEntry[] = [];
  for (const moveId of Object.keys(learnset).sort()) {
    const byMethod = new Map<LearnMethod, number | null>();
    for (const code of learnset[moveId] ?? []) {
      // Codes look like 7L32 (level 32), 7L0 (on evolution), 7M (TM), 7T (tutor), 7S0 (event).
      const match = /^\d+([LMTSEV])(\d*)$/.exec(code);
      if (!match) continue;
      const [, kind, num] = match;
      if (kind === 'L') {
        const level = Number(num);
        if (level === 0) byMethod.set('evolution', null);
        else byMethod.set('level-up', Math.min(level, byMethod.get('level-up') ?? Infinity));
      } else if (kind === 'M') byMethod.set('tm', null);
      else if (kind === 'T') byMethod.set('tutor', null);
      else if (kind === 'S') byMethod.set('event', null);
    }
    for (const [method, level] of byMethod) entries.push({ pokemon: species.id, move: moveId, method, level, source: species.id });
  }
  return entries;
}

/** Own learnset, then every move of earlier stages not already learned, tagged with the stage it comes from. */
export function lgpeLearnset(species: Species): DraftLearnsetEntry[] {
  const dex = lgpeDex();
  const entries = ownEntries(species);
  const known = new Set(entries.map((e) => e.move));
  for (let parent = learnsetParent(species); parent; parent = learnsetParent(dex.species.get(parent))) {
    for (const e of ownEntries(dex.species.get(parent))) {
      if (known.has(e.move)) continue;
      known.add(e.move);
      entries.push({ pokemon: species.id, move: e.move, method: 'inherited', level: null, source: parent });
    }
  }
  return entries;
}

/** Builds the whole Pokédex from Showdown's LGPE data. Offline and deterministic. */
export class ShowdownSource implements PokedexSource {
  readonly name = 'showdown';

  async apply(draft: PokedexDraft): Promise<void> {
    const dex = lgpeDex();
    draft.sourceVersions['showdown'] = `@pkmn/sim@${packageVersion('@pkmn/sim')}+@pkmn/mods@${packageVersion('@pkmn/mods')}/gen7letsgo`;

    draft.types = TYPE_ORDER.map((name, i) => ({ id: i + 1, name, nameFr: null }));
    draft.typeChart = [];
    for (const attacking of TYPE_ORDER) {
      for (const defending of TYPE_ORDER) {
        const code = dex.types.get(defending).damageTaken[attacking] as number;
        draft.typeChart.push({ attacking, defending, multiplier: DAMAGE_TAKEN[code] ?? 1 });
      }
    }

    const species = [...legalSpecies()].sort((a, b) => a.num - b.num || FORM_ORDER[formOf(a)] - FORM_ORDER[formOf(b)] || a.id.localeCompare(b.id));
    const legal = new Set<string>(species.map((s) => s.id));
    draft.pokemon = species.map((s): DraftPokemon => {
      const parent = learnsetParent(s);
      return {
        showdownId: s.id,
        name: s.name,
        nameFr: null,
        dexNumber: s.num,
        baseSpecies: dex.species.get(s.baseSpecies).id,
        form: formOf(s),
        formeLabel: s.forme ?? '',
        evolvesFrom: parent && !s.changesFrom && legal.has(parent) ? parent : null,
        baseStats: { ...s.baseStats },
        types: [...s.types],
        heightM: s.heightm ?? null,
        weightKg: s.weightkg ?? null,
        spriteUrl: null,
      };
    });

    draft.learnsets = species.flatMap((s) => lgpeLearnset(s));
    const moveIds = [...new Set(draft.learnsets.map((e) => e.move))].sort();
    draft.moves = moveIds.map((id) => draftMove(dex.moves.get(id as ID)));
  }
}
