import { z } from 'zod';
import { envFields } from '../env-fields';

/**
 * Drift-check settings, as a shape to spread into the schema of the app that runs the check
 * (`z.object({ ...apiFields, ...driftConfigShape })`): libs/drift's DriftModule reads these names.
 */
export const driftConfigShape = {
  /** Consume drift-check jobs in this process (one or more replicas may; each job runs once). */
  DRIFT_CHECK_ENABLED: envFields.bool(true),
  /** Schedule a check every N minutes (BullMQ job scheduler, shared by replicas); 0 = on demand only. */
  DRIFT_CHECK_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(60),
  /** Compare the predictions logged in the last N hours. */
  DRIFT_WINDOW_HOURS: envFields.positiveInt(24),
  /** Fewer logged predictions than this in the window: the check is recorded as skipped. */
  DRIFT_MIN_ROWS: envFields.positiveInt(200),
  /** Most recent rows used at most (the reference sample holds up to 5000). */
  DRIFT_MAX_ROWS: envFields.positiveInt(5000),
  /** Stored checks older than this are deleted after each check. */
  DRIFT_RETENTION_DAYS: envFields.positiveInt(30),
} as const;

/** The queue dashboard (Bull Board): where it is mounted. Access always needs admin credentials. */
export const queueDashboardConfigShape = {
  QUEUE_DASHBOARD_ENABLED: envFields.bool(true),
  QUEUE_DASHBOARD_PATH: z
    .string()
    .regex(/^\/[a-z0-9/_-]+[a-z0-9_-]$/, 'an absolute path such as /admin/queues')
    .default('/admin/queues'),
} as const;

export const driftConfigSchema = z.object(driftConfigShape);
export type DriftConfig = z.infer<typeof driftConfigSchema>;
export const queueDashboardConfigSchema = z.object(queueDashboardConfigShape);
export type QueueDashboardConfig = z.infer<typeof queueDashboardConfigSchema>;
