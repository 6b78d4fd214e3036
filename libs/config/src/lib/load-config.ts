import { z } from 'zod';
import { ConfigError } from './config-error';

export type Env = Record<string, string | undefined>;

/**
 * Parses the environment once, at start, into a typed object. Empty strings count as unset so that
 * `FOO=` in a .env file falls back to the default instead of failing a URL check.
 */
export function loadConfig<S extends z.ZodTypeAny>(app: string, schema: S, env: Env = process.env): z.infer<S> {
  const cleaned: Env = {};
  for (const [k, v] of Object.entries(env)) cleaned[k] = v === '' ? undefined : v;
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(app, problems);
  }
  return parsed.data;
}
