import { expectMlflowError, jsonOf, MlflowHttp, mlflowHttp } from './mlflow-http';
import { TestApp, WRITE_TOKEN, startTestApp } from './test-app';

describe('experiments (embedded, real PostgreSQL)', () => {
  let t: TestApp;
  let api: MlflowHttp;
  let ajax: MlflowHttp;

  beforeAll(async () => {
    t = await startTestApp('experiments');
    api = mlflowHttp(t.url, WRITE_TOKEN);
    ajax = mlflowHttp(t.url, WRITE_TOKEN, '/ajax-api/2.0/mlflow');
  });
  afterAll(() => t.close());

  it('has the Default experiment, id "0", from the migration', async () => {
    const res = await api.get('/experiments/get', { experiment_id: '0' });
    expect(res.status).toBe(200);
    expect(res.body.experiment).toMatchObject({ experiment_id: '0', name: 'Default', lifecycle_stage: 'active', artifact_location: 'mlflow-artifacts:/0' });
  });

  it('creates, gets by id and by name, with tags; ids are strings', async () => {
    const created = await api.post('/experiments/create', { name: 'exp-a', tags: [{ key: 'team', value: 'ml' }] });
    expect(created.status).toBe(200);
    expect(created.body.experiment_id).toMatch(/^[1-9]\d*$/);
    const id = created.body.experiment_id;

    const byId = await api.get('/experiments/get', { experiment_id: id });
    expect(byId.body.experiment).toMatchObject({
      experiment_id: id,
      name: 'exp-a',
      lifecycle_stage: 'active',
      artifact_location: `mlflow-artifacts:/${id}`,
      tags: [{ key: 'team', value: 'ml' }],
    });
    expect(typeof byId.body.experiment.creation_time).toBe('number');

    const byName = await api.get('/experiments/get-by-name', { experiment_name: 'exp-a' });
    expect(byName.body.experiment.experiment_id).toBe(id);
    // Same API under the UI's prefix.
    expect((await ajax.get('/experiments/get', { experiment_id: id })).body.experiment.name).toBe('exp-a');
  });

  it('errors as MLflow does', async () => {
    expectMlflowError(await api.post('/experiments/create', { name: 'exp-a' }), 400, 'RESOURCE_ALREADY_EXISTS');
    expectMlflowError(await api.post('/experiments/create', {}), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('/experiments/create', { name: '' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('/experiments/create', { name: 'x', artifact_location: 'runs:/abc' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('/experiments/create', { name: 'y', artifact_location: 'mlflow-artifacts:/../../etc' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.get('/experiments/get', { experiment_id: '987654' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectMlflowError(await api.get('/experiments/get', { experiment_id: 'not-a-number' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectMlflowError(await api.get('/experiments/get', {}), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.get('/experiments/get-by-name', { experiment_name: 'nope' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectMlflowError(await api.get('/experiments/no-such-endpoint'), 404, 'ENDPOINT_NOT_FOUND');
  });

  it('refuses malformed JSON with MLflow error shape', async () => {
    const res = await fetch(`${t.url}/api/2.0/mlflow/experiments/create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${WRITE_TOKEN}`, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(res.status).toBe(400);
    const body = await jsonOf(res);
    expect(body.error_code).toBe('BAD_REQUEST');
  });

  it('renames (update) and refuses taken names and deleted experiments', async () => {
    const id = (await api.post('/experiments/create', { name: 'exp-rename' })).body.experiment_id;
    expect((await api.post('/experiments/update', { experiment_id: id, new_name: 'exp-renamed' })).status).toBe(200);
    expect((await api.get('/experiments/get', { experiment_id: id })).body.experiment.name).toBe('exp-renamed');
    expectMlflowError(await api.post('/experiments/update', { experiment_id: id, new_name: 'exp-a' }), 400, 'RESOURCE_ALREADY_EXISTS');
    expectMlflowError(await api.post('/experiments/update', { experiment_id: '424242', new_name: 'z' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('deletes and restores, with the runs deleted alongside', async () => {
    const id = (await api.post('/experiments/create', { name: 'exp-del' })).body.experiment_id;
    const keep = (await api.post('/runs/create', { experiment_id: id })).body.run.info.run_id;
    const alreadyDeleted = (await api.post('/runs/create', { experiment_id: id })).body.run.info.run_id;
    await api.post('/runs/delete', { run_id: alreadyDeleted });

    expect((await api.post('/experiments/delete', { experiment_id: id })).status).toBe(200);
    const deleted = await api.get('/experiments/get', { experiment_id: id });
    expect(deleted.body.experiment.lifecycle_stage).toBe('deleted');
    expect((await api.get('/runs/get', { run_id: keep })).body.run.info.lifecycle_stage).toBe('deleted');
    expectMlflowError(await api.post('/runs/create', { experiment_id: id }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('/experiments/set-experiment-tag', { experiment_id: id, key: 'k', value: 'v' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('/experiments/update', { experiment_id: id, new_name: 'x2' }), 400, 'INVALID_PARAMETER_VALUE');
    // The name stays taken while deleted.
    expectMlflowError(await api.post('/experiments/create', { name: 'exp-del' }), 400, 'RESOURCE_ALREADY_EXISTS');

    expect((await api.post('/experiments/restore', { experiment_id: id })).status).toBe(200);
    expect((await api.get('/experiments/get', { experiment_id: id })).body.experiment.lifecycle_stage).toBe('active');
    // Restores what the delete deleted, not the run deleted before it.
    expect((await api.get('/runs/get', { run_id: keep })).body.run.info.lifecycle_stage).toBe('active');
    expect((await api.get('/runs/get', { run_id: alreadyDeleted })).body.run.info.lifecycle_stage).toBe('deleted');
    expectMlflowError(await api.post('/experiments/restore', { experiment_id: id }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('/experiments/delete', { experiment_id: '0' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('/experiments/delete', { experiment_id: '999999' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('sets and overwrites experiment tags, deletes them', async () => {
    const id = (await api.post('/experiments/create', { name: 'exp-tags' })).body.experiment_id;
    await api.post('/experiments/set-experiment-tag', { experiment_id: id, key: 'stage', value: 'dev' });
    await api.post('/experiments/set-experiment-tag', { experiment_id: id, key: 'stage', value: 'prod' });
    await api.post('/experiments/set-experiment-tag', { experiment_id: id, key: 'owner', value: 'ml' });
    const tags = (await api.get('/experiments/get', { experiment_id: id })).body.experiment.tags;
    expect(tags).toEqual([
      { key: 'owner', value: 'ml' },
      { key: 'stage', value: 'prod' },
    ]);
    expectMlflowError(await api.post('/experiments/set-experiment-tag', { experiment_id: id, key: '../x', value: 'v' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('/experiments/set-experiment-tag', { experiment_id: '31337', key: 'k', value: 'v' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expect((await api.post('/experiments/delete-experiment-tag', { experiment_id: id, key: 'owner' })).status).toBe(200);
    expectMlflowError(await api.post('/experiments/delete-experiment-tag', { experiment_id: id, key: 'owner' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('searches with filter, order_by, max_results and page_token (GET and POST)', async () => {
    for (const n of ['srch-b', 'srch-a', 'srch-c', 'other-1']) {
      await api.post('/experiments/create', { name: n, tags: n === 'srch-c' ? [{ key: 'pick', value: 'yes' }] : [] });
    }
    const like = await api.post('/experiments/search', { filter: "name LIKE 'srch-%'", order_by: ['name DESC'] });
    expect(like.status).toBe(200);
    expect(like.body.experiments.map((e: { name: string }) => e.name)).toEqual(['srch-c', 'srch-b', 'srch-a']);

    const byTag = await api.get('/experiments/search', { filter: "tags.pick = 'yes'" });
    expect(byTag.body.experiments.map((e: { name: string }) => e.name)).toEqual(['srch-c']);

    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await api.get('/experiments/search', { filter: "name LIKE 'srch-%'", order_by: 'name ASC', max_results: 2, page_token: token });
      names.push(...page.body.experiments.map((e: { name: string }) => e.name));
      token = page.body.next_page_token;
    } while (token);
    expect(names).toEqual(['srch-a', 'srch-b', 'srch-c']);

    const deletedId = (await api.get('/experiments/get-by-name', { experiment_name: 'other-1' })).body.experiment.experiment_id;
    await api.post('/experiments/delete', { experiment_id: deletedId });
    const onlyDeleted = await api.post('/experiments/search', { view_type: 'DELETED_ONLY' });
    expect(onlyDeleted.body.experiments.map((e: { name: string }) => e.name)).toContain('other-1');
    const active = await api.post('/experiments/search', { max_results: 1000 });
    expect(active.body.experiments.map((e: { name: string }) => e.name)).not.toContain('other-1');

    expectMlflowError(await api.post('/experiments/search', { filter: 'name = ' }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('/experiments/search', { filter: "foo.bar = 'x'" }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('/experiments/search', { order_by: ['nonsense'] }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('/experiments/search', { max_results: 0 }), 400, 'INVALID_PARAMETER_VALUE');
    expectMlflowError(await api.post('/experiments/search', { page_token: 'garbage!' }), 400, 'INVALID_PARAMETER_VALUE');
  });
});
