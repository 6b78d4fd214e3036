import { Injectable } from '@nestjs/common';
import { ApiClient, createApiClient } from '@predictiondex/api-client';
import { InjectConfig, UiConfig } from '@predictiondex/config';

export interface ApiLiveness {
  reachable: boolean;
  latencyMs?: number;
  error?: string;
}

export interface ApiDescription {
  title: string | null;
  version: string | null;
}

/** The api as a dependency: is it answering (its public /health/live), and what version is it (its public /openapi.json). */
@Injectable()
export class ApiStatusService {
  private description?: { value: ApiDescription; at: number };
  /** The typed client (public routes: no key needed). */
  private readonly client: ApiClient;

  constructor(@InjectConfig() private readonly config: UiConfig) {
    this.client = createApiClient({ baseUrl: config.API_URL });
  }

  async liveness(timeoutMs = 2000): Promise<ApiLiveness> {
    const started = Date.now();
    try {
      const { response } = await this.client.GET('/health/live', { signal: AbortSignal.timeout(timeoutMs) });
      return response.ok ? { reachable: true, latencyMs: Date.now() - started } : { reachable: false, error: `answered ${response.status}` };
    } catch (e) {
      const name = (e as Error).name;
      return { reachable: false, error: name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'connection failed' };
    }
  }

  /** Title and version of the api's OpenAPI document, kept ten minutes. */
  async describe(): Promise<ApiDescription | null> {
    if (this.description && Date.now() - this.description.at < 600_000) return this.description.value;
    try {
      const res = await fetch(`${this.config.API_URL}/openapi.json`, { signal: AbortSignal.timeout(3000) });
      if (!res.ok) return null;
      const doc = (await res.json()) as { info?: { title?: unknown; version?: unknown } };
      const value = {
        title: typeof doc.info?.title === 'string' ? doc.info.title : null,
        version: typeof doc.info?.version === 'string' ? doc.info.version : null,
      };
      this.description = { value, at: Date.now() };
      return value;
    } catch {
      return null;
    }
  }
}
