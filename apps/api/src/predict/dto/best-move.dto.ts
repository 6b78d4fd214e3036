import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { MAX_ID } from '../../common/dto/query-fields';

export const MAX_MOVES_PER_SIDE = 20;

const MOVE_REF_MESSAGE = 'must be a move id (integer) or a move name (string)';

/**
 * A move by id (a number) or by English name / Showdown id (a string, case-insensitive). Checked by
 * hand rather than with z.union, which builds (and throws away) an issue for every string that is
 * not a number: measurable on the best-move hot path.
 */
export const moveRef = z.any().transform((value: unknown, ctx): number | string => {
  const fail = (message: string) => {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    return z.NEVER;
  };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return fail('a move id must be an integer');
    if (value < 1 || value > MAX_ID) return fail(`a move id must be between 1 and ${MAX_ID}`);
    return value;
  }
  if (typeof value === 'string') {
    const name = value.trim();
    if (!name) return fail('a move name must not be empty');
    if (name.length > 50) return fail('a move name must be at most 50 characters');
    return name;
  }
  return fail(MOVE_REF_MESSAGE);
});
export type MoveRef = number | string;

export const pokemonIdField = z
  .number({ required_error: 'required', invalid_type_error: 'must be a Pokémon id (integer)' })
  .int('must be an integer')
  .min(1, 'must be at least 1')
  .max(MAX_ID, `must be at most ${MAX_ID}`);

const moveList = z
  .array(moveRef, { required_error: 'required', invalid_type_error: `must be an array of 1 to ${MAX_MOVES_PER_SIDE} moves` })
  .min(1, 'needs at least one move')
  .max(MAX_MOVES_PER_SIDE, `at most ${MAX_MOVES_PER_SIDE} moves`);

export const bestMoveRequest = z
  .object(
    {
      pokemon_a_id: pokemonIdField,
      pokemon_b_id: pokemonIdField,
      available_moves: moveList,
      available_moves_b: moveList.nullish(),
    },
    { required_error: 'a JSON object body is required', invalid_type_error: 'the body must be a JSON object' },
  )
  .strict();

export class BestMoveRequestDto implements z.infer<typeof bestMoveRequest> {
  @ApiProperty({ type: 'integer', example: 25, description: "Pokémon A's id (the side whose move is recommended)" })
  pokemon_a_id!: number;

  @ApiProperty({ type: 'integer', example: 6, description: "Pokémon B's id (the opponent)" })
  pokemon_b_id!: number;

  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
    minItems: 1,
    maxItems: MAX_MOVES_PER_SIDE,
    example: ['Thunderbolt', 'Quick Attack', 'Iron Tail', 85],
    description: "A's candidate moves: ids or English names (case-insensitive). Each must be in A's learnset; non-damaging moves are skipped",
  })
  available_moves!: MoveRef[];

  @ApiPropertyOptional({
    type: 'array',
    items: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
    minItems: 1,
    maxItems: MAX_MOVES_PER_SIDE,
    nullable: true,
    description: "B's possible replies. Omitted: every damaging move B can learn. B answers each of A's moves with the reply the model rates worst for A",
  })
  available_moves_b?: MoveRef[] | null;
}

export class ModelRefDto {
  @ApiProperty({ example: 'battle-winner' }) name!: string;
  @ApiProperty({ example: '3' }) version!: string;
}

export class MoveRefDto {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'Electric' }) type!: string;
}

export class ScoredMoveDto {
  @ApiProperty({ type: 'integer' }) move_id!: number;
  @ApiProperty({ example: 'Thunderbolt' }) move_name!: string;
  @ApiProperty({ example: 'Electric' }) move_type!: string;
  @ApiProperty({ enum: ['physical', 'special', 'status'] }) move_category!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Base power (null for fixed-damage and status moves)' }) move_power!: number | null;
  @ApiProperty({ description: 'Power used by the engine against B (callbacks resolved) x STAB x type multiplier' }) effective_power!: number;
  @ApiProperty({ description: 'Type multiplier against B (0 immune .. 4)' }) type_multiplier!: number;
  @ApiProperty({ description: "Same-type attack bonus (the move shares a type with A)" }) stab!: boolean;
  @ApiProperty({ type: 'integer' }) priority!: number;
  @ApiProperty({ type: 'integer', nullable: true }) accuracy!: number | null;
  @ApiProperty({ description: "P(A wins) against B's strongest reply to this move: the ranking key" }) win_probability!: number;
  @ApiProperty({ description: "Mean P(A wins) over every reply considered for B: how the move fares against an unknown reply" }) score!: number;
  @ApiProperty({ enum: ['A', 'B'], description: 'A when win_probability >= 0.5' }) predicted_winner!: 'A' | 'B';
  @ApiProperty({ type: MoveRefDto, description: "B's strongest reply to this move (the one the model rates worst for A)" }) b_reply!: MoveRefDto;
}

export class SkippedMoveDto {
  @ApiProperty({ type: 'integer' }) move_id!: number;
  @ApiProperty() move_name!: string;
  @ApiProperty({ example: 'status move: battles here are one damaging move repeated' }) reason!: string;
}

export class BestMoveResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Id of the logged prediction (for feedback)' }) prediction_id!: string;
  @ApiProperty({ type: ModelRefDto }) model!: ModelRefDto;
  @ApiProperty({ type: 'integer' }) pokemon_a_id!: number;
  @ApiProperty() pokemon_a_name!: string;
  @ApiProperty({ type: [String] }) pokemon_a_types!: string[];
  @ApiProperty({ type: 'integer' }) pokemon_b_id!: number;
  @ApiProperty() pokemon_b_name!: string;
  @ApiProperty({ type: [String] }) pokemon_b_types!: string[];
  @ApiProperty({ example: 'Thunderbolt' }) recommended_move!: string;
  @ApiProperty({ description: "P(A wins) with the recommended move against B's strongest reply" }) win_probability!: number;
  @ApiProperty({ type: MoveRefDto, description: "B's strongest reply to the recommended move" }) pokemon_b_move!: MoveRefDto;
  @ApiProperty({ enum: ['given', 'learnset'], description: "Where B's replies came from" }) b_moves_source!: 'given' | 'learnset';
  @ApiProperty({ type: 'integer', description: 'How many replies were considered for B' }) b_moves_considered!: number;
  @ApiProperty({ type: [ScoredMoveDto], description: "A's moves, best first" }) all_moves!: ScoredMoveDto[];
  @ApiProperty({ type: [SkippedMoveDto], description: 'Learnable moves that cannot be scored (non-damaging)' }) skipped_moves!: SkippedMoveDto[];
}

const BEST_MOVE_KEYS = new Set(['pokemon_a_id', 'pokemon_b_id', 'available_moves', 'available_moves_b']);

function fastId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_ID;
}

function fastMoves(value: unknown): MoveRef[] | undefined {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_MOVES_PER_SIDE) return undefined;
  const out: MoveRef[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v === 'string') {
      const name = v.trim();
      if (!name || name.length > 50) return undefined;
      out[i] = name;
    } else if (fastId(v)) {
      out[i] = v;
    } else {
      return undefined;
    }
  }
  return out;
}

/**
 * The common case of a best-move body, checked without zod's per-field allocations (measurable at
 * thousands of requests per second): returns exactly what `bestMoveRequest` would, or undefined for
 * anything unusual, which then goes through zod for the detailed errors. A property test holds the
 * two to the same answers.
 */
export function fastBestMoveRequest(body: unknown): BestMoveRequestDto | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.getPrototypeOf(body) !== Object.prototype) return undefined;
  for (const key of Object.keys(body)) if (!BEST_MOVE_KEYS.has(key)) return undefined;
  const b = body as Record<string, unknown>;
  if (!fastId(b['pokemon_a_id']) || !fastId(b['pokemon_b_id'])) return undefined;
  const movesA = fastMoves(b['available_moves']);
  if (!movesA) return undefined;
  const out: BestMoveRequestDto = { pokemon_a_id: b['pokemon_a_id'], pokemon_b_id: b['pokemon_b_id'], available_moves: movesA };
  if ('available_moves_b' in b) {
    const given = b['available_moves_b'];
    if (given === null || given === undefined) out.available_moves_b = given;
    else {
      const movesB = fastMoves(given);
      if (!movesB) return undefined;
      out.available_moves_b = movesB;
    }
  }
  return out;
}
