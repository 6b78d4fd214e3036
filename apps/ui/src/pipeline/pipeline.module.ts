import { Module } from '@nestjs/common';
import { BuildJobsReader } from './build-jobs.reader';
import { EtlRunsReader } from './etl-runs.reader';
import { PipelineController } from './pipeline.controller';

@Module({ controllers: [PipelineController], providers: [EtlRunsReader, BuildJobsReader] })
export class PipelineModule {}
