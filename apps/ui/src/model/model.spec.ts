import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { closedPort, fakeServer, json } from '../test-support/fake-server';
import { fakeSpaBuild, startTestUi } from '../test-support/test-app';
import { finiteMetrics, isEvaluationPlot, isRunId } from './model-registry.service';

const RUN1 = 'a'.repeat(32);
const RUN2 = 'b'.repeat(32);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="1" height="1"/></svg>';

/** Just enough of mlflow-proxy: model-version search, runs, artifact listing and download. */
function fakeMlflow(req: { method: string; url: string; headers: Record<string, unknown> }, res: import('node:http').ServerResponse) {
  if (req.headers['authorization'] !== 'Bearer read-token') return json(res, 401, { error_code: 'UNAUTHENTICATED', message: 'no' });
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/api/2.0/mlflow/model-versions/search') {
    return json(res, 200, {
      model_versions: [
        { name: 'battle-winner', version: '1', run_id: RUN1, aliases: [], creation_timestamp: 1_700_000_000_000, status: 'READY', tags: [{ key: 'dataset_version', value: 'ds-1' }, { key: 'secret', value: 'x' }] },
        { name: 'battle-winner', version: '2', run_id: RUN2, aliases: ['champion'], creation_timestamp: 1_700_000_100_000, status: 'READY' },
        { name: 'other-model', version: '9', run_id: RUN2 },
      ],
    });
  }
  if (url.pathname === '/api/2.0/mlflow/runs/get') {
    const id = url.searchParams.get('run_id');
    return json(res, 200, {
      run: {
        info: { run_id: id, status: 'FINISHED', artifact_uri: `mlflow-artifacts:/1/${id}/artifacts` },
        data: { metrics: [{ key: 'test_accuracy', value: id === RUN1 ? 0.9 : 0.95 }, { key: 'test_ece', value: 'NaN' }] },
      },
    });
  }
  if (url.pathname === '/api/2.0/mlflow/artifacts/list') {
    const id = url.searchParams.get('run_id');
    return json(res, 200, { files: id === RUN2 ? [{ path: 'evaluation/calibration.svg' }, { path: 'evaluation/confusion-matrix.svg' }] : [] });
  }
  if (url.pathname === `/api/2.0/mlflow-artifacts/artifacts/1/${RUN2}/artifacts/evaluation/calibration.svg`) {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    return res.end(SVG);
  }
  return json(res, 404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'none' });
}

describe('BFF /bff/model/* (mlflow-proxy)', () => {
  const spa = fakeSpaBuild();
  let mlflow: Awaited<ReturnType<typeof fakeServer>>;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    mlflow = await fakeServer((req, res) => fakeMlflow(req, res));
    app = await startTestUi({ MLFLOW_TRACKING_URI: mlflow.url, MLFLOW_TRACKING_TOKEN: 'read-token', UI_STATIC_DIR: spa.dir, API_URL: `http://127.0.0.1:${await closedPort()}` });
  });
  afterAll(async () => {
    await app.close();
    await mlflow.close();
    spa.remove();
  });

  it('lists the versions of the model, newest first, with their runs finite metrics and shown tags', async () => {
    const res = await app.inject('/bff/model/versions');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      model: 'battle-winner',
      items: [
        { version: '2', aliases: ['champion'], status: 'READY', created_at: new Date(1_700_000_100_000).toISOString(), run_id: RUN2, metrics: { test_accuracy: 0.95 }, tags: {}, has_evaluation_plots: true },
        { version: '1', aliases: [], status: 'READY', created_at: new Date(1_700_000_000_000).toISOString(), run_id: RUN1, metrics: { test_accuracy: 0.9 }, tags: { dataset_version: 'ds-1' }, has_evaluation_plots: false },
      ],
    });
    expect(new URL(mlflow.seen[0].url, 'http://x').searchParams.get('filter')).toBe("name='battle-winner'");
  });

  it('relays an evaluation plot as an inert image', async () => {
    const res = await app.inject(`/bff/model/runs/${RUN2}/evaluation/calibration.svg`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(SVG);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('relays nothing but the two plots of a well-formed run id', async () => {
    const before = mlflow.seen.length;
    for (const url of [`/bff/model/runs/${RUN2}/evaluation/report.html`, `/bff/model/runs/${RUN2}/evaluation/metrics.json`, '/bff/model/runs/bad%20id!/evaluation/calibration.svg']) {
      expect((await app.inject(url)).statusCode).toBe(404);
    }
    expect(mlflow.seen.length).toBe(before);
  });

  it('answers 404 for a run without the plot', async () => {
    const res = await app.inject(`/bff/model/runs/${RUN1}/evaluation/confusion-matrix.svg`);
    expect(res.statusCode).toBe(404);
  });
});

describe('BFF /bff/model/* with the registry down or refusing', () => {
  const spa = fakeSpaBuild();

  afterAll(() => spa.remove());

  it('answers 503 "the model registry is unreachable"', async () => {
    const app = await startTestUi({ MLFLOW_TRACKING_URI: `http://127.0.0.1:${await closedPort()}`, UI_STATIC_DIR: spa.dir });
    const res = await app.inject('/bff/model/versions');
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toBe('the model registry is unreachable');
    await app.close();
  });

  it('answers 503 too when its token is refused (and says why in the log only)', async () => {
    const mlflow = await fakeServer((req, res) => fakeMlflow(req, res));
    const app = await startTestUi({ MLFLOW_TRACKING_URI: mlflow.url, MLFLOW_TRACKING_TOKEN: 'wrong', UI_STATIC_DIR: spa.dir });
    const res = await app.inject('/bff/model/versions');
    expect(res.statusCode).toBe(503);
    await app.close();
    await mlflow.close();
  });
});

describe('model registry helpers', () => {
  it('accepts only the evaluation plots and plain run ids', () => {
    expect(isEvaluationPlot('calibration.svg')).toBe(true);
    expect(isEvaluationPlot('confusion-matrix.svg')).toBe(true);
    expect(isEvaluationPlot('../model/model.json')).toBe(false);
    expect(isRunId(RUN1)).toBe(true);
    expect(isRunId('../x')).toBe(false);
    expect(isRunId('')).toBe(false);
  });

  it('keeps finite metrics only', () => {
    expect(finiteMetrics([{ key: 'a', value: 1 }, { key: 'b', value: 'NaN' }, { key: 'c', value: 'Infinity' }, { key: 'd', value: '0.5' }])).toEqual({ a: 1, d: 0.5 });
    expect(finiteMetrics(undefined)).toEqual({});
  });
});
