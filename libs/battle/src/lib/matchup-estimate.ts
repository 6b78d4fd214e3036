import type { Combatant } from './combatant';
import { estimateMove, moveOrder } from './damage-estimate';
import type { MoveEstimate } from './damage-estimate';
import { lgpeMove } from './lgpe-dex';
import type { MoveId } from './lgpe-dex';

export interface MatchupSide {
  /** The battler as it actually fights: a Transform user becomes a copy of its foe. */
  combatant: Combatant;
  moveId: MoveId;
  transformed: boolean;
  estimate: MoveEstimate;
}

export interface MatchupEstimate {
  a: MatchupSide;
  b: MatchupSide;
  /** +1 A acts first, -1 B first, 0 Speed tie (after Transform, if any). */
  order: 1 | 0 | -1;
}

/**
 * Transform (Ditto's only move) copies the foe's types, stats except HP, weight and moves, so from
 * turn 2 the user fights with the foe's move. Modelled as that, one turn later.
 */
function asFought(self: Combatant, selfMove: MoveId, foe: Combatant, foeMove: MoveId): { combatant: Combatant; moveId: MoveId; transformed: boolean } {
  if (lgpeMove(selfMove).id !== 'transform' || lgpeMove(foeMove).id === 'transform') {
    return { combatant: self, moveId: selfMove, transformed: false };
  }
  return {
    combatant: {
      speciesId: self.speciesId,
      types: foe.types,
      baseStats: { ...foe.baseStats, hp: self.baseStats.hp },
      stats50: { ...foe.stats50, hp: self.stats50.hp },
      weighthg: foe.weighthg,
    },
    moveId: foeMove,
    transformed: true,
  };
}

/** Both sides' move estimates for one battle of A (repeating moveA) against B (repeating moveB). */
export function estimateMatchup(a: Combatant, moveA: MoveId, b: Combatant, moveB: MoveId): MatchupEstimate {
  const fa = asFought(a, moveA, b, moveB);
  const fb = asFought(b, moveB, a, moveA);
  const side = (f: typeof fa, foe: Combatant): MatchupSide => {
    const estimate = estimateMove(f.combatant, f.moveId, foe);
    // The Transform turn itself deals no damage.
    if (f.transformed) estimate.turnsToKo += 1;
    return { ...f, estimate };
  };
  return {
    a: side(fa, fb.combatant),
    b: side(fb, fa.combatant),
    order: moveOrder(fa.combatant, fa.moveId, fb.combatant, fb.moveId),
  };
}
