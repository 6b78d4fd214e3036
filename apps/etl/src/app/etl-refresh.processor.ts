import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { EtlRefreshJob, etlRefreshJobSchema, parsePayload, QUEUES } from '@predictiondex/queues';
import { Job } from 'bullmq';
import { EtlService } from './etl.service';

/** Reloads the Pokédex on request (admin, or a changed CSV). One at a time: the runner also holds a database lock. */
@Processor(QUEUES.etl, { concurrency: 1 })
export class EtlRefreshProcessor extends WorkerHost {
  private readonly logger = new Logger(EtlRefreshProcessor.name);

  constructor(private readonly etl: EtlService) {
    super();
  }

  async process(job: Job<EtlRefreshJob>) {
    const payload = parsePayload('etl refresh', etlRefreshJobSchema, job.data);
    this.logger.log(`refresh job ${job.id}: force=${payload.force}`);
    const { summary, buildJobId } = await this.etl.run({ force: payload.force, sources: payload.sources });
    return { runId: summary.runId, changes: summary.changes.total, buildJobId };
  }
}
