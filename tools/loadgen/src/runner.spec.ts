import { parseOptions } from './options';
import { Random } from './random';
import { runLoad } from './runner';
import { startFakeApi, FakeApi } from './test-support/fake-api';
import { ApiHttp, buildRequest, loadCatalog } from './traffic';

// The runner against a fake of the api's routes (test-support/fake-api.ts); the stack integration
// test (libs/deploy-checks) runs the three modes against the real api.
describe('loadgen against a fake api', () => {
  let api: FakeApi;
  beforeEach(async () => {
    api = await startFakeApi({ key: 'k' });
  });
  afterEach(() => api.close());

  const options = (...args: string[]) => parseOptions(['--url', api.url, '--seed', '7', '--quiet', ...args], { API_KEY: 'k' });

  it('reads the catalog from the api: every Pokémon, and damaging learnable moves only', async () => {
    const catalog = await loadCatalog(new ApiHttp(api.url, 'k', 2000), new Random(1), 5);
    expect(catalog.pokemon).toHaveLength(30);
    expect(catalog.learnable.size).toBe(5);
    for (const [id, moves] of catalog.learnable) expect(moves.map((m) => m.id)).toEqual([id * 10 + 1, id * 10 + 2]);
    expect(catalog.types).toEqual(['Electric', 'Fire', 'Normal', 'Water']);
  });

  it('builds predictions from learnable moves, and provoked errors the api answers with a 4xx', async () => {
    const catalog = await loadCatalog(new ApiHttp(api.url, 'k', 2000), new Random(1), 8);
    const rng = new Random(3);
    for (let i = 0; i < 50; i++) {
      const p = buildRequest('predict', catalog, rng);
      const body = p.body as { pokemon_a_id: number; pokemon_b_id: number; available_moves: number[]; available_moves_b?: number[] };
      expect(body.pokemon_a_id).not.toBe(body.pokemon_b_id);
      const learnableA = catalog.learnable.get(body.pokemon_a_id)!.map((m) => m.id);
      expect(body.available_moves.length).toBeGreaterThanOrEqual(1);
      for (const m of body.available_moves) expect(learnableA).toContain(m);
      if (body.available_moves_b) for (const m of body.available_moves_b) expect(catalog.learnable.get(body.pokemon_b_id)!.map((x) => x.id)).toContain(m);
      expect(buildRequest('error', catalog, rng).expect).toBe('client-error');
    }
  });

  it('stops at the request count (burst)', async () => {
    const o = options('--mode', 'burst', '--users', '4', '--requests', '25', '--duration', '20');
    const catalog = await loadCatalog(new ApiHttp(api.url, 'k', 2000), new Random(1), 6);
    const summary = await runLoad(o, { http: new ApiHttp(api.url, 'k', 2000), catalog, print: () => undefined });
    expect(summary).toMatchObject({ mode: 'burst', stoppedBy: 'requests', requests: 25, errors: 0, rateLimited: 0 });
    expect(summary.durationS).toBeLessThan(10);
    expect(summary.byKind['predict']!.requests).toBeGreaterThan(10);
    expect(summary.latencyMs.p99).toBeGreaterThanOrEqual(summary.latencyMs.p50);
  });

  it('stops at the duration (realistic), printing a live line every second', async () => {
    const lines: string[] = [];
    const o = parseOptions(['--url', api.url, '--mode', 'realistic', '--duration', '2.5', '--requests', '1000'], { API_KEY: 'k' });
    const catalog = await loadCatalog(new ApiHttp(api.url, 'k', 2000), new Random(1), 6);
    const started = Date.now();
    const summary = await runLoad(o, { http: new ApiHttp(api.url, 'k', 2000), catalog, print: (l) => lines.push(l) });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(summary.stoppedBy).toBe('duration');
    expect(summary.requests).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/^\s+1s\s+\d+ req\s+\d+\/s\s+p50 \d+ms\s+p95 \d+ms\s+p99 \d+ms\s+errors \d+\.\d% \(\d+\)/);
  });

  it('sends spikes (spike mode) and counts server errors', async () => {
    await api.close();
    api = await startFakeApi({ key: 'k', failEvery: 4 });
    const o = options('--mode', 'spike', '--duration', '3', '--requests', '200', '--spike-size', '20', '--first-spike', '0.2', '--spike-every', '1');
    const catalog = await loadCatalog(new ApiHttp(api.url, 'k', 2000), new Random(1), 6);
    const summary = await runLoad(o, { http: new ApiHttp(api.url, 'k', 2000), catalog, print: () => undefined });
    expect(summary.spikes).toBeGreaterThanOrEqual(2);
    expect(summary.requests).toBeGreaterThanOrEqual(40);
    expect(summary.byStatus['500']).toBeGreaterThan(0);
    expect(summary.errors).toBe(summary.byStatus['500']);
    expect(summary.errorRate).toBeGreaterThan(0);
  });

  it('stops when told to (Ctrl-C) and still reports', async () => {
    const abort = new AbortController();
    const catalog = await loadCatalog(new ApiHttp(api.url, 'k', 2000), new Random(1), 6);
    setTimeout(() => abort.abort(), 300);
    const summary = await runLoad(options('--duration', '30'), { http: new ApiHttp(api.url, 'k', 2000), catalog, print: () => undefined, signal: abort.signal });
    expect(summary.stoppedBy).toBe('signal');
    expect(summary.durationS).toBeLessThan(5);
  });
});
