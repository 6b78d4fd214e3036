/** Minimal client for Prometheus' HTTP API (v1). */
export class PrometheusApi {
  constructor(readonly baseUrl: string) {}

  private async get<T>(path: string, params: Record<string, string> = {}): Promise<T> {
    const url = new URL(`/api/v1/${path}`, this.baseUrl);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const res = await fetch(url);
    const body = (await res.json()) as { status: string; data: T; error?: string; errorType?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.errorType ?? res.status} ${body.error ?? ''}`);
    return body.data;
  }

  targets() {
    return this.get<{ activeTargets: { labels: Record<string, string>; health: 'up' | 'down' | 'unknown'; lastError: string; scrapeUrl: string }[] }>('targets');
  }

  rules() {
    return this.get<{ groups: { name: string; file: string; rules: { name: string; type: 'alerting' | 'recording'; health: string; lastError?: string; state?: string }[] }[] }>('rules');
  }

  alerts() {
    return this.get<{ alerts: { labels: Record<string, string>; state: string }[] }>('alerts');
  }

  /** An instant query; throws with Prometheus' error message when the expression is invalid. */
  query(expr: string) {
    return this.get<{ resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] }>('query', { query: expr });
  }
}
