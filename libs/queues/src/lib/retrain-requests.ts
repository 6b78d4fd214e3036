import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { RETRAIN_REASONS, RetrainJob } from './job-payloads';
import { JOBS } from './queue-names';

export type RetrainReason = (typeof RETRAIN_REASONS)[number];

export interface RetrainRequestResult {
  jobId: string;
  /** True when the request joined a retrain already waiting instead of adding one. */
  merged: boolean;
  reasons: RetrainReason[];
}

const MERGE_LOCK_MS = 5_000;

/**
 * Asks for a retrain. Triggers that arrive while one is waiting are merged into it (reasons and
 * details accumulate) rather than queued behind it; a short Redis lock makes check-and-add atomic
 * across the api, the drift job and the scheduler. A retrain that is already running is not
 * touched: a new request waits for the next one.
 */
export async function requestRetrain(
  queue: Queue,
  redis: Redis,
  request: { reason: RetrainReason; details?: Record<string, unknown> },
): Promise<RetrainRequestResult> {
  const lockKey = `${queue.opts.prefix ?? 'bull'}:${queue.name}:retrain-request-lock`;
  const token = `${process.pid}:${Date.now()}:${Math.random()}`;
  for (let i = 0; i < 100; i++) {
    if (await redis.set(lockKey, token, 'PX', MERGE_LOCK_MS, 'NX')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  try {
    const waiting = (await queue.getJobs(['waiting', 'delayed', 'prioritized', 'paused'])).find((j) => j?.name === JOBS.retrain);
    const details = { [request.reason]: { ...(request.details ?? {}), at: new Date().toISOString() } };
    if (waiting) {
      const data = waiting.data as RetrainJob;
      const reasons = [...new Set([...data.reasons, request.reason])] as RetrainReason[];
      await waiting.updateData({ ...data, reasons, details: { ...data.details, ...details } });
      return { jobId: waiting.id!, merged: true, reasons };
    }
    const payload: RetrainJob = { reasons: [request.reason], details, requestedAt: new Date().toISOString() };
    const job = await queue.add(JOBS.retrain, payload, { ...DEFAULT_JOB_OPTIONS, jobId: `retrain-${Date.now()}` });
    return { jobId: job.id!, merged: false, reasons: payload.reasons };
  } finally {
    // Release only our own lock (it may have expired and been taken by another requester).
    await redis.eval(`if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`, 1, lockKey, token);
  }
}

/** Held by the worker running a retrain, so replicas never run two at once. */
export const retrainRunLockKey = (queue: Queue): string => `${queue.opts.prefix ?? 'bull'}:${queue.name}:retrain-running`;
