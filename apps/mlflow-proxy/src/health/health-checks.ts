import type { HealthIndicatorFunction } from '@nestjs/terminus';

/** The readiness checks of the running mode (store + artifact root, or upstream). */
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

export type HealthChecks = HealthIndicatorFunction[];
