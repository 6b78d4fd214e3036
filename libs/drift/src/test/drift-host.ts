/**
 * A small service that runs DriftModule the way the api will: TypeORM on the main database, the
 * registry reference of the served champion, the repeatable job, the gauges on /metrics and the
 * read endpoints. Used by infra's scrape test (and handy by hand:
 * `node tools/node/run-ts.cjs libs/drift/src/test/drift-host.ts`). Not a deployable.
 */
import 'reflect-metadata';
import { Controller, Get, Header, Module, NotFoundException, Param, ParseIntPipe, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { driftConfigShape, envFields, loadConfig } from '@predictiondex/config';
import { dataSourceOptions } from '@predictiondex/db';
import { MetricsModule } from '@predictiondex/metrics';
import { z } from 'zod';
import { DriftCheckService, DriftModule, driftOptionsFromConfig } from '../lib/monitor';

const schema = z.object({
  DATABASE_URL: envFields.databaseUrl,
  REDIS_URL: envFields.redisUrl,
  QUEUE_PREFIX: envFields.queuePrefix,
  HEALTH_PORT: envFields.port(9103),
  MLFLOW_TRACKING_URI: envFields.url('http://127.0.0.1:5000'),
  MLFLOW_TRACKING_TOKEN: z.string().optional(),
  MODEL_NAME: z.string().default('battle-winner'),
  MODEL_ALIAS: z.string().default('champion'),
  ...driftConfigShape,
});
const config = loadConfig('drift-host', schema);

@Controller('monitoring')
class MonitoringController {
  constructor(private readonly checks: DriftCheckService) {}

  @Get('drift/latest')
  async latest() {
    const latest = await this.checks.latest();
    if (!latest) throw new NotFoundException('no completed drift check yet');
    return latest;
  }

  @Get('reports')
  reports(@Query('limit') limit?: string) {
    return this.checks.list({ limit: limit ? Number(limit) : undefined });
  }

  @Get('reports/:id')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
  async report(@Param('id', ParseIntPipe) id: number) {
    const html = await this.checks.html(id);
    if (!html) throw new NotFoundException(`no report for drift check ${id}`);
    return html;
  }
}

@Module({
  imports: [
    MetricsModule.forRoot({ service: 'drift-host', httpMetricPrefix: 'drift_host_http' }),
    TypeOrmModule.forRoot(dataSourceOptions({ url: config.DATABASE_URL, applicationName: 'predictiondex-drift-host', poolSize: 2 })),
    DriftModule.forRootAsync({ useFactory: () => driftOptionsFromConfig(config) }),
  ],
  controllers: [MonitoringController],
})
class DriftHostModule {}

async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(DriftHostModule, new FastifyAdapter(), { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  await app.listen(config.HEALTH_PORT, '127.0.0.1');
}
main().catch((e: Error) => {
  process.stderr.write(`drift-host: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
