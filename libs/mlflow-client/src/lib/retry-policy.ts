import { setTimeout as sleep } from 'node:timers/promises';
import { MlflowApiError } from './mlflow-api-error';

export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Retry only what may succeed next time: 5xx answers and failures to get an answer at all
 * (connection refused or reset, DNS, timeout). A 4xx is the caller's mistake and is never retried.
 */
export function isRetryable(e: unknown): boolean {
  if (e instanceof MlflowApiError) return e.retryable;
  // fetch() rejects with TypeError('fetch failed') for network errors and with a
  // TimeoutError/AbortError DOMException when the per-attempt timeout fires. Checked by name, not
  // instanceof: fetch's errors may come from another realm (Jest's sandbox, a worker).
  // A TypeError of our own (a bug) is not retried: only undici's 'fetch failed' and 'terminated'
  // (connection lost while reading the body).
  const { name, message } = typeof e === 'object' && e !== null ? (e as { name?: unknown; message?: unknown }) : {};
  if (name === 'TypeError') return message === 'fetch failed' || message === 'terminated';
  return name === 'TimeoutError' || name === 'AbortError';
}

/** Exponential backoff with full jitter, so that many clients retrying together spread out. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export async function withRetries<T>(policy: RetryPolicy, attemptFn: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptFn(attempt);
    } catch (e) {
      if (attempt >= policy.retries || !isRetryable(e)) throw e;
      await sleep(backoffDelayMs(attempt, policy));
    }
  }
}
