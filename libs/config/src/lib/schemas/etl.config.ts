import { z } from 'zod';
import { envFields } from '../env-fields';

export const ETL_SOURCE_NAMES = ['showdown', 'csv', 'pokeapi'] as const;
export type EtlSourceName = (typeof ETL_SOURCE_NAMES)[number];

export const etlSourcesField = z
  .string()
  .default('showdown')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(ETL_SOURCE_NAMES)).min(1, 'needs at least one source'))
  .refine((list) => list.includes('showdown'), 'must include "showdown": it is the base every other source refines');

export const etlConfigSchema = z.object({
  NODE_ENV: envFields.nodeEnv,
  LOG_LEVEL: envFields.logLevel,
  DATABASE_URL: envFields.databaseUrl,
  REDIS_URL: envFields.redisUrl,
  QUEUE_PREFIX: envFields.queuePrefix,
  /** Port of the worker's small HTTP server (/health, /metrics). 0 picks a free port. */
  HEALTH_PORT: envFields.port(9101),
  ETL_SOURCES: etlSourcesField,
  /** Folder with the optional CSV files (see libs/pokedex/README.md for their format). */
  ETL_CSV_DIR: z.string().optional(),
  POKEAPI_BASE_URL: envFields.url('https://pokeapi.co/api/v2'),
  POKEAPI_TIMEOUT_MS: envFields.positiveInt(5000),
  POKEAPI_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  POKEAPI_CONCURRENCY: envFields.positiveInt(8),
});
export type EtlConfig = z.infer<typeof etlConfigSchema>;
