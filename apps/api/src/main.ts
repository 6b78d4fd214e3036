import 'reflect-metadata';
import { apiConfigSchema, ConfigError, loadConfig } from '@predictiondex/config';
import { closeOnSignals } from '@predictiondex/health';
import { createApi } from './app/app.factory';

function fail(message: string, code: number): never {
  process.stderr.write(`api: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const config = loadConfig('api', apiConfigSchema);
  const { app, logger } = await createApi(config);
  // SIGTERM/SIGINT: close once (drain requests, flush the prediction log, close connections), exit 0.
  closeOnSignals(app, (message) => logger.info(message));
  await app.listen(config.PORT, config.HOST);
  logger.info({ url: await app.getUrl(), keys: config.API_KEYS.map((k) => `${k.name}:${[...k.scopes].join('|')}`) }, 'api listening');
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) fail(e.message, 2);
  fail((e as Error).stack ?? String(e), 1);
});
