import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule, MlflowProxyConfig, mlflowProxyConfigSchema } from '@predictiondex/config';
import { MetricsModule } from '@predictiondex/metrics';
import { LoggerModule } from 'nestjs-pino';
import { loggerOptions } from './app-logger.options';
import { ArtifactsModule } from './artifacts/artifacts.module';
import { AuthModule } from './auth/auth.module';
import { ExperimentsModule } from './experiments/experiments.module';
import { HealthModule } from './health/health.module';
import { ProxyModule } from './proxy/proxy.module';
import { RegistryModule } from './registry/registry.module';
import { RunsModule } from './runs/runs.module';
import { StoreModule } from './store/store.module';

/** Embedded mode serves MLflow's API from its own store; proxy mode (MLFLOW_UPSTREAM_URL) forwards it. */
export function isProxyMode(config: MlflowProxyConfig): boolean {
  return !!config.MLFLOW_UPSTREAM_URL;
}

@Module({})
export class AppModule {
  static forRoot(config: MlflowProxyConfig): DynamicModule {
    const proxy = isProxyMode(config);
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot({ app: 'mlflow-proxy', schema: mlflowProxyConfigSchema, values: config }),
        LoggerModule.forRoot(loggerOptions(config)),
        MetricsModule.forRoot({ service: 'mlflow-proxy', httpMetricPrefix: 'mlflow_proxy' }),
        AuthModule,
        ...(proxy
          ? [ProxyModule, HealthModule.proxy()]
          : [StoreModule, ExperimentsModule, RunsModule, RegistryModule, ArtifactsModule, HealthModule.embedded()]),
      ],
    };
  }
}
