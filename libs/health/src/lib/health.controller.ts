import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { READINESS_CHECKS, ReadinessChecks } from './health-checks';

/**
 * /health/live answers while the process can serve at all (a restart would not help otherwise);
 * /health/ready and /health check every dependency and answer 503 when one is down.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessChecks,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(this.checks);
  }

  @Get()
  @HealthCheck()
  check() {
    return this.health.check(this.checks);
  }
}
