import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MOVE_CATEGORIES, MoveCategory } from '@predictiondex/db';
import { z } from 'zod';
import { idField, intField, langField, pagingFields, textField } from '../../common/dto/query-fields';
import { TypeRefDto } from './type.dto';

export class MultiHitDto {
  @ApiProperty({ type: 'integer' }) min!: number;
  @ApiProperty({ type: 'integer' }) max!: number;
}

export class MoveDto {
  @ApiProperty({ type: 'integer', example: 85 }) id!: number;
  @ApiProperty({ example: 'Thunderbolt' }) name!: string;
  @ApiProperty({ type: String, nullable: true }) name_fr!: string | null;
  @ApiProperty({ example: 'thunderbolt' }) showdown_id!: string;
  @ApiProperty({ type: TypeRefDto }) type!: TypeRefDto;
  @ApiProperty({ enum: MOVE_CATEGORIES, enumName: 'MoveCategory' }) category!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Base power; null for status and fixed-damage moves' }) power!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Percent; null when the move never misses' }) accuracy!: number | null;
  @ApiProperty({ type: 'integer' }) pp!: number;
  @ApiProperty({ type: 'integer' }) priority!: number;
  @ApiProperty() description!: string;
  @ApiProperty({ type: MultiHitDto, nullable: true }) multi_hit!: MultiHitDto | null;
  @ApiProperty() is_charge!: boolean;
  @ApiProperty() is_recharge!: boolean;
  @ApiProperty({ type: String, nullable: true, description: "'level' or a number of HP for fixed-damage moves" }) fixed_damage!: string | null;
  @ApiProperty() is_ohko!: boolean;
  @ApiProperty({ description: 'Fraction of damage dealt taken as recoil' }) recoil!: number;
  @ApiProperty({ description: 'Fraction of damage dealt healed' }) drain!: number;
  @ApiProperty({ type: 'integer' }) crit_ratio!: number;
  @ApiProperty({ type: [String] }) flags!: string[];
}

export class MovePageDto {
  @ApiProperty({ type: [MoveDto] }) items!: MoveDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) limit!: number;
  @ApiProperty({ type: 'integer' }) offset!: number;
}

export class MoveSearchDto {
  @ApiProperty() query!: string;
  @ApiProperty({ enum: ['en', 'fr'] }) lang!: string;
  @ApiProperty({ type: [MoveDto] }) items!: MoveDto[];
}

export class MovesByTypeDto {
  @ApiProperty({ type: TypeRefDto }) type!: TypeRefDto;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Set when filtered to what this Pokémon can learn' }) pokemon_id!: number | null;
  @ApiProperty({ type: [MoveDto] }) items!: MoveDto[];
}

export const listMovesQuery = z
  .object({
    type: textField.optional(),
    category: z.enum(MOVE_CATEGORIES, { errorMap: () => ({ message: `must be one of ${MOVE_CATEGORIES.join(', ')}` }) }).optional(),
    min_power: intField(0, 250).optional(),
    max_power: intField(0, 250).optional(),
    name: textField.optional(),
    ...pagingFields(50, 250),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.min_power !== undefined && q.max_power !== undefined && q.min_power > q.max_power) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['min_power'], message: `must not exceed max_power (${q.max_power})` });
    }
  });

/** Query of GET /moves (validated by `listMovesQuery`). */
export class ListMovesQueryDto implements z.infer<typeof listMovesQuery> {
  @ApiPropertyOptional({ description: 'Type id or English name' }) type?: string;
  @ApiPropertyOptional({ enum: MOVE_CATEGORIES }) category?: MoveCategory;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 250, description: 'Lowest base power (moves without power are excluded)' }) min_power?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 250, description: 'Highest base power (moves without power are excluded)' }) max_power?: number;
  @ApiPropertyOptional({ description: 'Part of the English name, case-insensitive' }) name?: string;
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 250 }) limit!: number;
  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0 }) offset!: number;
}

export const movesByTypeQuery = z.object({ pokemon_id: idField.optional() }).strict();

export class MovesByTypeQueryDto implements z.infer<typeof movesByTypeQuery> {
  @ApiPropertyOptional({ type: 'integer', description: 'Only moves this Pokémon can learn' }) pokemon_id?: number;
}

export const moveSearchQuery = z.object({ name: textField, lang: langField, limit: pagingFields(20, 100).limit }).strict();
