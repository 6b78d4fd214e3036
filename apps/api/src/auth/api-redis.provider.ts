import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import { APP_CONFIG, ApiConfig } from '@predictiondex/config';
import Redis from 'ioredis';

/** The api's own Redis connection (rate limits, readiness): fails fast instead of queueing when Redis is down. */
export const API_REDIS = Symbol('API_REDIS');

export const apiRedisProvider: Provider = {
  provide: API_REDIS,
  inject: [APP_CONFIG],
  useFactory: (config: ApiConfig) =>
    new Redis(config.REDIS_URL, {
      connectionName: 'predictiondex-api',
      // A request must never wait on a Redis outage: no offline queue, short timeouts, one retry.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 500,
      connectTimeout: 2000,
      // Concurrent requests' commands share one write: thousands of rate-limit checks per second cost a few syscalls.
      enableAutoPipelining: true,
      lazyConnect: true,
    }),
};

/** Connects at start (waiting briefly, so the first requests are limited) and disconnects at shutdown. */
@Injectable()
export class ApiRedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ApiRedis');

  constructor(@Inject(API_REDIS) private readonly redis: Redis) {}

  async onModuleInit(): Promise<void> {
    // Swallow errors here: the connection retries on its own and the hook fails open meanwhile.
    this.redis.on('error', () => undefined);
    try {
      await this.redis.connect();
    } catch (e) {
      this.logger.warn(`Redis not reachable at start (${(e as Error).message}); retrying in the background`);
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
