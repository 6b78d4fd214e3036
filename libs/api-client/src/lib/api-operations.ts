import type { ApiPaths } from './api-types';

export type ApiMethod = 'GET' | 'POST';

export interface ApiOperation {
  method: ApiMethod;
  /** Path template as in the spec (`/pokemon/{id}`); typed against the generated paths. */
  path: keyof ApiPaths;
  /** The scope the caller's key needs. */
  scope: 'read' | 'predict';
  /**
   * What a success answers with (default JSON); an HTML page is relayed as a page of its own.
   * `html+json`: a page by default, JSON when the query asks for it (the drift report's ?format=json).
   */
  responds?: 'json' | 'html' | 'html+json';
}

/**
 * The operations a browser may reach through a backend-for-frontend: Pokédex reads, predictions,
 * model info, outcome reports on predictions (the battle page asks the user who won), the drift
 * reports, and the model's live performance and decision audit (read-only, nothing secret in them).
 * Not /admin (admin keys stay out of browsers), not running a drift check (admin), not /health or
 * /metrics (the BFF has its own). A spec test checks this list against apps/api/openapi.json, so a
 * new api route is a decision.
 */
export const BROWSER_OPERATIONS: readonly ApiOperation[] = [
  { method: 'GET', path: '/pokemon', scope: 'read' },
  { method: 'GET', path: '/pokemon/search', scope: 'read' },
  { method: 'GET', path: '/pokemon/{id}', scope: 'read' },
  { method: 'GET', path: '/pokemon/{id}/weaknesses', scope: 'read' },
  { method: 'GET', path: '/pokemon/{id}/moves', scope: 'read' },
  { method: 'GET', path: '/moves', scope: 'read' },
  { method: 'GET', path: '/moves/search', scope: 'read' },
  { method: 'GET', path: '/moves/by-type/{type}', scope: 'read' },
  { method: 'GET', path: '/moves/{id}', scope: 'read' },
  { method: 'GET', path: '/types', scope: 'read' },
  { method: 'GET', path: '/types/affinities', scope: 'read' },
  { method: 'GET', path: '/types/{id}/pokemon', scope: 'read' },
  { method: 'POST', path: '/predict/best-move', scope: 'predict' },
  { method: 'POST', path: '/predict/simulate', scope: 'predict' },
  { method: 'GET', path: '/predict/model-info', scope: 'read' },
  { method: 'GET', path: '/monitoring/drift/latest', scope: 'read' },
  { method: 'GET', path: '/monitoring/reports', scope: 'read' },
  // Answers text/html (the report page) by default: a BFF relays it as a document, under its CSP.
  { method: 'GET', path: '/monitoring/reports/{id}', scope: 'read', responds: 'html+json' },
  { method: 'POST', path: '/predictions/{id}/feedback', scope: 'predict' },
  { method: 'GET', path: '/monitoring/performance', scope: 'read' },
  { method: 'GET', path: '/monitoring/performance/report', scope: 'read', responds: 'html' },
  { method: 'GET', path: '/monitoring/decisions', scope: 'read' },
];

/** Operations deliberately not exposed to browsers (checked against the spec with BROWSER_OPERATIONS). */
export const SERVER_ONLY_PATH_PREFIXES = ['/admin/', '/health', '/metrics'] as const;

/** Admin operations outside /admin, also never reachable from a browser. */
export const SERVER_ONLY_OPERATIONS = ['POST /monitoring/drift/check'] as const;

/** `/pokemon/{id}` -> `/pokemon/:id` (Fastify / find-my-way route syntax). */
export function toRoutePattern(path: string): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ':$1');
}

/** Fills a path template, percent-encoding each parameter so a value can never add a path segment. */
export function fillPath(path: string, params: Record<string, string | number>): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') throw new Error(`missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}
