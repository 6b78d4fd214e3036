import type { LoadgenOptions, RequestKind } from './options';
import { profile } from './options';
import { Random } from './random';
import { classify, RunStats } from './stats';
import { ApiHttp, buildRequest, Catalog } from './traffic';

export interface RunSummary {
  tool: 'loadgen';
  mode: string;
  target: string;
  seed: number;
  startedAt: string;
  durationS: number;
  stoppedBy: 'duration' | 'requests' | 'signal';
  requests: number;
  throughputRps: number;
  errors: number;
  errorRate: number;
  /** 4xx provoked on purpose (invalid ids, empty move lists): expected, not errors. */
  expectedErrors: number;
  rateLimited: number;
  spikes: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  byStatus: Record<string, number>;
  byKind: Record<string, { requests: number; errors: number; p50: number; p95: number; p99: number }>;
  byRoute: Record<string, number>;
}

export interface RunDeps {
  http: ApiHttp;
  catalog: Catalog;
  /** One line of live output (every second). */
  print: (line: string) => void;
  /** Aborted on Ctrl-C: the run stops issuing requests and reports what it did. */
  signal?: AbortSignal;
}

const sleep = (ms: number, stop: Promise<void>) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    void stop.then(() => {
      clearTimeout(t);
      resolve();
    });
  });

/** Runs the load until the duration, the request count or a signal, whichever comes first. */
export async function runLoad(options: LoadgenOptions, deps: RunDeps): Promise<RunSummary> {
  const shape = profile(options);
  const rng = new Random(options.seed);
  const stats = new RunStats();
  const byRoute = new Map<string, number>();
  const started = Date.now();
  const deadline = started + options.durationS * 1000;
  let issued = 0;
  let inFlight = 0;
  let spikes = 0;
  let stoppedBy: RunSummary['stoppedBy'] = 'duration';
  let stopResolve!: () => void;
  const stop = new Promise<void>((r) => (stopResolve = r));
  let stopped = false;
  const halt = (why: RunSummary['stoppedBy']) => {
    if (stopped) return;
    stopped = true;
    stoppedBy = why;
    stopResolve();
  };
  deps.signal?.addEventListener('abort', () => halt('signal'), { once: true });
  const timer = setTimeout(() => halt('duration'), options.durationS * 1000);

  /** Takes one request from the budget; false once it is spent or the run is over. */
  const take = () => {
    if (stopped) return false;
    if (Date.now() >= deadline) {
      halt('duration');
      return false;
    }
    if (issued >= options.requests) {
      halt('requests');
      return false;
    }
    issued++;
    return true;
  };

  const one = async (kind: RequestKind) => {
    const spec = buildRequest(kind, deps.catalog, rng);
    inFlight++;
    const res = await deps.http.send(spec.method, spec.path, spec.body);
    inFlight--;
    stats.record({ kind, status: res.status, ms: res.ms, outcome: classify(res.status, spec.expect) });
    byRoute.set(spec.route, (byRoute.get(spec.route) ?? 0) + 1);
  };

  const user = async () => {
    while (take()) {
      await one(rng.weighted(shape.mix));
      if (issued >= options.requests) halt('requests');
      await sleep(rng.between(shape.pauseMs[0], shape.pauseMs[1]), stop);
    }
  };

  const spiker = async () => {
    const spike = shape.spike;
    if (!spike) return;
    await sleep(spike.firstS * 1000, stop);
    while (!stopped) {
      const batch: Promise<void>[] = [];
      for (let i = 0; i < spike.size && take(); i++) batch.push(one(rng.weighted(shape.mix)));
      if (batch.length) {
        spikes++;
        if (!options.quiet) deps.print(`spike: ${batch.length} requests at once`);
      }
      await Promise.all(batch);
      await sleep(rng.between(spike.everyS[0], spike.everyS[1]) * 1000, stop);
    }
  };

  let lastCount = 0;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const ticker = setInterval(() => {
    if (options.quiet) return;
    const s = stats.latency.summary();
    const elapsed = Math.round((Date.now() - started) / 1000);
    const rps = stats.requests - lastCount;
    lastCount = stats.requests;
    deps.print(
      `${String(elapsed).padStart(4)}s  ${String(stats.requests).padStart(6)} req  ${String(rps).padStart(4)}/s  p50 ${s.p50.toFixed(0)}ms  p95 ${s.p95.toFixed(0)}ms  p99 ${s.p99.toFixed(0)}ms  errors ${pct(stats.errorRate())} (${stats.errors})  in flight ${inFlight}`,
    );
  }, 1000);

  await Promise.all([...Array.from({ length: shape.users }, user), spiker()]);
  clearTimeout(timer);
  clearInterval(ticker);

  const elapsedS = (Date.now() - started) / 1000;
  const byKind: RunSummary['byKind'] = {};
  for (const [kind, k] of stats.byKind) {
    const s = k.latency.summary();
    byKind[kind] = { requests: k.latency.count, errors: k.errors, p50: s.p50, p95: s.p95, p99: s.p99 };
  }
  return {
    tool: 'loadgen',
    mode: options.mode,
    target: options.url,
    seed: options.seed,
    startedAt: new Date(started).toISOString(),
    durationS: Math.round(elapsedS * 10) / 10,
    stoppedBy,
    requests: stats.requests,
    throughputRps: Math.round((stats.requests / Math.max(elapsedS, 0.001)) * 10) / 10,
    errors: stats.errors,
    errorRate: Math.round(stats.errorRate() * 10_000) / 10_000,
    expectedErrors: stats.expectedErrors,
    rateLimited: stats.rateLimited,
    spikes,
    latencyMs: stats.latency.summary(),
    byStatus: Object.fromEntries([...stats.byStatus].sort()),
    byKind,
    byRoute: Object.fromEntries([...byRoute].sort()),
  };
}
