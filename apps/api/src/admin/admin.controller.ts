import { Body, Controller, HttpCode, Logger, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiKeyName } from '../auth/api-key-name.decorator';
import { ApiError } from '../common/api-error';
import { ApiErrors, Scope } from '../common/api-docs.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ServingModelService } from '../model/serving-model.service';
import { PokedexService } from '../pokedex/pokedex.service';
import { RetrainRequestService } from '../retrain/retrain-requests.service';
import { RetrainAcceptedDto, retrainRequest, RetrainRequestDto } from './dto/retrain.dto';

/** A retrain request that Redis does not answer in this time is a 503 (it may still be queued once Redis answers). */
export const RETRAIN_REQUEST_TIMEOUT_MS = 10_000;

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
  private readonly logger = new Logger(AdminController.name);

  constructor(
    private readonly models: ServingModelService,
    private readonly pokedex: PokedexService,
    private readonly retrains: RetrainRequestService,
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

  @Post('retrain')
  @HttpCode(202)
  @Scope('admin')
  @ApiOperation({
    summary: 'Ask the ml-builder workers for a retrain (reason: manual)',
    description:
      'Queues a retrain on the ml-build queue, or joins the one already waiting (its reasons and details accumulate): repeated requests never queue a second retrain, and a retrain already running is not touched. The note and the key name are recorded with the request.',
  })
  @ApiBody({ type: RetrainRequestDto, required: false })
  @ApiAcceptedResponse({ type: RetrainAcceptedDto })
  @ApiErrors(400, 413, 503)
  async retrain(@Body(new ZodValidationPipe(retrainRequest)) body: RetrainRequestDto | undefined, @ApiKeyName() keyName: string): Promise<RetrainAcceptedDto> {
    let timer: NodeJS.Timeout | undefined;
    try {
      // BullMQ's queue connection waits for Redis instead of failing: bound the request.
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer from Redis in ${RETRAIN_REQUEST_TIMEOUT_MS} ms`)), RETRAIN_REQUEST_TIMEOUT_MS)));
      const result = await Promise.race([this.retrains.request('manual', { note: body?.reason ?? null, requested_by: keyName }), timeout]);
      return { job_id: result.jobId, merged: result.merged, reasons: result.reasons };
    } catch (e) {
      this.logger.error(`retrain request failed: ${(e as Error).message}`);
      throw ApiError.unavailable('the retrain queue is unreachable (Redis): retry shortly', 5);
    } finally {
      clearTimeout(timer);
    }
  }
}
