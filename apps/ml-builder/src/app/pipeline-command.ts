import { NestFactory } from '@nestjs/core';
import { MlBuilderConfig } from '@predictiondex/config';
import { createDataSource, runMigrations } from '@predictiondex/db';
import { EtlRunner, ShowdownSource } from '@predictiondex/pokedex';
import { SingleBar, Presets } from 'cli-progress';
import { Logger } from 'nestjs-pino';
import { BuildRunnerService } from './build-runner.service';
import { MlBuilderModule } from './ml-builder.module';

/**
 * `npm run pipeline`: from whatever the database holds to the stages ML_MODE selects, in this
 * process, then exit. Migrates, loads the Pokédex when no ETL run has succeeded yet, builds.
 * Progress goes to stderr; the last stdout line is the JSON summary.
 */
export async function runPipeline(config: MlBuilderConfig): Promise<Record<string, unknown>> {
  const started = Date.now();
  const stagesMs: Record<string, number> = {};
  let t = Date.now();
  await runMigrations(config.DATABASE_URL);
  stagesMs['migrate'] = Date.now() - t;

  if (config.ML_MODE !== 'dataset' && !config.MLFLOW_TRACKING_URI) {
    throw new Error('MLFLOW_TRACKING_URI is not set: training logs and registers the model through mlflow-proxy. Start it (npm run start:mlflow-proxy, or npm start for the whole stack) and set MLFLOW_TRACKING_URI, or use ML_MODE=dataset');
  }

  const ds = createDataSource({ url: config.DATABASE_URL, poolSize: 2 });
  await ds.initialize();
  let etlRunId: number;
  try {
    const [latest] = await ds.query(`SELECT id FROM etl_run WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1`);
    if (latest) etlRunId = latest.id;
    else {
      t = Date.now();
      etlRunId = (await new EtlRunner(ds, [new ShowdownSource()]).run({ force: false })).runId;
      stagesMs['etl'] = Date.now() - t;
    }
  } finally {
    await ds.destroy();
  }

  const app = await NestFactory.createApplicationContext(MlBuilderModule.forRoot({ mode: 'cli', config }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const bar = new SingleBar({ format: ' {stage} [{bar}] {percentage}% | {value}/{total}', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  let barStage = '';
  try {
    const summary = await app.get(BuildRunnerService).run(etlRunId, {
      onProgress: (stage, done, total) => {
        if (stage !== barStage) {
          if (barStage) bar.stop();
          bar.start(total, done, { stage: stage.padEnd(8) });
          barStage = stage;
        }
        bar.setTotal(total);
        bar.update(done, { stage: stage.padEnd(8) });
      },
      onStage: (stage, state) => {
        if (state === 'finished' && stage === barStage) {
          bar.stop();
          barStage = '';
        }
      },
    });
    if (barStage) bar.stop();
    return {
      command: 'pipeline',
      status: summary.status,
      mode: summary.mode,
      etlRunId,
      stagesMs: { ...stagesMs, ...summary.stagesMs },
      totalMs: Date.now() - started,
      datasetVersion: summary.dataset.version,
      datasetRows: summary.dataset.rows,
      datasetReused: summary.dataset.reused,
      perScenario: summary.dataset.perScenario,
      runId: summary.runId,
      modelVersion: summary.modelVersion,
      alias: summary.alias,
      hyperParams: summary.hyperParams,
      testMetrics: summary.testMetrics,
      monteCarlo: summary.monteCarlo,
      skippedBecause: summary.skippedBecause,
    };
  } finally {
    if (barStage) bar.stop();
    await app.close();
  }
}
