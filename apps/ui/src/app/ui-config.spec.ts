import { API_DEV_KEY, ConfigError, loadConfig, uiConfigSchema } from '@predictiondex/config';
import path from 'node:path';
import { helmetOptions } from './security-headers';

describe('ui configuration', () => {
  it('has working defaults for a local machine, with a development key', () => {
    const cfg = loadConfig('ui', uiConfigSchema, {});
    expect(cfg).toMatchObject({
      PORT: 3000,
      API_URL: 'http://127.0.0.1:8000',
      UI_API_KEY: API_DEV_KEY,
      API_DOCS_URL: 'http://127.0.0.1:8000/docs',
      QUEUE_DASHBOARD_URL: 'http://127.0.0.1:8000/admin/queues',
      GRAFANA_URL: null,
      SPRITE_ORIGINS: ['https://raw.githubusercontent.com'],
      UI_BUILD_IF_MISSING: true,
    });
    expect(cfg.UI_API_KEY).toContain('dev-only');
    expect(cfg.UI_STATIC_DIR).toBe(path.resolve('dist/apps/ui/client'));
  });

  it('trims trailing slashes and derives links from API_URL', () => {
    const cfg = loadConfig('ui', uiConfigSchema, { API_URL: 'http://api:8000/', GRAFANA_URL: 'https://grafana.example/d/x' });
    expect(cfg.API_URL).toBe('http://api:8000');
    expect(cfg.API_DOCS_URL).toBe('http://api:8000/docs');
    expect(cfg.GRAFANA_URL).toBe('https://grafana.example/d/x');
  });

  it('refuses development secrets in production and never builds the SPA there', () => {
    expect(() => loadConfig('ui', uiConfigSchema, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig('ui', uiConfigSchema, { NODE_ENV: 'production' })).toThrow(/UI_API_KEY: holds a development value/);
    const cfg = loadConfig('ui', uiConfigSchema, { NODE_ENV: 'production', UI_API_KEY: 'k'.repeat(32), MLFLOW_TRACKING_TOKEN: 't'.repeat(32) });
    expect(cfg.UI_BUILD_IF_MISSING).toBe(false);
  });

  it('names the bad variable', () => {
    expect(() => loadConfig('ui', uiConfigSchema, { API_URL: 'not a url' })).toThrow(/API_URL/);
    expect(() => loadConfig('ui', uiConfigSchema, { GRAFANA_URL: 'javascript:alert(1)' })).toThrow(/GRAFANA_URL/);
    expect(() => loadConfig('ui', uiConfigSchema, { SPRITE_ORIGINS: 'https://ok.example,*' })).toThrow(/SPRITE_ORIGINS/);
  });

  it('turns the sprite origins into the CSP img-src', () => {
    const opts = helmetOptions({ NODE_ENV: 'development', SPRITE_ORIGINS: ['https://a.example'] }) as { contentSecurityPolicy: { directives: Record<string, string[]> } };
    expect(opts.contentSecurityPolicy.directives['imgSrc']).toEqual(["'self'", 'data:', 'https://a.example']);
  });
});
