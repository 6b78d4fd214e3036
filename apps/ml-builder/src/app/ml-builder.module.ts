import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfigModule, MlBuilderConfig, mlBuilderConfigSchema } from '@predictiondex/config';
import { dataSourceOptions } from '@predictiondex/db';
import { HealthModule } from '@predictiondex/health';
import { LoggingModule } from '@predictiondex/logging';
import { MetricsModule, QueueMetricsModule } from '@predictiondex/metrics';
import { EventBusModule, QUEUES, redisOptionsFromUrl } from '@predictiondex/queues';
import { BuildProcessor } from './build.processor';
import { BuildRunnerService } from './build-runner.service';
import { FeedbackMonitorService } from './feedback-monitor.service';
import { RetrainQueueService } from './retrain-queue.service';
import { RetrainRunnerService } from './retrain-runner.service';

export interface MlBuilderModuleOptions {
  /** 'cli' (npm run pipeline) runs one build in-process; 'worker' consumes the ml-build queue and serves /health, /metrics. */
  mode: 'cli' | 'worker';
  config: MlBuilderConfig;
}

@Module({})
export class MlBuilderModule {
  static forRoot(options: MlBuilderModuleOptions): DynamicModule {
    const worker = options.mode === 'worker';
    return {
      module: MlBuilderModule,
      imports: [
        AppConfigModule.forRoot({ app: 'ml-builder', schema: mlBuilderConfigSchema, values: options.config }),
        LoggingModule.forRoot({ service: 'ml-builder', level: options.config.LOG_LEVEL, fd: worker ? 1 : 2 }),
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (cfg: MlBuilderConfig) => dataSourceOptions({ url: cfg.DATABASE_URL, applicationName: 'predictiondex-ml-builder', poolSize: 2 }),
        }),
        EventBusModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (cfg: MlBuilderConfig) => ({ redisUrl: cfg.REDIS_URL, prefix: cfg.QUEUE_PREFIX, subscribe: false }),
        }),
        ...(worker
          ? [
              BullModule.forRootAsync({
                inject: [APP_CONFIG],
                useFactory: (cfg: MlBuilderConfig) => ({ connection: redisOptionsFromUrl(cfg.REDIS_URL), prefix: cfg.QUEUE_PREFIX }),
              }),
              BullModule.registerQueue({ name: QUEUES.mlBuild }),
              MetricsModule.forRoot({ service: 'ml-builder', httpMetricPrefix: 'ml_builder_http' }),
              // queue_jobs{queue,state} for the queue this worker consumes.
              QueueMetricsModule.forQueues([QUEUES.mlBuild]),
              HealthModule.forRoot({
                imports: [TerminusModule],
                checks: {
                  inject: [TypeOrmHealthIndicator],
                  useFactory: (db: TypeOrmHealthIndicator) => [() => db.pingCheck('postgres', { timeout: 1000 })],
                },
              }),
            ]
          : []),
      ],
      providers: [BuildRunnerService, RetrainRunnerService, FeedbackMonitorService, ...(worker ? [BuildProcessor, RetrainQueueService] : [])],
      exports: [BuildRunnerService, RetrainRunnerService],
    };
  }
}
