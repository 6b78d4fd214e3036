import type { Battle, Side } from '@pkmn/sim';
import { battleSet } from './battle-set';
import { battleSeedToString } from './battle-seed';
import type { BattleSeed } from './battle-seed';
import { createLgpeBattle } from './lgpe-battle';
import { lgpeMove, lgpeSpecies } from './lgpe-dex';
import type { MoveId, SpeciesId } from './lgpe-dex';

export type BattleWinner = 'A' | 'B' | 'draw';

/** One 1v1 battle: A (player 1) and B (player 2) each repeat one move every turn. */
export interface BattleSpec {
  a: SpeciesId;
  moveA: MoveId;
  b: SpeciesId;
  moveB: MoveId;
  /** Required by `runBattle`; the parallel runner derives it from (base seed, index) when absent. */
  seed?: BattleSeed;
}

export interface BattleResult {
  winner: BattleWinner;
  /** Turns played (the turn in which the battle ended, or the cap). */
  turns: number;
  /** Remaining HP as a fraction of max HP, 0..1. */
  hpA: number;
  hpB: number;
  /** Protocol log without timestamp lines, only when `log: true`. */
  log?: readonly string[];
}

export interface RunBattleOptions {
  /** Battles still undecided after this many turns are draws. */
  maxTurns?: number;
  /** Return the protocol log (costs nothing extra to run: the engine always builds it). */
  log?: boolean;
  /** See lgpe-battle.ts; default true. False runs the engine's unmodified handler lookup. */
  handlerCache?: boolean;
}

export const DEFAULT_MAX_TURNS = 100;

function choose(side: Side): void {
  // 'move 1' is the only move slot; the engine itself turns it into Struggle when PP runs out, and
  // into Recharge / the locked move on forced turns. autoChoose covers any request we did not foresee.
  if (!side.choose('move 1')) side.autoChoose();
}

function hpFraction(battle: Battle, sideIndex: 0 | 1): number {
  const mon = battle.sides[sideIndex].pokemon[0];
  return mon.maxhp > 0 ? mon.hp / mon.maxhp : 0;
}

/** Runs one battle synchronously on the real engine. Same spec and seed => same result and log. */
export function runBattle(spec: BattleSpec & { seed: BattleSeed }, options: RunBattleOptions = {}): BattleResult {
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  const speciesA = lgpeSpecies(spec.a);
  const speciesB = lgpeSpecies(spec.b);
  const moveA = lgpeMove(spec.moveA);
  const moveB = lgpeMove(spec.moveB);

  const battle = createLgpeBattle(battleSeedToString(spec.seed), { handlerCache: options.handlerCache });
  battle.setPlayer('p1', { name: 'A', team: [battleSet(speciesA.name, [moveA.name])] });
  battle.setPlayer('p2', { name: 'B', team: [battleSet(speciesB.name, [moveB.name])] });

  let turns = 0;
  while (!battle.ended && turns < maxTurns) {
    choose(battle.sides[0]);
    choose(battle.sides[1]);
    battle.commitChoices();
    turns++;
  }

  const winner: BattleWinner = !battle.ended ? 'draw' : battle.winner === 'A' ? 'A' : battle.winner === 'B' ? 'B' : 'draw';
  const result: BattleResult = { winner, turns, hpA: hpFraction(battle, 0), hpB: hpFraction(battle, 1) };
  // Timestamp lines carry wall-clock time; without them the log is a pure function of the inputs.
  if (options.log) result.log = battle.log.filter((line) => !line.startsWith('|t:|'));
  battle.destroy();
  return result;
}
