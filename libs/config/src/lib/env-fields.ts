import { z } from 'zod';

// Reusable field definitions: every app schema is built from these so that one variable means the
// same thing (and has the same default) in every service.

export const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/predictiondex';
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';
export const LOCAL_MLFLOW_URL = 'http://127.0.0.1:5000';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envFields = {
  nodeEnv: z.enum(['development', 'test', 'production']).default('development'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  databaseUrl: z
    .string()
    .url()
    .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// URL')
    .default(LOCAL_DATABASE_URL),
  redisUrl: z
    .string()
    .url()
    .refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// URL')
    .default(LOCAL_REDIS_URL),
  /** Key prefix for every BullMQ queue, so tests and several stacks can share one Redis. */
  queuePrefix: z
    .string()
    .regex(/^[a-zA-Z0-9:_-]{1,64}$/, 'letters, digits, ":", "_" or "-" only')
    .default('pdx'),
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  bool: (fallback: boolean) => bool.default(fallback ? 'true' : 'false'),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  url: (fallback?: string) => (fallback === undefined ? z.string().url() : z.string().url().default(fallback)),
};
