export interface HttpFetcherOptions {
  timeoutMs: number;
  retries: number;
  concurrency: number;
  /** First backoff delay; doubles on each retry. */
  backoffMs?: number;
}

/** Network failure or timeout, as opposed to an answer (even a 404) from the server. */
export class UnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    super(`${url} unreachable: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'UnreachableError';
  }
}

export class HttpStatusError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`${url} answered HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * GETs JSON with a per-attempt timeout, retries with exponential backoff on network errors, 429 and
 * 5xx (never on other 4xx), and at most `concurrency` requests in flight.
 */
export class HttpFetcher {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: HttpFetcherOptions) {}

  async getJson<T>(url: string): Promise<T> {
    await this.acquire();
    try {
      return await this.withRetries<T>(url);
    } finally {
      this.release();
    }
  }

  private async withRetries<T>(url: string): Promise<T> {
    const backoff = this.options.backoffMs ?? 200;
    for (let attempt = 0; ; attempt++) {
      let retryable: Error;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs), headers: { accept: 'application/json' } });
        if (res.ok) return (await res.json()) as T;
        await res.body?.cancel();
        const error = new HttpStatusError(url, res.status);
        if (res.status !== 429 && res.status < 500) throw error;
        retryable = error;
      } catch (e) {
        if (e instanceof HttpStatusError && e.status !== 429 && e.status < 500) throw e;
        retryable = e instanceof HttpStatusError ? e : new UnreachableError(url, e);
      }
      if (attempt >= this.options.retries) throw retryable;
      await sleep(backoff * 2 ** attempt);
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
