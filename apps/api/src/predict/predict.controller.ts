import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiConfig, InjectConfig } from '@predictiondex/config';
import { ApiKeyName } from '../auth/api-key-name.decorator';
import { ApiErrors, Scope } from '../common/api-docs.decorators';
import { FastPathValidationPipe, ZodValidationPipe } from '../common/zod-validation.pipe';
import { BestMoveRequestDto, bestMoveRequest, BestMoveResponseDto, fastBestMoveRequest } from './dto/best-move.dto';
import { ModelInfoDto } from './dto/model-info.dto';
import { SimulateRequestDto, simulateRequest, SimulateResponseDto } from './dto/simulate.dto';
import { PredictService } from './predict.service';

@ApiTags('predict')
@Controller('predict')
export class PredictController {
  private readonly simulatePipe: ZodValidationPipe<ReturnType<typeof simulateRequest>>;

  constructor(
    private readonly predict: PredictService,
    @InjectConfig() config: ApiConfig,
  ) {
    this.simulatePipe = new ZodValidationPipe(simulateRequest(config.SIMULATE_MAX_BATTLES));
  }

  @Post('best-move')
  @HttpCode(200)
  @Scope('predict')
  @ApiOperation({
    summary: "Rank A's moves by the model's P(A wins) against B's strongest reply",
    description:
      "Each of A's moves is scored against every reply of B (B's given moves, or its damaging learnset); B's strongest reply is the one the model rates worst for A. All rows go through the model in one batch. The prediction is logged with its id.",
  })
  @ApiBody({ type: BestMoveRequestDto })
  @ApiOkResponse({ type: BestMoveResponseDto })
  @ApiErrors(400, 413, 422, 503)
  bestMove(@Body(new FastPathValidationPipe(fastBestMoveRequest, bestMoveRequest)) body: BestMoveRequestDto, @ApiKeyName() apiKey: string): Promise<BestMoveResponseDto> {
    return this.predict.bestMove(body, apiKey);
  }

  @Post('simulate')
  @HttpCode(200)
  @Scope('predict')
  @ApiOperation({
    summary: 'Play the matchup N times on the real engine and compare with the model',
    description: 'N is capped (SIMULATE_MAX_BATTLES) and the run stops at the time budget (SIMULATE_TIME_BUDGET_MS); `simulation.played` says how many battles ran.',
  })
  @ApiBody({ type: SimulateRequestDto })
  @ApiOkResponse({ type: SimulateResponseDto })
  @ApiErrors(400, 413, 422, 503)
  simulate(@Body() body: unknown, @ApiKeyName() apiKey: string): Promise<SimulateResponseDto> {
    return this.predict.simulate(this.simulatePipe.transform(body, { type: 'body' }), apiKey);
  }

  @Get('model-info')
  @Scope('read')
  @ApiOperation({ summary: 'The model being served: version, run, metrics, training date, feature version' })
  @ApiOkResponse({ type: ModelInfoDto })
  @ApiErrors(503)
  modelInfo(): ModelInfoDto {
    return this.predict.modelInfo();
  }
}
