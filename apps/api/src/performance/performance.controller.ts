import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiConfig, InjectConfig } from '@predictiondex/config';
import type { FastifyReply } from 'fastify';
import { ApiErrors, Scope } from '../common/api-docs.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { PerformanceQuery, performanceQuery, PerformanceQueryDto, PerformanceResponseDto } from './dto/performance.dto';
import { ModelPerformanceService } from './model-performance.service';

/**
 * The report is a page of its own, opened directly or relayed by the ui: inline styles and SVG,
 * nothing else may load or run in it, and it is never sniffed into something else.
 */
export const REPORT_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

@ApiTags('performance')
@Controller('monitoring/performance')
export class PerformanceController {
  private readonly queryPipe: ZodValidationPipe<ReturnType<typeof performanceQuery>>;

  constructor(
    private readonly performance: ModelPerformanceService,
    @InjectConfig() config: ApiConfig,
  ) {
    this.queryPipe = new ZodValidationPipe(performanceQuery(config.PERFORMANCE_WINDOW));
  }

  @Get()
  @Scope('read')
  @ApiOperation({
    summary: 'Live performance per model version on reported outcomes',
    description:
      'Accuracy, log loss, Brier, ROC-AUC, confusion matrix, calibration and rolling accuracy of each version on its latest `window` outcomes reported through POST /predictions/{id}/feedback. The same figures are exported as model_feedback_*{version}.',
  })
  @ApiOkResponse({ type: PerformanceResponseDto })
  @ApiErrors(400)
  async get(@Query() query: PerformanceQueryDto): Promise<PerformanceResponseDto> {
    return this.performance.toResponse(await this.performance.performance(this.parse(query)));
  }

  @Get('report')
  @Scope('read')
  @ApiOperation({
    summary: 'Classification performance report on reported outcomes (HTML)',
    description:
      'One self-contained page (inline CSS and SVG, no script): per version the figures, calibration plot, confusion matrix and rolling accuracy over time. Same query as /monitoring/performance. Served with `Content-Security-Policy: default-src \'none\'; style-src \'unsafe-inline\'; img-src data:`.',
  })
  @ApiOkResponse({ description: 'The report', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiErrors(400)
  async report(@Query() query: PerformanceQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const html = this.performance.reportHtml(await this.performance.performance(this.parse(query)));
    void reply.status(200).headers(REPORT_HEADERS).send(html);
  }

  private parse(query: unknown): PerformanceQuery {
    return this.queryPipe.transform(query, { type: 'query' });
  }
}
