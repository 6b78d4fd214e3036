import { createApiClient, type ApiClient } from '@predictiondex/api-client';
import type { BffError } from '@bff-contract';

/** Where the BFF answers: same origin, under /bff (the api's paths, called server side with the ui's key). */
export const BFF_BASE = '/bff';

/** An answer other than 2xx from the BFF, or no answer at all (status 0). */
export class BffRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: BffError['details'] = [],
  ) {
    super(message);
    this.name = 'BffRequestError';
  }

  /**
   * A dependency is down (the ui server, the api, the registry, the pipeline's stores): pages say so
   * instead of showing a broken view. A 503 of the api itself (no model loaded yet) is not an outage.
   */
  get isOutage(): boolean {
    if (this.status === 0 || this.status === 502 || this.status === 504) return true;
    return this.status === 503 && OUTAGE_MESSAGE.test(this.message);
  }
}

/** The BFF's own 503 messages (apps/ui/src/common/bff-http-error.ts UPSTREAM_MESSAGES). */
const OUTAGE_MESSAGE = /unreachable|did not answer in time|unavailable \(/;

export const UI_UNREACHABLE = 'the ui server is unreachable: check your connection and retry';

const origin = () => (typeof window !== 'undefined' ? window.location.origin : 'http://localhost');

/** fetch resolved at call time (tests replace the global), with "no answer" turned into a BffRequestError. */
async function bffFetch(input: Request): Promise<Response> {
  try {
    return await globalThis.fetch(input);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new BffRequestError(0, UI_UNREACHABLE);
  }
}

/** Typed client of the api's paths through the BFF (generated schema, openapi-fetch). No key: the BFF adds it. */
export const api: ApiClient = createApiClient({ baseUrl: `${origin()}${BFF_BASE}`, fetch: bffFetch });

export function errorFrom(status: number, body: unknown): BffRequestError {
  const b = body as Partial<BffError> | undefined;
  const message = typeof b?.message === 'string' && b.message ? b.message : `request failed (HTTP ${status})`;
  return new BffRequestError(status, message, Array.isArray(b?.details) ? b.details : []);
}

/** openapi-fetch result -> data, or a BffRequestError carrying the api's message. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) throw errorFrom(result.response.status, result.error);
  return result.data;
}

/** GET one of the BFF's own routes (/bff/model/..., /bff/pipeline/..., /bff/about), typed by the shared contract. */
export async function getBff<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await bffFetch(new Request(`${origin()}${BFF_BASE}${path}`, { headers: { accept: 'application/json' }, signal }));
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new BffRequestError(res.status || 502, `unexpected answer from the ui server (HTTP ${res.status})`);
  }
  if (!res.ok) throw errorFrom(res.status, body);
  return body as T;
}
