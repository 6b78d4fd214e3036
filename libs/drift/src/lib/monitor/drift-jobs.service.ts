import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { registerQueueMetrics } from '@predictiondex/metrics';
import { parsePayload, redisOptionsFromUrl } from '@predictiondex/queues';
import { Job, Queue, Worker } from 'bullmq';
import type { DriftCheckSummary } from './drift-check.dto';
import { DriftCheckService } from './drift-check.service';
import { DRIFT_JOB_OPTIONS, DRIFT_JOBS, DRIFT_QUEUE, DRIFT_SCHEDULER_ID, DriftCheckJob, driftCheckJobSchema } from './drift.constants';
import { DRIFT_OPTIONS, DriftModuleOptions } from './drift-module.options';

/** Setting up the schedule never holds the app's start longer than this (Redis may be down). */
const SCHEDULE_TIMEOUT_MS = 3000;

/**
 * The repeatable drift check: upserts the shared BullMQ job scheduler (every replica, same id, so
 * one job per interval) and, when `worker` is set, consumes the `drift` queue one job at a time.
 */
@Injectable()
export class DriftJobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DriftJobsService.name);
  readonly queue: Queue<DriftCheckJob>;
  private worker?: Worker<DriftCheckJob, DriftCheckSummary>;
  private stopQueueMetrics?: () => void;

  constructor(
    private readonly checks: DriftCheckService,
    @Inject(DRIFT_OPTIONS) private readonly options: DriftModuleOptions,
  ) {
    this.queue = new Queue<DriftCheckJob>(DRIFT_QUEUE, { connection: redisOptionsFromUrl(options.redisUrl), prefix: options.queuePrefix, defaultJobOptions: DRIFT_JOB_OPTIONS });
    this.queue.on('error', (e) => this.logger.warn(`drift queue: ${e.message}`));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.intervalMinutes > 0) {
      const every = this.options.intervalMinutes * 60_000;
      const upsert = this.queue.upsertJobScheduler(DRIFT_SCHEDULER_ID, { every }, { name: DRIFT_JOBS.check, data: { reason: 'schedule' }, opts: DRIFT_JOB_OPTIONS });
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), SCHEDULE_TIMEOUT_MS).unref());
      const outcome = await Promise.race([upsert.then(() => 'ok' as const), timeout]).catch((e: Error) => e);
      if (outcome !== 'ok') this.logger.warn(`drift schedule not confirmed yet (${outcome instanceof Error ? outcome.message : outcome}); it completes when Redis answers`);
    }
    if (this.options.worker) {
      this.worker = new Worker<DriftCheckJob, DriftCheckSummary>(DRIFT_QUEUE, (job) => this.process(job), {
        connection: redisOptionsFromUrl(this.options.redisUrl),
        prefix: this.options.queuePrefix,
        concurrency: 1,
        // A check reads up to DRIFT_MAX_ROWS vectors and tests 137 features: seconds, not minutes.
        lockDuration: 120_000,
      });
      this.worker.on('error', (e) => this.logger.warn(`drift worker: ${e.message}`));
      this.stopQueueMetrics = registerQueueMetrics([this.queue]);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopQueueMetrics?.();
    await this.worker?.close();
    await this.queue.close();
  }

  /** Enqueues a check now (an admin action); resolves with the job id. */
  async enqueue(data: Partial<DriftCheckJob> = {}): Promise<string> {
    const job = await this.queue.add(DRIFT_JOBS.check, { reason: 'manual', ...data });
    return String(job.id);
  }

  private async process(job: Job<DriftCheckJob>): Promise<DriftCheckSummary> {
    const data = parsePayload('drift check', driftCheckJobSchema, job.data);
    return this.checks.run({ windowHours: data.windowHours });
  }
}
