import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import type { MlflowExperiment } from '@predictiondex/mlflow-client';
import { apiPaths } from '../common/api-routes.constants';
import { parseRequest } from '../common/request-validation';
import {
  createExperimentDto,
  deleteExperimentTagDto,
  experimentIdDto,
  getExperimentByNameDto,
  searchExperimentsDto,
  setExperimentTagDto,
  updateExperimentDto,
} from './dto/experiments.dto';
import { ExperimentsService } from './experiments.service';

type Empty = Record<string, never>;
type SearchResult = Awaited<ReturnType<ExperimentsService['search']>>;

/** /mlflow/experiments/*. */
@Controller(apiPaths('experiments'))
export class ExperimentsController {
  constructor(private readonly experiments: ExperimentsService) {}

  @Post('create')
  @HttpCode(200)
  async create(@Body() body: unknown): Promise<{ experiment_id: string }> {
    const dto = parseRequest(createExperimentDto, body);
    return { experiment_id: await this.experiments.create(dto.name, dto.artifact_location, dto.tags) };
  }

  @Get('get')
  async get(@Query() query: unknown): Promise<{ experiment: MlflowExperiment }> {
    return { experiment: await this.experiments.get(parseRequest(experimentIdDto, query).experiment_id) };
  }

  @Get('get-by-name')
  async getByName(@Query() query: unknown): Promise<{ experiment: MlflowExperiment }> {
    return { experiment: await this.experiments.getByName(parseRequest(getExperimentByNameDto, query).experiment_name) };
  }

  @Get('search')
  async searchGet(@Query() query: unknown): Promise<SearchResult> {
    return this.experiments.search(parseRequest(searchExperimentsDto, query));
  }

  @Post('search')
  @HttpCode(200)
  async search(@Body() body: unknown): Promise<SearchResult> {
    return this.experiments.search(parseRequest(searchExperimentsDto, body));
  }

  @Post('update')
  @HttpCode(200)
  async update(@Body() body: unknown): Promise<Empty> {
    const dto = parseRequest(updateExperimentDto, body);
    await this.experiments.rename(dto.experiment_id, dto.new_name);
    return {};
  }

  @Post('delete')
  @HttpCode(200)
  async delete(@Body() body: unknown): Promise<Empty> {
    await this.experiments.delete(parseRequest(experimentIdDto, body).experiment_id);
    return {};
  }

  @Post('restore')
  @HttpCode(200)
  async restore(@Body() body: unknown): Promise<Empty> {
    await this.experiments.restore(parseRequest(experimentIdDto, body).experiment_id);
    return {};
  }

  @Post('set-experiment-tag')
  @HttpCode(200)
  async setTag(@Body() body: unknown): Promise<Empty> {
    const dto = parseRequest(setExperimentTagDto, body);
    await this.experiments.setTag(dto.experiment_id, dto.key, dto.value);
    return {};
  }

  @Post('delete-experiment-tag')
  @HttpCode(200)
  async deleteTag(@Body() body: unknown): Promise<Empty> {
    const dto = parseRequest(deleteExperimentTagDto, body);
    await this.experiments.deleteTag(dto.experiment_id, dto.key);
    return {};
  }
}
