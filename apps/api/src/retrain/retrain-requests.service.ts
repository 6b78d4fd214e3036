import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ApiConfig, InjectConfig } from '@predictiondex/config';
import { createRedisConnection, DEFAULT_JOB_OPTIONS, QUEUES, redisOptionsFromUrl, requestRetrain, RetrainReason, RetrainRequestResult } from '@predictiondex/queues';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';

/**
 * The api's producer side of the `ml-build` queue: retrain requests (an admin's, the drift
 * check's), merged into a retrain that is already waiting (libs/queues' requestRetrain). The
 * ml-builder worker consumes them; the api never trains.
 */
@Injectable()
export class RetrainRequestService implements OnApplicationShutdown {
  private readonly logger = new Logger(RetrainRequestService.name);
  private readonly queue: Queue;
  private readonly redis: Redis;

  constructor(@InjectConfig() config: ApiConfig) {
    this.queue = new Queue(QUEUES.mlBuild, { connection: redisOptionsFromUrl(config.REDIS_URL), prefix: config.QUEUE_PREFIX, defaultJobOptions: DEFAULT_JOB_OPTIONS });
    this.queue.on('error', (e) => this.logger.warn(`ml-build queue: ${e.message}`));
    this.redis = createRedisConnection(config.REDIS_URL, 'producer');
    this.redis.on('error', (e) => this.logger.warn(`retrain request connection: ${e.message}`));
  }

  request(reason: RetrainReason, details?: Record<string, unknown>): Promise<RetrainRequestResult> {
    return requestRetrain(this.queue, this.redis, { reason, details });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.redis.disconnect();
  }
}
