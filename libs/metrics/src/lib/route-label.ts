/** Label for requests that matched no route: one value, whatever the path, so scanners cannot explode cardinality. */
export const UNMATCHED_ROUTE = 'unmatched';

interface RequestLike {
  routeOptions?: { url?: string };
  routerPath?: string;
}

/** The route template (`/pokemon/:id`), never the raw path (`/pokemon/25`). */
export function routeTemplate(request: RequestLike): string {
  return request.routeOptions?.url ?? request.routerPath ?? UNMATCHED_ROUTE;
}

/** '2xx'..'5xx': error series are split by class so 4xx and 5xx ratios are separate alerts. */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}
