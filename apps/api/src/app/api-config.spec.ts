import { API_DEV_KEY, apiConfigSchema, ConfigError, hashApiKey, loadConfig, parseApiKeys } from '@predictiondex/config';

describe('api configuration', () => {
  it('has working local defaults, with the documented dev key (admin: every scope)', () => {
    const cfg = loadConfig('api', apiConfigSchema, {});
    expect(cfg.PORT).toBe(8000);
    expect(cfg.MODEL_NAME).toBe('battle-winner');
    expect(cfg.MODEL_ALIAS).toBe('champion');
    expect(cfg.MODEL_CACHE_DIR).toMatch(/var\/model-cache\/api$/);
    expect(cfg.CORS_ORIGINS).toEqual([]);
    expect(cfg.API_KEYS).toHaveLength(1);
    expect(cfg.API_KEYS[0].name).toBe('dev');
    expect([...cfg.API_KEYS[0].scopes].sort()).toEqual(['admin', 'predict', 'read']);
    expect(cfg.API_KEYS[0].sha256.equals(hashApiKey(API_DEV_KEY))).toBe(true);
  });

  it('parses name:key:scope1|scope2 entries, keeping only hashes; admin implies every scope', () => {
    const cfg = loadConfig('api', apiConfigSchema, { API_KEYS: 'ui:k-ui-123:read|predict, ops:k-ops-456:admin,reader:k-r:read' });
    expect(cfg.API_KEYS.map((k) => [k.name, [...k.scopes].sort()])).toEqual([
      ['ui', ['predict', 'read']],
      ['ops', ['admin', 'predict', 'read']],
      ['reader', ['read']],
    ]);
    expect(JSON.stringify(cfg)).not.toContain('k-ui-123');
    expect(parseApiKeys('a:b:read').map((k) => k.key)).toEqual(['b']);
  });

  it('names every bad entry without echoing keys', () => {
    let message = '';
    try {
      loadConfig('api', apiConfigSchema, { API_KEYS: 'ui:secret-1:read|write,bad name:secret-2:read,ui:secret-3:read,x::read,y:secret-4:' });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toContain('entry 1 (ui): unknown scope "write"');
    expect(message).toContain('entry 2: name must be');
    expect(message).toContain('entry 3 (ui): duplicate name');
    expect(message).toContain('entry 4 (x): expected name:key:scope1|scope2');
    expect(message).toContain('entry 5 (y): needs at least one scope');
    expect(message).not.toMatch(/secret-\d/);
  });

  it('refuses the dev key, short keys and a missing registry token in production', () => {
    expect(() => loadConfig('api', apiConfigSchema, { NODE_ENV: 'production' })).toThrow(/API_KEYS: holds a development value/);
    expect(() => loadConfig('api', apiConfigSchema, { NODE_ENV: 'production', API_KEYS: 'ui:short:read', MLFLOW_TRACKING_TOKEN: 'x'.repeat(30) })).toThrow(
      /shorter than 24 characters/,
    );
    expect(() => loadConfig('api', apiConfigSchema, { NODE_ENV: 'production', API_KEYS: `ui:${'k'.repeat(30)}:read` })).toThrow(/MLFLOW_TRACKING_TOKEN/);
    const ok = loadConfig('api', apiConfigSchema, { NODE_ENV: 'production', API_KEYS: `ui:${'k'.repeat(30)}:read`, MLFLOW_TRACKING_TOKEN: 't'.repeat(30) });
    expect(ok.API_KEYS[0].name).toBe('ui');
  });

  it('checks CORS origins and numbers', () => {
    expect(loadConfig('api', apiConfigSchema, { CORS_ORIGINS: 'http://localhost:3000, https://ui.example.org/' }).CORS_ORIGINS).toEqual([
      'http://localhost:3000',
      'https://ui.example.org',
    ]);
    expect(() => loadConfig('api', apiConfigSchema, { CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig('api', apiConfigSchema, { RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });

  it('runs the drift checks and mounts the queue dashboard by default; both can be turned off', () => {
    const cfg = loadConfig('api', apiConfigSchema, {});
    expect(cfg).toMatchObject({ DRIFT_CHECK_ENABLED: true, DRIFT_CHECK_INTERVAL_MINUTES: 60, DRIFT_WINDOW_HOURS: 24, DRIFT_MIN_ROWS: 200, QUEUE_DASHBOARD_ENABLED: true, QUEUE_DASHBOARD_PATH: '/admin/queues' });
    const off = loadConfig('api', apiConfigSchema, { DRIFT_CHECK_ENABLED: 'false', DRIFT_CHECK_INTERVAL_MINUTES: '0', QUEUE_DASHBOARD_ENABLED: 'no', QUEUE_DASHBOARD_PATH: '/ops/queues' });
    expect(off).toMatchObject({ DRIFT_CHECK_ENABLED: false, DRIFT_CHECK_INTERVAL_MINUTES: 0, QUEUE_DASHBOARD_ENABLED: false, QUEUE_DASHBOARD_PATH: '/ops/queues' });
    expect(() => loadConfig('api', apiConfigSchema, { DRIFT_MIN_ROWS: '0' })).toThrow(/DRIFT_MIN_ROWS/);
    expect(() => loadConfig('api', apiConfigSchema, { QUEUE_DASHBOARD_PATH: 'admin/queues' })).toThrow(/QUEUE_DASHBOARD_PATH/);
  });
});
