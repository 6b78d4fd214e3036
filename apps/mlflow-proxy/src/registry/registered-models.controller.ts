import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import type { MlflowModelVersion, MlflowRegisteredModel } from '@predictiondex/mlflow-client';
import { CurrentPrincipal } from '../auth/principal';
import type { Principal } from '../auth/token-verifier.service';
import { apiPaths } from '../common/api-routes.constants';
import { parseRequest } from '../common/request-validation';
import {
  aliasDto,
  createRegisteredModelDto,
  getLatestVersionsDto,
  modelNameDto,
  registeredModelTagDto,
  registeredModelTagKeyDto,
  renameRegisteredModelDto,
  searchRegisteredModelsDto,
  setAliasDto,
  updateRegisteredModelDto,
} from './dto/registry.dto';
import { RegisteredModelsService } from './registered-models.service';

type Empty = Record<string, never>;
type Wrapped = { registered_model: MlflowRegisteredModel };

/** /mlflow/registered-models/*, methods as in MLflow (PATCH update, DELETE delete, alias by verb). */
@Controller(apiPaths('registered-models'))
export class RegisteredModelsController {
  constructor(private readonly models: RegisteredModelsService) {}

  @Post('create')
  @HttpCode(200)
  async create(@Body() body: unknown, @CurrentPrincipal() principal: Principal | undefined): Promise<Wrapped> {
    const dto = parseRequest(createRegisteredModelDto, body);
    return { registered_model: await this.models.create(dto.name, dto.tags, dto.description, principal?.name) };
  }

  @Get('get')
  async get(@Query() query: unknown): Promise<Wrapped> {
    return { registered_model: await this.models.get(parseRequest(modelNameDto, query).name) };
  }

  @Get('search')
  async search(@Query() query: unknown): Promise<Awaited<ReturnType<RegisteredModelsService['search']>>> {
    return this.models.search(parseRequest(searchRegisteredModelsDto, query));
  }

  @Post('rename')
  @HttpCode(200)
  async rename(@Body() body: unknown): Promise<Wrapped> {
    const dto = parseRequest(renameRegisteredModelDto, body);
    return { registered_model: await this.models.rename(dto.name, dto.new_name) };
  }

  @Patch('update')
  async update(@Body() body: unknown): Promise<Wrapped> {
    const dto = parseRequest(updateRegisteredModelDto, body);
    return { registered_model: await this.models.update(dto.name, dto.description) };
  }

  @Delete('delete')
  async delete(@Body() body: unknown, @Query() query: unknown): Promise<Empty> {
    await this.models.delete(parseRequest(modelNameDto, body ?? query).name);
    return {};
  }

  @Post('set-tag')
  @HttpCode(200)
  async setTag(@Body() body: unknown): Promise<Empty> {
    const dto = parseRequest(registeredModelTagDto, body);
    await this.models.setTag(dto.name, dto.key, dto.value);
    return {};
  }

  @Delete('delete-tag')
  async deleteTag(@Body() body: unknown, @Query() query: unknown): Promise<Empty> {
    const dto = parseRequest(registeredModelTagKeyDto, body ?? query);
    await this.models.deleteTag(dto.name, dto.key);
    return {};
  }

  @Post('alias')
  @HttpCode(200)
  async setAlias(@Body() body: unknown): Promise<Empty> {
    const dto = parseRequest(setAliasDto, body);
    await this.models.setAlias(dto.name, dto.alias, dto.version);
    return {};
  }

  /** DELETE parameters come in a JSON body (MLflow clients) or the query string (curl, browsers). */
  @Delete('alias')
  async deleteAlias(@Body() body: unknown, @Query() query: unknown): Promise<Empty> {
    const dto = parseRequest(aliasDto, body ?? query);
    await this.models.deleteAlias(dto.name, dto.alias);
    return {};
  }

  @Get('alias')
  async byAlias(@Query() query: unknown): Promise<{ model_version: MlflowModelVersion }> {
    const dto = parseRequest(aliasDto, query);
    return { model_version: await this.models.versionByAlias(dto.name, dto.alias) };
  }

  @Get('get-latest-versions')
  async latestGet(@Query() query: unknown): Promise<{ model_versions: MlflowModelVersion[] }> {
    const dto = parseRequest(getLatestVersionsDto, query);
    return { model_versions: await this.models.latestVersions(dto.name, dto.stages) };
  }

  @Post('get-latest-versions')
  @HttpCode(200)
  async latest(@Body() body: unknown): Promise<{ model_versions: MlflowModelVersion[] }> {
    const dto = parseRequest(getLatestVersionsDto, body);
    return { model_versions: await this.models.latestVersions(dto.name, dto.stages) };
  }
}
