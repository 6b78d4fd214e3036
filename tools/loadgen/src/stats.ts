/** Latency samples and status counts of a load run; percentiles by nearest rank. */
export class LatencyStats {
  private readonly samples: number[] = [];
  private sorted = true;

  add(ms: number): void {
    if (this.samples.length && ms < this.samples[this.samples.length - 1]) this.sorted = false;
    this.samples.push(ms);
  }

  get count(): number {
    return this.samples.length;
  }

  /** The p-th percentile (0 < p <= 100) by nearest rank; 0 with no sample. */
  percentile(p: number): number {
    if (!this.samples.length) return 0;
    if (!this.sorted) {
      this.samples.sort((a, b) => a - b);
      this.sorted = true;
    }
    const rank = Math.max(1, Math.ceil((p / 100) * this.samples.length));
    return this.samples[Math.min(rank, this.samples.length) - 1];
  }

  mean(): number {
    return this.samples.length ? this.samples.reduce((a, b) => a + b, 0) / this.samples.length : 0;
  }

  max(): number {
    return this.percentile(100);
  }

  summary(): { p50: number; p95: number; p99: number; max: number; mean: number } {
    const round = (x: number) => Math.round(x * 10) / 10;
    return { p50: round(this.percentile(50)), p95: round(this.percentile(95)), p99: round(this.percentile(99)), max: round(this.max()), mean: round(this.mean()) };
  }
}

export type Outcome = 'ok' | 'expected-error' | 'error';

/** The result of one request. `expected-error` is a 4xx the load generator provoked on purpose. */
export interface RequestResult {
  kind: string;
  status: number | 'network' | 'timeout';
  ms: number;
  outcome: Outcome;
}

export class RunStats {
  readonly latency = new LatencyStats();
  readonly byKind = new Map<string, { latency: LatencyStats; errors: number }>();
  readonly byStatus = new Map<string, number>();
  errors = 0;
  expectedErrors = 0;
  rateLimited = 0;

  record(r: RequestResult): void {
    this.latency.add(r.ms);
    const kind = this.byKind.get(r.kind) ?? { latency: new LatencyStats(), errors: 0 };
    kind.latency.add(r.ms);
    this.byKind.set(r.kind, kind);
    const status = String(r.status);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (r.status === 429) this.rateLimited++;
    if (r.outcome === 'error') {
      this.errors++;
      kind.errors++;
    } else if (r.outcome === 'expected-error') this.expectedErrors++;
  }

  get requests(): number {
    return this.latency.count;
  }

  /** Share of requests that failed (unexpected status, network error, timeout); provoked 4xx excluded. */
  errorRate(): number {
    return this.requests ? this.errors / this.requests : 0;
  }
}

/** The outcome of a status given what the request expected. */
export function classify(status: RequestResult['status'], expected: 'success' | 'client-error'): Outcome {
  if (typeof status !== 'number') return 'error';
  if (expected === 'success') return status >= 200 && status < 300 ? 'ok' : 'error';
  // A provoked error must be a validation or not-found answer, not an auth, rate-limit or server error.
  return status >= 400 && status < 500 && ![401, 403, 429].includes(status) ? 'expected-error' : 'error';
}
