import { ensureDatabase } from '@predictiondex/db';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MLFLOW_SCHEMA, storeDataSourceOptions } from './store-data-source';

/** pg_advisory_lock key ("mlfl"): replicas starting together migrate one at a time. */
const MIGRATION_LOCK_KEY = 0x6d6c666c;

export interface StoreMigrationReport {
  createdDatabase: boolean;
  applied: string[];
}

/**
 * Creates the database when missing, then applies the store's pending migrations, one transaction
 * each. Idempotent: what the app does at start and what `main.ts migrate` does alone.
 */
export async function migrateStore(url: string): Promise<StoreMigrationReport> {
  const createdDatabase = await ensureDatabase(url);
  const lock = new Client({ connectionString: url, application_name: 'mlflow-proxy-migrate' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    // TypeORM creates its migrations table inside the schema before running the first migration.
    await lock.query(`CREATE SCHEMA IF NOT EXISTS ${MLFLOW_SCHEMA}`);
    const ds = new DataSource(storeDataSourceOptions({ url, poolSize: 2, applicationName: 'mlflow-proxy-migrate' }));
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return { createdDatabase, applied: applied.map((m) => m.name) };
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
