import type { Pokemon, Stats } from '@predictiondex/api-client';

/** Competition rank (1 = highest; ties share a rank) of one Pokémon's value of `key` among all. */
export function statRank(all: Pokemon[], pokemon: Pokemon, key: keyof Stats): number {
  const v = pokemon.stats[key];
  return 1 + all.filter((p) => p.stats[key] > v).length;
}

export function statRanks(all: Pokemon[], pokemon: Pokemon): Record<keyof Stats, number> {
  const keys: (keyof Stats)[] = ['hp', 'attack', 'defense', 'sp_attack', 'sp_defense', 'speed', 'total'];
  return Object.fromEntries(keys.map((k) => [k, statRank(all, pokemon, k)])) as Record<keyof Stats, number>;
}
