import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { EtlConfig, EtlSourceName, InjectConfig } from '@predictiondex/config';
import { CsvSource, EtlRunner, EtlSummary, PokeApiSource, PokedexSource, ShowdownSource } from '@predictiondex/pokedex';
import { BuildJob, DEFAULT_JOB_OPTIONS, EVENTS, EventBus, JOBS, jobIds, QUEUES } from '@predictiondex/queues';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { etlRowsLoaded, etlRunDuration } from './etl.metrics';

export interface EtlResult {
  summary: EtlSummary;
  buildJobId: string | null;
}

/** Runs the ETL and hands off to ml-builder: a `build` job only after a successful run. */
@Injectable()
export class EtlService {
  private readonly logger = new Logger(EtlService.name);

  constructor(
    @InjectConfig() private readonly config: EtlConfig,
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.mlBuild) private readonly mlBuildQueue: Queue<BuildJob>,
    private readonly events: EventBus,
  ) {}

  sources(names: EtlSourceName[] = this.config.ETL_SOURCES): PokedexSource[] {
    // Fixed order whatever the list says: Showdown builds, PokéAPI enriches, the user's CSV has the last word.
    const order: EtlSourceName[] = ['showdown', 'pokeapi', 'csv'];
    return order
      .filter((n) => names.includes(n))
      .map((n) => {
        if (n === 'showdown') return new ShowdownSource();
        if (n === 'csv') return new CsvSource(this.config.ETL_CSV_DIR);
        return new PokeApiSource(this.config.POKEAPI_BASE_URL, {
          timeoutMs: this.config.POKEAPI_TIMEOUT_MS,
          retries: this.config.POKEAPI_RETRIES,
          concurrency: this.config.POKEAPI_CONCURRENCY,
        });
      });
  }

  async run(options: { force: boolean; sources?: EtlSourceName[] }): Promise<EtlResult> {
    const started = process.hrtime.bigint();
    let summary: EtlSummary;
    try {
      summary = await new EtlRunner(this.dataSource, this.sources(options.sources)).run({ force: options.force });
    } catch (e) {
      etlRunDuration.observe({ status: 'failed' }, Number(process.hrtime.bigint() - started) / 1e9);
      throw e;
    }
    etlRunDuration.observe({ status: 'succeeded' }, Number(process.hrtime.bigint() - started) / 1e9);
    for (const [table, n] of Object.entries(summary.changes)) if (table !== 'total' && n) etlRowsLoaded.inc({ table }, n);

    const jobId = jobIds.build(summary.runId);
    await this.mlBuildQueue.add(JOBS.build, { etlRunId: summary.runId, reason: 'etl' }, { ...DEFAULT_JOB_OPTIONS, jobId });
    await this.events.publish(EVENTS.etlCompleted, {
      etlRunId: summary.runId,
      changes: summary.changes.total,
      dexFingerprint: summary.dexFingerprint ?? '',
    });
    this.logger.log(`ETL run ${summary.runId} succeeded: ${summary.changes.total} changes, build job ${jobId} enqueued`);
    return { summary, buildJobId: jobId };
  }
}
