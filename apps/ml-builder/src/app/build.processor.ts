import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { buildJobSchema, JOBS, parsePayload, QUEUES, retrainJobSchema } from '@predictiondex/queues';
import { Job, UnrecoverableError } from 'bullmq';
import { BuildRunnerService, EtlRunNotFoundError } from './build-runner.service';

interface BuildJobData {
  etlRunId?: number;
  /** Set by the first attempt once its MLflow run exists, so retries reuse it. */
  runId?: string;
}

/**
 * Consumes `build` jobs (after an ETL run) and `retrain` jobs. One at a time per worker: a build
 * uses every core; scale with more worker replicas. The lock outlives the event-loop pauses of
 * planning and feature building.
 */
@Processor(QUEUES.mlBuild, { concurrency: 1, lockDuration: 300_000 })
export class BuildProcessor extends WorkerHost {
  private readonly logger = new Logger(BuildProcessor.name);

  constructor(private readonly builds: BuildRunnerService) {
    super();
  }

  async process(job: Job<BuildJobData>) {
    let etlRunId: number | undefined;
    let skipIfExists: boolean | undefined;
    try {
      if (job.name === JOBS.build) etlRunId = parsePayload('build', buildJobSchema, job.data).etlRunId;
      else if (job.name === JOBS.retrain) {
        parsePayload('retrain', retrainJobSchema, job.data);
        skipIfExists = false;
      } else throw new Error(`unknown job '${job.name}' on ${QUEUES.mlBuild}`);
    } catch (e) {
      // A malformed job never becomes valid by retrying.
      throw new UnrecoverableError((e as Error).message);
    }
    const stages = ['dataset', 'train', 'evaluate', 'register'];
    try {
      const summary = await this.builds.run(
        etlRunId,
        {
          existingRunId: job.data.runId,
          onRunCreated: async (runId) => {
            await job.updateData({ ...job.data, runId });
          },
          onProgress: (stage, done, total) => void job.updateProgress({ stage, percent: Math.round(((stages.indexOf(stage) + done / Math.max(1, total)) / stages.length) * 100) }),
          onStage: (stage, state) => state === 'finished' && void job.updateProgress({ stage, percent: Math.round(((stages.indexOf(stage) + 1) / stages.length) * 100) }),
        },
        { skipIfExists },
      );
      this.logger.log(`job ${job.id}: ${summary.status} ${summary.modelVersion ? `v${summary.modelVersion} ${summary.alias ?? ''}` : ''}`);
      return summary;
    } catch (e) {
      if (e instanceof EtlRunNotFoundError) throw new UnrecoverableError(e.message);
      throw e;
    }
  }
}
