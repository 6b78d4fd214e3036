import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { buildJobSchema, JOBS, parsePayload, QUEUES, retrainJobSchema } from '@predictiondex/queues';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { BuildRunnerService, EtlRunNotFoundError } from './build-runner.service';
import { FeedbackMonitorService } from './feedback-monitor.service';
import { RetrainQueueService, SCHEDULED_JOBS } from './retrain-queue.service';
import { RetrainRunnerService } from './retrain-runner.service';

/** A retrain that finds another replica retraining waits this long before trying again. */
const RETRAIN_BUSY_DELAY_MS = 30_000;

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

  constructor(
    private readonly builds: BuildRunnerService,
    private readonly retrains: RetrainRunnerService,
    private readonly retrainQueue: RetrainQueueService,
    private readonly feedback: FeedbackMonitorService,
  ) {
    super();
  }

  async process(job: Job<BuildJobData>, token?: string) {
    if (job.name === SCHEDULED_JOBS.feedbackCheck) {
      const check = await this.feedback.check();
      if (check?.trigger) return { check, request: await this.retrainQueue.request('feedback', { ...check }) };
      return { check };
    }
    if (job.name === SCHEDULED_JOBS.retrainRequest) return this.retrainQueue.request('schedule', { cron: true });
    if (job.name === JOBS.retrain) {
      let reasons: string[];
      try {
        reasons = parsePayload('retrain', retrainJobSchema, job.data).reasons;
      } catch (e) {
        throw new UnrecoverableError((e as Error).message);
      }
      const summary = await this.retrainQueue.withRunLock(() =>
        this.retrains.retrain(reasons, {
          existingRunId: job.data.runId,
          onRunCreated: async (runId) => {
            await job.updateData({ ...job.data, runId });
          },
        }),
      );
      if (summary) return summary;
      // Another replica is retraining: come back later rather than run two at once.
      await job.moveToDelayed(Date.now() + RETRAIN_BUSY_DELAY_MS, token);
      throw new DelayedError();
    }
    let etlRunId: number | undefined;
    try {
      if (job.name === JOBS.build) etlRunId = parsePayload('build', buildJobSchema, job.data).etlRunId;
      else throw new Error(`unknown job '${job.name}' on ${QUEUES.mlBuild}`);
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
      );
      this.logger.log(`job ${job.id}: ${summary.status} ${summary.modelVersion ? `v${summary.modelVersion} ${summary.alias ?? ''}` : ''}`);
      return summary;
    } catch (e) {
      if (e instanceof EtlRunNotFoundError) throw new UnrecoverableError(e.message);
      throw e;
    }
  }
}
