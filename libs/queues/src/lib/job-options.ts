import type { JobsOptions } from 'bullmq';

const DAY_SECONDS = 24 * 3600;

/**
 * Retries with exponential backoff (5 s, 10 s, 20 s), and bounded retention so Redis does not grow
 * forever while failures stay inspectable in the queue dashboard for a month.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * DAY_SECONDS, count: 1_000 },
  removeOnFail: { age: 30 * DAY_SECONDS },
};

/** Job ids make producers idempotent: enqueuing the same build twice yields one job. */
export const jobIds = {
  build: (etlRunId: number): string => `build-etl-${etlRunId}`,
};
