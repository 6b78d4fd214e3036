import { Controller, Delete, Get, Put, Query, Req, StreamableFile } from '@nestjs/common';
import { InjectConfig, MlflowProxyConfig } from '@predictiondex/config';
import type { MlflowFileInfo } from '@predictiondex/mlflow-client';
import type { FastifyRequest } from 'fastify';
import { MLFLOW_ARTIFACTS_ROUTE } from '../common/api-routes.constants';
import { MlflowError } from '../common/mlflow-error';
import { ArtifactStore } from './artifact-store.service';

type Empty = Record<string, never>;

function wildcard(request: FastifyRequest): string {
  return (request.params as Record<string, string | undefined>)['*'] ?? '';
}

/**
 * MLflow's artifact service (`mlflow server --serve-artifacts`): what `mlflow-artifacts:/` URIs
 * resolve to. The Python client uploads with PUT (raw bytes, any Content-Type), downloads with GET,
 * lists with GET ?path=.
 */
@Controller(MLFLOW_ARTIFACTS_ROUTE)
export class MlflowArtifactsController {
  constructor(
    private readonly store: ArtifactStore,
    @InjectConfig() private readonly config: MlflowProxyConfig,
  ) {}

  @Get()
  async list(@Query('path') path: string | undefined): Promise<{ files: MlflowFileInfo[] }> {
    return { files: await this.store.list(typeof path === 'string' ? path : undefined) };
  }

  @Get('*')
  async download(@Req() request: FastifyRequest): Promise<StreamableFile> {
    const file = await this.store.read(wildcard(request));
    return new StreamableFile(file.stream, { type: file.contentType, length: file.size });
  }

  /** The body was left unread by the content-type parser: it streams straight to disk here. */
  @Put('*')
  async upload(@Req() request: FastifyRequest): Promise<Empty> {
    const max = this.config.MLFLOW_MAX_ARTIFACT_BYTES;
    if (Number(request.headers['content-length']) > max) throw MlflowError.tooLarge(max);
    await this.store.write(wildcard(request), request.raw, max);
    return {};
  }

  @Delete('*')
  async remove(@Req() request: FastifyRequest): Promise<Empty> {
    await this.store.delete(wildcard(request));
    return {};
  }
}
