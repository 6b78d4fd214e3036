import { isQueueDashboardRoute } from '@predictiondex/queue-dashboard';

/** Route templates served without an API key: probes, the Prometheus scrape, the API docs. */
export const DOCS_PATH = 'docs';
export const OPENAPI_JSON_PATH = '/openapi.json';
const PUBLIC = new Set(['/health', '/health/live', '/health/ready', '/metrics', OPENAPI_JSON_PATH]);

export function isPublicRoute(template: string): boolean {
  return PUBLIC.has(template) || template === `/${DOCS_PATH}` || template.startsWith(`/${DOCS_PATH}/`);
}

/**
 * Requests the api's X-API-Key hook leaves to the queue dashboard's own check (Basic auth with an
 * admin key): routes under the dashboard's path that the dashboard itself mounted, so each runs its
 * authorize hook. Any other route, under that path or not, keeps the X-API-Key check.
 */
export function isQueueDashboardRequest(request: { routeOptions?: { url?: string; config?: unknown } }, dashboardPath: string | null): boolean {
  const template = request.routeOptions?.url;
  if (!dashboardPath || !template) return false;
  const base = dashboardPath.replace(/\/+$/, '');
  return (template === base || template.startsWith(`${base}/`)) && isQueueDashboardRoute(request);
}
