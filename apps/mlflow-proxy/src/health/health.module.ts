import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ArtifactRootHealthIndicator } from '../artifacts/artifact-root.health';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { ProxyModule } from '../proxy/proxy.module';
import { UpstreamHealthIndicator } from '../proxy/upstream.health';
import { HEALTH_CHECKS, HealthChecks } from './health-checks';
import { HealthController } from './health.controller';

@Module({})
export class HealthModule {
  /** Embedded mode: the PostgreSQL store and the artifact directory. */
  static embedded(): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule, ArtifactsModule],
      controllers: [HealthController],
      providers: [
        {
          provide: HEALTH_CHECKS,
          inject: [TypeOrmHealthIndicator, ArtifactRootHealthIndicator],
          useFactory: (db: TypeOrmHealthIndicator, artifacts: ArtifactRootHealthIndicator): HealthChecks => [
            () => db.pingCheck('store', { timeout: 3000 }),
            () => artifacts.isHealthy('artifact_root'),
          ],
        },
      ],
    };
  }

  /** Proxy mode: the upstream MLflow server. */
  static proxy(): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule, ProxyModule],
      controllers: [HealthController],
      providers: [
        {
          provide: HEALTH_CHECKS,
          inject: [UpstreamHealthIndicator],
          useFactory: (upstream: UpstreamHealthIndicator): HealthChecks => [() => upstream.isHealthy('upstream')],
        },
      ],
    };
  }
}
