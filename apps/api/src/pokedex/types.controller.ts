import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Scope } from '../common/api-docs.decorators';
import { textField } from '../common/dto/query-fields';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AffinitiesQueryDto, affinitiesQuery } from './dto/affinities.dto';
import { PokemonTypeListDto } from './dto/pokemon.dto';
import { AffinityListDto, TypeListDto } from './dto/type.dto';
import { TypesService } from './types.service';

@ApiTags('types')
@Controller('types')
export class TypesController {
  constructor(private readonly types: TypesService) {}

  @Get()
  @Scope('read')
  @ApiOperation({ summary: 'The 18 types, in game order' })
  @ApiOkResponse({ type: TypeListDto })
  list(): TypeListDto {
    return this.types.list();
  }

  @Get('affinities')
  @Scope('read')
  @ApiOperation({
    summary: 'Type chart: multipliers of attacking types on defending types',
    description: 'No parameter: the whole 18x18 chart. `attacking`: a row. `defending`: a column. Both: one cell. Unknown types are a 404.',
  })
  @ApiOkResponse({ type: AffinityListDto })
  @ApiErrors(400, 404)
  affinities(@Query(new ZodValidationPipe(affinitiesQuery)) query: AffinitiesQueryDto): AffinityListDto {
    return this.types.affinities(query);
  }

  @Get(':id/pokemon')
  @Scope('read')
  @ApiOperation({ summary: 'Pokémon having this type' })
  @ApiParam({ name: 'id', description: 'Type id or English name' })
  @ApiOkResponse({ type: PokemonTypeListDto })
  @ApiErrors(400, 404)
  pokemon(@Param('id', new ZodValidationPipe(textField)) id: string): PokemonTypeListDto {
    return this.types.pokemonOfType(id);
  }
}
