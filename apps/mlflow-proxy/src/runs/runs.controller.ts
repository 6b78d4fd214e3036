import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import type { MlflowRun, MlflowRunInfo } from '@predictiondex/mlflow-client';
import { CurrentPrincipal } from '../auth/principal';
import type { Principal } from '../auth/token-verifier.service';
import { apiPaths } from '../common/api-routes.constants';
import { parseRequest, requireNonEmpty } from '../common/request-validation';
import {
  createRunDto,
  deleteTagDto,
  logBatchDto,
  logInputsDto,
  logMetricDto,
  logParamDto,
  runRefDto,
  searchRunsDto,
  setTagDto,
  updateRunDto,
} from './dto/runs.dto';
import { RunsService } from './runs.service';

type Empty = Record<string, never>;

function runIdOf(v: { run_id?: string; run_uuid?: string }): string {
  return requireNonEmpty(v.run_id || v.run_uuid, 'run_id');
}

/** /mlflow/runs/*: MLflow's run lifecycle and logging endpoints. */
@Controller(apiPaths('runs'))
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Post('create')
  @HttpCode(200)
  async create(@Body() body: unknown, @CurrentPrincipal() principal: Principal | undefined): Promise<{ run: MlflowRun }> {
    return { run: await this.runs.create(parseRequest(createRunDto, body), principal?.name) };
  }

  @Get('get')
  async get(@Query() query: unknown): Promise<{ run: MlflowRun }> {
    return { run: await this.runs.get(runIdOf(parseRequest(runRefDto, query))) };
  }

  @Post('update')
  @HttpCode(200)
  async update(@Body() body: unknown): Promise<{ run_info: MlflowRunInfo }> {
    const dto = parseRequest(updateRunDto, body);
    return { run_info: await this.runs.update({ ...dto, run_id: runIdOf(dto) }) };
  }

  @Post('delete')
  @HttpCode(200)
  async delete(@Body() body: unknown): Promise<Empty> {
    await this.runs.delete(runIdOf(parseRequest(runRefDto, body)));
    return {};
  }

  @Post('restore')
  @HttpCode(200)
  async restore(@Body() body: unknown): Promise<Empty> {
    await this.runs.restore(runIdOf(parseRequest(runRefDto, body)));
    return {};
  }

  @Post('log-metric')
  @HttpCode(200)
  async logMetric(@Body() body: unknown): Promise<Empty> {
    const dto = parseRequest(logMetricDto, body);
    await this.runs.logMetric(runIdOf(dto), { key: dto.key, value: dto.value, timestamp: dto.timestamp, step: dto.step });
    return {};
  }

  @Post('log-parameter')
  @HttpCode(200)
  async logParam(@Body() body: unknown): Promise<Empty> {
    const dto = parseRequest(logParamDto, body);
    await this.runs.logParam(runIdOf(dto), dto.key, dto.value);
    return {};
  }

  @Post('log-batch')
  @HttpCode(200)
  async logBatch(@Body() body: unknown): Promise<Empty> {
    const dto = parseRequest(logBatchDto, body);
    await this.runs.logBatch({ ...dto, run_id: runIdOf(dto) });
    return {};
  }

  @Post('log-inputs')
  @HttpCode(200)
  async logInputs(@Body() body: unknown): Promise<Empty> {
    const dto = parseRequest(logInputsDto, body);
    await this.runs.logInputs({ ...dto, run_id: runIdOf(dto) });
    return {};
  }

  @Post('set-tag')
  @HttpCode(200)
  async setTag(@Body() body: unknown): Promise<Empty> {
    const dto = parseRequest(setTagDto, body);
    await this.runs.setTag(runIdOf(dto), dto.key, dto.value);
    return {};
  }

  @Post('delete-tag')
  @HttpCode(200)
  async deleteTag(@Body() body: unknown): Promise<Empty> {
    const dto = parseRequest(deleteTagDto, body);
    await this.runs.deleteTag(runIdOf(dto), dto.key);
    return {};
  }

  @Post('search')
  @HttpCode(200)
  async search(@Body() body: unknown): Promise<Awaited<ReturnType<RunsService['search']>>> {
    return this.runs.search(parseRequest(searchRunsDto, body));
  }
}
