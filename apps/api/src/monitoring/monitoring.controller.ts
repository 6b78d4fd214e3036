import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiConfig, InjectConfig } from '@predictiondex/config';
import { DRIFT_QUEUE, DriftCheckService, DriftJobsService } from '@predictiondex/drift';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../common/api-error';
import { ApiErrors, Scope } from '../common/api-docs.decorators';
import { ApiErrorDto } from '../common/dto/api-error.dto';
import { idField } from '../common/dto/query-fields';
import { snakeCaseKeys } from '../common/snake-case-keys';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  DriftCheckDetailsDto,
  DriftCheckPageDto,
  DriftCheckQueuedDto,
  driftCheckRequest,
  DriftCheckRequestDto,
  ListReportsQueryDto,
  listReportsQuery,
  reportQuery,
  ReportQueryDto,
  toDriftCheckDetailsDto,
  toDriftCheckSummaryDto,
} from './dto/drift-check.dto';
import { DriftReportDto } from './dto/drift-report.dto';

/**
 * The report is one self-contained page (inline CSS and SVG, no script): nothing else may load or
 * run in it, whatever a feature name or value holds.
 */
export const REPORT_HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, max-age=300',
};

/** Enqueueing waits this long for Redis at most (BullMQ connections queue commands while it is down). */
const ENQUEUE_TIMEOUT_MS = 5000;

const idPipe = new ZodValidationPipe(idField);

@ApiTags('monitoring')
@Controller('monitoring')
export class MonitoringController {
  constructor(
    private readonly checks: DriftCheckService,
    private readonly jobs: DriftJobsService,
    @InjectConfig() private readonly config: ApiConfig,
  ) {}

  @Get('drift/latest')
  @Scope('read')
  @ApiOperation({
    summary: 'The latest completed drift check: logged predictions vs the served model’s training sample',
    description: 'Per-feature test, score and PSI (drifted features first) and data quality totals. 404 until a check has completed.',
  })
  @ApiOkResponse({ type: DriftCheckDetailsDto })
  @ApiErrors(404)
  async latest(): Promise<DriftCheckDetailsDto> {
    const latest = await this.checks.latest();
    if (!latest) {
      const c = this.config;
      const schedule = c.DRIFT_CHECK_INTERVAL_MINUTES > 0 ? `checks run every ${c.DRIFT_CHECK_INTERVAL_MINUTES} min` : 'checks run on demand only';
      throw ApiError.notFound(
        `no completed drift check yet: a check needs at least ${c.DRIFT_MIN_ROWS} predictions logged in the last ${c.DRIFT_WINDOW_HOURS} h and a served model; ${schedule} (or POST /monitoring/drift/check)`,
      );
    }
    return toDriftCheckDetailsDto(latest);
  }

  @Get('reports')
  @Scope('read')
  @ApiOperation({ summary: 'Stored drift checks, newest first (completed, skipped and failed), with links to their HTML reports' })
  @ApiOkResponse({ type: DriftCheckPageDto })
  @ApiErrors(400)
  async reports(@Query(new ZodValidationPipe(listReportsQuery)) query: ListReportsQueryDto): Promise<DriftCheckPageDto> {
    const [items, total] = await Promise.all([this.checks.list({ limit: query.limit, offset: query.offset, status: query.status }), this.checks.count({ status: query.status })]);
    return { items: items.map(toDriftCheckSummaryDto), total, limit: query.limit, offset: query.offset };
  }

  @Get('reports/:id')
  @Scope('read')
  @ApiOperation({
    summary: 'The report of a completed drift check: a self-contained HTML page (histograms as inline SVG, no script), or the stored JSON',
    description: "Served with `Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; img-src data:`.",
  })
  @ApiParam({ name: 'id', type: 'integer' })
  @ApiExtraModels(DriftReportDto)
  @ApiOkResponse({
    description: 'format=html (default): the page; format=json: the stored report',
    content: { 'text/html': { schema: { type: 'string' } }, 'application/json': { schema: { $ref: getSchemaPath(DriftReportDto) } } },
  })
  @ApiErrors(400, 404)
  async report(@Param('id', idPipe) id: number, @Query(new ZodValidationPipe(reportQuery)) query: ReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    if (query.format === 'json') {
      const report = await this.checks.report(id);
      if (!report) throw await this.noReport(id);
      return snakeCaseKeys(report);
    }
    const html = await this.checks.html(id);
    if (html === null) throw await this.noReport(id);
    void reply.headers(REPORT_HTML_HEADERS);
    return html;
  }

  @Post('drift/check')
  @HttpCode(202)
  @Scope('admin')
  @ApiOperation({
    summary: 'Run a drift check now (queued on the drift queue; its result appears in /monitoring/reports)',
    description: 'Dataset drift (at least half of the features drifted) requests a retrain with reason `drift` on the ml-build queue, merged into a retrain already waiting.',
  })
  @ApiBody({ type: DriftCheckRequestDto, required: false })
  @ApiAcceptedResponse({ type: DriftCheckQueuedDto })
  @ApiErrors(400)
  @ApiResponse({ status: 503, description: 'The drift queue is unavailable (Redis unreachable); see Retry-After', type: ApiErrorDto })
  async check(@Body(new ZodValidationPipe(driftCheckRequest)) body: DriftCheckRequestDto | undefined): Promise<DriftCheckQueuedDto> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ENQUEUE_TIMEOUT_MS);
    });
    try {
      const jobId = await Promise.race([this.jobs.enqueue(body?.window_hours ? { windowHours: body.window_hours } : {}), timeout]);
      return { job_id: jobId, queue: DRIFT_QUEUE };
    } catch {
      throw ApiError.unavailable('the drift queue is unavailable (Redis unreachable); retry later', 5);
    } finally {
      clearTimeout(timer);
    }
  }

  private async noReport(id: number): Promise<ApiError> {
    const check = await this.checks.get(id);
    if (!check) return ApiError.notFound(`no drift check ${id}`, [{ field: 'id', message: `no drift check ${id}` }]);
    return ApiError.notFound(`drift check ${id} has no report: it was ${check.status}${check.message ? ` (${check.message})` : ''}`, [{ field: 'id', message: `check ${check.status}` }]);
  }
}
