import Redis, { RedisOptions } from 'ioredis';

/**
 * BullMQ needs `maxRetriesPerRequest: null` on worker connections (blocking commands); producers
 * fail fast instead so an API request never hangs on a Redis outage.
 */
export function createRedisConnection(url: string, role: 'worker' | 'producer' | 'subscriber' = 'producer'): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: role === 'producer' ? 2 : null,
    enableReadyCheck: true,
    lazyConnect: false,
  };
  return new Redis(url, options);
}
