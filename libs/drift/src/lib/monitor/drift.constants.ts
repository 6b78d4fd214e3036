import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

/** The queue of drift checks (consumed by whichever process imports DriftModule with `worker: true`). */
export const DRIFT_QUEUE = 'drift';
export const DRIFT_JOBS = { check: 'check' } as const;
/** Id of the BullMQ job scheduler: every replica upserts the same one, so checks run once per interval. */
export const DRIFT_SCHEDULER_ID = 'drift-check';

const DAY_SECONDS = 24 * 3600;

/** One retry after a minute (the registry or the database may be restarting); a week of history. */
export const DRIFT_JOB_OPTIONS: JobsOptions = {
  attempts: 2,
  backoff: { type: 'fixed', delay: 60_000 },
  removeOnComplete: { age: 7 * DAY_SECONDS, count: 500 },
  removeOnFail: { age: 30 * DAY_SECONDS },
};

export const driftCheckJobSchema = z.object({
  reason: z.enum(['schedule', 'manual']).default('schedule'),
  /** Overrides the configured window for this check. */
  windowHours: z.number().int().positive().max(24 * 90).optional(),
});
export type DriftCheckJob = z.infer<typeof driftCheckJobSchema>;
