import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { UpstreamForwarder } from './upstream-forwarder.service';

/** Proxy mode's dependency: the upstream answers its own /health (MLflow's says "OK"). */
@Injectable()
export class UpstreamHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly upstream: UpstreamForwarder,
  ) {}

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const url = `${this.upstream.upstreamUrl}/health`;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      await res.arrayBuffer();
      return res.ok ? indicator.up({ url }) : indicator.down({ url, httpStatus: res.status });
    } catch (e) {
      return indicator.down({ url, message: (e as Error).message });
    }
  }
}
