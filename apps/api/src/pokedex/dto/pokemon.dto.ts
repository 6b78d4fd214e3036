import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { POKEMON_FORMS, PokemonForm } from '@predictiondex/db';
import { z } from 'zod';
import { Lang, LANGS, langField, pagingFields, textField } from '../../common/dto/query-fields';
import { TypeRefDto } from './type.dto';

export class StatsDto {
  @ApiProperty({ type: 'integer' }) hp!: number;
  @ApiProperty({ type: 'integer' }) attack!: number;
  @ApiProperty({ type: 'integer' }) defense!: number;
  @ApiProperty({ type: 'integer' }) sp_attack!: number;
  @ApiProperty({ type: 'integer' }) sp_defense!: number;
  @ApiProperty({ type: 'integer' }) speed!: number;
  @ApiProperty({ type: 'integer', description: 'Sum of the six base stats' }) total!: number;
}

export class PokemonDto {
  @ApiProperty({ type: 'integer', example: 25 }) id!: number;
  @ApiProperty({ example: 'Pikachu' }) name!: string;
  @ApiProperty({ type: String, nullable: true }) name_fr!: string | null;
  @ApiProperty({ example: 'pikachu', description: "Pokémon Showdown's id of the form" }) showdown_id!: string;
  @ApiProperty({ type: 'integer', example: 25 }) dex_number!: number;
  @ApiProperty({ enum: POKEMON_FORMS, enumName: 'PokemonForm' }) form!: string;
  @ApiProperty({ example: '', description: "Showdown's forme label ('Alola', 'Mega-X', 'Starter'); empty for base forms" }) forme_label!: string;
  @ApiProperty({ example: 'pikachu' }) base_species!: string;
  @ApiProperty({ type: String, nullable: true, example: 'pichu' }) evolves_from!: string | null;
  @ApiProperty({ type: [TypeRefDto] }) types!: TypeRefDto[];
  @ApiProperty({ type: StatsDto, description: 'Base stats' }) stats!: StatsDto;
  @ApiProperty({ type: 'number', nullable: true }) height_m!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) weight_kg!: number | null;
  @ApiProperty({ type: String, nullable: true }) sprite_url!: string | null;
}

export class PokemonPageDto {
  @ApiProperty({ type: [PokemonDto] }) items!: PokemonDto[];
  @ApiProperty({ type: 'integer', description: 'Matches before paging' }) total!: number;
  @ApiProperty({ type: 'integer' }) limit!: number;
  @ApiProperty({ type: 'integer' }) offset!: number;
}

export class PokemonSearchDto {
  @ApiProperty() query!: string;
  @ApiProperty({ enum: ['en', 'fr'] }) lang!: string;
  @ApiProperty({ type: [PokemonDto], description: 'Exact matches first, then prefixes, then substrings' }) items!: PokemonDto[];
}

export class TypeAffinityDto {
  @ApiProperty({ type: TypeRefDto }) type!: TypeRefDto;
  @ApiProperty({ example: 2 }) multiplier!: number;
}

export class WeaknessesDto {
  @ApiProperty({ type: PokemonDto }) pokemon!: PokemonDto;
  @ApiProperty({ type: [TypeAffinityDto], description: 'Every attacking type, strongest first' }) affinities!: TypeAffinityDto[];
  @ApiProperty({ type: [TypeAffinityDto], description: 'Multiplier above 1' }) weaknesses!: TypeAffinityDto[];
  @ApiProperty({ type: [TypeAffinityDto], description: 'Multiplier between 0 and 1' }) resistances!: TypeAffinityDto[];
  @ApiProperty({ type: [TypeAffinityDto], description: 'Multiplier 0' }) immunities!: TypeAffinityDto[];
}

export class LearnMethodDto {
  @ApiProperty({ enum: ['level-up', 'evolution', 'tm', 'tutor', 'event', 'inherited'] }) method!: string;
  @ApiProperty({ type: 'integer', nullable: true }) level!: number | null;
  @ApiProperty({ description: 'The form whose learnset grants the move (itself, or an earlier evolution)' }) source_pokemon_id!: number;
}

export class MoveSummaryDto {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ type: TypeRefDto }) type!: TypeRefDto;
  @ApiProperty({ enum: ['physical', 'special', 'status'] }) category!: string;
  @ApiProperty({ type: 'integer', nullable: true }) power!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) accuracy!: number | null;
  @ApiProperty({ type: 'integer' }) priority!: number;
  @ApiProperty({ description: 'Usable in a one-move battle (damaging, or Transform for Ditto): what /predict scores' }) battle_move!: boolean;
}

export class LearnsetEntryDto {
  @ApiProperty({ type: MoveSummaryDto }) move!: MoveSummaryDto;
  @ApiProperty({ type: [LearnMethodDto] }) methods!: LearnMethodDto[];
}

export class LearnsetDto {
  @ApiProperty({ type: 'integer' }) pokemon_id!: number;
  @ApiProperty({ type: [LearnsetEntryDto] }) items!: LearnsetEntryDto[];
}

export class PokemonTypeListDto {
  @ApiProperty({ type: TypeRefDto }) type!: TypeRefDto;
  @ApiProperty({ type: [PokemonDto] }) items!: PokemonDto[];
}

export const listPokemonQuery = z
  .object({
    type: textField.optional(),
    form: z.enum(POKEMON_FORMS, { errorMap: () => ({ message: `must be one of ${POKEMON_FORMS.join(', ')}` }) }).optional(),
    name: textField.optional(),
    ...pagingFields(50, 200),
  })
  .strict();

/** Query of GET /pokemon (documentation and type; validated by `listPokemonQuery`). */
export class ListPokemonQueryDto implements z.infer<typeof listPokemonQuery> {
  @ApiPropertyOptional({ description: 'Type id or English name' }) type?: string;
  @ApiPropertyOptional({ enum: POKEMON_FORMS }) form?: PokemonForm;
  @ApiPropertyOptional({ description: 'Part of the English name, case-insensitive' }) name?: string;
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200 }) limit!: number;
  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0 }) offset!: number;
}

export const searchQuery = z
  .object({
    name: textField,
    lang: langField,
    limit: pagingFields(20, 100).limit,
  })
  .strict();

/** Query of the /search endpoints (validated by `searchQuery`). */
export class SearchQueryDto implements z.infer<typeof searchQuery> {
  @ApiProperty({ description: 'Name or part of it; case and accents ignored' }) name!: string;
  @ApiPropertyOptional({ enum: LANGS, default: 'en' }) lang!: Lang;
  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: 100 }) limit!: number;
}
