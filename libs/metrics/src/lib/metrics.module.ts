import { DynamicModule, Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import { HttpMetricsService } from './http-metrics.service';
import { METRICS_OPTIONS, MetricsOptions } from './metrics.options';

/** Default process metrics, /metrics, and HTTP request metrics for one service. */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      imports: [
        PrometheusModule.register({
          path: '/metrics',
          // Default process metrics are process-wide: a second app instance in the same process
          // (tests, a CLI embedding a module) must not register them again.
          defaultMetrics: { enabled: !register.getSingleMetric('process_cpu_user_seconds_total') },
          defaultLabels: { service: options.service },
        }),
      ],
      providers: [
        {
          provide: METRICS_OPTIONS,
          // Set here too: PrometheusModule applies its labels when the module is declared, which a
          // registry reset between declaration and start would undo.
          useFactory: () => {
            register.setDefaultLabels({ service: options.service });
            return options;
          },
        },
        HttpMetricsService,
      ],
      exports: [HttpMetricsService, METRICS_OPTIONS],
    };
  }
}
