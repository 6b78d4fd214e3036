import { MlflowHttp, expectMlflowError, mlflowHttp } from './mlflow-http';
import { TestApp, WRITE_TOKEN, startTestApp } from './test-app';

describe('runs (embedded, real PostgreSQL)', () => {
  let t: TestApp;
  let api: MlflowHttp;
  let experimentId: string;

  const newRun = async (body: Record<string, unknown> = {}): Promise<string> => {
    const res = await api.post('/runs/create', { experiment_id: experimentId, start_time: Date.now(), ...body });
    expect(res.status).toBe(200);
    return res.body.run.info.run_id;
  };

  beforeAll(async () => {
    t = await startTestApp('runs');
    api = mlflowHttp(t.url, WRITE_TOKEN);
    experimentId = (await api.post('/experiments/create', { name: 'runs-exp' })).body.experiment_id;
  });
  afterAll(() => t.close());

  describe('create / get', () => {
    it('creates a RUNNING run with MLflow ids, name tag and artifact URI', async () => {
      const res = await api.post('/runs/create', {
        experiment_id: experimentId,
        run_name: 'first',
        start_time: 1700000000000,
        tags: [{ key: 'team', value: 'ml' }],
      });
      expect(res.status).toBe(200);
      const { info, data } = res.body.run;
      expect(info.run_id).toMatch(/^[0-9a-f]{32}$/);
      expect(info).toMatchObject({
        run_uuid: info.run_id,
        run_name: 'first',
        experiment_id: experimentId,
        user_id: 'writer',
        status: 'RUNNING',
        start_time: 1700000000000,
        lifecycle_stage: 'active',
        artifact_uri: `mlflow-artifacts:/${experimentId}/${info.run_id}/artifacts`,
      });
      expect(info.end_time).toBeUndefined();
      expect(data.tags).toEqual([
        { key: 'mlflow.runName', value: 'first' },
        { key: 'team', value: 'ml' },
      ]);
      const got = await api.get('/runs/get', { run_id: info.run_id });
      expect(got.body.run.info).toEqual(info);
      // The deprecated run_uuid parameter still works.
      expect((await api.get('/runs/get', { run_uuid: info.run_id })).body.run.info.run_id).toBe(info.run_id);
    });

    it('names unnamed runs, takes the name from the mlflow.runName tag, defaults to experiment 0', async () => {
      const unnamed = await api.post('/runs/create', { experiment_id: experimentId });
      expect(unnamed.body.run.info.run_name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
      const tagged = await api.post('/runs/create', { experiment_id: experimentId, tags: [{ key: 'mlflow.runName', value: 'from-tag' }] });
      expect(tagged.body.run.info.run_name).toBe('from-tag');
      const dflt = await api.post('/runs/create', {});
      expect(dflt.body.run.info.experiment_id).toBe('0');
    });

    it('errors as MLflow does', async () => {
      expectMlflowError(await api.post('/runs/create', { experiment_id: '777777' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(
        await api.post('/runs/create', { experiment_id: experimentId, run_name: 'a', tags: [{ key: 'mlflow.runName', value: 'b' }] }),
        400,
        'INVALID_PARAMETER_VALUE',
      );
      expectMlflowError(await api.post('/runs/create', { experiment_id: experimentId, start_time: 'yesterday' }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.get('/runs/get', { run_id: 'f'.repeat(32) }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.get('/runs/get', {}), 400, 'INVALID_PARAMETER_VALUE');
    });
  });

  describe('logging', () => {
    it("round-trips a run's metrics, params and tags; history keeps every point", async () => {
      const runId = await newRun();
      const ok = async (p: Promise<{ status: number; body: unknown }>) => expect((await p).status).toBe(200);
      await ok(api.post('/runs/log-metric', { run_id: runId, key: 'loss', value: 0.9, timestamp: 1000, step: 0 }));
      await ok(api.post('/runs/log-metric', { run_id: runId, key: 'loss', value: 0.5, timestamp: 2000, step: 1 }));
      // Same step again, later: kept in history, and it is the latest (higher timestamp).
      await ok(api.post('/runs/log-metric', { run_id: runId, key: 'loss', value: 0.4, timestamp: 3000, step: 1 }));
      // An older step logged last is history only.
      await ok(api.post('/runs/log-metric', { run_id: runId, key: 'loss', value: 0.99, timestamp: 4000, step: 0 }));
      // Identical point again (a client retry): stored once.
      await ok(api.post('/runs/log-metric', { run_id: runId, key: 'loss', value: 0.5, timestamp: 2000, step: 1 }));
      await ok(api.post('/runs/log-metric', { run_id: runId, key: 'nan_metric', value: 'NaN', timestamp: 1000 }));
      await ok(api.post('/runs/log-metric', { run_id: runId, key: 'big', value: '12345678901', timestamp: '1000', step: '7' }));
      await ok(api.post('/runs/log-parameter', { run_id: runId, key: 'lr', value: '0.1' }));
      await ok(api.post('/runs/log-parameter', { run_id: runId, key: 'lr', value: '0.1' }));
      await ok(api.post('/runs/set-tag', { run_id: runId, key: 'phase', value: 'train' }));
      await ok(api.post('/runs/set-tag', { run_id: runId, key: 'phase', value: 'eval' }));
      await ok(
        api.post('/runs/log-batch', {
          run_id: runId,
          metrics: [
            { key: 'acc', value: 0.8, timestamp: 1000, step: 0 },
            { key: 'acc', value: 0.95, timestamp: 2000, step: 1 },
          ],
          params: [
            { key: 'depth', value: '10' },
            { key: 'trees', value: '200' },
          ],
          tags: [{ key: 'model', value: 'xgboost' }],
        }),
      );

      const { data } = (await api.get('/runs/get', { run_id: runId })).body.run;
      expect(data.metrics).toEqual([
        { key: 'acc', value: 0.95, timestamp: 2000, step: 1 },
        { key: 'big', value: 12345678901, timestamp: 1000, step: 7 },
        { key: 'loss', value: 0.4, timestamp: 3000, step: 1 },
        { key: 'nan_metric', value: 'NaN', timestamp: 1000, step: 0 },
      ]);
      expect(data.params).toEqual([
        { key: 'depth', value: '10' },
        { key: 'lr', value: '0.1' },
        { key: 'trees', value: '200' },
      ]);
      expect(data.tags).toEqual(expect.arrayContaining([{ key: 'phase', value: 'eval' }, { key: 'model', value: 'xgboost' }]));

      const history = await api.get('/metrics/get-history', { run_id: runId, metric_key: 'loss' });
      expect(history.status).toBe(200);
      expect(history.body.metrics).toEqual([
        { key: 'loss', value: 0.9, timestamp: 1000, step: 0 },
        { key: 'loss', value: 0.99, timestamp: 4000, step: 0 },
        { key: 'loss', value: 0.5, timestamp: 2000, step: 1 },
        { key: 'loss', value: 0.4, timestamp: 3000, step: 1 },
      ]);
      const page1 = await api.get('/metrics/get-history', { run_id: runId, metric_key: 'loss', max_results: 3 });
      expect(page1.body.metrics).toHaveLength(3);
      const page2 = await api.get('/metrics/get-history', { run_id: runId, metric_key: 'loss', max_results: 3, page_token: page1.body.next_page_token });
      expect(page2.body.metrics).toEqual([{ key: 'loss', value: 0.4, timestamp: 3000, step: 1 }]);
      expect(page2.body.next_page_token).toBeUndefined();
      expect((await api.get('/metrics/get-history', { run_id: runId, metric_key: 'never' })).body.metrics).toEqual([]);
      expectMlflowError(await api.get('/metrics/get-history', { run_id: 'a'.repeat(32), metric_key: 'loss' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.get('/metrics/get-history', { run_id: runId }), 400, 'INVALID_PARAMETER_VALUE');
    });

    it('keeps params immutable; a batch with a changed param writes none of its params or tags', async () => {
      const runId = await newRun();
      await api.post('/runs/log-parameter', { run_id: runId, key: 'lr', value: '0.1' });
      expectMlflowError(await api.post('/runs/log-parameter', { run_id: runId, key: 'lr', value: '0.2' }), 400, 'INVALID_PARAMETER_VALUE');
      const batch = await api.post('/runs/log-batch', {
        run_id: runId,
        params: [
          { key: 'new', value: 'x' },
          { key: 'lr', value: '0.3' },
        ],
        tags: [{ key: 'should-not', value: 'exist' }],
      });
      expectMlflowError(batch, 400, 'INVALID_PARAMETER_VALUE');
      expect(batch.body.message).toContain('Changing param values is not allowed');
      const { data } = (await api.get('/runs/get', { run_id: runId })).body.run;
      expect(data.params).toEqual([{ key: 'lr', value: '0.1' }]);
      expect(data.tags.find((x: { key: string }) => x.key === 'should-not')).toBeUndefined();
      expectMlflowError(
        await api.post('/runs/log-batch', { run_id: runId, params: [{ key: 'd', value: '1' }, { key: 'd', value: '2' }] }),
        400,
        'INVALID_PARAMETER_VALUE',
      );
    });

    it("enforces MLflow's batch limits and name rules", async () => {
      const runId = await newRun();
      const metrics = (n: number) => Array.from({ length: n }, (_, i) => ({ key: 'm', value: i, timestamp: 1, step: i }));
      const kv = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
      expect((await api.post('/runs/log-batch', { run_id: runId, metrics: metrics(1000) })).status).toBe(200);
      expect((await api.post('/runs/log-batch', { run_id: runId, params: kv(100), tags: kv(100) })).status).toBe(200);
      expectMlflowError(await api.post('/runs/log-batch', { run_id: runId, metrics: metrics(1001) }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/log-batch', { run_id: runId, params: kv(101) }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/log-batch', { run_id: runId, tags: kv(101) }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/log-batch', { run_id: runId, metrics: metrics(950), tags: kv(51) }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/log-metric', { run_id: runId, key: '../escape', value: 1, timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/log-metric', { run_id: runId, key: 'bad<name>', value: 1, timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/log-metric', { run_id: runId, key: 'm', value: 'high', timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/log-metric', { run_id: runId, key: 'm', value: 1, timestamp: -5 }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/log-metric', { run_id: runId, key: 'm', value: 1 }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/log-parameter', { run_id: runId, key: 'long', value: 'x'.repeat(6001) }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/set-tag', { run_id: runId, key: 'k'.repeat(251), value: 'v' }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/log-metric', { run_id: 'b'.repeat(32), key: 'm', value: 1, timestamp: 1 }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.post('/runs/log-parameter', { run_id: 'b'.repeat(32), key: 'p', value: '1' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.post('/runs/log-batch', { run_id: 'b'.repeat(32), metrics: metrics(1) }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.post('/runs/set-tag', { run_id: 'b'.repeat(32), key: 'k', value: 'v' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('deletes tags; a missing tag is RESOURCE_DOES_NOT_EXIST', async () => {
      const runId = await newRun();
      await api.post('/runs/set-tag', { run_id: runId, key: 'temp', value: '1' });
      expect((await api.post('/runs/delete-tag', { run_id: runId, key: 'temp' })).status).toBe(200);
      expectMlflowError(await api.post('/runs/delete-tag', { run_id: runId, key: 'temp' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      const tags = (await api.get('/runs/get', { run_id: runId })).body.run.data.tags;
      expect(tags.find((x: { key: string }) => x.key === 'temp')).toBeUndefined();
    });

    it('logs dataset inputs (log-inputs)', async () => {
      const runId = await newRun();
      const dataset = { name: 'battles', digest: 'abc123', source_type: 'local', source: '{"uri": "battles.parquet"}', schema: '{}' };
      const res = await api.post('/runs/log-inputs', { run_id: runId, datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'train' }], dataset }] });
      expect(res.status).toBe(200);
      const inputs = (await api.get('/runs/get', { run_id: runId })).body.run.inputs;
      expect(inputs.dataset_inputs).toEqual([{ tags: [{ key: 'mlflow.data.context', value: 'train' }], dataset }]);
    });
  });

  describe('lifecycle', () => {
    it('updates status, end time and name', async () => {
      const runId = await newRun({ run_name: 'before' });
      const res = await api.post('/runs/update', { run_id: runId, status: 'FINISHED', end_time: 1700000005000, run_name: 'after' });
      expect(res.status).toBe(200);
      expect(res.body.run_info).toMatchObject({ run_id: runId, status: 'FINISHED', end_time: 1700000005000, run_name: 'after' });
      const tags = (await api.get('/runs/get', { run_id: runId })).body.run.data.tags;
      expect(tags).toContainEqual({ key: 'mlflow.runName', value: 'after' });
      expectMlflowError(await api.post('/runs/update', { run_id: runId, status: 'DONE' }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/update', { run_id: 'c'.repeat(32), status: 'FAILED' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      // set-tag on the name tag renames too, as in MLflow.
      await api.post('/runs/set-tag', { run_id: runId, key: 'mlflow.runName', value: 'renamed-by-tag' });
      expect((await api.get('/runs/get', { run_id: runId })).body.run.info.run_name).toBe('renamed-by-tag');
    });

    it('deletes and restores; a deleted run refuses logging', async () => {
      const runId = await newRun();
      expect((await api.post('/runs/delete', { run_id: runId })).status).toBe(200);
      expect((await api.get('/runs/get', { run_id: runId })).body.run.info.lifecycle_stage).toBe('deleted');
      expectMlflowError(await api.post('/runs/log-metric', { run_id: runId, key: 'm', value: 1, timestamp: 1 }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/log-batch', { run_id: runId, params: [{ key: 'p', value: '1' }] }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/set-tag', { run_id: runId, key: 'k', value: 'v' }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/update', { run_id: runId, status: 'FINISHED' }), 400, 'INVALID_PARAMETER_VALUE');
      expect((await api.post('/runs/restore', { run_id: runId })).status).toBe(200);
      expect((await api.post('/runs/log-metric', { run_id: runId, key: 'm', value: 1, timestamp: 1 })).status).toBe(200);
      expectMlflowError(await api.post('/runs/delete', { run_id: 'd'.repeat(32) }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.post('/runs/restore', { run_id: 'd'.repeat(32) }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });
  });

  describe('search', () => {
    let searchExp: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      searchExp = (await api.post('/experiments/create', { name: 'search-exp' })).body.experiment_id;
      const spec = [
        { name: 'r1', acc: 0.95, model: 'xgb', team: 'a', finished: true },
        { name: 'r2', acc: 0.85, model: 'xgb', team: 'b', finished: true },
        { name: 'r3', acc: 0.92, model: 'rf', team: 'a', finished: false },
        { name: 'r4', acc: 0.99, model: 'xgb', team: 'a', finished: false },
      ];
      let start = 1700000000000;
      for (const s of spec) {
        const runId = (await api.post('/runs/create', { experiment_id: searchExp, run_name: s.name, start_time: start++ })).body.run.info.run_id;
        ids[s.name] = runId;
        await api.post('/runs/log-batch', {
          run_id: runId,
          metrics: [{ key: 'acc', value: s.acc, timestamp: 1, step: 0 }],
          params: [{ key: 'model', value: s.model }],
          tags: [{ key: 'team', value: s.team }],
        });
        if (s.finished) await api.post('/runs/update', { run_id: runId, status: 'FINISHED', end_time: start });
      }
    });

    const names = (res: { body: { runs?: { info: { run_name: string } }[] } }) => (res.body.runs ?? []).map((r) => r.info.run_name);

    it('filters on metrics, params, tags and attributes, AND-combined', async () => {
      const search = (filter: string, extra: Record<string, unknown> = {}) => api.post('/runs/search', { experiment_ids: [searchExp], filter, ...extra });
      expect(names(await search('metrics.acc > 0.9', { order_by: ['metrics.acc DESC'] }))).toEqual(['r4', 'r1', 'r3']);
      expect(names(await search("params.model = 'xgb'", { order_by: ['attributes.start_time ASC'] }))).toEqual(['r1', 'r2', 'r4']);
      expect(names(await search("tags.team = 'b'"))).toEqual(['r2']);
      expect(names(await search("attributes.status = 'FINISHED'", { order_by: ['attributes.run_name'] }))).toEqual(['r1', 'r2']);
      expect(names(await search("metrics.acc > 0.9 and params.model = 'xgb' AND tags.team = 'a' AND attributes.status = 'FINISHED'"))).toEqual(['r1']);
      expect(names(await search("params.model != 'xgb'"))).toEqual(['r3']);
      expect(names(await search("tags.`team` LIKE 'a%'", { order_by: ['params.model ASC', 'metrics.`acc` DESC'] }))).toEqual(['r3', 'r4', 'r1']);
      expect(names(await search(`attributes.run_id IN ('${ids['r2']}', '${ids['r3']}')`, { order_by: ['attributes.run_name DESC'] }))).toEqual(['r3', 'r2']);
      expect(names(await search('metrics.missing > 0'))).toEqual([]);
      // Default order: newest start_time first.
      expect(names(await search(''))).toEqual(['r4', 'r3', 'r2', 'r1']);
    });

    it('rejects what it cannot parse', async () => {
      for (const filter of ["metrics.acc > 'high'", "params.model > 1", 'metrics.acc >', "attributes.nope = 'x'", "foo.bar = 'x'", "metrics.acc > 0.9 OR params.model = 'x'"]) {
        expectMlflowError(await api.post('/runs/search', { experiment_ids: [searchExp], filter }), 400, 'INVALID_PARAMETER_VALUE');
      }
      expectMlflowError(await api.post('/runs/search', { experiment_ids: ['abc'] }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/search', { experiment_ids: [searchExp], order_by: ['bogus.key'] }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.post('/runs/search', { experiment_ids: [searchExp], max_results: 50001 }), 400, 'INVALID_PARAMETER_VALUE');
    });

    it('honours run_view_type', async () => {
      await api.post('/runs/delete', { run_id: ids['r2']! });
      const active = names(await api.post('/runs/search', { experiment_ids: [searchExp] }));
      const deleted = names(await api.post('/runs/search', { experiment_ids: [searchExp], run_view_type: 'DELETED_ONLY' }));
      const all = names(await api.post('/runs/search', { experiment_ids: [searchExp], run_view_type: 'ALL' }));
      expect(active).not.toContain('r2');
      expect(deleted).toEqual(['r2']);
      expect(all).toHaveLength(4);
      await api.post('/runs/restore', { run_id: ids['r2']! });
    });

    it('pages through 250 runs: every run once, in order', async () => {
      const pagingExp = (await api.post('/experiments/create', { name: 'paging-exp' })).body.experiment_id;
      const created: string[] = [];
      for (let chunk = 0; chunk < 250; chunk += 25) {
        const batch = await Promise.all(
          Array.from({ length: 25 }, (_, i) => api.post('/runs/create', { experiment_id: pagingExp, start_time: 1700000000000 + chunk + i, run_name: `p${chunk + i}` })),
        );
        created.push(...batch.map((r) => r.body.run.info.run_id));
      }
      const seen: string[] = [];
      const startTimes: number[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await api.post('/runs/search', { experiment_ids: [pagingExp], max_results: 100, page_token: token });
        expect(page.status).toBe(200);
        seen.push(...page.body.runs.map((r: { info: { run_id: string } }) => r.info.run_id));
        startTimes.push(...page.body.runs.map((r: { info: { start_time: number } }) => r.info.start_time));
        token = page.body.next_page_token;
        pages++;
      } while (token);
      expect(pages).toBe(3);
      expect(seen).toHaveLength(250);
      expect(new Set(seen)).toEqual(new Set(created));
      expect(startTimes).toEqual([...startTimes].sort((a, b) => b - a));
    });
  });

  it('loses nothing when 20 clients log-batch concurrently to one run', async () => {
    const runId = await newRun({ run_name: 'concurrent' });
    const clients = 20;
    const batchesPerClient = 10;
    const metricsPerBatch = 50;
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let b = 0; b < batchesPerClient; b++) {
          const res = await api.post('/runs/log-batch', {
            run_id: runId,
            metrics: Array.from({ length: metricsPerBatch }, (_, i) => ({
              key: i % 2 ? 'loss' : 'acc',
              value: c * 1e6 + b * 1e3 + i,
              timestamp: 1700000000000 + b,
              step: c * 10_000 + b * 100 + i,
            })),
            params: [{ key: `client_${c}_batch_${b}`, value: String(b) }, { key: 'shared', value: 'same' }],
            tags: [{ key: `client_${c}`, value: String(b) }],
          });
          expect(res.status).toBe(200);
        }
      }),
    );
    const total = clients * batchesPerClient * metricsPerBatch;
    const loss = await api.get('/metrics/get-history', { run_id: runId, metric_key: 'loss' });
    const acc = await api.get('/metrics/get-history', { run_id: runId, metric_key: 'acc' });
    expect(loss.body.metrics.length + acc.body.metrics.length).toBe(total);
    expect(new Set(loss.body.metrics.map((m: { step: number }) => m.step)).size).toBe(total / 2);
    const { data } = (await api.get('/runs/get', { run_id: runId })).body.run;
    expect(data.params).toHaveLength(clients * batchesPerClient + 1);
    for (let c = 0; c < clients; c++) expect(data.tags).toContainEqual({ key: `client_${c}`, value: String(batchesPerClient - 1) });
    // The latest value is the highest step logged by anyone.
    const maxLossStep = Math.max(...loss.body.metrics.map((m: { step: number }) => m.step));
    expect(data.metrics.find((m: { key: string }) => m.key === 'loss').step).toBe(maxLossStep);
  });
});
