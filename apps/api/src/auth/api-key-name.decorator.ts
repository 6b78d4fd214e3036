import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { principalOf } from './auth.hook';

/** The name of the API key that authenticated the request (recorded with predictions). */
export const ApiKeyName = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  return principalOf(ctx.switchToHttp().getRequest<FastifyRequest>())?.name ?? 'unknown';
});
