import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, UiConfig, uiConfigSchema } from '@predictiondex/config';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUiApp } from '../app/app.factory';

export const TEST_INDEX_HTML = '<!doctype html><html><head><title>PredictionDex</title></head><body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>';

/** A stand-in for vite's output: index.html, one hashed asset, one public file. */
export function fakeSpaBuild(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pdx-ui-spa-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), TEST_INDEX_HTML);
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("spa")');
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testConfig(env: Record<string, string>): UiConfig {
  return loadConfig('ui', uiConfigSchema, { NODE_ENV: 'test', LOG_LEVEL: 'silent', UI_API_KEY: 'ui-test-key', ...env });
}

/** The ui, initialised (not listening): drive it with `app.inject`. */
export async function startTestUi(env: Record<string, string>): Promise<NestFastifyApplication> {
  const app = await createUiApp(testConfig(env));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
