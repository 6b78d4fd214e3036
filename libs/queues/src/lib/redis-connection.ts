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

/** ioredis options from a redis:// or rediss:// URL, for libraries that take options rather than a URL (BullMQ). */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}
