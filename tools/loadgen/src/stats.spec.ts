import { classify, LatencyStats, RunStats } from './stats';

describe('LatencyStats', () => {
  it('gives nearest-rank percentiles, whatever the insertion order', () => {
    const s = new LatencyStats();
    for (const x of [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]) s.add(x);
    expect(s.percentile(50)).toBe(5);
    expect(s.percentile(95)).toBe(10);
    expect(s.percentile(99)).toBe(10);
    expect(s.percentile(10)).toBe(1);
    expect(s.summary()).toEqual({ p50: 5, p95: 10, p99: 10, max: 10, mean: 5.5 });
  });

  it('p99 of 1000 samples is the 990th smallest', () => {
    const s = new LatencyStats();
    for (let i = 1000; i >= 1; i--) s.add(i);
    expect(s.percentile(99)).toBe(990);
    expect(s.percentile(50)).toBe(500);
  });

  it('is all zeros without samples', () => {
    expect(new LatencyStats().summary()).toEqual({ p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });
});

describe('classify', () => {
  it('counts success only for 2xx when a success is expected', () => {
    expect(classify(200, 'success')).toBe('ok');
    expect(classify(503, 'success')).toBe('error');
    expect(classify(404, 'success')).toBe('error');
    expect(classify('timeout', 'success')).toBe('error');
  });

  it('accepts a provoked 4xx, but not auth, rate-limit, server or network failures', () => {
    expect(classify(400, 'client-error')).toBe('expected-error');
    expect(classify(404, 'client-error')).toBe('expected-error');
    for (const s of [401, 403, 429, 500, 200] as const) expect(classify(s, 'client-error')).toBe('error');
    expect(classify('network', 'client-error')).toBe('error');
  });
});

describe('RunStats', () => {
  it('keeps provoked errors out of the error rate and counts rate limiting', () => {
    const r = new RunStats();
    r.record({ kind: 'predict', status: 200, ms: 10, outcome: 'ok' });
    r.record({ kind: 'error', status: 404, ms: 2, outcome: 'expected-error' });
    r.record({ kind: 'read', status: 429, ms: 1, outcome: 'error' });
    r.record({ kind: 'predict', status: 'network', ms: 1, outcome: 'error' });
    expect(r.requests).toBe(4);
    expect(r.errors).toBe(2);
    expect(r.expectedErrors).toBe(1);
    expect(r.rateLimited).toBe(1);
    expect(r.errorRate()).toBe(0.5);
    expect(Object.fromEntries(r.byStatus)).toEqual({ '200': 1, '404': 1, '429': 1, network: 1 });
    expect(r.byKind.get('predict')!.errors).toBe(1);
  });
});
