import { Controller, Get, Query } from '@nestjs/common';
import { apiPaths } from '../common/api-routes.constants';
import { parseRequest, requireNonEmpty } from '../common/request-validation';
import { metricHistoryDto } from './dto/runs.dto';
import { RunsService } from './runs.service';

/** /mlflow/metrics/get-history: every logged point of one metric of one run. */
@Controller(apiPaths('metrics'))
export class MetricHistoryController {
  constructor(private readonly runs: RunsService) {}

  @Get('get-history')
  async history(@Query() query: unknown): Promise<Awaited<ReturnType<RunsService['metricHistory']>>> {
    const dto = parseRequest(metricHistoryDto, query);
    return this.runs.metricHistory({ ...dto, run_id: requireNonEmpty(dto.run_id || dto.run_uuid, 'run_id') });
  }
}
