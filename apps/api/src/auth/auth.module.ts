import { Global, Module } from '@nestjs/common';
import { ApiKeyVerifier } from './api-key.verifier';
import { API_REDIS, ApiRedisLifecycle, apiRedisProvider } from './api-redis.provider';
import { AuthHook } from './auth.hook';
import { RateLimiter } from './rate-limiter.service';

@Global()
@Module({
  providers: [apiRedisProvider, ApiRedisLifecycle, ApiKeyVerifier, RateLimiter, AuthHook],
  exports: [API_REDIS, ApiKeyVerifier],
})
export class AuthModule {}
