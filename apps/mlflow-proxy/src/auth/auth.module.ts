import { Module } from '@nestjs/common';
import { BearerAuthHook } from './bearer-auth.hook';
import { TokenVerifier } from './token-verifier.service';

@Module({
  providers: [TokenVerifier, BearerAuthHook],
  exports: [TokenVerifier],
})
export class AuthModule {}
