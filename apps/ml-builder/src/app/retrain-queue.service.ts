import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectConfig, MlBuilderConfig } from '@predictiondex/config';
import { createRedisConnection, QUEUES, requestRetrain, RetrainReason, retrainRunLockKey } from '@predictiondex/queues';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';

/** Repeatable jobs this worker keeps on the queue: the retrain schedule and the feedback check. */
export const SCHEDULED_JOBS = { retrainRequest: 'retrain-request', feedbackCheck: 'feedback-check' } as const;

const RUN_LOCK_TTL_MS = 120_000;

/**
 * Retrain requests (merged while one waits), the cross-replica lock that lets one retrain run at a
 * time, and the job schedulers (cron retrain, periodic feedback check), kept in step with config.
 */
@Injectable()
export class RetrainQueueService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetrainQueueService.name);
  private readonly redis: Redis;

  constructor(
    @InjectConfig() private readonly config: MlBuilderConfig,
    @InjectQueue(QUEUES.mlBuild) private readonly queue: Queue,
  ) {
    this.redis = createRedisConnection(config.REDIS_URL, 'producer');
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.ML_RETRAIN_CRON) {
      await this.queue.upsertJobScheduler('retrain-schedule', { pattern: this.config.ML_RETRAIN_CRON }, { name: SCHEDULED_JOBS.retrainRequest, data: { reason: 'schedule' } });
      this.logger.log(`retrain scheduled: ${this.config.ML_RETRAIN_CRON}`);
    } else {
      await this.queue.removeJobScheduler('retrain-schedule');
    }
    await this.queue.upsertJobScheduler('feedback-check', { every: this.config.ML_FEEDBACK_CHECK_SECONDS * 1000 }, { name: SCHEDULED_JOBS.feedbackCheck, data: {} });
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  request(reason: RetrainReason, details?: Record<string, unknown>) {
    return requestRetrain(this.queue, this.redis, { reason, details });
  }

  /** Runs `work` while holding the retrain lock (renewed while it runs); null when another replica holds it. */
  async withRunLock<T>(work: () => Promise<T>): Promise<T | null> {
    const key = retrainRunLockKey(this.queue);
    const token = `${process.pid}:${Date.now()}`;
    if (!(await this.redis.set(key, token, 'PX', RUN_LOCK_TTL_MS, 'NX'))) return null;
    const renew = setInterval(() => void this.redis.pexpire(key, RUN_LOCK_TTL_MS), RUN_LOCK_TTL_MS / 3);
    try {
      return await work();
    } finally {
      clearInterval(renew);
      await this.redis.eval(`if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`, 1, key, token);
    }
  }
}
