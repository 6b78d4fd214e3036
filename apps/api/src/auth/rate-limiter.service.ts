import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ApiConfig, InjectConfig } from '@predictiondex/config';
import { counter } from '@predictiondex/metrics';
import type Redis from 'ioredis';
import { API_REDIS } from './api-redis.provider';

export const RATE_LIMIT_WINDOW_MS = 60_000;
/** How often counts admitted locally are sent to Redis (and other replicas' counts read back). */
export const RATE_LIMIT_SYNC_MS = 100;

/**
 * Sliding-window counter (the previous minute's count weighted by its overlap with the last 60 s,
 * plus the current minute's count). Checks atomically, then counts the request only when it is
 * allowed: refused requests are not counted, so a client that backs off recovers. `pending` adds
 * counts admitted locally since the last sync.
 */
const CHECK_SCRIPT = `
local pending = tonumber(ARGV[4])
local curr
if pending > 0 then
  curr = redis.call('INCRBY', KEYS[1], pending)
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
else
  curr = tonumber(redis.call('GET', KEYS[1]) or '0')
end
local prev = tonumber(redis.call('GET', KEYS[2]) or '0')
local window = tonumber(ARGV[2])
if prev * (window - tonumber(ARGV[3])) / window + curr + 1 > tonumber(ARGV[1]) then
  return {0, curr, prev}
end
curr = redis.call('INCR', KEYS[1])
if curr == 1 then redis.call('PEXPIRE', KEYS[1], window * 2) end
return {1, curr, prev}
`;

/** Adds what was admitted locally and reads both windows back. */
const SYNC_SCRIPT = `
local curr
local pending = tonumber(ARGV[1])
if pending > 0 then
  curr = redis.call('INCRBY', KEYS[1], pending)
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
else
  curr = tonumber(redis.call('GET', KEYS[1]) or '0')
end
return {curr, tonumber(redis.call('GET', KEYS[2]) or '0')}
`;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until a request would be allowed again (refusals only). */
  retryAfterSeconds: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
}

/** Pure arithmetic of a decision from the two windows' counts (unit-tested). */
export function rateDecision(allowed: boolean, curr: number, prev: number, limit: number, elapsedMs: number, windowMs = RATE_LIMIT_WINDOW_MS): RateDecision {
  const left = windowMs - elapsedMs;
  const estimate = (prev * left) / windowMs + curr;
  let waitMs = 0;
  if (!allowed) {
    if (curr + 1 > limit) {
      // This window alone is full: wait for it to end, then for its weight (as the previous window) to fall enough.
      waitMs = left + (curr > 0 ? windowMs * Math.max(0, 1 - (limit - 1) / curr) : 0);
    } else {
      // The previous window's weight is what is too high: wait for it to slide out far enough.
      waitMs = prev > 0 ? left - (windowMs * (limit - 1 - curr)) / prev : 0;
    }
  }
  return {
    allowed,
    limit,
    remaining: Math.max(0, Math.floor(limit - estimate)),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(waitMs / 1000)),
    resetSeconds: Math.max(1, Math.ceil(left / 1000)),
  };
}

interface KeyState {
  window: number;
  /** Global count of `window` as Redis last reported it (this replica's synced requests included). */
  curr: number;
  /** Global count of `window - 1`. */
  prev: number;
  /** Admitted here, not yet sent to Redis. */
  pending: number;
  /** Sent to Redis, answer not back yet. */
  inFlight: number;
  synced: boolean;
}

type ScriptRedis = Redis & {
  pdxRateCheck(current: string, previous: string, limit: number, window: number, elapsed: number, pending: number): Promise<[number, number, number]>;
  pdxRateSync(current: string, previous: string, pending: number, window: number): Promise<[number, number]>;
};

/**
 * Per-key request limits shared by every replica through Redis, without a Redis round trip on most
 * requests. A key's first request in a minute, and every request once it is close to its limit
 * (remaining <= 10 % of it), are decided in Redis atomically. In between, requests are decided from
 * the last counts Redis reported plus what this replica admitted since, and the local counts are
 * sent every 100 ms. Replicas may together overshoot a limit by what they admit in those 100 ms
 * before switching to exact checks. When Redis is unreachable each replica keeps limiting on its
 * own counts (and says so in a metric and the log); counts are sent when it is back.
 */
@Injectable()
export class RateLimiter implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly limit: number;
  private readonly prefix: string;
  private readonly exactMargin: number;
  private readonly states = new Map<string, KeyState>();
  /** Local counts of a finished window still to be sent: Redis key -> count. */
  private readonly carried = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private syncing = false;
  private lastWarning = 0;
  private readonly limited = counter({
    name: 'api_rate_limited_total',
    help: 'Requests refused with 429, by API key name',
    labelNames: ['key'] as const,
  });
  private readonly failures = counter({
    name: 'api_rate_limit_redis_failures_total',
    help: 'Rate-limit calls to Redis that failed (decisions fell back to this replica’s own counts)',
  });

  constructor(
    @InjectConfig() config: ApiConfig,
    @Inject(API_REDIS) private readonly redis: Redis,
  ) {
    this.limit = config.RATE_LIMIT_PER_MINUTE;
    this.prefix = `${config.QUEUE_PREFIX}:api:ratelimit`;
    this.exactMargin = Math.max(2, Math.ceil(this.limit * 0.1));
    if (!('pdxRateCheck' in redis)) {
      redis.defineCommand('pdxRateCheck', { numberOfKeys: 2, lua: CHECK_SCRIPT });
      redis.defineCommand('pdxRateSync', { numberOfKeys: 2, lua: SYNC_SCRIPT });
    }
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sync(), RATE_LIMIT_SYNC_MS);
    this.timer.unref();
  }

  /** Sends the last local counts while the Redis connection is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sync();
  }

  private key(name: string, window: number): string {
    return `${this.prefix}:${name}:${window}`;
  }

  private stateFor(name: string, window: number): KeyState {
    let state = this.states.get(name);
    if (state && state.window === window) return state;
    let prev = 0;
    if (state) {
      const unsent = state.pending + state.inFlight;
      if (state.pending > 0) this.carried.set(this.key(name, state.window), (this.carried.get(this.key(name, state.window)) ?? 0) + state.pending);
      // Best knowledge of the window that just ended, until Redis says more.
      if (state.window === window - 1) prev = state.curr + unsent;
    }
    state = { window, curr: 0, prev, pending: 0, inFlight: 0, synced: false };
    this.states.set(name, state);
    return state;
  }

  async check(name: string, now = Date.now()): Promise<RateDecision> {
    const window = Math.floor(now / RATE_LIMIT_WINDOW_MS);
    const elapsed = now - window * RATE_LIMIT_WINDOW_MS;
    const state = this.stateFor(name, window);
    const weight = (RATE_LIMIT_WINDOW_MS - elapsed) / RATE_LIMIT_WINDOW_MS;
    const used = state.curr + state.pending + state.inFlight;
    const estimate = state.prev * weight + used;

    if (state.synced && this.limit - estimate > this.exactMargin) {
      state.pending++;
      return rateDecision(true, used + 1, state.prev, this.limit, elapsed);
    }

    // Exact check in Redis, carrying what was admitted locally.
    const send = state.pending;
    state.pending = 0;
    state.inFlight += send;
    try {
      const [allowed, curr, prev] = await (this.redis as ScriptRedis).pdxRateCheck(
        this.key(name, window),
        this.key(name, window - 1),
        this.limit,
        RATE_LIMIT_WINDOW_MS,
        elapsed,
        send,
      );
      state.inFlight -= send;
      if (state.window === window) {
        state.curr = Math.max(state.curr, curr);
        state.prev = prev;
        state.synced = true;
      }
      const decision = rateDecision(allowed === 1, curr, prev, this.limit, elapsed);
      if (!decision.allowed) this.limited.inc({ key: name });
      return decision;
    } catch (e) {
      state.inFlight -= send;
      state.pending += send;
      this.redisFailed(e, now);
      // Redis is unreachable: decide on this replica's own counts.
      const allowed = estimate + 1 <= this.limit;
      if (allowed) state.pending++;
      else this.limited.inc({ key: name });
      return rateDecision(allowed, used + (allowed ? 1 : 0), state.prev, this.limit, elapsed);
    }
  }

  /** Sends local counts to Redis and reads every active key's counts back. */
  async sync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    try {
      const now = Date.now();
      const window = Math.floor(now / RATE_LIMIT_WINDOW_MS);
      const redis = this.redis as ScriptRedis;
      for (const [key, count] of [...this.carried]) {
        this.carried.delete(key);
        try {
          await redis.pdxRateSync(key, `${key}:none`, count, RATE_LIMIT_WINDOW_MS);
        } catch (e) {
          this.carried.set(key, (this.carried.get(key) ?? 0) + count);
          this.redisFailed(e, now);
          return;
        }
      }
      for (const [name, state] of this.states) {
        if (state.window < window - 1) {
          if (state.pending === 0 && state.inFlight === 0) this.states.delete(name);
          continue;
        }
        if (state.window !== window || state.pending === 0) continue;
        const send = state.pending;
        state.pending = 0;
        state.inFlight += send;
        try {
          const [curr, prev] = await redis.pdxRateSync(this.key(name, state.window), this.key(name, state.window - 1), send, RATE_LIMIT_WINDOW_MS);
          state.inFlight -= send;
          state.curr = Math.max(state.curr, curr);
          state.prev = prev;
        } catch (e) {
          state.inFlight -= send;
          state.pending += send;
          this.redisFailed(e, now);
          return;
        }
      }
    } finally {
      this.syncing = false;
    }
  }

  private redisFailed(e: unknown, now: number): void {
    this.failures.inc();
    if (now - this.lastWarning > 10_000) {
      this.lastWarning = now;
      this.logger.warn(`rate limits enforced per replica only, Redis unavailable: ${(e as Error).message}`);
    }
  }
}
