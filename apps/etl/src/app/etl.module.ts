import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { APP_CONFIG, AppConfigModule, EtlConfig, etlConfigSchema } from '@predictiondex/config';
import { dataSourceOptions } from '@predictiondex/db';
import { HealthModule } from '@predictiondex/health';
import { LoggingModule } from '@predictiondex/logging';
import { MetricsModule, QueueMetricsModule } from '@predictiondex/metrics';
import { EventBusModule, QUEUES, redisOptionsFromUrl } from '@predictiondex/queues';
import { EtlRefreshProcessor } from './etl-refresh.processor';
import { EtlService } from './etl.service';

export interface EtlModuleOptions {
  /** 'cli' runs once without HTTP or queue consumers; 'worker' adds /health, /metrics and the refresh processor. */
  mode: 'cli' | 'worker';
  /** Validated config to use instead of process.env (tests). */
  config?: EtlConfig;
}

@Module({})
export class EtlModule {
  static forRoot(options: EtlModuleOptions): DynamicModule {
    const worker = options.mode === 'worker';
    const config = AppConfigModule.forRoot({ app: 'etl', schema: etlConfigSchema, values: options.config });
    return {
      module: EtlModule,
      imports: [
        config,
        LoggingModule.forRoot({ service: 'etl', level: (options.config?.LOG_LEVEL ?? process.env['LOG_LEVEL'] ?? 'info'), fd: worker ? 1 : 2 }),
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (cfg: EtlConfig) => dataSourceOptions({ url: cfg.DATABASE_URL, applicationName: 'predictiondex-etl', poolSize: 4 }),
        }),
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (cfg: EtlConfig) => ({ connection: redisOptionsFromUrl(cfg.REDIS_URL), prefix: cfg.QUEUE_PREFIX }),
        }),
        BullModule.registerQueue({ name: QUEUES.mlBuild }, { name: QUEUES.etl }),
        EventBusModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (cfg: EtlConfig) => ({ redisUrl: cfg.REDIS_URL, prefix: cfg.QUEUE_PREFIX, subscribe: false }),
        }),
        ...(worker
          ? [
              MetricsModule.forRoot({ service: 'etl', httpMetricPrefix: 'etl_http' }),
              // queue_jobs{queue,state} for the queue this worker consumes.
              QueueMetricsModule.forQueues([QUEUES.etl]),
              HealthModule.forRoot({
                checks: {
                  inject: [TypeOrmHealthIndicator],
                  useFactory: (db: TypeOrmHealthIndicator) => [() => db.pingCheck('postgres', { timeout: 1000 })],
                },
              }),
            ]
          : []),
      ],
      providers: [EtlService, ...(worker ? [EtlRefreshProcessor] : [])],
      exports: [EtlService],
    };
  }
}
