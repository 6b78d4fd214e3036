import { MlflowHttp, expectMlflowError, mlflowHttp } from './mlflow-http';
import { TestApp, WRITE_TOKEN, startTestApp } from './test-app';

describe('model registry (embedded, real PostgreSQL)', () => {
  let t: TestApp;
  let api: MlflowHttp;
  let runId: string;
  let artifactUri: string;

  beforeAll(async () => {
    t = await startTestApp('registry');
    api = mlflowHttp(t.url, WRITE_TOKEN);
    const run = (await api.post('/runs/create', { experiment_id: '0', run_name: 'train' })).body.run.info;
    runId = run.run_id;
    artifactUri = run.artifact_uri;
  });
  afterAll(() => t.close());

  const createVersion = (name: string, extra: Record<string, unknown> = {}) =>
    api.post('/model-versions/create', { name, source: `runs:/${runId}/model`, run_id: runId, ...extra });

  describe('registered models', () => {
    it('creates, gets, and refuses duplicates', async () => {
      const res = await api.post('/registered-models/create', { name: 'battle_winner', description: 'P(A wins)', tags: [{ key: 'task', value: 'binary' }] });
      expect(res.status).toBe(200);
      expect(res.body.registered_model).toMatchObject({
        name: 'battle_winner',
        description: 'P(A wins)',
        user_id: 'writer',
        tags: [{ key: 'task', value: 'binary' }],
        latest_versions: [],
        aliases: [],
      });
      expect(typeof res.body.registered_model.creation_timestamp).toBe('number');
      expect((await api.get('/registered-models/get', { name: 'battle_winner' })).body.registered_model.name).toBe('battle_winner');
      expectMlflowError(await api.post('/registered-models/create', { name: 'battle_winner' }), 400, 'RESOURCE_ALREADY_EXISTS');
      expectMlflowError(await api.post('/registered-models/create', { name: '' }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.get('/registered-models/get', { name: 'nope' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('updates (PATCH) the description, sets and deletes tags', async () => {
      await api.post('/registered-models/create', { name: 'm-update' });
      const res = await api.patch('/registered-models/update', { name: 'm-update', description: 'new text' });
      expect(res.status).toBe(200);
      expect(res.body.registered_model.description).toBe('new text');
      expect((await api.post('/registered-models/set-tag', { name: 'm-update', key: 'owner', value: 'ml' })).status).toBe(200);
      expect((await api.get('/registered-models/get', { name: 'm-update' })).body.registered_model.tags).toEqual([{ key: 'owner', value: 'ml' }]);
      expect((await api.del('/registered-models/delete-tag', { name: 'm-update', key: 'owner' })).status).toBe(200);
      expectMlflowError(await api.del('/registered-models/delete-tag', { name: 'm-update', key: 'owner' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.patch('/registered-models/update', { name: 'ghost', description: 'x' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.post('/registered-models/set-tag', { name: 'ghost', key: 'k', value: 'v' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      // PATCH only, as in MLflow.
      expectMlflowError(await api.post('/registered-models/update', { name: 'm-update' }), 404, 'ENDPOINT_NOT_FOUND');
    });

    it('renames, carrying versions, tags and aliases along', async () => {
      await api.post('/registered-models/create', { name: 'm-old', tags: [{ key: 'k', value: 'v' }] });
      await createVersion('m-old', { tags: [{ key: 'vt', value: '1' }] });
      await api.post('/registered-models/alias', { name: 'm-old', alias: 'champion', version: '1' });
      const res = await api.post('/registered-models/rename', { name: 'm-old', new_name: 'm-new' });
      expect(res.status).toBe(200);
      expect(res.body.registered_model).toMatchObject({ name: 'm-new', tags: [{ key: 'k', value: 'v' }], aliases: [{ alias: 'champion', version: '1' }] });
      const mv = (await api.get('/model-versions/get', { name: 'm-new', version: '1' })).body.model_version;
      expect(mv).toMatchObject({ name: 'm-new', version: '1', tags: [{ key: 'vt', value: '1' }], aliases: ['champion'] });
      expectMlflowError(await api.get('/registered-models/get', { name: 'm-old' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      await api.post('/registered-models/create', { name: 'm-taken' });
      expectMlflowError(await api.post('/registered-models/rename', { name: 'm-new', new_name: 'm-taken' }), 400, 'RESOURCE_ALREADY_EXISTS');
      expectMlflowError(await api.post('/registered-models/rename', { name: 'ghost', new_name: 'x' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('deletes (DELETE) with its versions', async () => {
      await api.post('/registered-models/create', { name: 'm-delete' });
      await createVersion('m-delete');
      expect((await api.del('/registered-models/delete', { name: 'm-delete' })).status).toBe(200);
      expectMlflowError(await api.get('/registered-models/get', { name: 'm-delete' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.get('/model-versions/get', { name: 'm-delete', version: '1' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.del('/registered-models/delete', { name: 'm-delete' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('searches by name and tag with order_by and paging', async () => {
      for (const n of ['srch_b', 'srch_a', 'srch_c']) await api.post('/registered-models/create', { name: n, tags: n === 'srch_b' ? [{ key: 'flag', value: 'on' }] : [] });
      const like = await api.get('/registered-models/search', { filter: "name LIKE 'srch_%'", order_by: 'name DESC' });
      expect(like.status).toBe(200);
      expect(like.body.registered_models.map((m: { name: string }) => m.name)).toEqual(['srch_c', 'srch_b', 'srch_a']);
      expect((await api.get('/registered-models/search', { filter: "tags.flag = 'on'" })).body.registered_models.map((m: { name: string }) => m.name)).toEqual(['srch_b']);
      const first = await api.get('/registered-models/search', { filter: "name LIKE 'srch_%'", max_results: 2 });
      expect(first.body.registered_models).toHaveLength(2);
      const second = await api.get('/registered-models/search', { filter: "name LIKE 'srch_%'", max_results: 2, page_token: first.body.next_page_token });
      expect(second.body.registered_models.map((m: { name: string }) => m.name)).toEqual(['srch_c']);
      expectMlflowError(await api.get('/registered-models/search', { filter: "run_id = 'x'" }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await api.get('/registered-models/search', { max_results: 1001 }), 400, 'INVALID_PARAMETER_VALUE');
    });
  });

  describe('model versions', () => {
    beforeAll(async () => {
      await api.post('/registered-models/create', { name: 'mv-model' });
    });

    it('numbers versions from "1" per model, concurrently too', async () => {
      const first = await createVersion('mv-model', { tags: [{ key: 'acc', value: '0.96' }], description: 'first' });
      expect(first.status).toBe(200);
      expect(first.body.model_version).toMatchObject({
        name: 'mv-model',
        version: '1',
        current_stage: 'None',
        status: 'READY',
        source: `runs:/${runId}/model`,
        run_id: runId,
        description: 'first',
        user_id: 'writer',
        tags: [{ key: 'acc', value: '0.96' }],
        aliases: [],
      });
      const more = await Promise.all(Array.from({ length: 8 }, () => createVersion('mv-model')));
      expect(more.map((r) => r.body.model_version.version).sort((a, b) => Number(a) - Number(b))).toEqual(['2', '3', '4', '5', '6', '7', '8', '9']);
      await api.post('/registered-models/create', { name: 'mv-other' });
      expect((await createVersion('mv-other')).body.model_version.version).toBe('1');
      expectMlflowError(await createVersion('ghost-model'), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.post('/model-versions/create', { name: 'mv-model' }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(await createVersion('mv-model', { run_id: 'e'.repeat(32) }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.post('/model-versions/create', { name: 'mv-model', source: 'mlflow-artifacts:/../../etc/passwd' }), 400, 'INVALID_PARAMETER_VALUE');
    });

    it('gets, updates (PATCH), tags, and errors on bad versions', async () => {
      expect((await api.get('/model-versions/get', { name: 'mv-model', version: '1' })).body.model_version.version).toBe('1');
      expectMlflowError(await api.get('/model-versions/get', { name: 'mv-model', version: '999' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.get('/model-versions/get', { name: 'mv-model', version: 'one' }), 400, 'INVALID_PARAMETER_VALUE');
      const updated = await api.patch('/model-versions/update', { name: 'mv-model', version: '1', description: 'updated' });
      expect(updated.body.model_version.description).toBe('updated');
      expect((await api.post('/model-versions/set-tag', { name: 'mv-model', version: '1', key: 'validated', value: 'yes' })).status).toBe(200);
      expect((await api.get('/model-versions/get', { name: 'mv-model', version: '1' })).body.model_version.tags).toContainEqual({ key: 'validated', value: 'yes' });
      expect((await api.del('/model-versions/delete-tag', { name: 'mv-model', version: '1', key: 'validated' })).status).toBe(200);
      expectMlflowError(await api.del('/model-versions/delete-tag', { name: 'mv-model', version: '1', key: 'validated' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.post('/model-versions/set-tag', { name: 'mv-model', version: '404', key: 'k', value: 'v' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.patch('/model-versions/update', { name: 'mv-model', version: '404', description: 'x' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('transitions stages, archiving the previous holder when asked', async () => {
      const toProd = async (version: string, archive: boolean) =>
        api.post('/model-versions/transition-stage', { name: 'mv-model', version, stage: 'production', archive_existing_versions: archive });
      const v1 = await toProd('1', false);
      expect(v1.status).toBe(200);
      expect(v1.body.model_version.current_stage).toBe('Production');
      await toProd('2', false);
      expect((await api.get('/model-versions/get', { name: 'mv-model', version: '1' })).body.model_version.current_stage).toBe('Production');
      await toProd('3', true);
      for (const v of ['1', '2']) expect((await api.get('/model-versions/get', { name: 'mv-model', version: v })).body.model_version.current_stage).toBe('Archived');
      expect((await api.get('/model-versions/get', { name: 'mv-model', version: '3' })).body.model_version.current_stage).toBe('Production');
      await api.post('/model-versions/transition-stage', { name: 'mv-model', version: '4', stage: 'Staging' });

      const latest = await api.post('/registered-models/get-latest-versions', { name: 'mv-model', stages: ['Production'] });
      expect(latest.body.model_versions.map((v: { version: string }) => v.version)).toEqual(['3']);
      const all = await api.get('/registered-models/get-latest-versions', { name: 'mv-model' });
      expect(all.body.model_versions.map((v: { current_stage: string; version: string }) => `${v.current_stage}:${v.version}`)).toEqual([
        'None:9',
        'Staging:4',
        'Production:3',
        'Archived:2',
      ]);
      const model = (await api.get('/registered-models/get', { name: 'mv-model' })).body.registered_model;
      expect(model.latest_versions).toHaveLength(4);

      expectMlflowError(await api.post('/model-versions/transition-stage', { name: 'mv-model', version: '1', stage: 'Shipped' }), 400, 'INVALID_PARAMETER_VALUE');
      expectMlflowError(
        await api.post('/model-versions/transition-stage', { name: 'mv-model', version: '1', stage: 'Archived', archive_existing_versions: true }),
        400,
        'INVALID_PARAMETER_VALUE',
      );
      expectMlflowError(await api.post('/model-versions/transition-stage', { name: 'mv-model', version: '404', stage: 'Staging' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.post('/registered-models/get-latest-versions', { name: 'ghost' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('sets, moves, resolves and removes aliases', async () => {
      expect((await api.post('/registered-models/alias', { name: 'mv-model', alias: 'champion', version: '3' })).status).toBe(200);
      const byAlias = await api.get('/registered-models/alias', { name: 'mv-model', alias: 'champion' });
      expect(byAlias.body.model_version).toMatchObject({ version: '3', aliases: ['champion'] });
      await api.post('/registered-models/alias', { name: 'mv-model', alias: 'champion', version: '5' });
      expect((await api.get('/registered-models/alias', { name: 'mv-model', alias: 'champion' })).body.model_version.version).toBe('5');
      expect((await api.get('/model-versions/get', { name: 'mv-model', version: '3' })).body.model_version.aliases).toEqual([]);
      expect((await api.get('/registered-models/get', { name: 'mv-model' })).body.registered_model.aliases).toEqual([{ alias: 'champion', version: '5' }]);

      expect((await api.del('/registered-models/alias', { name: 'mv-model', alias: 'champion' })).status).toBe(200);
      expectMlflowError(await api.get('/registered-models/alias', { name: 'mv-model', alias: 'champion' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      // Query-string form of DELETE works too.
      await api.post('/registered-models/alias', { name: 'mv-model', alias: 'tmp', version: '1' });
      const qs = await fetch(`${t.url}/api/2.0/mlflow/registered-models/alias?name=mv-model&alias=tmp`, { method: 'DELETE', headers: { authorization: `Bearer ${WRITE_TOKEN}` } });
      expect(qs.status).toBe(200);

      for (const alias of ['latest', 'v3', 'bad alias', '']) {
        expectMlflowError(await api.post('/registered-models/alias', { name: 'mv-model', alias, version: '1' }), 400, 'INVALID_PARAMETER_VALUE');
      }
      expectMlflowError(await api.post('/registered-models/alias', { name: 'mv-model', alias: 'ok', version: '404' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.post('/registered-models/alias', { name: 'ghost', alias: 'ok', version: '1' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('resolves the download URI of a runs:/ source to the run artifact location', async () => {
      const res = await api.get('/model-versions/get-download-uri', { name: 'mv-model', version: '1' });
      expect(res.status).toBe(200);
      expect(res.body.artifact_uri).toBe(`${artifactUri}/model`);
      const direct = await api.post('/model-versions/create', { name: 'mv-other', source: 'mlflow-artifacts:/models/m1' });
      expect((await api.get('/model-versions/get-download-uri', { name: 'mv-other', version: direct.body.model_version.version })).body.artifact_uri).toBe(
        'mlflow-artifacts:/models/m1',
      );
      expectMlflowError(await api.get('/model-versions/get-download-uri', { name: 'mv-model', version: '404' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });

    it('searches versions by name, run_id and tag', async () => {
      const byName = await api.get('/model-versions/search', { filter: "name = 'mv-other'", order_by: 'version_number ASC' });
      expect(byName.status).toBe(200);
      expect(byName.body.model_versions.map((v: { version: string }) => v.version)).toEqual(['1', '2']);
      const byRun = await api.get('/model-versions/search', { filter: `run_id = '${runId}' AND name = 'mv-model'` });
      expect(byRun.body.model_versions).toHaveLength(9);
      const byTag = await api.get('/model-versions/search', { filter: "tags.acc = '0.96'" });
      expect(byTag.body.model_versions.map((v: { name: string; version: string }) => `${v.name}/${v.version}`)).toEqual(['mv-model/1']);
      const paged = await api.get('/model-versions/search', { filter: "name = 'mv-model'", max_results: 4, order_by: 'version_number DESC' });
      expect(paged.body.model_versions.map((v: { version: string }) => v.version)).toEqual(['9', '8', '7', '6']);
      expect(paged.body.next_page_token).toBeDefined();
      expectMlflowError(await api.get('/model-versions/search', { filter: "metrics.acc > 1" }), 400, 'INVALID_PARAMETER_VALUE');
    });

    it('deletes a version (and its aliases); numbers are never reused', async () => {
      await api.post('/registered-models/alias', { name: 'mv-model', alias: 'doomed', version: '9' });
      expect((await api.del('/model-versions/delete', { name: 'mv-model', version: '9' })).status).toBe(200);
      expectMlflowError(await api.get('/model-versions/get', { name: 'mv-model', version: '9' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expectMlflowError(await api.get('/registered-models/alias', { name: 'mv-model', alias: 'doomed' }), 404, 'RESOURCE_DOES_NOT_EXIST');
      expect((await createVersion('mv-model')).body.model_version.version).toBe('10');
      expectMlflowError(await api.del('/model-versions/delete', { name: 'mv-model', version: '9' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    });
  });
});
