import { ConfigError } from '../config-error';
import { loadConfig } from '../load-config';
import { driftConfigSchema, queueDashboardConfigSchema } from './observability.config';

describe('observability settings', () => {
  it('drift checks: hourly over the last day by default, on at least 200 logged predictions', () => {
    expect(loadConfig('api', driftConfigSchema, {})).toEqual({
      DRIFT_CHECK_ENABLED: true,
      DRIFT_CHECK_INTERVAL_MINUTES: 60,
      DRIFT_WINDOW_HOURS: 24,
      DRIFT_MIN_ROWS: 200,
      DRIFT_MAX_ROWS: 5000,
      DRIFT_RETENTION_DAYS: 30,
    });
    expect(loadConfig('api', driftConfigSchema, { DRIFT_CHECK_ENABLED: 'false', DRIFT_CHECK_INTERVAL_MINUTES: '0' })).toMatchObject({ DRIFT_CHECK_ENABLED: false, DRIFT_CHECK_INTERVAL_MINUTES: 0 });
    expect(() => loadConfig('api', driftConfigSchema, { DRIFT_WINDOW_HOURS: '0' })).toThrow(ConfigError);
  });

  it('queue dashboard: mounted at /admin/queues by default; the path must be absolute', () => {
    expect(loadConfig('api', queueDashboardConfigSchema, {})).toEqual({ QUEUE_DASHBOARD_ENABLED: true, QUEUE_DASHBOARD_PATH: '/admin/queues' });
    expect(() => loadConfig('api', queueDashboardConfigSchema, { QUEUE_DASHBOARD_PATH: 'queues' })).toThrow(/QUEUE_DASHBOARD_PATH/);
  });
});
