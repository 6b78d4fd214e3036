import { Controller, Get } from '@nestjs/common';
import { BuildJobsResponse, EtlRunsResponse } from '../contract/bff-contract';
import { BuildJobsReader } from './build-jobs.reader';
import { EtlRunsReader } from './etl-runs.reader';

@Controller('bff/pipeline')
export class PipelineController {
  constructor(
    private readonly etlRuns: EtlRunsReader,
    private readonly buildJobs: BuildJobsReader,
  ) {}

  @Get('etl-runs')
  async etl(): Promise<EtlRunsResponse> {
    return { items: await this.etlRuns.latest() };
  }

  @Get('build-jobs')
  builds(): Promise<BuildJobsResponse> {
    return this.buildJobs.latest();
  }
}
