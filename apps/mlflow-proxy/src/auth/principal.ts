import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './token-verifier.service';

const PRINCIPAL = Symbol('mlflowPrincipal');

type WithPrincipal = { [PRINCIPAL]?: Principal };

/** Stored on the raw request so the request logger (which sees only the raw request) can name the caller. */
export function attachPrincipal(request: FastifyRequest, principal: Principal): void {
  (request.raw as WithPrincipal)[PRINCIPAL] = principal;
}

export function principalOf(raw: unknown): Principal | undefined {
  return (raw as WithPrincipal)[PRINCIPAL];
}

/** The authenticated caller (token name and scope) of the current request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal | undefined =>
  principalOf(ctx.switchToHttp().getRequest<FastifyRequest>().raw),
);
