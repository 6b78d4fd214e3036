import { RouteConfig } from '@nestjs/platform-fastify';
import type { ApiKeyScope } from '@predictiondex/config';

/** Key of the route-config entry the auth hook reads (Fastify route config, set per handler). */
export const REQUIRED_SCOPE = 'requiredScope';

/**
 * The scope a handler needs. Every route that is not public must carry one: a route without it is
 * treated as admin-only by the auth hook, so a forgotten decorator fails closed.
 */
export const RequireScope = (scope: ApiKeyScope): MethodDecorator => RouteConfig({ [REQUIRED_SCOPE]: scope });
