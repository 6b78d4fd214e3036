import type { Move } from '@pkmn/sim';
import { BATTLE_LEVEL } from './battle-set';
import type { Combatant } from './combatant';
import { lgpeDex, lgpeMove } from './lgpe-dex';
import type { MoveId } from './lgpe-dex';

/** Mean of the engine's damage roll (85..100 %). */
export const AVERAGE_DAMAGE_ROLL = 0.925;
/** The gen7letsgo mod forces happiness 70 in battle; Pika Papow and Veevee Volley read it. */
export const LGPE_BATTLE_HAPPINESS = 70;
/** Expected hits of a 2-5 hit move with the Gen 5+ distribution the engine samples (35/35/15/15 %). */
export const EXPECTED_HITS_2_TO_5 = 3.1;
/** Gen 7 critical-hit odds by crit stage 1..4 (the engine's `critMult` table) and the crit multiplier. */
const CRIT_DENOMINATOR = [0, 24, 8, 2, 1] as const;
const CRIT_MULTIPLIER = 1.5;
const STAB = 1.5;

/**
 * Moves that cannot work when both sides repeat damaging moves: Dream Eater needs a sleeping target
 * and no damaging LGPE move causes sleep.
 */
const NEVER_WORKS: ReadonlySet<string> = new Set(['dreameater']);
/** Moves that only work on the user's first turn out (Fake Out): one use, then they fail. */
const FIRST_TURN_ONLY: ReadonlySet<string> = new Set(['fakeout']);

/** What one side's chosen move is expected to do to the other side, all derived from engine data. */
export interface MoveEstimate {
  moveId: MoveId;
  type: string;
  category: 'Physical' | 'Special' | 'Status';
  /** Base power used in the formula (callbacks resolved, e.g. Low Kick vs this target); 0 for fixed damage. */
  power: number;
  /** Hit probability, 0..1. */
  accuracy: number;
  priority: number;
  stab: boolean;
  /** Type multiplier vs the defender (0 when immune); 1 for typeless moves. */
  effectiveness: number;
  critChance: number;
  /** Expected damage of one hit as a fraction of the defender's level-50 max HP. */
  damageFraction: number;
  /** Expected hits per successful use (3.1 for 2-5 hit moves). */
  hitsPerUse: number;
  /** Successful uses needed to KO from full HP (Infinity if the move cannot). */
  hitsToKo: number;
  /** Expected turns to a winning KO: hits over accuracy plus charge/recharge turns; Infinity for self-KO moves. */
  turnsToKo: number;
  /** Expected fraction of the defender's max HP removed per turn (accuracy, hits and lost turns included). */
  damagePerTurn: number;
  multiHit: boolean;
  charge: boolean;
  recharge: boolean;
  fixedDamage: boolean;
  ohko: boolean;
  selfKo: boolean;
  /** Works on the first turn only (Fake Out); later uses fail. */
  firstTurnOnly: boolean;
  /** Crash damage (half the user's max HP) on a miss: High Jump Kick, Jump Kick. */
  crash: boolean;
  /** Recoil as a fraction of damage dealt (Double-Edge 1/3); crash moves excluded. */
  recoil: number;
  /** HP drained as a fraction of damage dealt (Mega Drain 1/2). */
  drain: number;
}

function accuracyOf(move: Move): number {
  if (move.accuracy === true) return 1;
  // OHKO moves gain (user level - target level) accuracy; every battler is level 50.
  return Math.min(1, move.accuracy / 100);
}

function hitsPerUseOf(move: Move): number {
  const multihit = move.multihit;
  if (!multihit) return 1;
  if (typeof multihit === 'number') return multihit;
  if (multihit[0] === 2 && multihit[1] === 5) return EXPECTED_HITS_2_TO_5;
  return (multihit[0] + multihit[1]) / 2;
}

function critChanceOf(move: Move): number {
  if (move.willCrit) return 1;
  const stage = Math.min(Math.max(move.critRatio || 1, 1), 4);
  return 1 / CRIT_DENOMINATOR[stage];
}

function isImmune(move: Move, defender: Combatant): boolean {
  const ignore = move.ignoreImmunity;
  if (ignore === true || (ignore && typeof ignore === 'object' && ignore[move.type])) return false;
  return !lgpeDex().getImmunity(move.type, defender.types as string[]);
}

/**
 * Base power after the move's own callback, evaluated with the engine's code on a minimal stand-in
 * for the battle and both Pokémon (Low Kick reads the target's weight, the partner moves happiness).
 */
function resolvedBasePower(move: Move, defender: Combatant): number {
  if (!move.basePowerCallback) return move.basePower;
  const battleStub = { debug: () => undefined };
  const userStub = { happiness: LGPE_BATTLE_HAPPINESS, level: BATTLE_LEVEL };
  const targetStub = { getWeight: () => defender.weighthg, weighthg: defender.weighthg, level: BATTLE_LEVEL };
  try {
    // The callback's declared types want a real Battle/Pokemon; the stubs carry the fields it reads.
    const callback = move.basePowerCallback as unknown as (this: unknown, ...args: unknown[]) => unknown;
    const power = callback.call(battleStub, userStub, targetStub, move);
    return typeof power === 'number' && power > 0 ? power : move.basePower;
  } catch {
    return move.basePower;
  }
}

/** Super Fang halves current HP (at least 1), so it takes floor(log2(hp)) + 1 hits from full. */
function halvingHitsToKo(hp: number): number {
  let hits = 0;
  for (let h = hp; h > 0; hits++) h -= Math.max(1, Math.floor(h / 2));
  return hits;
}

function fixedDamageOf(move: Move, defender: Combatant): number | undefined {
  if (move.ohko) return defender.stats50.hp;
  if (move.damage === 'level') return BATTLE_LEVEL;
  if (typeof move.damage === 'number') return move.damage;
  if (move.damageCallback) {
    if (move.id === 'superfang') return Math.max(1, Math.floor(defender.stats50.hp / 2));
    // Psywave: level * U{50..150} / 100, mean = level.
    if (move.id === 'psywave') return BATTLE_LEVEL;
    // Counter, Mirror Coat: reflected damage, not estimable from the move alone.
    return 0;
  }
  return undefined;
}

function ratio(pair: readonly [number, number] | undefined): number {
  return pair ? pair[0] / pair[1] : 0;
}

/**
 * Estimates `moveId` used by `attacker` on `defender`, both at level 50 with the default set: the
 * Gen 7 damage formula (floors on the base term as the engine does), average roll, expected crits,
 * STAB, the engine's type chart and immunities, accuracy, multi-hit, charge/recharge turns.
 */
export function estimateMove(attacker: Combatant, moveId: MoveId, defender: Combatant): MoveEstimate {
  const move = lgpeMove(moveId);
  const category = move.category;
  const accuracy = accuracyOf(move);
  const hitsPerUse = hitsPerUseOf(move);
  const stab = move.type !== '???' && attacker.types.includes(move.type as never);
  const immune = category !== 'Status' && isImmune(move, defender);
  const effectiveness = immune ? 0 : 2 ** lgpeDex().getEffectiveness(move.type, defender.types as string[]);
  const critChance = critChanceOf(move);
  const charge = !!move.flags['charge'];
  const recharge = !!move.flags['recharge'];
  const selfKo = !!move.selfdestruct;
  const firstTurnOnly = FIRST_TURN_ONLY.has(move.id);
  const maxHp = defender.stats50.hp;

  const fixed = category === 'Status' ? undefined : fixedDamageOf(move, defender);
  let power = 0;
  let damageFraction = 0;
  if (category !== 'Status' && !immune && !NEVER_WORKS.has(move.id)) {
    if (fixed !== undefined) {
      damageFraction = Math.min(fixed / maxHp, 1);
    } else {
      power = resolvedBasePower(move, defender);
      const physical = category === 'Physical';
      const offense = move.overrideOffensivePokemon === 'target' ? defender : attacker;
      const attack = physical ? offense.stats50.atk : offense.stats50.spa;
      const defense = physical ? defender.stats50.def : defender.stats50.spd;
      const levelTerm = Math.floor((2 * BATTLE_LEVEL) / 5 + 2);
      const base = Math.floor(Math.floor((levelTerm * power * attack) / defense) / 50) + 2;
      const perHit = base * (1 + critChance * (CRIT_MULTIPLIER - 1)) * AVERAGE_DAMAGE_ROLL * (stab ? STAB : 1) * effectiveness;
      damageFraction = perHit / maxHp;
    }
  }

  let hitsToKo = Infinity;
  if (damageFraction > 0) {
    if (move.ohko) hitsToKo = 1;
    else if (move.id === 'superfang') hitsToKo = halvingHitsToKo(maxHp);
    // The epsilon keeps an exact 50 % hit at 2HKO despite floating-point noise.
    else hitsToKo = Math.ceil(1 / (damageFraction * hitsPerUse) - 1e-9);
  }

  // A self-KO move never wins a 1v1: when both faint the engine (Gen 5+) gives the win to the side
  // whose Pokémon fainted last, i.e. the target's. So its turns to a winning KO are infinite.
  let turnsToKo = Infinity;
  if (Number.isFinite(hitsToKo) && accuracy > 0 && !selfKo) {
    const uses = hitsToKo / accuracy;
    if (firstTurnOnly) turnsToKo = hitsToKo === 1 ? uses : Infinity;
    else if (charge) turnsToKo = 2 * uses;
    else if (recharge) turnsToKo = uses + (hitsToKo - 1);
    else turnsToKo = uses;
  }

  const turnsPerUse = charge || recharge ? 2 : 1;
  const damagePerTurn = (accuracy * damageFraction * hitsPerUse) / turnsPerUse;

  return {
    moveId: move.id,
    type: move.type,
    category,
    power,
    accuracy,
    priority: move.priority,
    stab,
    effectiveness,
    critChance: category === 'Status' || fixed !== undefined ? 0 : critChance,
    damageFraction,
    hitsPerUse,
    hitsToKo,
    turnsToKo,
    damagePerTurn,
    multiHit: hitsPerUse > 1,
    charge,
    recharge,
    fixedDamage: fixed !== undefined,
    ohko: !!move.ohko,
    selfKo,
    firstTurnOnly,
    crash: !!move.hasCrashDamage,
    recoil: ratio(move.recoil),
    drain: ratio(move.drain),
  };
}

/** Expected damage of one hit as a fraction of the defender's level-50 HP (average roll 0.925). */
export function expectedDamageFraction(attacker: Combatant, moveId: MoveId, defender: Combatant): number {
  return estimateMove(attacker, moveId, defender).damageFraction;
}

/** Successful uses of the move needed to KO the defender from full HP; Infinity if it never can. */
export function expectedHitsToKo(attacker: Combatant, moveId: MoveId, defender: Combatant): number {
  return estimateMove(attacker, moveId, defender).hitsToKo;
}

/** Expected turns to KO: hits to KO over accuracy, plus charge/recharge turns; Infinity if never. */
export function expectedTurnsToKo(attacker: Combatant, moveId: MoveId, defender: Combatant): number {
  return estimateMove(attacker, moveId, defender).turnsToKo;
}

/**
 * Who acts first each turn as the engine orders actions in 1v1: higher move priority, then higher
 * Speed. +1 = A first, -1 = B first, 0 = Speed tie (the engine breaks it at random each turn).
 */
export function moveOrder(a: Combatant, moveA: MoveId, b: Combatant, moveB: MoveId): 1 | 0 | -1 {
  const pa = lgpeMove(moveA).priority;
  const pb = lgpeMove(moveB).priority;
  if (pa !== pb) return pa > pb ? 1 : -1;
  const sa = a.stats50.spe;
  const sb = b.stats50.spe;
  return sa === sb ? 0 : sa > sb ? 1 : -1;
}
