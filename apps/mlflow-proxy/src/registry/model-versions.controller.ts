import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import type { MlflowModelVersion } from '@predictiondex/mlflow-client';
import { CurrentPrincipal } from '../auth/principal';
import type { Principal } from '../auth/token-verifier.service';
import { apiPaths } from '../common/api-routes.constants';
import { parseRequest } from '../common/request-validation';
import {
  createModelVersionDto,
  modelVersionDto,
  modelVersionTagDto,
  modelVersionTagKeyDto,
  searchModelVersionsDto,
  transitionStageDto,
  updateModelVersionDto,
} from './dto/registry.dto';
import { ModelVersionsService } from './model-versions.service';

type Empty = Record<string, never>;
type Wrapped = { model_version: MlflowModelVersion };

/** /mlflow/model-versions/*. */
@Controller(apiPaths('model-versions'))
export class ModelVersionsController {
  constructor(private readonly versions: ModelVersionsService) {}

  @Post('create')
  @HttpCode(200)
  async create(@Body() body: unknown, @CurrentPrincipal() principal: Principal | undefined): Promise<Wrapped> {
    return { model_version: await this.versions.create(parseRequest(createModelVersionDto, body), principal?.name) };
  }

  @Get('get')
  async get(@Query() query: unknown): Promise<Wrapped> {
    const dto = parseRequest(modelVersionDto, query);
    return { model_version: await this.versions.get(dto.name, dto.version) };
  }

  @Get('search')
  async search(@Query() query: unknown): Promise<Awaited<ReturnType<ModelVersionsService['search']>>> {
    return this.versions.search(parseRequest(searchModelVersionsDto, query));
  }

  @Patch('update')
  async update(@Body() body: unknown): Promise<Wrapped> {
    const dto = parseRequest(updateModelVersionDto, body);
    return { model_version: await this.versions.update(dto.name, dto.version, dto.description) };
  }

  @Delete('delete')
  async delete(@Body() body: unknown, @Query() query: unknown): Promise<Empty> {
    const dto = parseRequest(modelVersionDto, body ?? query);
    await this.versions.delete(dto.name, dto.version);
    return {};
  }

  @Post('transition-stage')
  @HttpCode(200)
  async transition(@Body() body: unknown): Promise<Wrapped> {
    const dto = parseRequest(transitionStageDto, body);
    return { model_version: await this.versions.transitionStage(dto.name, dto.version, dto.stage, dto.archive_existing_versions) };
  }

  @Post('set-tag')
  @HttpCode(200)
  async setTag(@Body() body: unknown): Promise<Empty> {
    const dto = parseRequest(modelVersionTagDto, body);
    await this.versions.setTag(dto.name, dto.version, dto.key, dto.value);
    return {};
  }

  @Delete('delete-tag')
  async deleteTag(@Body() body: unknown, @Query() query: unknown): Promise<Empty> {
    const dto = parseRequest(modelVersionTagKeyDto, body ?? query);
    await this.versions.deleteTag(dto.name, dto.version, dto.key);
    return {};
  }

  @Get('get-download-uri')
  async downloadUri(@Query() query: unknown): Promise<{ artifact_uri: string }> {
    const dto = parseRequest(modelVersionDto, query);
    return { artifact_uri: await this.versions.downloadUri(dto.name, dto.version) };
  }
}
