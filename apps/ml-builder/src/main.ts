import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadConfig, mlBuilderConfigSchema } from '@predictiondex/config';
import { closeOnSignals } from '@predictiondex/health';
import { Logger } from 'nestjs-pino';
import { MlBuilderModule } from './app/ml-builder.module';
import { runPipeline } from './app/pipeline-command';

const USAGE = `usage:
  ml-builder              worker: consume 'build' and 'retrain' jobs on the ml-build queue; /health and /metrics on HEALTH_PORT
  ml-builder pipeline     run migrate, the ETL if none succeeded yet, and the ML_MODE stages in this process, then exit
                          (last stdout line: JSON summary)`;

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

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === '--help' || command === '-h') return void process.stdout.write(`${USAGE}\n`);
  if (rest.length || (command && command !== 'pipeline')) fail(`unknown arguments '${process.argv.slice(2).join(' ')}'\n${USAGE}`, 2);
  const config = loadConfig('ml-builder', mlBuilderConfigSchema);
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
