import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DataSourceSettings {
  url: string;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string;
  poolSize?: number;
  logging?: boolean;
}

/** Options shared by every app. Schema changes only ever come from migrations, never synchronize. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: settings.logging ?? false,
    applicationName: settings.applicationName ?? 'predictiondex',
    extra: { max: settings.poolSize ?? 10 },
  };
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
