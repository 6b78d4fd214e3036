export { BATTLE_LEVEL, DEFAULT_AVS, DEFAULT_IVS, DEFAULT_NATURE, LGPE_ABILITY } from './lib/battle-set';
export { isLegalSpecies, legalSpecies, legalSpeciesIds, lgpeDex, lgpeMove, lgpeSpecies } from './lib/lgpe-dex';
export type { MoveId, SpeciesId } from './lib/lgpe-dex';
export { level50Stats } from './lib/level50-stats';
export { battleMovesFor, damagingMovesFor, isDamagingMove } from './lib/damaging-moves';
export { TYPE_NAMES } from './lib/type-names';
export type { TypeName } from './lib/type-names';
export { combatantFromDex } from './lib/combatant';
export type { Combatant } from './lib/combatant';
export { deriveBattleSeed } from './lib/battle-seed';
export type { BattleSeed } from './lib/battle-seed';
export { DEFAULT_MAX_TURNS, runBattle } from './lib/battle-runner';
export type { BattleResult, BattleSpec, BattleWinner, RunBattleOptions } from './lib/battle-runner';
export {
  BATTLE_WORKER_ENTRY,
  BATTLE_WORKER_ENTRY_NAME,
  ParallelBattleRunner,
  runBattlesInParallel,
} from './lib/parallel-battle-runner';
export type { ParallelBattleRunnerOptions, ParallelRunOptions } from './lib/parallel-battle-runner';
export {
  AVERAGE_DAMAGE_ROLL,
  estimateMove,
  expectedDamageFraction,
  expectedHitsToKo,
  expectedTurnsToKo,
  moveOrder,
} from './lib/damage-estimate';
export type { MoveEstimate } from './lib/damage-estimate';
export { bestMove, chooseMove, createPolicyRandom, randomMove, rankMoves } from './lib/move-policy';
export type { MovePolicyName, RandomSource } from './lib/move-policy';
export { FEATURE_COUNT, FEATURE_NAMES, FEATURE_VERSION, buildFeatures, writeFeatures } from './lib/feature-vector';
