import { DynamicModule, Module, Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_CHECKS, ReadinessChecks } from './health-checks';
import { RedisHealthIndicator } from './redis.health-indicator';

/** Adds /health, /health/live, /health/ready; `checks` provides READINESS_CHECKS from the app's own dependencies. */
@Module({})
export class HealthModule {
  static forRoot(options: {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    checks: { useFactory: (...deps: any[]) => ReadinessChecks; inject?: Provider[] | any[] };
    imports?: DynamicModule['imports'];
  }): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: [RedisHealthIndicator, { provide: READINESS_CHECKS, useFactory: options.checks.useFactory, inject: options.checks.inject ?? [] }],
      exports: [RedisHealthIndicator],
    };
  }
}
