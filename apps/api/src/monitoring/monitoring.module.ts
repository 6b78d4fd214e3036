import { Logger, Module } from '@nestjs/common';
import { APP_CONFIG, ApiConfig } from '@predictiondex/config';
import { DriftModule, driftOptionsFromConfig } from '@predictiondex/drift';
import { RetrainModule } from '../retrain/retrain.module';
import { RetrainRequestService } from '../retrain/retrain-requests.service';
import { driftRetrainDetails } from './drift-retrain-request';
import { MonitoringController } from './monitoring.controller';

const logger = new Logger('Monitoring');

/**
 * Drift monitoring in the api: libs/drift's DriftModule (the repeatable check, consumed here when
 * DRIFT_CHECK_ENABLED, its gauges on /metrics) and its read endpoints. Dataset drift requests a
 * retrain on the ml-build queue (merged into one already waiting); the ml-builder does the training.
 */
@Module({
  imports: [
    DriftModule.forRootAsync({
      imports: [RetrainModule],
      inject: [APP_CONFIG, RetrainRequestService],
      useFactory: (cfg: ApiConfig, retrain: RetrainRequestService) => ({
        ...driftOptionsFromConfig(cfg),
        onDatasetDrift: async (check, report) => {
          const requested = await retrain.request('drift', driftRetrainDetails(check, report));
          logger.warn(
            `dataset drift in check ${check.id} (${report.driftedFeatures}/${report.featureCount} features): retrain ${requested.merged ? 'merged into waiting job' : 'requested as job'} ${requested.jobId}`,
          );
        },
      }),
    }),
  ],
  controllers: [MonitoringController],
})
export class MonitoringModule {}
