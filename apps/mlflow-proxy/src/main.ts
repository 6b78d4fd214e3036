import 'reflect-metadata';
import { loadConfig, mlflowProxyConfigSchema } from '@predictiondex/config';
import { closeOnSignals } from '@predictiondex/health';
import pino from 'pino';
import { isProxyMode } from './app.module';
import { createMlflowProxyApp } from './app.factory';
import { migrateStore } from './store/store-migrations';

const log = pino({ base: { service: 'mlflow-proxy' } });

/**
 * `main.ts` serves (embedded mode, or proxy mode when MLFLOW_UPSTREAM_URL is set);
 * `main.ts migrate` applies the store's migrations and exits.
 */
async function main(): Promise<void> {
  const config = loadConfig('mlflow-proxy', mlflowProxyConfigSchema);
  if (process.argv[2] === 'migrate') {
    const report = await migrateStore(config.DATABASE_URL);
    log.info({ ...report }, 'mlflow store migrated');
    return;
  }
  const app = await createMlflowProxyApp(config);
  closeOnSignals(app, (m) => log.info(m));
  await app.listen(config.PORT, config.HOST);
  log.info({ url: await app.getUrl(), mode: isProxyMode(config) ? 'proxy' : 'embedded', tokens: config.MLFLOW_TOKENS.map((t) => `${t.name}:${t.scope}`) }, 'mlflow-proxy listening');
}

main().catch((e: unknown) => {
  log.fatal({ err: e }, 'mlflow-proxy failed to start');
  process.exit(1);
});
