import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, MlflowProxyConfig } from '@predictiondex/config';
import { RunStateCache } from './run-state.cache';
import { storeDataSourceOptions } from './store-data-source';
import { StorePool } from './store-pool.service';

/** The embedded tracking store: TypeORM on the `mlflow` schema, migrated before the app starts. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: MlflowProxyConfig) =>
        storeDataSourceOptions({ url: config.DATABASE_URL, poolSize: config.MLFLOW_DB_POOL_SIZE }),
    }),
  ],
  providers: [StorePool, RunStateCache],
  exports: [StorePool, RunStateCache],
})
export class StoreModule {}
