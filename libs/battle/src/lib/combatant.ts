import type { StatsTable } from '@pkmn/sim';
import type { TypeName } from './type-names';
import { level50Stats } from './level50-stats';
import { lgpeSpecies } from './lgpe-dex';
import type { SpeciesId } from './lgpe-dex';

/** Everything the estimators and the feature vector need to know about one battler. Plain data. */
export interface Combatant {
  speciesId: SpeciesId;
  /** One or two types, in dex order. */
  types: readonly TypeName[];
  baseStats: Readonly<StatsTable>;
  /** Level-50 stats as the engine computes them with the default set (see battle-set.ts). */
  stats50: Readonly<StatsTable>;
  /** Weight in hectograms, as the engine stores it (Low Kick's power depends on the target's). */
  weighthg: number;
}

const cache = new Map<SpeciesId, Combatant>();

export function combatantFromDex(speciesId: SpeciesId): Combatant {
  // Showdown ids (what serving passes, thousands of times a second) skip the dex lookup.
  const known = cache.get(speciesId);
  if (known) return known;
  const species = lgpeSpecies(speciesId);
  let combatant = cache.get(species.id);
  if (!combatant) {
    combatant = Object.freeze({
      speciesId: species.id,
      types: Object.freeze([...species.types] as TypeName[]),
      baseStats: Object.freeze({ ...species.baseStats }),
      stats50: level50Stats(species),
      weighthg: species.weighthg,
    });
    cache.set(species.id, combatant);
  }
  return combatant;
}
