import type { Battle, Species, StatsTable } from '@pkmn/sim';
import { battleSet } from './battle-set';
import { createLgpeBattle } from './lgpe-battle';
import { lgpeSpecies } from './lgpe-dex';

let statBattle: Battle | undefined;
const cache = new Map<string, Readonly<StatsTable>>();

/**
 * Level-50 stats exactly as the engine computes them in an LGPE battle. The gen7letsgo mod installs
 * its own `statModify` on Battle (HP adds AVs; other stats get the friendship multiplier 1.02 because
 * the mod forces happiness 70), so we ask a scratch Battle rather than re-implementing the formula.
 */
export function level50Stats(species: Species | string): Readonly<StatsTable> {
  const s = typeof species === 'string' ? lgpeSpecies(species) : species;
  let stats = cache.get(s.id);
  if (!stats) {
    statBattle ??= createLgpeBattle('1,2,3,4');
    stats = Object.freeze(statBattle.spreadModify(s.baseStats, battleSet(s.name, [])));
    cache.set(s.id, stats);
  }
  return stats;
}
