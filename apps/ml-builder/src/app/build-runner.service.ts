import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, MlBuilderConfig } from '@predictiondex/config';
import { EVENTS, EventBus } from '@predictiondex/queues';
import { BuildHooks, BuildPipeline, BuildSummary } from '@predictiondex/training';
import { DataSource } from 'typeorm';
import { buildRequestFrom, mlflowClientFrom } from './build-request.factory';
import { battlesSimulated, buildStageDuration, buildsTotal, modelMetric } from './ml-builder.metrics';

export class EtlRunNotFoundError extends Error {}

/** Runs one build for an ETL run's Pokédex and announces the model it registers. */
@Injectable()
export class BuildRunnerService {
  private readonly logger = new Logger(BuildRunnerService.name);

  constructor(
    @InjectConfig() private readonly config: MlBuilderConfig,
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  /** The latest successful ETL run, or a given one: its id and the fingerprint of the Pokédex it loaded. */
  async etlRun(etlRunId?: number): Promise<{ id: number; dexFingerprint: string }> {
    const rows: { id: number; dex_fingerprint: string }[] = await this.dataSource.query(
      etlRunId === undefined
        ? `SELECT id, dex_fingerprint FROM etl_run WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1`
        : `SELECT id, dex_fingerprint FROM etl_run WHERE status = 'succeeded' AND id = $1`,
      etlRunId === undefined ? [] : [etlRunId],
    );
    if (!rows[0]) throw new EtlRunNotFoundError(etlRunId === undefined ? 'no successful ETL run: load the Pokédex first (npm run etl -- --once)' : `ETL run ${etlRunId} does not exist or did not succeed`);
    return { id: rows[0].id, dexFingerprint: rows[0].dex_fingerprint };
  }

  async run(etlRunId: number | undefined, hooks: BuildHooks = {}, overrides: { skipIfExists?: boolean } = {}): Promise<BuildSummary> {
    const run = await this.etlRun(etlRunId);
    const request = { ...buildRequestFrom(this.config, run.id, run.dexFingerprint), ...(overrides.skipIfExists === undefined ? {} : { skipIfExists: overrides.skipIfExists }) };
    const pipeline = new BuildPipeline(request, {
      ...hooks,
      mlflow: mlflowClientFrom(this.config),
      onStage: (stage, state, ms) => {
        if (state === 'finished' && ms !== undefined) buildStageDuration.observe({ stage }, ms / 1000);
        this.logger.log(`stage ${stage} ${state}${ms === undefined ? '' : ` in ${ms} ms`}`);
        hooks.onStage?.(stage, state, ms);
      },
    });
    let summary: BuildSummary;
    try {
      summary = await pipeline.run();
    } catch (e) {
      buildsTotal.inc({ outcome: 'failed' });
      throw e;
    }
    buildsTotal.inc({ outcome: summary.status });
    if (!summary.dataset.reused) battlesSimulated.inc(summary.dataset.rows);
    // An evaluation run registers nothing: there is nothing new to announce.
    if (summary.status === 'succeeded' && summary.mode !== 'evaluate' && summary.modelVersion && summary.alias && summary.runId) {
      for (const [metric, value] of Object.entries(summary.testMetrics ?? {})) modelMetric.set({ metric, version: summary.modelVersion }, value);
      await this.events.publish(EVENTS.modelPublished, { name: 'battle-winner', version: summary.modelVersion, alias: summary.alias, runId: summary.runId });
      this.logger.log(`registered battle-winner v${summary.modelVersion} as ${summary.alias} (run ${summary.runId})`);
    }
    return summary;
  }
}
