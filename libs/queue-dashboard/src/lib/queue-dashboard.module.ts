import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { QueueDashboardMount } from './queue-dashboard.mount';
import { QUEUE_DASHBOARD_OPTIONS, QueueDashboardOptions } from './queue-dashboard.options';

/**
 * Bull Board for a NestJS app on Fastify, behind the `authorize` hook the app provides (the api
 * plugs in its admin API-key check; a worker may use staticCredentialsAuthorizer).
 */
@Module({})
export class QueueDashboardModule {
  static forRootAsync(options: {
    imports?: ModuleMetadata['imports'];
    inject?: unknown[];
    // Nest's own factory type: the app's factory takes its injected values with their real types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...args: any[]) => QueueDashboardOptions | Promise<QueueDashboardOptions>;
  }): DynamicModule {
    return {
      module: QueueDashboardModule,
      imports: options.imports ?? [],
      providers: [{ provide: QUEUE_DASHBOARD_OPTIONS, useFactory: options.useFactory, inject: (options.inject ?? []) as never[] }, QueueDashboardMount],
    };
  }
}
