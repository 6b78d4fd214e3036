import type { HealthIndicatorFunction } from '@nestjs/terminus';

/** Token under which an app provides its readiness checks (its real dependencies). */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export type ReadinessChecks = HealthIndicatorFunction[];
