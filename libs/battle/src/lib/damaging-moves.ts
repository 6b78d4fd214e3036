import type { Move } from '@pkmn/sim';
import { lgpeDex, lgpeSpecies } from './lgpe-dex';
import type { MoveId, SpeciesId } from './lgpe-dex';

/**
 * Moves whose damage is only a reflection of the damage they receive. Repeated by both sides they
 * make no progress (Counter vs Counter never ends), and no pre-battle estimate of their damage exists.
 */
const REACTIVE_MOVES: ReadonlySet<MoveId> = new Set(['bide', 'counter', 'mirrorcoat', 'metalburst']);

/**
 * A move that deals damage on its own: a damage-formula move (fixed or variable base power), a
 * fixed-damage move (Seismic Toss, Night Shade, Dragon Rage, Sonic Boom, Super Fang, Psywave) or a
 * one-hit-KO move (Fissure, Guillotine, Horn Drill: 30% at equal levels, still a real LGPE choice).
 */
export function isDamagingMove(move: Move): boolean {
  if (!move.exists || move.category === 'Status' || REACTIVE_MOVES.has(move.id)) return false;
  return (
    move.basePower > 0 ||
    !!move.basePowerCallback ||
    !!move.damage ||
    !!move.damageCallback ||
    !!move.ohko
  );
}

const cache = new Map<SpeciesId, readonly MoveId[]>();

/**
 * Damaging moves a species may use under Showdown's LGPE rules, sorted and deduplicated. The pool is
 * the engine's own (`getMovePool`), which walks prevolutions (as the mod defines them: Alolan Raichu
 * and Exeggutor have none in LGPE), Megas to their base form, and partner forms to their own learnset:
 * the same walk the team validator does.
 */
export function damagingMovesFor(speciesId: SpeciesId): readonly MoveId[] {
  const species = lgpeSpecies(speciesId);
  let moves = cache.get(species.id);
  if (!moves) {
    const dex = lgpeDex();
    moves = Object.freeze(
      [...dex.species.getMovePool(species.id)].filter((id) => isDamagingMove(dex.moves.get(id))).sort(),
    );
    cache.set(species.id, moves);
  }
  return moves;
}

/**
 * The moves a species can bring to a "repeat one move" battle: its damaging moves, or, for a species
 * with none (Ditto: Transform only), its whole pool. Transform copies the foe's move, so Ditto still
 * fights; dropping it would silently remove a legal species from every dataset.
 */
export function battleMovesFor(speciesId: SpeciesId): readonly MoveId[] {
  const damaging = damagingMovesFor(speciesId);
  if (damaging.length > 0) return damaging;
  const species = lgpeSpecies(speciesId);
  return Object.freeze([...lgpeDex().species.getMovePool(species.id)].sort());
}
