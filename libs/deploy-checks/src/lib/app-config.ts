import { apiConfigSchema, etlConfigSchema, mlBuilderConfigSchema, mlflowProxyConfigSchema, uiConfigSchema } from '@predictiondex/config';
import type { ZodTypeAny } from 'zod';

/** The zod schema each app validates its environment with at start (libs/config). */
export const APP_CONFIG_SCHEMAS: Record<string, ZodTypeAny> = {
  etl: etlConfigSchema,
  'ml-builder': mlBuilderConfigSchema,
  'mlflow-proxy': mlflowProxyConfigSchema,
  api: apiConfigSchema,
  ui: uiConfigSchema,
};

/**
 * What the app would say at start with this environment: [] when it starts, otherwise the
 * offending variables with the schema's messages (the secrets' values are never echoed).
 */
export function configErrors(app: string, env: Record<string, string>): string[] {
  const schema = APP_CONFIG_SCHEMAS[app];
  if (!schema) throw new Error(`no config schema for ${app}`);
  const result = schema.safeParse(env);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
