import { createDataSource } from './data-source';
import { ensureDatabase } from './ensure-database';

export interface MigrationReport {
  createdDatabase: boolean;
  applied: string[];
}

/** What `npm run migrate` does: create the database if needed, then apply pending migrations in one transaction each. */
export async function runMigrations(url: string): Promise<MigrationReport> {
  const createdDatabase = await ensureDatabase(url);
  const ds = createDataSource({ url, applicationName: 'predictiondex-migrate', poolSize: 2 });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return { createdDatabase, applied: applied.map((m) => m.name) };
  } finally {
    await ds.destroy();
  }
}
