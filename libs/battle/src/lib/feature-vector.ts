import { DEFAULT_MAX_TURNS } from './battle-runner';
import type { Combatant } from './combatant';
import type { MoveEstimate } from './damage-estimate';
import type { MoveId } from './lgpe-dex';
import { estimateMatchup } from './matchup-estimate';
import type { MatchupSide } from './matchup-estimate';
import { TYPE_NAMES, typeIndex } from './type-names';

/** Bump when names, order or meaning of any feature change; models record it and refuse a mismatch. */
export const FEATURE_VERSION = 'lgpe-v1';

/** Hits/turns to KO are capped here (the battle turn cap): "never" and "after the cap" mean the same. */
export const KO_FEATURE_CAP = DEFAULT_MAX_TURNS;

const STAT_KEYS = ['hp', 'atk', 'def', 'spa', 'spd', 'spe'] as const;
const TYPE_KEYS = TYPE_NAMES.map((t) => t.toLowerCase());

/** Per-side move block, in order; each entry reads one number from the side's estimate. */
const MOVE_FEATURES: ReadonlyArray<readonly [string, (s: MatchupSide) => number]> = [
  ['move_physical', (s) => (s.estimate.category === 'Physical' ? 1 : 0)],
  ['move_special', (s) => (s.estimate.category === 'Special' ? 1 : 0)],
  ['move_power', (s) => s.estimate.power],
  ['move_accuracy', (s) => s.estimate.accuracy],
  ['move_priority', (s) => s.estimate.priority],
  ['move_stab', (s) => (s.estimate.stab ? 1.5 : 1)],
  ['move_effectiveness', (s) => s.estimate.effectiveness],
  ['move_crit_chance', (s) => s.estimate.critChance],
  ['move_damage_fraction', (s) => s.estimate.damageFraction],
  ['move_hits_per_use', (s) => s.estimate.hitsPerUse],
  ['move_hits_to_ko', (s) => capKo(s.estimate.hitsToKo)],
  ['move_turns_to_ko', (s) => capKo(s.estimate.turnsToKo)],
  ['move_damage_per_turn', (s) => s.estimate.damagePerTurn],
  ['move_multi_hit', (s) => flag(s.estimate.multiHit)],
  ['move_charge', (s) => flag(s.estimate.charge)],
  ['move_recharge', (s) => flag(s.estimate.recharge)],
  ['move_fixed_damage', (s) => flag(s.estimate.fixedDamage)],
  ['move_ohko', (s) => flag(s.estimate.ohko)],
  ['move_self_ko', (s) => flag(s.estimate.selfKo)],
  ['move_first_turn_only', (s) => flag(s.estimate.firstTurnOnly)],
  ['move_crash', (s) => flag(s.estimate.crash)],
  ['move_recoil', (s) => s.estimate.recoil],
  ['move_drain', (s) => s.estimate.drain],
  ['move_transform', (s) => flag(s.transformed)],
];

function flag(value: boolean): number {
  return value ? 1 : 0;
}

function capKo(value: number): number {
  return Math.min(value, KO_FEATURE_CAP);
}

function sideNames(prefix: 'a' | 'b'): string[] {
  return [
    ...STAT_KEYS.map((k) => `${prefix}_${k}`),
    ...TYPE_KEYS.map((t) => `${prefix}_type_${t}`),
    ...TYPE_KEYS.map((t) => `${prefix}_move_type_${t}`),
    ...MOVE_FEATURES.map(([name]) => `${prefix}_${name}`),
  ];
}

const RELATIONAL_NAMES = ['a_moves_first', 'speed_diff', 'speed_ratio', 'hits_to_ko_diff', 'turns_to_ko_diff'];

/** Column names, in vector order. */
export const FEATURE_NAMES: readonly string[] = Object.freeze([...sideNames('a'), ...sideNames('b'), ...RELATIONAL_NAMES]);
export const FEATURE_COUNT = FEATURE_NAMES.length;

const SIDE_WIDTH = STAT_KEYS.length + 2 * TYPE_NAMES.length + MOVE_FEATURES.length;

function writeSide(out: Float32Array, at: number, own: Combatant, side: MatchupSide): number {
  // Stats and types are the species' own; the move block describes what it fights with (after Transform).
  for (const k of STAT_KEYS) out[at++] = own.stats50[k];
  out.fill(0, at, at + 2 * TYPE_NAMES.length);
  for (const t of own.types) {
    const i = typeIndex(t);
    if (i >= 0) out[at + i] = 1;
  }
  at += TYPE_NAMES.length;
  const moveType = typeIndex(side.estimate.type);
  if (moveType >= 0) out[at + moveType] = 1;
  at += TYPE_NAMES.length;
  for (const [, read] of MOVE_FEATURES) out[at++] = read(side);
  return at;
}

function koOf(e: MoveEstimate): { hits: number; turns: number } {
  return { hits: capKo(e.hitsToKo), turns: capKo(e.turnsToKo) };
}

/**
 * Writes the feature vector of "A repeats moveA against B repeating moveB" into `out` at `offset`
 * (FEATURE_COUNT values). The single implementation behind training rows and serving requests.
 */
export function writeFeatures(out: Float32Array, offset: number, a: Combatant, moveA: MoveId, b: Combatant, moveB: MoveId): void {
  if (offset < 0 || offset + FEATURE_COUNT > out.length) {
    throw new RangeError(`Feature row at ${offset} does not fit in an array of ${out.length}`);
  }
  const m = estimateMatchup(a, moveA, b, moveB);
  let at = writeSide(out, offset, a, m.a);
  at = writeSide(out, at, b, m.b);
  const speedA = m.a.combatant.stats50.spe;
  const speedB = m.b.combatant.stats50.spe;
  const koA = koOf(m.a.estimate);
  const koB = koOf(m.b.estimate);
  out[at++] = m.order;
  out[at++] = speedA - speedB;
  out[at++] = speedA / speedB;
  out[at++] = koA.hits - koB.hits;
  out[at++] = koA.turns - koB.turns;
}

export function buildFeatures(a: Combatant, moveA: MoveId, b: Combatant, moveB: MoveId): Float32Array {
  const out = new Float32Array(FEATURE_COUNT);
  writeFeatures(out, 0, a, moveA, b, moveB);
  return out;
}

/** Sanity link between the name list and the writer, checked once at load. */
if (2 * SIDE_WIDTH + RELATIONAL_NAMES.length !== FEATURE_COUNT) {
  throw new Error('feature-vector: name list and writer disagree');
}
