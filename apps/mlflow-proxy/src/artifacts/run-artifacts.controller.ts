import { Controller, Get, Query } from '@nestjs/common';
import { MlflowFileInfo, joinArtifactPath, mlflowArtifactsPath } from '@predictiondex/mlflow-client';
import { z } from 'zod';
import { apiPaths } from '../common/api-routes.constants';
import { MlflowError } from '../common/mlflow-error';
import { parseRequest, requireNonEmpty } from '../common/request-validation';
import { RunsService } from '../runs/runs.service';
import { normalizeArtifactPath } from './artifact-path';
import { ArtifactStore } from './artifact-store.service';

const listArtifactsDto = z.object({
  run_id: z.string().optional(),
  run_uuid: z.string().optional(),
  path: z.string().optional(),
  page_token: z.string().optional(),
});

/** /mlflow/artifacts/list: one level of a run's artifacts, paths relative to the run's artifact root. */
@Controller(apiPaths('artifacts'))
export class RunArtifactsController {
  constructor(
    private readonly runs: RunsService,
    private readonly store: ArtifactStore,
  ) {}

  @Get('list')
  async list(@Query() query: unknown): Promise<{ root_uri: string; files: MlflowFileInfo[] }> {
    const dto = parseRequest(listArtifactsDto, query);
    const run = await this.runs.state(requireNonEmpty(dto.run_id || dto.run_uuid, 'run_id'));
    const base = mlflowArtifactsPath(run.artifactUri);
    if (base === undefined) {
      throw MlflowError.invalidParameter(`Run artifacts live at ${run.artifactUri}; this server only serves mlflow-artifacts:/ locations`);
    }
    const path = normalizeArtifactPath(dto.path);
    const files = await this.store.list(joinArtifactPath(base, path));
    return { root_uri: run.artifactUri, files: files.map((f) => ({ ...f, path: joinArtifactPath(path, f.path) })) };
  }
}
