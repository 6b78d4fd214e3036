import { DynamicModule, Module } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfigModule, UiConfig, uiConfigSchema } from '@predictiondex/config';
import { HealthModule } from '@predictiondex/health';
import { LoggingModule } from '@predictiondex/logging';
import { MetricsModule } from '@predictiondex/metrics';
import { AboutModule } from '../about/about.module';
import { ApiStatusService } from '../about/api-status.service';
import { ApiProxyModule } from '../api-proxy/api-proxy.module';
import { DriftModule } from '../drift/drift.module';
import { uiReadinessChecks } from '../health/ui-health.checks';
import { ModelModule } from '../model/model.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { SpaModule } from '../spa/spa.module';

@Module({})
export class AppModule {
  static forRoot(config: UiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot({ app: 'ui', schema: uiConfigSchema, values: config }),
        LoggingModule.forRoot({ service: 'ui', level: config.LOG_LEVEL }),
        MetricsModule.forRoot({ service: 'ui', httpMetricPrefix: 'ui' }),
        AboutModule,
        ApiProxyModule,
        DriftModule,
        ModelModule,
        PipelineModule,
        HealthModule.forRoot({
          imports: [AboutModule],
          checks: { inject: [HealthIndicatorService, ApiStatusService], useFactory: uiReadinessChecks },
        }),
        // Last: its catch-all route is the SPA fallback.
        SpaModule.forRoot(config.UI_STATIC_DIR),
      ],
    };
  }
}
