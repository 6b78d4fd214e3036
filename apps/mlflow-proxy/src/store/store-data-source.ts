import { DataSourceOptions } from 'typeorm';
import { MLFLOW_STORE_ENTITIES } from './entities';
import { MLFLOW_STORE_MIGRATIONS } from './migrations';

/** The store's own PostgreSQL schema; the Pokédex lives in `public`. */
export const MLFLOW_SCHEMA = 'mlflow';

export interface StoreConnectionSettings {
  url: string;
  poolSize: number;
  applicationName?: string;
}

/** Schema changes only ever come from this store's migrations, tracked in mlflow.typeorm_migrations. */
export function storeDataSourceOptions(settings: StoreConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    schema: MLFLOW_SCHEMA,
    entities: MLFLOW_STORE_ENTITIES,
    migrations: MLFLOW_STORE_MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: settings.applicationName ?? 'mlflow-proxy',
    extra: { max: settings.poolSize },
  };
}
