import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { DriftCheckService } from './drift-check.service';
import { DriftJobsService } from './drift-jobs.service';
import { DRIFT_OPTIONS, DriftModuleOptions } from './drift-module.options';
import { DriftMetrics } from './drift.metrics';

export interface DriftModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: unknown[];
  // Nest's own factory type: the app's factory takes its injected values with their real types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...args: any[]) => DriftModuleOptions | Promise<DriftModuleOptions>;
}

/**
 * Scheduled drift checks for an app that has TypeORM (the main data source, with libs/db's
 * entities) and Redis: DriftCheckService (run, list, latest, html), DriftJobsService (the
 * repeatable job and on-demand enqueue) and the drift gauges. The app adds the HTTP endpoints.
 */
@Module({})
export class DriftModule {
  static forRootAsync(options: DriftModuleAsyncOptions): DynamicModule {
    return {
      module: DriftModule,
      imports: options.imports ?? [],
      providers: [
        { provide: DRIFT_OPTIONS, useFactory: options.useFactory, inject: (options.inject ?? []) as never[] },
        DriftMetrics,
        DriftCheckService,
        DriftJobsService,
      ],
      exports: [DriftCheckService, DriftJobsService, DriftMetrics],
    };
  }
}
