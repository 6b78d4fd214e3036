import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { ApiPaths } from './api-types';

export type ApiClient = Client<ApiPaths>;

export interface ApiClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** The api's base URL (server side), or the BFF's prefix (`/bff` in a browser: same paths). */
  baseUrl: string;
  /** Sent as X-API-Key. Server side only: a browser never holds a key. */
  apiKey?: string;
}

/** A typed client of the api's paths (openapi-fetch over the generated schema). */
export function createApiClient({ baseUrl, apiKey, headers, ...options }: ApiClientOptions): ApiClient {
  return createClient<ApiPaths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { ...(headers as Record<string, string> | undefined), ...(apiKey ? { 'x-api-key': apiKey } : {}) },
    ...options,
  });
}
