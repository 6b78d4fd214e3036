import { z } from 'zod';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';
import { etlConfigSchema } from './schemas/etl.config';
import { refuseDevSecretsInProduction, DEV_SECRET_MARKER } from './secrets';
import { envFields } from './env-fields';

describe('loadConfig', () => {
  it('applies local defaults', () => {
    const cfg = loadConfig('etl', etlConfigSchema, {});
    expect(cfg.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/predictiondex');
    expect(cfg.ETL_SOURCES).toEqual(['showdown']);
    expect(cfg.HEALTH_PORT).toBe(9101);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig('etl', etlConfigSchema, { DATABASE_URL: 'mysql://x', HEALTH_PORT: 'abc', ETL_SOURCES: 'showdown,ftp' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig('etl', etlConfigSchema, { DATABASE_URL: 'mysql://x', HEALTH_PORT: 'abc', ETL_SOURCES: 'showdown,ftp' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('DATABASE_URL');
      expect(msg).toContain('HEALTH_PORT');
      expect(msg).toContain('ETL_SOURCES');
    }
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig('etl', etlConfigSchema, { REDIS_URL: '' }).REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('requires the showdown source', () => {
    expect(() => loadConfig('etl', etlConfigSchema, { ETL_SOURCES: 'csv' })).toThrow(/showdown/);
    expect(loadConfig('etl', etlConfigSchema, { ETL_SOURCES: 'showdown, csv,pokeapi' }).ETL_SOURCES).toEqual(['showdown', 'csv', 'pokeapi']);
  });
});

describe('refuseDevSecretsInProduction', () => {
  const schema = z
    .object({ NODE_ENV: envFields.nodeEnv, TOKEN: z.string().default(`${DEV_SECRET_MARKER}-token`) })
    .superRefine(refuseDevSecretsInProduction(['TOKEN']));

  it('allows the development value outside production', () => {
    expect(loadConfig('x', schema, {}).TOKEN).toContain(DEV_SECRET_MARKER);
  });

  it('refuses the development value in production', () => {
    expect(() => loadConfig('x', schema, { NODE_ENV: 'production' })).toThrow(/TOKEN: holds a development value/);
    expect(loadConfig('x', schema, { NODE_ENV: 'production', TOKEN: 'a-real-secret' }).TOKEN).toBe('a-real-secret');
  });
});

describe('ml-builder config', () => {
  it('refuses a development MLflow token in production', () => {
    const { mlBuilderConfigSchema } = jest.requireActual('./schemas/ml-builder.config');
    expect(() => loadConfig('ml-builder', mlBuilderConfigSchema, { NODE_ENV: 'production', MLFLOW_TRACKING_TOKEN: 'dev-only-mlflow-write-token' })).toThrow(/MLFLOW_TRACKING_TOKEN/);
    expect(loadConfig('ml-builder', mlBuilderConfigSchema, { NODE_ENV: 'production', MLFLOW_TRACKING_TOKEN: 'a-real-token-of-enough-length' }).ML_MODE).toBe('all');
  });
});
