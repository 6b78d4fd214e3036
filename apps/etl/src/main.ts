import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, etlConfigSchema, loadConfig } from '@predictiondex/config';
import { runMigrations } from '@predictiondex/db';
import { closeOnSignals } from '@predictiondex/health';
import { Logger } from 'nestjs-pino';
import { EtlCommand, parseEtlCommand, USAGE, UsageError } from './app/etl-command';
import { EtlModule } from './app/etl.module';
import { EtlService } from './app/etl.service';

function fail(message: string, code = 1, summary?: unknown): never {
  process.stderr.write(`etl: ${message}\n`);
  if (summary) process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exit(code);
}

async function main(command: EtlCommand): Promise<void> {
  const config = loadConfig('etl', etlConfigSchema);
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command.kind === 'migrate') {
    const report = await runMigrations(config.DATABASE_URL);
    process.stdout.write(`${JSON.stringify({ command: 'migrate', database: new URL(config.DATABASE_URL).pathname.slice(1), ...report })}\n`);
    return;
  }
  if (command.kind === 'run') {
    const app = await NestFactory.createApplicationContext(EtlModule.forRoot({ mode: 'cli', config }), { bufferLogs: true });
    app.useLogger(app.get(Logger));
    app.enableShutdownHooks();
    try {
      const { summary, buildJobId } = await app.get(EtlService).run({ force: command.force, sources: command.sources });
      process.stdout.write(`${JSON.stringify({ ...summary, buildJobId })}\n`);
    } catch (e) {
      await app.close();
      fail((e as Error).message, 1, (e as { summary?: unknown }).summary ?? { status: 'failed', error: (e as Error).message });
    }
    await app.close();
    return;
  }
  const app = await NestFactory.create<NestFastifyApplication>(EtlModule.forRoot({ mode: 'worker', config }), new FastifyAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  closeOnSignals(app, (m) => app.get(Logger).log(m));
  await app.listen(config.HEALTH_PORT, '0.0.0.0');
  const logger = app.get(Logger);
  logger.log(`etl worker: /health and /metrics on ${await app.getUrl()}`);
  // The load at start is what the compose stack waits on; a failure is logged and retried by a refresh job.
  try {
    const { summary } = await app.get(EtlService).run({ force: command.force, sources: command.sources });
    logger.log(`initial ETL run ${summary.runId}: ${summary.changes.total} changes`);
  } catch (e) {
    logger.error(`initial ETL run failed: ${(e as Error).message}`);
  }
}

let command: EtlCommand;
try {
  command = parseEtlCommand(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) fail(`${e.message}\n${USAGE}`, 2);
  throw e;
}
main(command).catch((e: unknown) => {
  if (e instanceof ConfigError) fail(e.message, 2);
  fail((e as Error).stack ?? String(e));
});
