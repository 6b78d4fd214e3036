import { z } from 'zod';

export const buildJobSchema = z.object({
  etlRunId: z.number().int().positive(),
  /** Free label for the dataset (defaults to one derived from the ETL run). */
  datasetVersion: z.string().min(1).max(100).optional(),
  reason: z.string().max(200).default('etl'),
});
export type BuildJob = z.infer<typeof buildJobSchema>;

export const RETRAIN_REASONS = ['schedule', 'drift', 'feedback', 'manual'] as const;
export const retrainJobSchema = z.object({
  reasons: z.array(z.enum(RETRAIN_REASONS)).min(1),
  details: z.record(z.string(), z.unknown()).default({}),
  requestedAt: z.string().datetime(),
});
export type RetrainJob = z.infer<typeof retrainJobSchema>;

export const etlRefreshJobSchema = z.object({
  force: z.boolean().default(false),
  sources: z.array(z.enum(['showdown', 'csv', 'pokeapi'])).optional(),
});
export type EtlRefreshJob = z.infer<typeof etlRefreshJobSchema>;

export const modelPublishedEventSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  alias: z.string().min(1),
  runId: z.string().min(1),
});
export type ModelPublishedEvent = z.infer<typeof modelPublishedEventSchema>;

export const etlCompletedEventSchema = z.object({
  etlRunId: z.number().int().positive(),
  changes: z.number().int().min(0),
  dexFingerprint: z.string(),
});
export type EtlCompletedEvent = z.infer<typeof etlCompletedEventSchema>;

/** Raised when a consumer gets a payload that does not match its schema: never retried. */
export class InvalidPayloadError extends Error {
  constructor(what: string, readonly issues: string[]) {
    super(`Invalid ${what} payload: ${issues.join('; ')}`);
    this.name = 'InvalidPayloadError';
  }
}

/** Validates a payload where it is consumed (producers can be older or newer code). */
export function parsePayload<S extends z.ZodTypeAny>(what: string, schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new InvalidPayloadError(what, result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
}
