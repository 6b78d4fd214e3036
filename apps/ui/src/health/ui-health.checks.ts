import { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { ApiStatusService } from '../about/api-status.service';

/**
 * Readiness: the api answers its liveness probe (every page needs it). The Pipeline page's database
 * and Redis and the Model page's registry are not checked: without them those pages show an error,
 * the rest of the ui works.
 */
export function uiReadinessChecks(indicators: HealthIndicatorService, apiStatus: ApiStatusService): HealthIndicatorFunction[] {
  return [
    async () => {
      const indicator = indicators.check('api');
      const live = await apiStatus.liveness();
      return live.reachable ? indicator.up({ latencyMs: live.latencyMs }) : indicator.down({ message: live.error });
    },
  ];
}
