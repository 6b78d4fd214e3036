import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Scope } from '../common/api-docs.decorators';
import { idField } from '../common/dto/query-fields';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { LearnsetDto, ListPokemonQueryDto, listPokemonQuery, PokemonDto, PokemonPageDto, PokemonSearchDto, SearchQueryDto, searchQuery, WeaknessesDto } from './dto/pokemon.dto';
import { PokemonService } from './pokemon.service';

const idPipe = new ZodValidationPipe(idField);

@ApiTags('pokemon')
@Controller('pokemon')
export class PokemonController {
  constructor(private readonly pokemon: PokemonService) {}

  @Get()
  @Scope('read')
  @ApiOperation({ summary: 'List Pokémon with stats and types', description: 'National Dex order; filters combine (AND).' })
  @ApiOkResponse({ type: PokemonPageDto })
  @ApiErrors(400)
  list(@Query(new ZodValidationPipe(listPokemonQuery)) query: ListPokemonQueryDto): PokemonPageDto {
    return this.pokemon.list(query);
  }

  @Get('search')
  @Scope('read')
  @ApiOperation({ summary: 'Search Pokémon by English or French name' })
  @ApiOkResponse({ type: PokemonSearchDto })
  @ApiErrors(400)
  search(@Query(new ZodValidationPipe(searchQuery)) query: SearchQueryDto): PokemonSearchDto {
    return this.pokemon.search(query);
  }

  @Get(':id')
  @Scope('read')
  @ApiOperation({ summary: 'One Pokémon' })
  @ApiParam({ name: 'id', type: 'integer' })
  @ApiOkResponse({ type: PokemonDto })
  @ApiErrors(400, 404)
  get(@Param('id', idPipe) id: number): PokemonDto {
    return this.pokemon.get(id);
  }

  @Get(':id/weaknesses')
  @Scope('read')
  @ApiOperation({ summary: "Damage multiplier of every attacking type on this Pokémon's type(s)" })
  @ApiParam({ name: 'id', type: 'integer' })
  @ApiOkResponse({ type: WeaknessesDto })
  @ApiErrors(400, 404)
  weaknesses(@Param('id', idPipe) id: number): WeaknessesDto {
    return this.pokemon.weaknesses(id);
  }

  @Get(':id/moves')
  @Scope('read')
  @ApiOperation({ summary: 'Learnset: every move the Pokémon can learn, and how' })
  @ApiParam({ name: 'id', type: 'integer' })
  @ApiOkResponse({ type: LearnsetDto })
  @ApiErrors(400, 404)
  learnset(@Param('id', idPipe) id: number): LearnsetDto {
    return this.pokemon.learnset(id);
  }
}
