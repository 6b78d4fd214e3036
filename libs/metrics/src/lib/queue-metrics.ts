import { counter, gauge } from './metric-registry';

/** The BullMQ job states exported per queue (bounded: five values). */
export const QUEUE_JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type QueueJobState = (typeof QUEUE_JOB_STATES)[number];

/** What the collector needs from a queue: a BullMQ `Queue` satisfies it. */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...states: QueueJobState[]): Promise<Record<string, number>>;
}

/** A scrape never waits longer than this on Redis for one queue's counts. */
export const QUEUE_COUNTS_TIMEOUT_MS = 1000;

const sources = new Set<QueueMetricsSource>();

/**
 * `queue_jobs{queue,state}`: jobs per BullMQ queue and state, read from Redis when Prometheus
 * scrapes. One gauge for the process; every registered source adds its queues. Labels are the
 * queue names of the code (a handful) and five states. When Redis does not answer in time the
 * queue's series are dropped for that scrape (no stale value) and `queue_metrics_errors_total` counts it.
 */
const queueJobs = () =>
  gauge({
    name: 'queue_jobs',
    help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed, completed), read at scrape time',
    labelNames: ['queue', 'state'] as const,
    async collect() {
      this.reset();
      await Promise.all([...sources].map((s) => s.collectInto(this)));
    },
  });

const queueErrors = () =>
  counter({
    name: 'queue_metrics_errors_total',
    help: 'Scrapes that could not read a queue’s job counts from Redis (timeout or error)',
    labelNames: ['queue'] as const,
  });

interface GaugeLike {
  set(labels: { queue: string; state: string }, value: number): void;
}

export class QueueMetricsSource {
  constructor(
    private readonly queues: readonly CountableQueue[],
    private readonly timeoutMs = QUEUE_COUNTS_TIMEOUT_MS,
  ) {}

  async collectInto(target: GaugeLike): Promise<void> {
    await Promise.all(
      this.queues.map(async (queue) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          const counts = await Promise.race([
            queue.getJobCounts(...QUEUE_JOB_STATES),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error('timeout')), this.timeoutMs);
            }),
          ]);
          for (const state of QUEUE_JOB_STATES) target.set({ queue: queue.name, state }, counts[state] ?? 0);
        } catch {
          queueErrors().inc({ queue: queue.name });
        } finally {
          if (timer) clearTimeout(timer);
        }
      }),
    );
  }
}

/** Starts exporting these queues' job counts; call the returned function to stop (on shutdown). */
export function registerQueueMetrics(queues: readonly CountableQueue[], timeoutMs = QUEUE_COUNTS_TIMEOUT_MS): () => void {
  queueJobs();
  queueErrors();
  const source = new QueueMetricsSource(queues, timeoutMs);
  sources.add(source);
  return () => void sources.delete(source);
}
