import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { ModelRefDto, MoveRef, moveRef, MoveRefDto, pokemonIdField } from './best-move.dto';

export const MAX_SEED = 4_294_967_295;

/** Builds the simulate schema for the configured battle cap. */
export function simulateRequest(maxBattles: number) {
  return z
    .object(
      {
        pokemon_a_id: pokemonIdField,
        pokemon_b_id: pokemonIdField,
        move_a: moveRef.nullish(),
        move_b: moveRef.nullish(),
        n_battles: z
          .number({ invalid_type_error: 'must be an integer' })
          .int('must be an integer')
          .min(1, 'must be at least 1')
          .max(maxBattles, `must be at most ${maxBattles}`)
          .default(Math.min(100, maxBattles)),
        seed: z.number({ invalid_type_error: 'must be an integer' }).int('must be an integer').min(0, 'must be at least 0').max(MAX_SEED, `must be at most ${MAX_SEED}`).nullish(),
      },
      { required_error: 'a JSON object body is required', invalid_type_error: 'the body must be a JSON object' },
    )
    .strict();
}

export class SimulateRequestDto implements z.infer<ReturnType<typeof simulateRequest>> {
  @ApiProperty({ type: 'integer', example: 25 }) pokemon_a_id!: number;
  @ApiProperty({ type: 'integer', example: 6 }) pokemon_b_id!: number;

  @ApiPropertyOptional({
    oneOf: [{ type: 'integer' }, { type: 'string' }],
    nullable: true,
    description: "A's move (id or name). Omitted: the move /predict/best-move would recommend",
  })
  move_a?: MoveRef | null;

  @ApiPropertyOptional({
    oneOf: [{ type: 'integer' }, { type: 'string' }],
    nullable: true,
    description: "B's move (id or name). Omitted: B's strongest reply to A's move according to the model",
  })
  move_b?: MoveRef | null;

  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, description: 'Battles to play (capped by SIMULATE_MAX_BATTLES)' })
  n_battles!: number;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: MAX_SEED, description: 'Base seed; the same request and seed replay the same battles. Omitted: random' })
  seed?: number | null;
}

export class SimulationDto {
  @ApiProperty({ type: 'integer' }) requested!: number;
  @ApiProperty({ description: 'Battles played (fewer than requested when the time budget ran out)' }) played!: number;
  @ApiProperty({ type: 'integer' }) wins_a!: number;
  @ApiProperty({ type: 'integer' }) wins_b!: number;
  @ApiProperty({ type: 'integer' }) draws!: number;
  @ApiProperty({ description: "A's wins / battles played" }) win_rate_a!: number;
  @ApiProperty() mean_turns!: number;
  @ApiProperty({ description: 'True when the time budget stopped the simulation early' }) truncated!: boolean;
  @ApiProperty({ type: 'integer' }) duration_ms!: number;
  @ApiProperty({ type: 'integer' }) seed!: number;
}

export class SimulateResponseDto {
  @ApiProperty({ format: 'uuid' }) prediction_id!: string;
  @ApiProperty({ type: ModelRefDto }) model!: ModelRefDto;
  @ApiProperty({ type: 'integer' }) pokemon_a_id!: number;
  @ApiProperty() pokemon_a_name!: string;
  @ApiProperty({ type: 'integer' }) pokemon_b_id!: number;
  @ApiProperty() pokemon_b_name!: string;
  @ApiProperty({ type: MoveRefDto }) move_a!: MoveRefDto;
  @ApiProperty({ type: MoveRefDto }) move_b!: MoveRefDto;
  @ApiProperty({ enum: ['given', 'model'] }) move_a_source!: 'given' | 'model';
  @ApiProperty({ enum: ['given', 'model'] }) move_b_source!: 'given' | 'model';
  @ApiProperty({ description: 'P(A wins) for this matchup according to the model' }) model_win_probability!: number;
  @ApiProperty({ type: SimulationDto, description: 'The same matchup played by the real engine' }) simulation!: SimulationDto;
  @ApiProperty({ description: "Whether the model's predicted winner is the engine's majority winner" }) model_agrees!: boolean;
}
