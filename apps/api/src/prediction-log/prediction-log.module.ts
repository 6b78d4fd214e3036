import { Global, Module } from '@nestjs/common';
import { PredictionLogWriter } from './prediction-log.writer';

@Global()
@Module({ providers: [PredictionLogWriter], exports: [PredictionLogWriter] })
export class PredictionLogModule {}
