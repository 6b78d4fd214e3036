import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Scope } from '../common/api-docs.decorators';
import { idField, textField } from '../common/dto/query-fields';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ListMovesQueryDto, listMovesQuery, MoveDto, MovePageDto, MoveSearchDto, moveSearchQuery, MovesByTypeDto, MovesByTypeQueryDto, movesByTypeQuery } from './dto/move.dto';
import { SearchQueryDto } from './dto/pokemon.dto';
import { MovesService } from './moves.service';

@ApiTags('moves')
@Controller('moves')
export class MovesController {
  constructor(private readonly moves: MovesService) {}

  @Get()
  @Scope('read')
  @ApiOperation({ summary: 'List moves', description: 'Alphabetical; filters combine (AND). A power filter excludes moves without base power.' })
  @ApiOkResponse({ type: MovePageDto })
  @ApiErrors(400)
  list(@Query(new ZodValidationPipe(listMovesQuery)) query: ListMovesQueryDto): MovePageDto {
    return this.moves.list(query);
  }

  @Get('search')
  @Scope('read')
  @ApiOperation({ summary: 'Search moves by English or French name' })
  @ApiOkResponse({ type: MoveSearchDto })
  @ApiErrors(400)
  search(@Query(new ZodValidationPipe(moveSearchQuery)) query: SearchQueryDto): MoveSearchDto {
    return this.moves.search(query);
  }

  @Get('by-type/:type')
  @Scope('read')
  @ApiOperation({ summary: 'Moves of one type, optionally only those a Pokémon can learn' })
  @ApiParam({ name: 'type', description: 'Type id or English name' })
  @ApiOkResponse({ type: MovesByTypeDto })
  @ApiErrors(400, 404)
  byType(
    @Param('type', new ZodValidationPipe(textField)) type: string,
    @Query(new ZodValidationPipe(movesByTypeQuery)) query: MovesByTypeQueryDto,
  ): MovesByTypeDto {
    return this.moves.byType(type, query.pokemon_id);
  }

  @Get(':id')
  @Scope('read')
  @ApiOperation({ summary: 'One move' })
  @ApiParam({ name: 'id', type: 'integer' })
  @ApiOkResponse({ type: MoveDto })
  @ApiErrors(400, 404)
  get(@Param('id', new ZodValidationPipe(idField)) id: number): MoveDto {
    return this.moves.get(id);
  }
}
