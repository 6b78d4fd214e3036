import { Module } from '@nestjs/common';
import { APP_CONFIG, ApiConfig } from '@predictiondex/config';
import { DRIFT_QUEUE } from '@predictiondex/drift';
import { QueueDashboardModule } from '@predictiondex/queue-dashboard';
import { QUEUES } from '@predictiondex/queues';
import { ApiKeyVerifier } from '../auth/api-key.verifier';
import { adminKeyAuthorizer } from './admin-key.authorizer';

/** The queues the dashboard shows: every queue of the stack. */
export const DASHBOARD_QUEUES = [QUEUES.mlBuild, QUEUES.etl, DRIFT_QUEUE] as const;

/**
 * Bull Board at QUEUE_DASHBOARD_PATH (imported only when QUEUE_DASHBOARD_ENABLED). Its routes skip
 * the api's X-API-Key hook and answer to their own check instead (see isQueueDashboardRequest).
 */
@Module({
  imports: [
    QueueDashboardModule.forRootAsync({
      inject: [APP_CONFIG, ApiKeyVerifier],
      useFactory: (cfg: ApiConfig, keys: ApiKeyVerifier) => ({
        basePath: cfg.QUEUE_DASHBOARD_PATH,
        redisUrl: cfg.REDIS_URL,
        queuePrefix: cfg.QUEUE_PREFIX,
        queues: DASHBOARD_QUEUES,
        authorize: adminKeyAuthorizer(keys),
        title: 'PredictionDex queues',
      }),
    }),
  ],
})
export class ApiQueueDashboardModule {}
