import { ConfigError, MLFLOW_DEV_TOKEN, hashMlflowToken, loadConfig, mlflowProxyConfigSchema } from '@predictiondex/config';

const load = (env: Record<string, string>) => loadConfig('mlflow-proxy', mlflowProxyConfigSchema, env);
const errorOf = (env: Record<string, string>): string => {
  try {
    load(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('mlflow-proxy configuration', () => {
  it('defaults for a local machine: port 5000, the documented dev token (auth stays on)', () => {
    const cfg = load({});
    expect(cfg.PORT).toBe(5000);
    expect(cfg.MLFLOW_UPSTREAM_URL).toBeUndefined();
    expect(cfg.MLFLOW_MAX_ARTIFACT_BYTES).toBe(1024 ** 3);
    expect(cfg.MLFLOW_MAX_JSON_BYTES).toBe(10 * 1024 ** 2);
    expect(cfg.MLFLOW_ARTIFACT_ROOT.startsWith('/')).toBe(true);
    expect(cfg.MLFLOW_TOKENS).toEqual([{ name: 'dev', scope: 'write', sha256: hashMlflowToken(MLFLOW_DEV_TOKEN) }]);
  });

  it('keeps only hashes of the tokens', () => {
    const cfg = load({ MLFLOW_TOKENS: 'a:secret-one:write, b:secret-two:read' });
    expect(cfg.MLFLOW_TOKENS.map((t) => [t.name, t.scope])).toEqual([
      ['a', 'write'],
      ['b', 'read'],
    ]);
    expect(JSON.stringify(cfg)).not.toContain('secret-one');
  });

  it('refuses malformed token lists without echoing the secrets', () => {
    const msg = errorOf({ MLFLOW_TOKENS: 'a:secret-x:admin,a:secret-y:read,bad name:secret-z:read,justtext' });
    expect(msg).toContain('scope must be "read" or "write"');
    expect(msg).toContain('duplicate name');
    expect(msg).toContain('name must be');
    expect(msg).toContain('expected name:token:scope');
    expect(msg).not.toMatch(/secret-[xyz]/);
  });

  it('refuses to start in production without real tokens', () => {
    expect(errorOf({ NODE_ENV: 'production' })).toContain('MLFLOW_TOKENS: holds a development value');
    expect(errorOf({ NODE_ENV: 'production', MLFLOW_TOKENS: `x:${MLFLOW_DEV_TOKEN}:write` })).toContain('development value');
    expect(errorOf({ NODE_ENV: 'production', MLFLOW_TOKENS: 'x:short:write' })).toContain('shorter than 24');
    const ok = load({ NODE_ENV: 'production', MLFLOW_TOKENS: `ml-builder:${'k'.repeat(32)}:write` });
    expect(ok.MLFLOW_TOKENS).toHaveLength(1);
  });

  it('validates the upstream URL and strips its trailing slash', () => {
    expect(load({ MLFLOW_UPSTREAM_URL: 'http://mlflow:5000/' }).MLFLOW_UPSTREAM_URL).toBe('http://mlflow:5000');
    expect(errorOf({ MLFLOW_UPSTREAM_URL: 'not a url' })).toContain('MLFLOW_UPSTREAM_URL');
  });
});
