/** Route templates served without an API key: probes, the Prometheus scrape, the API docs. */
export const DOCS_PATH = 'docs';
export const OPENAPI_JSON_PATH = '/openapi.json';
const PUBLIC = new Set(['/health', '/health/live', '/health/ready', '/metrics', OPENAPI_JSON_PATH]);

export function isPublicRoute(template: string): boolean {
  return PUBLIC.has(template) || template === `/${DOCS_PATH}` || template.startsWith(`/${DOCS_PATH}/`);
}
