import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectConfig, UiConfig } from '@predictiondex/config';
import { QUEUES, redisOptionsFromUrl } from '@predictiondex/queues';
import { Job, Queue } from 'bullmq';
import { BffHttpError, UPSTREAM_MESSAGES } from '../common/bff-http-error';
import { BUILD_JOB_STATES, BuildJobState, BuildJobsResponse, BuildJobSummary } from '../contract/bff-contract';

export const BUILD_JOBS_SHOWN = 20;

const iso = (ms: number | undefined | null) => (ms ? new Date(ms).toISOString() : null);
const text = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** A BullMQ job of the ml-build queue as the Pipeline page shows it (progress is `{stage, percent}` or a number). */
export function toBuildJobSummary(job: Pick<Job, 'id' | 'name' | 'data' | 'progress' | 'attemptsMade' | 'timestamp' | 'processedOn' | 'finishedOn' | 'failedReason' | 'returnvalue'>, state: BuildJobState): BuildJobSummary {
  const progress = job.progress as unknown;
  let percent: number | null = null;
  let stage: string | null = null;
  if (typeof progress === 'number') percent = progress;
  else if (progress && typeof progress === 'object') {
    const p = progress as { percent?: unknown; stage?: unknown };
    percent = typeof p.percent === 'number' ? p.percent : null;
    stage = text(p.stage);
  }
  if (state === 'completed') percent = 100;
  const data = (job.data ?? {}) as Record<string, unknown>;
  const reasons = Array.isArray(data['reasons']) ? (data['reasons'] as unknown[]).filter((r) => typeof r === 'string').join(', ') : null;
  const result = state === 'completed' && job.returnvalue && typeof job.returnvalue === 'object' ? (job.returnvalue as Record<string, unknown>) : null;
  return {
    id: String(job.id),
    name: job.name,
    state,
    percent: percent === null ? null : Math.max(0, Math.min(100, Math.round(percent))),
    stage,
    reason: text(data['reason']) ?? (reasons || null),
    etl_run_id: typeof data['etlRunId'] === 'number' ? data['etlRunId'] : null,
    attempts: job.attemptsMade ?? 0,
    created_at: iso(job.timestamp),
    started_at: iso(job.processedOn),
    finished_at: iso(job.finishedOn),
    failed_reason: state === 'failed' ? text(job.failedReason) : null,
    result: result
      ? {
          status: text(result['status']),
          model_version: result['modelVersion'] !== undefined ? String(result['modelVersion']) : null,
          alias: text(result['alias']),
          run_id: text(result['runId']),
        }
      : null,
  };
}

/**
 * The ml-build queue's latest jobs, read through BullMQ (read calls only: counts and job lists).
 * The connection is opened on first use and fails fast: Redis down costs the Pipeline page an error
 * message, nothing else.
 */
@Injectable()
export class BuildJobsReader implements OnModuleDestroy {
  private readonly logger = new Logger(BuildJobsReader.name);
  private queue?: Queue;

  constructor(@InjectConfig() private readonly config: UiConfig) {}

  private getQueue(): Queue {
    if (!this.queue) {
      this.queue = new Queue(QUEUES.mlBuild, {
        prefix: this.config.QUEUE_PREFIX,
        connection: { ...redisOptionsFromUrl(this.config.REDIS_URL), maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: this.config.PIPELINE_TIMEOUT_MS },
      });
      this.queue.on('error', (e) => this.logger.warn(`ml-build queue: ${e.message}`));
    }
    return this.queue;
  }

  async latest(limit = BUILD_JOBS_SHOWN): Promise<BuildJobsResponse> {
    const queue = this.getQueue();
    const read = async (): Promise<BuildJobsResponse> => {
      await queue.waitUntilReady();
      const counts = (await queue.getJobCounts(...BUILD_JOB_STATES)) as Partial<Record<BuildJobState, number>>;
      const perState = await Promise.all(
        BUILD_JOB_STATES.map(async (state) => (await queue.getJobs([state], 0, limit - 1, false)).filter(Boolean).map((j) => toBuildJobSummary(j, state))),
      );
      const items = perState
        .flat()
        .sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? '') || b.id.localeCompare(a.id))
        .slice(0, limit);
      return { queue: QUEUES.mlBuild, counts, items };
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${this.config.PIPELINE_TIMEOUT_MS} ms`)), this.config.PIPELINE_TIMEOUT_MS);
        }),
      ]);
    } catch (e) {
      this.logger.warn(`ml-build queue: ${(e as Error).message}`);
      throw new BffHttpError(503, UPSTREAM_MESSAGES.pipelineQueue, { 'retry-after': '10' });
    } finally {
      clearTimeout(timer);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue?.close().catch(() => undefined);
  }
}
