import type { FastifyRequest } from 'fastify';

export const QUEUE_DASHBOARD_OPTIONS = Symbol('QUEUE_DASHBOARD_OPTIONS');

/** Decides whether a request may see the dashboard. There is no open mode: every mount needs one. */
export type QueueDashboardAuthorizer = (request: FastifyRequest) => boolean | Promise<boolean>;

export interface QueueDashboardOptions {
  /** Mount path, e.g. '/admin/queues'. */
  basePath: string;
  redisUrl: string;
  /** BullMQ key prefix (the app's QUEUE_PREFIX). */
  queuePrefix: string;
  /** Queue names to show. */
  queues: readonly string[];
  authorize: QueueDashboardAuthorizer;
  /** Shown by the browser's credentials prompt. */
  realm?: string;
  /** Hide retry / clean / promote / pause actions. Default false (the viewer is an admin). */
  readOnly?: boolean;
  title?: string;
}

/**
 * Route-config flag set on every route the dashboard mounts (its UI, static files and JSON API):
 * those routes all run `authorize` first. An app-wide auth hook may let exactly these routes
 * through to the dashboard's own check, and no other route under the same path.
 */
export const QUEUE_DASHBOARD_ROUTE = 'queueDashboardRoute';

/** Whether the request matched a route of the dashboard (so its `authorize` hook runs on it). */
export function isQueueDashboardRoute(request: { routeOptions?: { config?: unknown } }): boolean {
  const config = request.routeOptions?.config as Record<string, unknown> | undefined;
  return config?.[QUEUE_DASHBOARD_ROUTE] === true;
}
