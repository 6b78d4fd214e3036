import 'reflect-metadata';
import { ConfigError, loadConfig, uiConfigSchema } from '@predictiondex/config';
import { closeOnSignals } from '@predictiondex/health';
import { Logger } from 'nestjs-pino';
import { createUiApp } from './app/app.factory';
import { ensureSpaBuilt, SpaMissingError } from './spa/spa-build';

function fail(message: string, code: number): never {
  process.stderr.write(`ui: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const config = loadConfig('ui', uiConfigSchema);
  ensureSpaBuilt(config.UI_STATIC_DIR, config.UI_BUILD_IF_MISSING, (m) => process.stderr.write(`ui: ${m}\n`));
  const app = await createUiApp(config);
  const logger = app.get(Logger);
  closeOnSignals(app, (m) => logger.log(m));
  await app.listen(config.PORT, config.HOST);
  logger.log(`ui listening on ${await app.getUrl()} (api ${config.API_URL}, SPA from ${config.UI_STATIC_DIR})`);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) fail(e.message, 2);
  if (e instanceof SpaMissingError) fail(e.message, 3);
  fail((e as Error).stack ?? String(e), 1);
});
