import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { join, relative } from 'node:path';
import { expectMlflowError, jsonOf, MlflowHttp, mlflowHttp } from './mlflow-http';
import { READ_TOKEN, TestApp, WRITE_TOKEN, startTestApp } from './test-app';

const ARTIFACTS = '/api/2.0/mlflow-artifacts/artifacts';

/** A request with the path sent exactly as given (fetch would normalise `..` away). */
function raw(base: string, method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, headers: { authorization: `Bearer ${WRITE_TOKEN}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function tree(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    out.push(relative(base, p) + (e.isDirectory() ? '/' : ''));
    if (e.isDirectory() && !e.isSymbolicLink()) out.push(...(await tree(p, base)));
  }
  return out.sort();
}

const sha = (b: Buffer | ArrayBuffer) => createHash('sha256').update(Buffer.from(b as ArrayBuffer)).digest('hex');

describe('artifacts (embedded)', () => {
  let t: TestApp;
  let api: MlflowHttp;
  let runId: string;
  let runPath: string;

  const put = (path: string, body: Buffer | string, contentType = 'application/octet-stream', token = WRITE_TOKEN) =>
    fetch(`${t.url}${ARTIFACTS}/${path}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
  const get = (path: string) => fetch(`${t.url}${ARTIFACTS}/${path}`, { headers: { authorization: `Bearer ${WRITE_TOKEN}` } });

  beforeAll(async () => {
    t = await startTestApp('artifacts');
    api = mlflowHttp(t.url, WRITE_TOKEN);
    const run = (await api.post('/runs/create', { experiment_id: '0' })).body.run.info;
    runId = run.run_id;
    runPath = run.artifact_uri.replace('mlflow-artifacts:/', '');
  });
  afterAll(() => t.close());

  it('uploads raw bytes whatever the Content-Type, downloads them unchanged', async () => {
    const json = '{"not": "parsed by the server"}';
    expect((await put(`${runPath}/model/MLmodel`, 'flavor: xgboost\n', 'text/plain')).status).toBe(200);
    expect((await put(`${runPath}/metrics.json`, json, 'application/json')).status).toBe(200);
    const res = await get(`${runPath}/metrics.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.text()).toBe(json);
    // Overwrite is allowed (PUT semantics).
    await put(`${runPath}/metrics.json`, '{}', 'application/json');
    expect(await (await get(`${runPath}/metrics.json`)).text()).toBe('{}');
  });

  it('uploads 50 MB and downloads it byte-identical', async () => {
    const data = randomBytes(50 * 1024 * 1024);
    const up = await put(`${runPath}/model/model.xgb`, data);
    expect(up.status).toBe(200);
    const down = await get(`${runPath}/model/model.xgb`);
    expect(down.status).toBe(200);
    expect(Number(down.headers.get('content-length'))).toBe(data.length);
    const bytes = await down.arrayBuffer();
    expect(bytes.byteLength).toBe(data.length);
    expect(sha(bytes)).toBe(sha(data));
  });

  it('lists a directory (?path=) and a run (artifacts/list)', async () => {
    const list = await fetch(`${t.url}${ARTIFACTS}?path=${encodeURIComponent(`${runPath}/model`)}`, { headers: { authorization: `Bearer ${WRITE_TOKEN}` } });
    expect(await jsonOf(list)).toEqual({
      files: [
        { path: 'MLmodel', is_dir: false, file_size: 16 },
        { path: 'model.xgb', is_dir: false, file_size: 50 * 1024 * 1024 },
      ],
    });
    const runRoot = await api.get('/artifacts/list', { run_id: runId });
    expect(runRoot.body).toEqual({
      root_uri: `mlflow-artifacts:/${runPath}`,
      files: [
        { path: 'metrics.json', is_dir: false, file_size: 2 },
        { path: 'model', is_dir: true },
      ],
    });
    const sub = await api.get('/artifacts/list', { run_id: runId, path: 'model' });
    expect(sub.body.files.map((f: { path: string }) => f.path)).toEqual(['model/MLmodel', 'model/model.xgb']);
    expect((await api.get('/artifacts/list', { run_id: runId, path: 'nothing-here' })).body.files).toEqual([]);
    expectMlflowError(await api.get('/artifacts/list', { run_id: 'f'.repeat(32) }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectMlflowError(await api.get('/artifacts/list', { run_id: runId, path: '../..' }), 400, 'INVALID_PARAMETER_VALUE');
    // The upload staging area is never listed.
    const top = await jsonOf(await fetch(`${t.url}${ARTIFACTS}`, { headers: { authorization: `Bearer ${WRITE_TOKEN}` } }));
    expect(top.files.map((f: { path: string }) => f.path)).not.toContain('.uploads');
  });

  it('deletes files and directories; missing paths 404 on download', async () => {
    await put(`${runPath}/tmp/a.txt`, 'a');
    await put(`${runPath}/tmp/b/c.txt`, 'c');
    expect((await fetch(`${t.url}${ARTIFACTS}/${runPath}/tmp/a.txt`, { method: 'DELETE', headers: { authorization: `Bearer ${WRITE_TOKEN}` } })).status).toBe(200);
    expect((await get(`${runPath}/tmp/a.txt`)).status).toBe(404);
    expect((await fetch(`${t.url}${ARTIFACTS}/${runPath}/tmp`, { method: 'DELETE', headers: { authorization: `Bearer ${WRITE_TOKEN}` } })).status).toBe(200);
    const gone = await get(`${runPath}/tmp/b/c.txt`);
    expect(gone.status).toBe(404);
    expect((await jsonOf(gone)).error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    const dir = await get(`${runPath}/model`);
    expect(dir.status).toBe(400);
  });

  it('never lets a path escape the artifact root', async () => {
    const outside = join(t.sandbox, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'secret.txt'), 'do not read');
    // A symlink planted inside the root that points outside it.
    await symlink(outside, join(t.artifactRoot, 'link'));
    const before = await tree(t.sandbox);

    const attempts = [
      '../outside/evil.txt',
      '../../evil.txt',
      'a/../../outside/evil.txt',
      '%2e%2e/outside/evil.txt',
      '%2E%2E%2Foutside%2Fevil.txt',
      '..%2foutside%2fevil.txt',
      '%252e%252e%252foutside%252fevil.txt',
      '..%5coutside%5cevil.txt',
      '/etc/evil.txt',
      '%2Fetc%2Fevil.txt',
      'C:/evil.txt',
      'a/%00/evil.txt',
      '.uploads/evil.txt',
      'link/evil.txt',
      'link/secret.txt',
    ];
    for (const p of attempts) {
      const up = await raw(t.url, 'PUT', `${ARTIFACTS}/${p}`, 'evil');
      expect({ p, status: up.status }).toEqual({ p, status: 400 });
      expect(JSON.parse(up.body).error_code).toBe('INVALID_PARAMETER_VALUE');
      const down = await raw(t.url, 'GET', `${ARTIFACTS}/${p}`);
      expect({ p, status: down.status }).toEqual({ p, status: 400 });
      const del = await raw(t.url, 'DELETE', `${ARTIFACTS}/${p}`);
      expect({ p, status: del.status }).toEqual({ p, status: 400 });
    }
    for (const p of ['..', '../outside', '%2e%2e', 'link', '/etc']) {
      const list = await raw(t.url, 'GET', `${ARTIFACTS}?path=${encodeURIComponent(p)}`);
      expect({ p, status: list.status }).toEqual({ p, status: 400 });
    }
    // Nothing new anywhere in the sandbox, and the secret is untouched.
    expect(await tree(t.sandbox)).toEqual(before);
    expect(existsSync(join(outside, 'evil.txt'))).toBe(false);
  });

  it('leaves nothing behind when an upload is aborted half-way', async () => {
    const { hostname, port } = new URL(t.url);
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: hostname,
        port,
        method: 'PUT',
        path: `${ARTIFACTS}/${runPath}/aborted.bin`,
        headers: { authorization: `Bearer ${WRITE_TOKEN}`, 'content-length': String(10 * 1024 * 1024) },
      });
      req.on('error', () => resolve());
      req.write(randomBytes(256 * 1024), () => setTimeout(() => req.destroy(), 100));
      req.on('close', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 300));
    expect((await get(`${runPath}/aborted.bin`)).status).toBe(404);
    expect(await readdir(join(t.artifactRoot, '.uploads'))).toEqual([]);
  });

  it('needs a token, and write scope to change anything', async () => {
    expect((await put(`${runPath}/x.txt`, 'x', 'text/plain', 'wrong-token')).status).toBe(401);
    const ro = await put(`${runPath}/x.txt`, 'x', 'text/plain', READ_TOKEN);
    expect(ro.status).toBe(403);
    expect((await jsonOf(ro)).error_code).toBe('PERMISSION_DENIED');
    const read = await fetch(`${t.url}${ARTIFACTS}/${runPath}/metrics.json`, { headers: { authorization: `Bearer ${READ_TOKEN}` } });
    expect(read.status).toBe(200);
  });

  describe('size limits', () => {
    let small: TestApp;
    beforeAll(async () => {
      small = await startTestApp('artifact_limits', { MLFLOW_MAX_ARTIFACT_BYTES: '1000', MLFLOW_MAX_JSON_BYTES: '2000' });
    });
    afterAll(() => small.close());

    it('refuses oversized uploads (declared or streamed) with 413 and keeps no partial file', async () => {
      const auth = { authorization: `Bearer ${WRITE_TOKEN}` };
      const declared = await fetch(`${small.url}${ARTIFACTS}/a/big.bin`, { method: 'PUT', headers: auth, body: randomBytes(1001) });
      expect(declared.status).toBe(413);
      expect((await jsonOf(declared)).error_code).toBe('RESOURCE_EXHAUSTED');
      // Chunked: no Content-Length, the limit trips while streaming.
      const chunks = (async function* () {
        for (let i = 0; i < 5; i++) yield randomBytes(400);
      })();
      const streamed = await fetch(`${small.url}${ARTIFACTS}/a/streamed.bin`, { method: 'PUT', headers: auth, body: chunks as never, duplex: 'half' } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(await tree(small.artifactRoot)).toEqual(['.uploads/']);
      expect((await fetch(`${small.url}${ARTIFACTS}/a/ok.bin`, { method: 'PUT', headers: auth, body: randomBytes(1000) })).status).toBe(200);
    });

    it('refuses JSON bodies over MLFLOW_MAX_JSON_BYTES', async () => {
      const res = await fetch(`${small.url}/api/2.0/mlflow/experiments/create`, {
        method: 'POST',
        headers: { authorization: `Bearer ${WRITE_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(3000) }),
      });
      expect(res.status).toBe(413);
      expect((await jsonOf(res)).error_code).toBe('RESOURCE_EXHAUSTED');
    });
  });
});
