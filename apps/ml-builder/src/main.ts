import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadConfig, mlBuilderConfigSchema } from '@predictiondex/config';
import { closeOnSignals } from '@predictiondex/health';
import { Logger } from 'nestjs-pino';
import { MlBuilderModule } from './app/ml-builder.module';
import { runPipeline } from './app/pipeline-command';
import { RetrainRunnerService } from './app/retrain-runner.service';
import { createRedisConnection, QUEUES, redisOptionsFromUrl, requestRetrain } from '@predictiondex/queues';
import { Queue } from 'bullmq';

const USAGE = `usage:
  ml-builder                        worker: consume 'build' and 'retrain' jobs on the ml-build queue; /health and /metrics on HEALTH_PORT
  ml-builder pipeline               run migrate, the ETL if none succeeded yet, and the ML_MODE stages in this process, then exit
                                    (last stdout line: JSON summary)
  ml-builder retrain [--reason R]   ask the workers for a retrain (merged with one already waiting); R is recorded (default: manual)
  ml-builder rollback <version> [--reason R]
                                    move the champion alias back to <version>; the api follows (model.published)`;

function fail(message: string, code: number): never {
  process.stderr.write(`ml-builder: ${message}\n`);
  process.exit(code);
}

async function worker(config: ReturnType<typeof loadConfig<typeof mlBuilderConfigSchema>>) {
  const app = await NestFactory.create<NestFastifyApplication>(MlBuilderModule.forRoot({ mode: 'worker', config }), new FastifyAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  closeOnSignals(app, (m) => app.get(Logger).log(m));
  await app.listen(config.HEALTH_PORT, '0.0.0.0');
  app.get(Logger).log(`ml-builder worker: /health and /metrics on ${await app.getUrl()}`);
}

function reasonOf(args: string[]): string {
  const i = args.indexOf('--reason');
  if (i === -1) return 'manual';
  const reason = args[i + 1];
  if (!reason || reason.startsWith('--')) fail(`--reason needs a value\n${USAGE}`, 2);
  return reason.slice(0, 200);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === '--help' || command === '-h') return void process.stdout.write(`${USAGE}\n`);
  const known = command === undefined || ['pipeline', 'retrain', 'rollback'].includes(command);
  if (!known || (command === 'pipeline' && rest.length)) fail(`unknown arguments '${process.argv.slice(2).join(' ')}'\n${USAGE}`, 2);
  const config = loadConfig('ml-builder', mlBuilderConfigSchema);
  if (command === 'retrain') {
    const queue = new Queue(QUEUES.mlBuild, { connection: redisOptionsFromUrl(config.REDIS_URL), prefix: config.QUEUE_PREFIX });
    const redis = createRedisConnection(config.REDIS_URL);
    try {
      const result = await requestRetrain(queue, redis, { reason: 'manual', details: { by: 'cli', note: reasonOf(rest) } });
      process.stdout.write(`${JSON.stringify({ command: 'retrain', ...result })}\n`);
    } finally {
      await queue.close();
      redis.disconnect();
    }
    return;
  }
  if (command === 'rollback') {
    const version = rest[0];
    if (!version || !/^\d+$/.test(version)) fail(`rollback needs a model version number, got '${version ?? ''}'\n${USAGE}`, 2);
    const app = await NestFactory.createApplicationContext(MlBuilderModule.forRoot({ mode: 'cli', config }), { bufferLogs: true });
    app.useLogger(app.get(Logger));
    try {
      const result = await app.get(RetrainRunnerService).rollback(version, reasonOf(rest.slice(1)));
      process.stdout.write(`${JSON.stringify({ command: 'rollback', ...result })}\n`);
    } finally {
      await app.close();
    }
    return;
  }
  if (command === 'pipeline') {
    const summary = await runPipeline(config);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  await worker(config);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) fail(e.message, 2);
  fail((e as Error).message ?? String(e), 1);
});
