import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type Redis from 'ioredis';

/** Up when Redis answers PING within the timeout. */
@Injectable()
export class RedisHealthIndicator {
  constructor(private readonly indicators: HealthIndicatorService) {}

  async ping(key: string, redis: Redis, timeoutMs = 1000): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const started = Date.now();
      await Promise.race([
        redis.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
      ]);
      return indicator.up({ latencyMs: Date.now() - started });
    } catch (e) {
      return indicator.down({ message: (e as Error).message });
    }
  }
}
