import { QUEUE_DASHBOARD_ROUTE } from '@predictiondex/queue-dashboard';
import { isPublicRoute, isQueueDashboardRequest } from './public-routes';

const request = (url: string, dashboard: boolean) => ({ routeOptions: { url, config: dashboard ? { [QUEUE_DASHBOARD_ROUTE]: true } : {} } });

describe('routes without the X-API-Key check', () => {
  it('probes, the scrape and the docs are public; nothing else is', () => {
    for (const t of ['/health', '/health/ready', '/metrics', '/openapi.json', '/docs', '/docs/static/index.html']) expect(isPublicRoute(t)).toBe(true);
    for (const t of ['/pokemon', '/docsx', '/admin/queues', '/monitoring/reports/:id']) expect(isPublicRoute(t)).toBe(false);
  });

  it('defers to the queue dashboard only for its own routes under its path, and only when it is mounted', () => {
    expect(isQueueDashboardRequest(request('/admin/queues', true), '/admin/queues')).toBe(true);
    expect(isQueueDashboardRequest(request('/admin/queues/api/queues/:queueName/retry/:queueStatus', true), '/admin/queues')).toBe(true);
    // A route of the api under the same path, a look-alike prefix, a flagged route elsewhere, no dashboard.
    expect(isQueueDashboardRequest(request('/admin/queues/export', false), '/admin/queues')).toBe(false);
    expect(isQueueDashboardRequest(request('/admin/queuesx', true), '/admin/queues')).toBe(false);
    expect(isQueueDashboardRequest(request('/admin/model/refresh', true), '/admin/queues')).toBe(false);
    expect(isQueueDashboardRequest(request('/admin/queues', true), null)).toBe(false);
    expect(isQueueDashboardRequest({}, '/admin/queues')).toBe(false);
  });
});
