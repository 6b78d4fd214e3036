import { DriftCheck } from './drift-check.entity';
import { EtlReject } from './etl-reject.entity';
import { EtlRun } from './etl-run.entity';
import { LearnsetEntry } from './learnset-entry.entity';
import { Move } from './move.entity';
import { Pokemon } from './pokemon.entity';
import { PokemonTypeSlot } from './pokemon-type-slot.entity';
import { PredictionLog } from './prediction-log.entity';
import { PokemonType } from './pokemon-type.entity';
import { TypeEffectiveness } from './type-effectiveness.entity';
import { ModelDecision } from './model-decision.entity';

export * from './drift-check.entity';
export * from './etl-reject.entity';
export * from './etl-run.entity';
export * from './learnset-entry.entity';
export * from './move.entity';
export * from './pokemon.entity';
export * from './pokemon-type-slot.entity';
export * from './prediction-log.entity';
export * from './pokemon-type.entity';
export * from './type-effectiveness.entity';
export * from './model-decision.entity';

/** Every entity of the main schema; listed explicitly (no globs) so bundled apps find them. */
export const ENTITIES = [PokemonType, TypeEffectiveness, Pokemon, PokemonTypeSlot, Move, LearnsetEntry, EtlRun, EtlReject, PredictionLog, DriftCheck, ModelDecision];
