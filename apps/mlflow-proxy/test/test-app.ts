import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, mlflowProxyConfigSchema } from '@predictiondex/config';
import { TestDatabase, createTestDatabase } from '@predictiondex/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'prom-client';
import { createMlflowProxyApp } from '../src/app.factory';

export const WRITE_TOKEN = 'test-writer-token-6b1f0c2e9a';
export const READ_TOKEN = 'test-reader-token-2d7e44a1c0';
export const TEST_TOKENS = `writer:${WRITE_TOKEN}:write,reader:${READ_TOKEN}:read`;

export interface TestApp {
  app: NestFastifyApplication;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Parent of the artifact root, so tests can check nothing is written beside it. */
  sandbox: string;
  artifactRoot: string;
  db?: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real app, in-process on a free port: a throwaway database (embedded mode) and a temp
 * artifact root, both removed by close(). Pass MLFLOW_UPSTREAM_URL in env for proxy mode.
 */
export async function startTestApp(label: string, env: Record<string, string> = {}): Promise<TestApp> {
  const proxy = !!env['MLFLOW_UPSTREAM_URL'];
  const db = proxy ? undefined : await createTestDatabase(`mlflow_${label}`, { migrate: false });
  const sandbox = await mkdtemp(join(tmpdir(), `mlflow-${label}-`));
  const artifactRoot = join(sandbox, 'artifacts');
  let app: NestFastifyApplication;
  try {
    const config = loadConfig('mlflow-proxy', mlflowProxyConfigSchema, {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'silent',
      DATABASE_URL: db?.url,
      MLFLOW_ARTIFACT_ROOT: artifactRoot,
      MLFLOW_TOKENS: TEST_TOKENS,
      MLFLOW_DB_POOL_SIZE: '10',
      ...env,
    });
    // prom-client's registry is process-wide and default metrics register once per process: a second
    // app in the same test process (proxy + upstream) starts from an empty registry.
    register.clear();
    app = await createMlflowProxyApp(config);
    await app.listen(0, '127.0.0.1');
  } catch (e) {
    // A failed start must not leave a database or a temp dir behind.
    await db?.drop();
    await rm(sandbox, { recursive: true, force: true });
    throw e;
  }
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    sandbox,
    artifactRoot,
    db,
    close: async () => {
      await app.close();
      await db?.drop();
      await rm(sandbox, { recursive: true, force: true });
    },
  };
}
