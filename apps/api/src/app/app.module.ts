import { DynamicModule, Module } from '@nestjs/common';
import { HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, ApiConfig, apiConfigSchema, AppConfigModule } from '@predictiondex/config';
import { dataSourceOptions } from '@predictiondex/db';
import { HealthModule, RedisHealthIndicator } from '@predictiondex/health';
import { MetricsModule } from '@predictiondex/metrics';
import { EventBusModule } from '@predictiondex/queues';
import type pino from 'pino';
import { AdminModule } from '../admin/admin.module';
import { API_REDIS } from '../auth/api-redis.provider';
import { AuthModule } from '../auth/auth.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { FeedbackModule } from '../feedback/feedback.module';
import { apiReadinessChecks } from '../health/api-health.checks';
import { ApiLoggingModule } from '../logging/api-logging.module';
import { ModelModule } from '../model/model.module';
import { ServingModelService } from '../model/serving-model.service';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { PokedexModule } from '../pokedex/pokedex.module';
import { PerformanceModule } from '../performance/performance.module';
import { PokedexService } from '../pokedex/pokedex.service';
import { PredictModule } from '../predict/predict.module';
import { PredictionLogModule } from '../prediction-log/prediction-log.module';
import { ApiQueueDashboardModule } from '../queue-dashboard/queue-dashboard.module';

export interface AppModuleOptions {
  /** HTTP request metrics (default true; a benchmark may measure without). */
  httpMetrics?: boolean;
}

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, logger: pino.Logger, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot({ app: 'api', schema: apiConfigSchema, values: config }),
        ApiLoggingModule.forRoot(logger),
        // Before AuthModule: its request hook must start the clock before the auth hook may refuse.
        MetricsModule.forRoot({ service: 'api', httpMetricPrefix: 'api', httpMetrics: options.httpMetrics ?? config.HTTP_METRICS_ENABLED }),
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (cfg: ApiConfig) => ({
            ...dataSourceOptions({ url: cfg.DATABASE_URL, applicationName: 'predictiondex-api', poolSize: cfg.DB_POOL_SIZE }),
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
        EventBusModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (cfg: ApiConfig) => ({ redisUrl: cfg.REDIS_URL, prefix: cfg.QUEUE_PREFIX, subscribe: true }),
        }),
        AuthModule,
        ModelModule,
        PredictionLogModule,
        PokedexModule,
        PredictModule,
        FeedbackModule,
        PerformanceModule,
        DecisionsModule,
        AdminModule,
        MonitoringModule,
        ...(config.QUEUE_DASHBOARD_ENABLED ? [ApiQueueDashboardModule] : []),
        HealthModule.forRoot({
          imports: [PokedexModule],
          checks: {
            inject: [APP_CONFIG, TypeOrmHealthIndicator, RedisHealthIndicator, API_REDIS, HealthIndicatorService, ServingModelService, PokedexService],
            useFactory: apiReadinessChecks,
          },
        }),
      ],
    };
  }
}
