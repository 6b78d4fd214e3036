import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Scope } from '../common/api-docs.decorators';
import { ServingModelService } from '../model/serving-model.service';
import { PokedexService } from '../pokedex/pokedex.service';

export class ModelRefreshDto {
  @ApiProperty({ enum: ['loaded', 'unchanged', 'no-model', 'failed'] }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) version!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the registry could not provide the model' }) error!: string | null;
}

export class PokedexRefreshDto {
  @ApiProperty({ type: 'integer', nullable: true }) etl_run_id!: number | null;
  @ApiProperty({ type: 'integer' }) pokemon!: number;
  @ApiProperty({ type: 'integer' }) moves!: number;
}

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly models: ServingModelService,
    private readonly pokedex: PokedexService,
  ) {}

  @Post('model/refresh')
  @HttpCode(200)
  @Scope('admin')
  @ApiOperation({ summary: 'Check the registry alias now and load a new version if it moved' })
  @ApiOkResponse({ type: ModelRefreshDto })
  async refreshModel(): Promise<ModelRefreshDto> {
    const outcome = await this.models.refresh('admin');
    const status = this.models.status();
    return { outcome, version: status.info?.version ?? null, error: status.lastError };
  }

  @Post('pokedex/refresh')
  @HttpCode(200)
  @Scope('admin')
  @ApiOperation({ summary: 'Reload the in-memory Pokédex from the database now' })
  @ApiOkResponse({ type: PokedexRefreshDto })
  async refreshPokedex(): Promise<PokedexRefreshDto> {
    await this.pokedex.reload('admin');
    const s = this.pokedex.snapshot;
    return { etl_run_id: s.etlRunId, pokemon: s.pokemon.length, moves: s.moves.length };
  }
}
