import type { PokemonSet, StatsTable } from '@pkmn/sim';

/** Every simulated battle is fought at this level (the seed stack's rule; LGPE link battles cap at 50). */
export const BATTLE_LEVEL = 50;

/** Neutral nature: no stat gets the 1.1 / 0.9 multiplier, so stats come from base stats alone. */
export const DEFAULT_NATURE = 'Hardy';

/** Perfect IVs, as a trained LGPE Pokémon would have them. */
export const DEFAULT_IVS: Readonly<StatsTable> = Object.freeze({ hp: 31, atk: 31, def: 31, spa: 31, spd: 31, spe: 31 });

/**
 * No Awakening Values. The engine stores LGPE AVs in the `evs` slot of a set; leaving them at 0 means
 * the battle reflects the species alone, not a particular candy investment.
 */
export const DEFAULT_AVS: Readonly<StatsTable> = Object.freeze({ hp: 0, atk: 0, def: 0, spa: 0, spd: 0, spe: 0 });

/** LGPE has neither abilities nor held items; the gen7letsgo mod gives every species this ability. */
export const LGPE_ABILITY = 'No Ability';

/**
 * The one set every battler uses. A fresh object each call: the engine mutates sets it is given
 * (the LGPE stat formula writes `happiness`, the Pokémon constructor clamps `level`).
 */
export function battleSet(speciesName: string, moveNames: readonly string[]): PokemonSet {
  return {
    name: speciesName,
    species: speciesName,
    item: '',
    ability: LGPE_ABILITY,
    moves: [...moveNames],
    nature: DEFAULT_NATURE,
    gender: '',
    evs: { ...DEFAULT_AVS },
    ivs: { ...DEFAULT_IVS },
    level: BATTLE_LEVEL,
  };
}
