import { Dex, toID } from '@pkmn/sim';
import type { ModdedDex, Move, Species } from '@pkmn/sim';
import * as lgpeMod from '@pkmn/mods/gen7letsgo';

/** Showdown id of a species (lowercase alphanumeric, e.g. `venusaurmega`, `raichualola`). */
export type SpeciesId = string;
/** Showdown id of a move (lowercase alphanumeric, e.g. `thunderbolt`). */
export type MoveId = string;

export const LGPE_MOD_ID = 'gen7letsgo';

type ModData = NonNullable<Parameters<typeof Dex.mod>[1]>;

let cachedDex: ModdedDex | undefined;
let cachedLegal: readonly Species[] | undefined;
let cachedLegalIds: ReadonlySet<SpeciesId> | undefined;

/**
 * The gen7letsgo-modded dex. Registering the mod also makes it available to `Battle` (the engine keeps
 * one dex per mod id), which is why every battle path goes through here first.
 */
export function lgpeDex(): ModdedDex {
  if (!cachedDex) {
    // The mod's declared types come from @pkmn/dex-types, structurally the same data @pkmn/sim reads.
    cachedDex = Dex.mod(LGPE_MOD_ID, lgpeMod as unknown as ModData);
  }
  return cachedDex;
}

/**
 * The 188 species legal in LGPE (151 Kanto + Meltan/Melmetal, Alolan forms, Megas, partner forms),
 * ordered by National Dex number then id so every consumer sees the same order.
 */
export function legalSpecies(): readonly Species[] {
  if (!cachedLegal) {
    cachedLegal = Object.freeze(
      lgpeDex()
        .species.all()
        .filter((s) => s.exists && !s.isNonstandard && s.tier !== 'Illegal')
        .sort((x, y) => x.num - y.num || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    );
  }
  return cachedLegal;
}

export function legalSpeciesIds(): readonly SpeciesId[] {
  return legalSpecies().map((s) => s.id);
}

export function isLegalSpecies(speciesId: string): boolean {
  if (!cachedLegalIds) cachedLegalIds = new Set(legalSpecies().map((s) => s.id));
  return cachedLegalIds.has(toID(speciesId));
}

/** A species legal in LGPE, by id or name; throws for anything else so bad input never reaches a battle. */
export function lgpeSpecies(speciesId: string): Species {
  const species = lgpeDex().species.get(speciesId);
  if (!species.exists || !isLegalSpecies(species.id)) {
    throw new Error(`Not an LGPE species: '${speciesId}'`);
  }
  return species;
}

/** A move as the LGPE mod defines it (e.g. Solar Beam 200 BP, Mega Drain 75 BP); throws if unknown. */
export function lgpeMove(moveId: string): Move {
  const move = lgpeDex().moves.get(moveId);
  if (!move.exists) throw new Error(`Unknown move: '${moveId}'`);
  return move;
}
