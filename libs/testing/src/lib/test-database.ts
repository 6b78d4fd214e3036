import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, runMigrations } from '@predictiondex/db';

/** Server every integration spec uses; override with TEST_DATABASE_SERVER_URL. */
export const TEST_DATABASE_SERVER_URL = process.env['TEST_DATABASE_SERVER_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function uniqueName(label: string): string {
  return `pdx_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
}

/** A fresh, uniquely named database (migrated unless told otherwise), dropped by `drop()`. */
export async function createTestDatabase(label: string, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = uniqueName(label);
  const server = new URL(TEST_DATABASE_SERVER_URL);
  server.pathname = `/${name}`;
  const url = server.toString();
  if (options.migrate === false) await ensureDatabase(url);
  else await runMigrations(url);
  return { url, name, drop: () => dropDatabase(url) };
}

/** A unique BullMQ/Redis key prefix for one suite. */
export function testQueuePrefix(label: string): string {
  return `pdxtest:${label}:${randomBytes(4).toString('hex')}`;
}
